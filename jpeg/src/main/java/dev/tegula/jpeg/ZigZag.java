package dev.tegula.jpeg;

/** The zig-zag sequence of T.81 Figure A.6. */
final class ZigZag {
  private ZigZag() {}

  /**
   * Natural (row-major) index of the k-th coefficient in zig-zag order, padded with 16 entries of
   * 63 as libjpeg's {@code jpeg_natural_order}: a corrupt run that carries k past 63 (at most to
   * 63 + 15) writes coefficient 63 instead of leaving the block.
   */
  static final int[] NATURAL_ORDER = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
    20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
    59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63
  };
}
