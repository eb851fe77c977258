package dev.tegula.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@link RgbaTarget} that stores the pixels in a {@link ByteBuffer}, R, G, B, A bytes row-major
 * from index 0, one int store per pixel. The WebAssembly build hands it a direct buffer, which
 * lives in linear memory, so JavaScript copies the image out with one {@code slice} instead of
 * reading a Java array a byte at a time.
 */
public class BufferTarget extends RgbaTarget {
  private ByteBuffer buffer;
  private int width;
  private int height;

  @Override
  protected final void allocate(int width, int height) {
    int bytes = Math.multiplyExact(Math.multiplyExact(width, height), 4);
    buffer = buffer(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.capacity() < bytes) {
      throw new IllegalStateException("buffer(" + bytes + ") gave " + buffer.capacity());
    }
    this.width = width;
    this.height = height;
  }

  /** A buffer of at least {@code bytes} bytes; a heap buffer unless overridden. */
  protected ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes);
  }

  @Override
  protected final void put(int first, int step, int[] px, int n) {
    ByteBuffer b = buffer;
    for (int i = 0, at = first * 4, by = step * 4; i < n; i++, at += by) {
      b.putInt(at, px[i]);
    }
  }

  /** The buffer holding the pixels from index 0 (the upright image's), or null before start. */
  public final ByteBuffer buffer() {
    return buffer;
  }

  /** The upright image's width. */
  public final int width() {
    return width;
  }

  /** The upright image's height. */
  public final int height() {
    return height;
  }
}
