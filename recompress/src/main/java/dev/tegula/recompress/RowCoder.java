package dev.tegula.recompress;

/** Codes bands of MCU rows of a coefficient image on their own (format-jpeg.md §7). */
interface RowCoder {
  byte[] encode(CoefficientImage img, int rowStart, int rowEnd);

  /**
   * Fills the rows, which must be zero on entry: a coder writes the coded coefficients only (the
   * callers decode into a fresh image or clear it first; zeroing each block again cost content
   * 2's restore 2-3 %). Throws a {@code TegulaException} on damaged data.
   */
  void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart, int rowEnd);
}
