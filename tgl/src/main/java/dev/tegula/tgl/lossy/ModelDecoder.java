package dev.tegula.tgl.lossy;

/**
 * The range decoder of format.md §12 fused with the lossy mode's context adaptation
 * (docs/format-lossy.md §7.0), for speed: a context's probability and observation count share one
 * int, so a decision is one load and one store of model state, and signs skip the generic
 * direct-bit loop. Bit for bit the arithmetic of {@link dev.tegula.tgl.RangeDecoder} with
 * {@link CoefficientCoder}'s update rule; the encoder side stays on
 * {@link dev.tegula.tgl.RangeEncoder}. Reading past the end yields zero bytes and is counted.
 */
final class ModelDecoder {
  /** The renormalization threshold and its tests as dev.tegula.tgl.RangeEncoder explains them. */
  private static final int TOP = 1 << 24;
  /** States at or above this have seen {@link CoefficientCoder#LIMIT} bits: fixed-rate update. */
  private static final int LIMIT_STATE = CoefficientCoder.LIMIT << 16;

  private final byte[] data;
  private final int end;
  private int pos;
  private int range = 0xFFFFFFFF;
  private int code;
  private int overrun;
  /** Per context: observation count in the high half, probability of a 0 (of 4096) in the low. */
  private final int[] state;
  /**
   * {@link CoefficientCoder#RATE}, held here because under TeaVM reading another class's static
   * field first checks that the class is initialized (an indirect call).
   */
  private final int[] rate = CoefficientCoder.RATE;

  ModelDecoder(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
    for (int i = 0; i < 5; i++) {
      code = (code << 8) | next();
    }
    state = CoefficientCoder.initialState();
  }

  /**
   * One bit in adaptive context {@code i}. The decision and the coder's update are branch-free
   * (masks instead of a data-dependent branch), since the bit is as good as unpredictable; only
   * the young-context update and the renormalization branch, and both are rare or predictable.
   */
  int bit(int i) {
    int st = state[i];
    int p = st & 0xFFFF;
    int bound = (range >>> 12) * p;
    // bit = code >= bound, unsigned; m = -bit
    int bit = (int) (((code & 0xFFFFFFFFL) - (bound & 0xFFFFFFFFL)) >>> 63) ^ 1;
    int m = -bit;
    code -= bound & m;
    range = (bound & ~m) | ((range - bound) & m);
    if (st >= LIMIT_STATE) {
      // p + ((4096 - p) >>> 5) for a 0, p - (p >>> 5) for a 1
      int d = ((4096 - p) & ~m | p & m) >>> 5;
      state[i] = st + ((d ^ m) - m);
    } else {
      int n = st >>> 16;
      p += ((bit == 0 ? 4096 - p : -p) * rate[n]) >> 16;
      state[i] = ((n + 1) << 16) | (p < 32 ? 32 : p > 4064 ? 4064 : p);
    }
    if ((range & -TOP) == 0) {
      normalize();
    }
    return bit;
  }

  /** One equiprobable bit (format.md §12 direct bits), 1 = negative for signs. */
  int sign() {
    range >>>= 1;
    int bit = (int) (((code & 0xFFFFFFFFL) - (range & 0xFFFFFFFFL)) >>> 63) ^ 1;
    code -= range & -bit;
    if ((range & -TOP) == 0) {
      normalize();
    }
    return bit;
  }

  private void normalize() {
    while ((range & -TOP) == 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
  }

  /** {@code count} (at most 31) direct bits, most significant first. */
  int bits(int count) {
    int result = 0;
    for (int i = 0; i < count; i++) {
      result = (result << 1) | sign();
    }
    return result;
  }

  /** Bytes read past the end of the data (0 for an intact stream). */
  int overrun() {
    return Math.max(0, overrun - 4);
  }

  private int next() {
    if (pos < end) {
      return data[pos++] & 0xFF;
    }
    overrun++;
    return 0;
  }
}
