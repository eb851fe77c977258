package dev.tegula.recompress;

/**
 * Test reference (see {@link LegacyScanEncoder}). Writes entropy-coded segments (T.81
 * §F.1.2.3): bits most significant first, a 0x00 stuffed after every 0xFF data byte
 * (§B.1.1.5), segments padded to a byte with one bits unless told otherwise, RSTn markers
 * between them.
 */
final class LegacyEntropyWriter {
  private final ByteSinkOut out;
  private long acc;
  private int count;

  LegacyEntropyWriter(ByteSinkOut out) {
    this.out = out;
  }

  /** {@code length} (0-32) low bits of {@code value}. */
  void put(int value, int length) {
    acc = (acc << length) | (value & ((1L << length) - 1));
    count += length;
    if (count >= 32) {
      drain();
    }
  }

  /** The Huffman code of {@code symbol}; a table without it means the side info is wrong. */
  void symbol(HuffmanCode t, int symbol) {
    int len = t.length[symbol];
    if (len == 0) {
      throw missing(symbol);
    }
    put(t.code[symbol], len);
  }

  /** The code of {@code symbol} followed by the {@code bits} (0-15) low bits of {@code value}. */
  void symbol(HuffmanCode t, int symbol, int value, int bits) {
    int len = t.length[symbol];
    if (len == 0) {
      throw missing(symbol);
    }
    put((t.code[symbol] << bits) | (value & ((1 << bits) - 1)), len + bits);
  }

  private static NotModellable missing(int symbol) {
    return new NotModellable("the Huffman table has no code for symbol 0x"
        + Integer.toHexString(symbol));
  }

  private void drain() {
    while (count >= 8) {
      int b = (int) (acc >>> (count - 8)) & 0xFF;
      out.write(b);
      if (b == 0xFF) {
        out.write(0);
      }
      count -= 8;
    }
  }

  /** Pads the last byte: with ones, or with {@code pad}'s low bits when it is not -1. */
  void finishSegment(int pad) {
    int bits = (8 - (count & 7)) & 7;
    put(pad < 0 ? (1 << bits) - 1 : pad, bits);
    drain();
    acc = 0;
  }

  void restart(int n) {
    out.write(0xFF);
    out.write(0xD0 + (n & 7));
  }
}
