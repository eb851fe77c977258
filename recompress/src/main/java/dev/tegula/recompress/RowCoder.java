package dev.tegula.recompress;

/** Codes bands of MCU rows of a coefficient image on their own (format-jpeg.md §7). */
interface RowCoder {
  byte[] encode(CoefficientImage img, int rowStart, int rowEnd);

  /** Fills the rows; throws a {@code TegulaException} on damaged data. */
  void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart, int rowEnd);
}
