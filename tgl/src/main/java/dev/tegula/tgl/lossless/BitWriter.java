package dev.tegula.tgl.lossless;

/**
 * Writes bits least significant first into bytes (format-lossless.md §9.1): the side information
 * and the raw low bits of the fast method. A 64-bit accumulator keeps the per-sample cost to a
 * shift and an OR.
 */
final class BitWriter {
  private byte[] out;
  private int length;
  private long buffer;
  private int count;

  BitWriter(int expectedBytes) {
    out = new byte[Math.max(16, expectedBytes)];
  }

  /** Appends the low {@code n} bits of {@code value} (n ≤ 32), lowest first. */
  void write(int value, int n) {
    if (n == 0) {
      return;
    }
    buffer |= (value & ((1L << n) - 1)) << count;
    count += n;
    if (count >= 32) {
      ensure(4);
      out[length] = (byte) buffer;
      out[length + 1] = (byte) (buffer >>> 8);
      out[length + 2] = (byte) (buffer >>> 16);
      out[length + 3] = (byte) (buffer >>> 24);
      length += 4;
      buffer >>>= 32;
      count -= 32;
    }
  }

  /** Pads the last byte with zero bits; returns the bytes written. */
  byte[] finish() {
    ensure(8);
    while (count > 0) {
      out[length++] = (byte) buffer;
      buffer >>>= 8;
      count -= 8;
    }
    count = 0;
    buffer = 0;
    return java.util.Arrays.copyOf(out, length);
  }

  private void ensure(int more) {
    if (length + more > out.length) {
      out = java.util.Arrays.copyOf(out, Math.max(Math.multiplyExact(out.length, 2), length + more));
    }
  }
}
