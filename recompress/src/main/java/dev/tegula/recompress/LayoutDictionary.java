package dev.tegula.recompress;

/**
 * The preset zlib dictionary of JREC method 2 (format-jpeg.md §4.1): the JFIF APP0 segment and
 * the DHT segments of T.81 Annex K's typical Huffman tables (K.3, K.5, K.4, K.6) as libjpeg
 * writes them, 450 bytes, SHA-256 b2e200e8...c94366. Most encoders write these bytes verbatim,
 * so a small file's layout shrinks by most of them.
 */
final class LayoutDictionary {
  static final byte[] BYTES = hex(""
      + "ffe000104a46494600010100000100010000ffc4001f00000105010101010101000000000000000001020304"
      + "05060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107"
      + "227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445"
      + "464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798"
      + "999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6"
      + "e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708"
      + "090a0bffc400b511000201020404030407050404000102770001020311040521310612415107617113223281"
      + "08144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748"
      + "494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999a"
      + "a2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9"
      + "eaf2f3f4f5f6f7f8f9fa");

  private LayoutDictionary() {}

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
