package dev.tegula.tgl;

/**
 * Adaptive binary range coder, decoding side; the mirror of {@link RangeEncoder}. Reading past the
 * end of the data yields zero bytes and is counted, so a damaged or cut stream decodes to garbage
 * in bounded time instead of failing mid-way; callers check {@link #overrun()} at the end (the tile
 * checksum catches damage before decoding in any case).
 */
public final class RangeDecoder {
  private static final int PROB_BITS = RangeEncoder.PROB_BITS;
  private static final int PROB_ONE = RangeEncoder.PROB_ONE;
  private static final int ADAPT_SHIFT = RangeEncoder.ADAPT_SHIFT;
  private static final int TOP = RangeEncoder.TOP;

  private final byte[] data;
  private final int end;
  private int pos;
  private int range = 0xFFFFFFFF;
  private int code;
  private int overrun;

  /** Decodes {@code data[offset, offset + length)}. */
  public RangeDecoder(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("range outside the data");
    }
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
    for (int i = 0; i < 5; i++) {
      code = (code << 8) | next();
    }
  }

  public int decodeBit(short[] contexts, int index) {
    int p = contexts[index];
    int bound = (range >>> PROB_BITS) * p;
    int bit;
    if ((code ^ Integer.MIN_VALUE) < (bound ^ Integer.MIN_VALUE)) {
      range = bound;
      contexts[index] = (short) (p + ((PROB_ONE - p) >>> ADAPT_SHIFT));
      bit = 0;
    } else {
      code -= bound;
      range -= bound;
      contexts[index] = (short) (p - (p >>> ADAPT_SHIFT));
      bit = 1;
    }
    while ((range & -TOP) == 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
    return bit;
  }

  /** Decodes a bit coded by {@link RangeEncoder#encodeBit(int, int)} with the same {@code p}. */
  public int decodeBit(int p) {
    int bound = (range >>> PROB_BITS) * p;
    int bit;
    if ((code ^ Integer.MIN_VALUE) < (bound ^ Integer.MIN_VALUE)) {
      range = bound;
      bit = 0;
    } else {
      code -= bound;
      range -= bound;
      bit = 1;
    }
    while ((range & -TOP) == 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
    return bit;
  }

  /** Reads {@code count} (at most 31) bits coded with {@link RangeEncoder#encodeDirect}. */
  public int decodeDirect(int count) {
    int result = 0;
    for (int i = 0; i < count; i++) {
      range >>>= 1;
      int bit = (code ^ Integer.MIN_VALUE) >= (range ^ Integer.MIN_VALUE) ? 1 : 0;
      if (bit != 0) {
        code -= range;
      }
      result = (result << 1) | bit;
      while ((range & -TOP) == 0) {
        range <<= 8;
        code = (code << 8) | next();
      }
    }
    return result;
  }

  /** Bytes that were read past the end of the data (0 for an intact stream). */
  public int overrun() {
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
