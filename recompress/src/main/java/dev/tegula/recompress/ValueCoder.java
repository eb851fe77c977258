package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;

/**
 * Binarization of one signed 16-bit value (docs/format-jpeg-coefficients.md §4): the exponent
 * e = bit length of |x| in unary (at most 16 decisions), then the sign (a context per e, or a
 * direct bit), then the e - 1 bits under the leading one: the top two with a context per (e, bit
 * position), the rest direct unless a predicted magnitude guides them.
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
   * §4.1-§4.3: codes {@code value} (ignored when decoding); returns the value coded. Each
   * exponent decision is mixed from two contexts ({@code exp} and {@code exp2}, weights from
   * {@code w[wBase + 2i]}); the exponent arrays are slot-major: {@code expBase} and
   * {@code exp2Base} are set numbers, and decision i of set s is element
   * {@code s + i · (length / 16)}. {@code sign} null codes the sign as a direct bit, else with
   * context {@code sign[signIdx · 17 + e]}. With {@code hint} >= 0 (a predicted magnitude) every
   * mantissa bit has {@link #HINT_STATES} contexts per (e, bit) (§4.3); without, bits e - 2 and
   * e - 3 have one each and the lower ones are direct.
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
    int neg = sign == null ? mc.direct(value < 0 ? 1 : 0, 1)
        : mc.bit(sign, signIdx * 17 + i, value < 0 ? 1 : 0);
    int m = 1;
    if (hint < 0) {
      int mb = mantBase + (i << 4);
      // Below the top two mantissa bits the contexts learnt nothing a direct bit does not cost
      // (measured, format-jpeg-coefficients.md §10), and a direct bit needs no context.
      int low = Math.max(0, i - 3);
      for (int j = i - 2; j >= low; j--) {
        m = (m << 1) | mc.bit(mant, mb + j, (a >>> j) & 1);
      }
      if (low > 0) {
        m = (m << low) | mc.direct(a & ((1 << low) - 1), low);
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
