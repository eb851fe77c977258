package dev.tegula.jpeg;

/**
 * Quantization (T.81 §A.3.4): each DCT coefficient divided by its table entry and rounded to the
 * nearest integer, turning a block of raw coefficients (natural order, times 8, as
 * {@link ForwardDct} leaves them) into zig-zag ordered quantized values in place.
 */
final class Quantizer {
  private Quantizer() {}

  /** AC magnitudes beyond 10 bits and DC beyond 11 have no Huffman category in 8-bit JPEG. */
  static final int MAX_AC = 1023;
  static final int MAX_DC = 2047;

  /**
   * Quantizes the block at {@code coef[off]} in place with rounding to nearest.
   *
   * @param div 8 * table value per natural index
   * @param tmp 64 ints of workspace
   */
  static void quantize(short[] coef, int off, int[] div, int[] tmp) {
    for (int k = 0; k < 64; k++) {
      int n = ZigZag.NATURAL_ORDER[k];
      int v = coef[off + n];
      int d = div[n];
      int a = v < 0 ? -v : v;
      int q = (a + (d >> 1)) / d;
      int max = k == 0 ? MAX_DC : MAX_AC;
      if (q > max) {
        q = max;
      }
      tmp[k] = v < 0 ? -q : q;
    }
    for (int k = 0; k < 64; k++) {
      coef[off + k] = (short) tmp[k];
    }
  }

  /**
   * Quantizes with a dead zone: an AC coefficient whose magnitude is below {@code threshold}/256
   * of its step becomes 0 (the rest round to nearest). Zeros are the cheapest symbols, and where
   * texture masks the error ({@link AdaptiveQuantization}) more of them go unseen. The zig-zag
   * result goes to {@code zz}; {@code coef} is not changed.
   */
  static void round(short[] coef, int off, int[] div, int threshold, int[] zz) {
    for (int k = 0; k < 64; k++) {
      int n = ZigZag.NATURAL_ORDER[k];
      int v = coef[off + n];
      int d = div[n];
      int a = v < 0 ? -v : v;
      int q;
      if (k > 0 && a * 256L < (long) threshold * d) {
        q = 0;
      } else {
        q = (a + (d >> 1)) / d;
        int max = k == 0 ? MAX_DC : MAX_AC;
        if (q > max) {
          q = max;
        }
      }
      zz[k] = v < 0 ? -q : q;
    }
  }

  /** {@link #round} in place. */
  static void quantize(short[] coef, int off, int[] div, int threshold, int[] tmp) {
    round(coef, off, div, threshold, tmp);
    for (int k = 0; k < 64; k++) {
      coef[off + k] = (short) tmp[k];
    }
  }

  static int[] divisors(int[] table) {
    int[] d = new int[64];
    for (int i = 0; i < 64; i++) {
      d[i] = 8 * table[i];
    }
    return d;
  }
}
