package dev.tegula.recompress;

/**
 * One Huffman table as a DHT segment defines it (T.81 §B.2.4.2), for decoding (§F.2.2.3, with a
 * 9-bit lookahead as libjpeg's jdhuff.c) and for encoding (the code of each symbol, Annex C).
 */
final class HuffmanCode {
  static final int LOOKAHEAD = 9;

  /** Encoding: code and length of each symbol; length 0 = the table lacks it. */
  final int[] code = new int[256];
  final byte[] length = new byte[256];
  /** Decoding: (length << 8) | symbol for codes up to {@link #LOOKAHEAD} bits, 0 otherwise. */
  final int[] fast = new int[1 << LOOKAHEAD];
  /** Largest code of each length (-1: none), first index and first code of each length. */
  final int[] maxCode = new int[18];
  final int[] valueIndex = new int[17];
  final int[] minCode = new int[17];
  final int[] values;

  private HuffmanCode(int[] counts, int[] values) {
    this.values = values;
    int c = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      valueIndex[len] = k;
      minCode[len] = c;
      for (int i = 0; i < counts[len - 1]; i++) {
        int symbol = values[k++];
        if (length[symbol] == 0) {
          // a repeated symbol keeps its first code: that is what an encoder would use
          length[symbol] = (byte) len;
          code[symbol] = c;
        }
        if (len <= LOOKAHEAD) {
          int shift = LOOKAHEAD - len;
          int base = c << shift;
          for (int j = 0; j < (1 << shift); j++) {
            fast[base + j] = (len << 8) | symbol;
          }
        }
        c++;
      }
      maxCode[len] = counts[len - 1] == 0 ? -1 : c - 1;
      c <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  /**
   * Builds a table from the 16 counts and the symbols, or returns null when the counts describe
   * no prefix code (more codes of a length than fit): such a table is not modelled.
   */
  static HuffmanCode build(int[] counts, int[] values) {
    long c = 0;
    for (int len = 1; len <= 16; len++) {
      c += counts[len - 1];
      if (c > (1L << len)) {
        return null;
      }
      c <<= 1;
    }
    return new HuffmanCode(counts, values);
  }
}
