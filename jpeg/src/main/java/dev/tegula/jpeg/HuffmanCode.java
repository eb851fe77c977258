package dev.tegula.jpeg;

/**
 * A Huffman table for encoding: the DHT contents (BITS and HUFFVAL, T.81 §B.2.4.2) and the code
 * and length of every symbol (§C, Figures C.1-C.3, as jchuff.c {@code jpeg_make_c_derived_tbl}).
 */
final class HuffmanCode {
  /** Codes of each length, index 1-16 (index 0 unused). */
  final int[] counts;
  /** Symbols in code order. */
  final int[] symbols;
  /** Code of each symbol 0-255. */
  final int[] codes = new int[256];
  /** Code length of each symbol, 0 when the symbol has no code. */
  final int[] sizes = new int[256];

  HuffmanCode(int[] counts, int[] symbols) {
    this.counts = counts;
    this.symbols = symbols;
    int code = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      for (int i = 0; i < counts[len]; i++, k++) {
        codes[symbols[k]] = code++;
        sizes[symbols[k]] = len;
      }
      code <<= 1;
    }
  }

  /** The typical tables of T.81 Annex K.3, as the decoder installs them. */
  static HuffmanCode[] standard() {
    HuffmanTable[] dc = new HuffmanTable[2];
    HuffmanTable[] ac = new HuffmanTable[2];
    StandardHuffmanTables.fillMissing(dc, ac);
    return new HuffmanCode[] {
      new HuffmanCode(dc[0].counts, dc[0].symbols), new HuffmanCode(dc[1].counts, dc[1].symbols),
      new HuffmanCode(ac[0].counts, ac[0].symbols), new HuffmanCode(ac[1].counts, ac[1].symbols)
    };
  }
}
