package dev.tegula.png;

import java.util.Arrays;

/** Writes bits least significant first, as deflate packs them (RFC 1951 §3.1.1). */
final class BitWriter {
  private byte[] out;
  private int size;
  private long bits;
  private int count;

  BitWriter(int capacity) {
    out = new byte[Math.max(64, capacity)];
  }

  /** Appends the low {@code n} bits of {@code value}, n at most 32. */
  void write(int value, int n) {
    bits |= (value & ((1L << n) - 1)) << count;
    count += n;
    if (count >= 32) {
      ensure(4);
      out[size] = (byte) bits;
      out[size + 1] = (byte) (bits >>> 8);
      out[size + 2] = (byte) (bits >>> 16);
      out[size + 3] = (byte) (bits >>> 24);
      size += 4;
      bits >>>= 32;
      count -= 32;
    }
  }

  /** Pads with zero bits to the next byte boundary. */
  void alignToByte() {
    while (count > 0) {
      ensure(1);
      out[size++] = (byte) bits;
      bits >>>= 8;
      count = Math.max(0, count - 8);
    }
    bits = 0;
  }

  /** Appends whole bytes; the writer must be byte-aligned. */
  void writeBytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, out, size, len);
    size += len;
  }

  int bitLength() {
    return size * 8 + count;
  }

  /** The bytes written so far; the writer must be byte-aligned. */
  byte[] toByteArray() {
    return Arrays.copyOf(out, size);
  }

  private void ensure(int n) {
    if (size + n > out.length) {
      long grown = Math.max((long) out.length * 2, (long) size + n);
      out = Arrays.copyOf(out, (int) Math.min(grown, Integer.MAX_VALUE - 64));
    }
  }
}
