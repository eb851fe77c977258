package dev.tegula.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * An {@link RgbaTarget} that stores the pixels in a {@link ByteBuffer}, R, G, B, A bytes row-major
 * from index 0, a row at a time as little-endian ints. The WebAssembly build hands it a direct
 * buffer, which lives in linear memory, so JavaScript copies the image out with one {@code slice}
 * instead of reading a Java array a byte at a time.
 */
public class BufferTarget extends RgbaTarget {
  private ByteBuffer buffer;
  /** The buffer as little-endian ints: a row goes in as one bulk put. */
  private IntBuffer ints;
  private int width;
  private int height;

  @Override
  protected final void allocate(int width, int height) {
    int bytes = Math.multiplyExact(Math.multiplyExact(width, height), 4);
    buffer = buffer(bytes);
    buffer.clear(); // the ints start at index 0 whatever position a reused buffer was left at
    buffer.order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.capacity() < bytes) {
      throw new IllegalStateException("buffer(" + bytes + ") gave " + buffer.capacity());
    }
    ints = buffer.asIntBuffer();
    this.width = width;
    this.height = height;
  }

  /** A buffer of at least {@code bytes} bytes; a heap buffer unless overridden. */
  protected ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes);
  }

  @Override
  protected final void put(int first, int step, int[] px, int from, int n) {
    IntBuffer b = ints;
    if (step == 1) {
      b.position(first);
      b.put(px, from, n);
      return;
    }
    for (int i = 0, at = first; i < n; i++, at += step) {
      b.put(at, px[from + i]);
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
