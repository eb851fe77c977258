package dev.tegula.tgl.lossless;

/**
 * Reads bits least significant first (format-lossless.md §9.1), the mirror of
 * {@link BitWriter}. Past the end of its bytes it reads zeros and counts them, so damaged data
 * costs bounded time; callers check {@link #overrun()}.
 */
final class BitReader {
  private final byte[] data;
  private final int start;
  private final int end;
  private int pos;
  private long buffer;
  private int count;
  private int overrun;

  /** Reads {@code data[offset, offset + length)}; the caller has checked the bounds. */
  BitReader(byte[] data, int offset, int length) {
    this.data = data;
    this.start = offset;
    this.pos = offset;
    this.end = offset + length;
  }

  /** The next {@code n} bits (n ≤ 32) as an unsigned value, the first bit read the lowest. */
  int read(int n) {
    if (count < n) {
      refill();
    }
    int v = (int) (buffer & ((1L << n) - 1));
    buffer >>>= n;
    count -= n;
    return v;
  }

  private void refill() {
    while (count <= 56) {
      int b;
      if (pos < end) {
        b = data[pos++] & 0xFF;
      } else {
        b = 0;
        overrun++;
      }
      buffer |= (long) b << count;
      count += 8;
    }
  }

  /** Bytes from the start to the end of the last byte any read bit came from. */
  long bytesUsed() {
    long bits = (long) (pos - start) * 8 + (long) overrun * 8 - count;
    return (bits + 7) >> 3;
  }

  /** Bits read past the end of the data (0 for intact data). */
  long overrun() {
    long pastEnd = (long) overrun * 8 - count;
    return Math.max(0, pastEnd);
  }
}
