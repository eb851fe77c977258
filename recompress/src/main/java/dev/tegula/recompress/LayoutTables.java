package dev.tegula.recompress;

import dev.tegula.jpeg.AnnexKTables;

/**
 * The tables that a layout names instead of storing (format-jpeg.md §5.2): the example
 * quantization tables of T.81 Annex K.1 (libjpeg's {@code std_luminance_quant_tbl} and {@code
 * std_chrominance_quant_tbl}, scaled as {@code jpeg_add_quant_table} does) and the typical
 * Huffman tables of Annex K.3.
 */
final class LayoutTables {
  private LayoutTables() {}

  /** Largest scale factor an encoder looks for: libjpeg's quality 1. */
  static final int MAX_SCALE = 5000;

  /**
   * Entry {@code k} (zigzag order) of Annex K table {@code basis} (0 luminance, 1 chrominance)
   * scaled by {@code scale} percent as libjpeg does, limited to 255 for 8-bit precision.
   */
  static int quant(int basis, int k, long scale, int precision) {
    long v = (AnnexKTables.quant(basis, JpegSyntax.ZIGZAG[k]) * scale + 50) / 100;
    return (int) Math.max(1, Math.min(precision == 0 ? 255 : 32767, v));
  }

  /** The four DHT segments of Annex K.3 as libjpeg writes them (K.3, K.5, K.4, K.6). */
  private static final byte[] ANNEX_K = LayoutDictionary.hex(""
      + "ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b510000201030302"
      + "0403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433"
      + "627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a6364656667"
      + "68696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8"
      + "b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f"
      + "0100030101010101010101010000000000000102030405060708090a0bffc400b51100020102040403040705"
      + "040400010277000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a16"
      + "2434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a"
      + "737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9ba"
      + "c2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa");

  /**
   * The Annex K Huffman table {@code i} as a DHT segment holds it after its class/id byte (16
   * counts, then the symbols): 0 = K.3 (DC luminance), 1 = K.5 (AC luminance), 2 = K.4 (DC
   * chrominance), 3 = K.6 (AC chrominance).
   */
  private static byte[] huffman(int i) {
    int at = 0;
    for (int k = 0; ; k++) {
      int length = ((ANNEX_K[at + 2] & 0xFF) << 8) | (ANNEX_K[at + 3] & 0xFF);
      if (k == i) {
        return java.util.Arrays.copyOfRange(ANNEX_K, at + 5, at + 2 + length);
      }
      at += 2 + length;
    }
  }

  static final byte[][] HUFFMAN = {huffman(0), huffman(1), huffman(2), huffman(3)};
}
