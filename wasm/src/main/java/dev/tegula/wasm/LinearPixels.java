package dev.tegula.wasm;

import dev.tegula.core.BufferTarget;
import java.nio.ByteBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Decoded pixels in the module's linear memory, where JavaScript copies them out with one {@code
 * slice}. A Java {@code byte[]} lives in the GC heap instead, and crossing it to JavaScript reads
 * it one element at a time: a third of a large decode (docs/benchmarks.md). The other way, a job's
 * input is staged here by JavaScript with one {@code set} and copied into a {@code byte[]} by a
 * Wasm loop. One direct buffer is kept and reused, grown when an image needs more; linear memory
 * never shrinks, so a worker holds what its largest image took.
 */
final class LinearPixels {
  /**
   * The module's one buffer, which every export shares (decode, compare, the tiles, the
   * encoder): a worker runs one job at a time and copies a job's pixels out before the next, so
   * one buffer as large as the largest image is all it ever holds.
   */
  static final LinearPixels SHARED = new LinearPixels();

  private ByteBuffer memory;
  /** Bytes of pixels waiting in the buffer, 0 when none wait. */
  private int waiting;

  /** A target for one decode into the buffer; the pixels wait once the decode succeeded. */
  BufferTarget target() {
    waiting = 0;
    return new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        return holding(bytes);
      }
    };
  }

  /**
   * A view of the buffer, at least {@code bytes} long, for JavaScript to write a job's input into
   * at once (the view is valid until the module next allocates); {@link #staged} reads it back.
   * Pixels still waiting are dropped.
   */
  Int8Array stage(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a negative input size");
    }
    waiting = 0;
    return Int8Array.fromJavaBuffer(holding(bytes));
  }

  /** A copy of the {@code length} staged bytes at {@code from}, as the codec takes its input. */
  byte[] staged(int from, int length) {
    if (memory == null || from < 0 || length < 0 || from > memory.capacity() - length) {
      throw new IllegalArgumentException("the input lies outside what was staged");
    }
    byte[] copy = new byte[length];
    ByteBuffer view = memory.duplicate();
    view.position(from);
    view.get(copy);
    return copy;
  }

  /**
   * Copies pixels made as a {@code byte[]} (a compare's heatmap) into the buffer, where they wait
   * for {@link #take}: a Wasm loop and one {@code slice}, instead of a crossing per element.
   */
  void hold(byte[] pixels) {
    waiting = 0;
    holding(pixels.length).duplicate().put(pixels);
    waiting = pixels.length;
  }

  /** The buffer, grown first when it holds fewer than {@code bytes} bytes. */
  private ByteBuffer holding(int bytes) {
    if (memory == null || memory.capacity() < bytes) {
      memory = null; // the old one can go before the new one is made
      memory = ByteBuffer.allocateDirect(Math.max(bytes, 1));
    }
    return memory;
  }

  /** Marks {@code bytes} bytes of the buffer as the waiting pixels. */
  void ready(int bytes) {
    waiting = bytes;
  }

  void clear() {
    waiting = 0;
  }

  /**
   * A view of the whole buffer, the waiting pixels from index 0 (their length is width x height
   * x 4 of the decode's reply), or null when none wait; nothing waits afterwards. The view is
   * valid until the module next allocates: copy it out at once.
   */
  Int8Array take() {
    if (waiting == 0) {
      return null;
    }
    waiting = 0;
    return Int8Array.fromJavaBuffer(memory);
  }
}
