package dev.tegula.recompress;

/**
 * The code of each symbol of a Huffman table as a DHT segment defines it (T.81 §B.2.4.2, Annex
 * C), for encoding. Decoding uses the JPEG decoder's own {@link dev.tegula.jpeg.HuffmanTable}.
 */
final class HuffmanCode {
  /** Code and length of each symbol, length 0 = the table lacks it (the tests' old encoder). */
  final int[] code = new int[256];
  final byte[] length = new byte[256];
  /**
   * The same in one int per symbol for the encoder's inner loops: {@code code << 5 | length},
   * 0 when the table lacks the symbol (every code has a length of 1-16, so no entry is 0).
   */
  final int[] packed = new int[256];

  private HuffmanCode(int[] counts, int[] values) {
    int c = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      for (int i = 0; i < counts[len]; i++) {
        int symbol = values[k++];
        if (length[symbol] == 0) {
          // a repeated symbol keeps its first code: that is what an encoder would use
          length[symbol] = (byte) len;
          code[symbol] = c;
          packed[symbol] = (c << 5) | len;
        }
        c++;
      }
      c <<= 1;
    }
  }

  /** Whether the counts (BITS, index 1-16) describe a prefix code: no more codes than fit. */
  static boolean isPrefixCode(int[] counts) {
    long c = 0;
    for (int len = 1; len <= 16; len++) {
      c += counts[len];
      if (c > (1L << len)) {
        return false;
      }
      c <<= 1;
    }
    return true;
  }

  /**
   * Builds a table from the counts (BITS, index 1-16) and the symbols, or returns null when the
   * counts describe no prefix code: such a table is not modelled.
   */
  static HuffmanCode build(int[] counts, int[] values) {
    return isPrefixCode(counts) ? new HuffmanCode(counts, values) : null;
  }
}
