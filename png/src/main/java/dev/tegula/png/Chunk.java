package dev.tegula.png;

/**
 * One chunk as laid out in the datastream (PNG spec §5.3): where it starts, its type and where its
 * data lies in the input array.
 *
 * @param type the four type bytes as a big-endian int (compare with the constants below)
 * @param offset where the chunk's length field starts
 * @param dataOffset where its data starts
 * @param length the declared data length
 * @param available data bytes actually present (less than {@code length} when the file is cut)
 * @param complete whether the data and the CRC are all present (and the CRC was checked)
 */
record Chunk(int type, long offset, int dataOffset, int length, int available, boolean complete) {
  static final int IHDR = typeOf("IHDR");
  static final int PLTE = typeOf("PLTE");
  static final int IDAT = typeOf("IDAT");
  static final int IEND = typeOf("IEND");
  static final int TRNS = typeOf("tRNS");
  static final int ICCP = typeOf("iCCP");
  static final int EXIF = typeOf("eXIf");
  static final int TEXT = typeOf("tEXt");
  static final int ZTXT = typeOf("zTXt");
  static final int ITXT = typeOf("iTXt");

  static int typeOf(String name) {
    return (name.charAt(0) << 24) | (name.charAt(1) << 16) | (name.charAt(2) << 8) | name.charAt(3);
  }

  /** PNG spec §5.4: bit 5 of the first type byte clear means critical. */
  static boolean isCritical(int type) {
    return (type & 0x2000_0000) == 0;
  }

  boolean isCritical() {
    return isCritical(type);
  }

  String name() {
    return nameOf(type);
  }

  static String nameOf(int type) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      int b = (type >>> (24 - 8 * i)) & 0xFF;
      c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
    }
    return new String(c);
  }
}
