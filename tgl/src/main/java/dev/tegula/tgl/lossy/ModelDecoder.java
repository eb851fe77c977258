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
  private static final int TOP = 1 << 24;

  private final byte[] data;
  private final int end;
  private int pos;
  private int range = 0xFFFFFFFF;
  private int code;
  private int overrun;
  /** Per context: observation count in the high half, probability of a 0 (of 4096) in the low. */
  private final int[] state;

  ModelDecoder(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
    for (int i = 0; i < 5; i++) {
      code = (code << 8) | next();
    }
    state = CoefficientCoder.initialState();
  }

  /** One bit in adaptive context {@code i}. */
  int bit(int i) {
    int st = state[i];
    int p = st & 0xFFFF;
    int n = st >>> 16;
    int bound = (range >>> 12) * p;
    int bit;
    if (Integer.compareUnsigned(code, bound) < 0) {
      range = bound;
      bit = 0;
    } else {
      code -= bound;
      range -= bound;
      bit = 1;
    }
    if (n >= CoefficientCoder.LIMIT) {
      state[i] = (st & ~0xFFFF) | (bit == 0 ? p + ((4096 - p) >>> 5) : p - (p >>> 5));
    } else {
      p += ((bit == 0 ? 4096 - p : -p) * CoefficientCoder.RATE[n]) >> 16;
      state[i] = ((n + 1) << 16) | (p < 32 ? 32 : p > 4064 ? 4064 : p);
    }
    while (Integer.compareUnsigned(range, TOP) < 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
    return bit;
  }

  /** One equiprobable bit (format.md §12 direct bits), 1 = negative for signs. */
  int sign() {
    range >>>= 1;
    int bit = 0;
    if (Integer.compareUnsigned(code, range) >= 0) {
      code -= range;
      bit = 1;
    }
    while (Integer.compareUnsigned(range, TOP) < 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
    return bit;
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
