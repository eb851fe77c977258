package dev.tegula.wasm;

import dev.tegula.core.BufferTarget;
import java.nio.ByteBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Decoded pixels in the module's linear memory, where JavaScript copies them out with one {@code
 * slice}. A Java {@code byte[]} lives in the GC heap instead, and crossing it to JavaScript reads
 * it one element at a time: a third of a large decode (docs/benchmarks.md). One direct buffer is
 * kept and reused, grown when an image needs more; linear memory never shrinks, so a worker holds
 * what its largest image took.
 */
final class LinearPixels {
  private ByteBuffer memory;
  /** Bytes of pixels waiting in the buffer, 0 when none wait. */
  private int waiting;

  /** A target for one decode into the buffer; the pixels wait once the decode succeeded. */
  BufferTarget target() {
    waiting = 0;
    return new BufferTarget() {
      @Override
      protected ByteBuffer buffer(int bytes) {
        if (memory == null || memory.capacity() < bytes) {
          memory = null; // the old one can go before the new one is made
          memory = ByteBuffer.allocateDirect(bytes);
        }
        return memory;
      }
    };
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
