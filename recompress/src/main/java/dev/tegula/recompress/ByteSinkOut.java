package dev.tegula.recompress;

import java.util.Arrays;

/** A growable byte array for the rebuilt file. */
final class ByteSinkOut {
  private byte[] b;
  private int n;

  ByteSinkOut(int expected) {
    b = new byte[Math.max(64, expected)];
  }

  void write(int x) {
    if (n == b.length) {
      grow(1);
    }
    b[n++] = (byte) x;
  }

  void write(byte[] src, int from, int length) {
    if (b.length - n < length) {
      grow(length);
    }
    System.arraycopy(src, from, b, n, length);
    n += length;
  }

  int size() {
    return n;
  }

  /**
   * Room for {@code more} bytes after {@link #size}: the array to write them into directly; then
   * {@link #setSize} says how many were written.
   */
  byte[] reserve(int more) {
    if (b.length - n < more) {
      grow(more);
    }
    return b;
  }

  void setSize(int size) {
    n = size;
  }

  byte[] array() {
    return b;
  }

  byte[] toByteArray() {
    return n == b.length ? b : Arrays.copyOf(b, n);
  }

  private void grow(int more) {
    long need = (long) n + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new NotModellable("the rebuilt file would exceed 2 GiB");
    }
    b = Arrays.copyOf(b, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * b.length)));
  }
}
