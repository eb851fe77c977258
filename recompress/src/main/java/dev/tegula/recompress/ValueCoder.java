package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;

/**
 * Binarization of one signed 16-bit value (docs/format-jpeg-coefficients.md §4): the exponent
 * e = bit length of |x| in unary (at most 16 decisions, each its own context), then the sign (a
 * context per e), then the e - 1 bits under the leading one, a context per (e, bit position).
 */
final class ValueCoder {
  /** Exponent decisions per exponent context set. */
  static final int EXP_SLOTS = 16;
  /** Mantissa contexts per set: 17 exponents x 16 bit positions. */
  static final int MANT_SLOTS = 17 * 16;
  /** Mantissa contexts per (e, bit) when a predicted magnitude guides them (§4.3). */
  static final int HINT_STATES = 5;

  private ValueCoder() {}

  /**
   * §4.1: codes {@code value} (ignored when decoding) with one context per exponent decision;
   * returns the value coded. {@code expBase} is the first of {@link #EXP_SLOTS} contexts,
   * {@code signIdx} selects 17 sign contexts (one per e), {@code mantBase} is the first of
   * {@link #MANT_SLOTS}.
   */
  static int code(ModelCoder mc, int[] exp, int expBase, int[] sign, int signIdx, int[] mant,
      int mantBase, int value) {
    int a = value < 0 ? -value : value;
    int e = 32 - Integer.numberOfLeadingZeros(a);
    int i = 0;
    while (i < EXP_SLOTS && mc.bit(exp, expBase + i, e > i ? 1 : 0) != 0) {
      i++;
    }
    if (i == 0) {
      return 0;
    }
    int neg = mc.bit(sign, signIdx * 17 + i, value < 0 ? 1 : 0);
    int m = 1;
    int mb = mantBase + (i << 4);
    for (int j = i - 2; j >= 0; j--) {
      m = (m << 1) | mc.bit(mant, mb + j, (a >>> j) & 1);
    }
    return signed(m, neg);
  }

  /**
   * §4.2: as {@link #code}, each exponent decision mixed from two contexts ({@code exp} and
   * {@code exp2}, weights from {@code w[wBase + 2i]}); with {@code hint} >= 0 (a predicted
   * magnitude) the mantissa contexts are {@link #HINT_STATES} per (e, bit), §4.3. Here the
   * exponent arrays are slot-major: {@code expBase} and {@code exp2Base} are set numbers, and
   * decision i of set s is element {@code s + i · (length / 16)}.
   */
  static int codeMixed(ModelCoder mc, int[] exp, int expBase, int[] exp2, int exp2Base, int[] w,
      int wBase, int[] sign, int signIdx, int[] mant, int mantBase, int hint, int value) {
    int a = value < 0 ? -value : value;
    int e = 32 - Integer.numberOfLeadingZeros(a);
    // Slot-major: decision i of every set lies in one run of the array, so the first
    // decisions (nearly all of them) of all sets share a few cache lines.
    int strideA = exp.length >> 4;
    int strideB = exp2.length >> 4;
    int i = 0;
    while (i < EXP_SLOTS && mc.bit2(exp, expBase + i * strideA, exp2, exp2Base + i * strideB, w,
        wBase + 2 * i, e > i ? 1 : 0) != 0) {
      i++;
    }
    if (i == 0) {
      return 0;
    }
    int neg = mc.bit(sign, signIdx * 17 + i, value < 0 ? 1 : 0);
    int m = 1;
    if (hint < 0) {
      int mb = mantBase + (i << 4);
      for (int j = i - 2; j >= 0; j--) {
        m = (m << 1) | mc.bit(mant, mb + j, (a >>> j) & 1);
      }
    } else {
      // While the bits so far equal the predicted magnitude's, its next bit is the likely one.
      int hl = 32 - Integer.numberOfLeadingZeros(hint);
      int mb = mantBase + (i << 4) * HINT_STATES;
      for (int j = i - 2; j >= 0; j--) {
        int state;
        if (hl == i) {
          state = (hint >>> (j + 1)) == m ? 1 + ((hint >>> j) & 1) : 3;
        } else {
          state = hl > i ? 4 : 0;
        }
        m = (m << 1) | mc.bit(mant, mb + j * HINT_STATES + state, (a >>> j) & 1);
      }
    }
    return signed(m, neg);
  }

  private static int signed(int m, int neg) {
    if (m > 32767 + neg) {
      throw new MalformedInputException("coefficient magnitude " + m + " out of range", -1);
    }
    return neg != 0 ? -m : m;
  }
}
