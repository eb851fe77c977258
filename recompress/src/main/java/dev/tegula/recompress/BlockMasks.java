package dev.tegula.recompress;

/**
 * Per block of a coefficient image, which of its 64 coefficients are nonzero, as a long with
 * zigzag position k (T.81 Figure A.6) at bit 63 − k: what the {@link ScanEncoder}'s scans walk
 * instead of every coefficient. Made for a component when a scan first needs it, from the
 * coefficients in natural order (eight rows of eight, read in sequence), each row's eight bits
 * turned into zigzag positions by one table look-up.
 */
final class BlockMasks {
  /** Row r, columns as bits 0-7: the zigzag mask bits of those coefficients. */
  private static final long[] ROW_TO_ZIGZAG = new long[8 * 256];

  static {
    int[] zigzagOf = new int[64];
    for (int k = 0; k < 64; k++) {
      zigzagOf[JpegSyntax.ZIGZAG[k]] = k;
    }
    for (int row = 0; row < 8; row++) {
      for (int bits = 0; bits < 256; bits++) {
        long m = 0;
        for (int col = 0; col < 8; col++) {
          if ((bits & (1 << col)) != 0) {
            m |= 1L << (63 - zigzagOf[row * 8 + col]);
          }
        }
        ROW_TO_ZIGZAG[(row << 8) | bits] = m;
      }
    }
  }

  private final CoefficientImage img;
  private final long[][] masks;

  BlockMasks(CoefficientImage img) {
    this.img = img;
    this.masks = new long[img.components][];
  }

  /** The masks of component c's blocks, in the order of its coefficient array. */
  long[] of(int c) {
    long[] m = masks[c];
    if (m == null) {
      m = masks[c] = compute(img.coefficients[c]);
    }
    return m;
  }

  static long[] compute(short[] coef) {
    long[] out = new long[coef.length >> 6];
    for (int b = 0, off = 0; b < out.length; b++, off += 64) {
      long m = 0;
      for (int row = 0; row < 8; row++) {
        int p = off + 8 * row;
        int bits = nonzero(coef[p]) | nonzero(coef[p + 1]) << 1 | nonzero(coef[p + 2]) << 2
            | nonzero(coef[p + 3]) << 3 | nonzero(coef[p + 4]) << 4 | nonzero(coef[p + 5]) << 5
            | nonzero(coef[p + 6]) << 6 | nonzero(coef[p + 7]) << 7;
        m |= ROW_TO_ZIGZAG[(row << 8) | bits];
      }
      out[b] = m;
    }
    return out;
  }

  /** 1 for a nonzero value, else 0, without a branch. */
  private static int nonzero(int v) {
    return (v | -v) >>> 31;
  }
}
