package dev.tegula.jpeg;

import java.util.Arrays;

/** A growable byte array the encoder writes its output into. */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  void write(int b) {
    if (size == buf.length) {
      grow(1);
    }
    buf[size++] = (byte) b;
  }

  void write16(int v) {
    write(v >> 8);
    write(v);
  }

  void write(byte[] b, int off, int len) {
    if (size + len > buf.length) {
      grow(len);
    }
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void grow(int need) {
    long n = Math.max((long) buf.length * 2, (long) size + need);
    if (n > Integer.MAX_VALUE - 16) {
      n = (long) size + need;
      if (n > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("JPEG output larger than 2 GB");
      }
    }
    buf = Arrays.copyOf(buf, (int) n);
  }
}
