package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;

/**
 * Binarization of one signed 16-bit value (docs/format-jpeg-coefficients.md §4): the exponent
 * e = bit length of |x| in unary (at most 16 decisions, each its own context), then the sign, then
 * the e - 1 bits under the leading one, each with a context per (e, bit position).
 */
final class ValueCoder {
  /** Exponent decisions per exponent context set. */
  static final int EXP_SLOTS = 16;
  /** Mantissa contexts per set: 17 exponents x 16 bit positions. */
  static final int MANT_SLOTS = 17 * 16;

  private ValueCoder() {}

  /**
   * Codes {@code value} (ignored when decoding); returns the value coded. {@code expBase} is the
   * first of {@link #EXP_SLOTS} contexts, {@code mantBase} the first of {@link #MANT_SLOTS}.
   */
  static int code(ModelCoder mc, int[] exp, int expBase, int[] sign, int signIdx, int[] mant,
      int mantBase, int value) {
    int a = value < 0 ? -value : value;
    int e = 32 - Integer.numberOfLeadingZeros(a);
    int i = 0;
    while (i < EXP_SLOTS && mc.bit(exp, expBase + i, e > i ? 1 : 0) != 0) {
      i++;
    }
    e = i;
    if (e == 0) {
      return 0;
    }
    int neg = mc.bit(sign, signIdx, value < 0 ? 1 : 0);
    int m = 1;
    int mb = mantBase + (e << 4);
    for (int j = e - 2; j >= 0; j--) {
      m = (m << 1) | mc.bit(mant, mb + j, (a >>> j) & 1);
    }
    if (m > 32767 + neg) {
      throw new MalformedInputException("coefficient magnitude " + m + " out of range", -1);
    }
    return neg != 0 ? -m : m;
  }
}
