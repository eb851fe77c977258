package dev.tegula.png;

/** Placeholder until the near-optimal coder lands. */
final class DeflateCoder {
  static final boolean AVAILABLE = false;

  private DeflateCoder() {}

  static byte[] zlib(byte[] data, int len, boolean thorough) {
    throw new UnsupportedOperationException();
  }
}
