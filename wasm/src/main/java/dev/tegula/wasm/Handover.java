package dev.tegula.wasm;

/**
 * One byte array waiting for JavaScript to take it. Exports return only JSON and numbers (each
 * parameter and result crossing into JS costs a copy), so a result's bytes wait here until the
 * matching {@code take...()} export hands them over, once.
 */
final class Handover {
  private byte[] pending;

  /** Keeps {@code bytes} for the next {@link #take()} and returns them. */
  byte[] put(byte[] bytes) {
    pending = bytes;
    return bytes;
  }

  /** The waiting bytes (null when nothing waits); nothing waits afterwards. */
  byte[] take() {
    byte[] b = pending;
    pending = null;
    return b;
  }

  void clear() {
    pending = null;
  }
}
