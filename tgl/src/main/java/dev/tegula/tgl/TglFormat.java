package dev.tegula.tgl;

/** The numbers docs/format.md fixes for version 1. */
final class TglFormat {
  /** §2: the signature, PNG-style. */
  static final byte[] SIGNATURE = {(byte) 0x89, 'T', 'G', 'L', 0x0D, 0x0A, 0x1A, 0x0A};
  /** §3: the highest version this decoder reads, and the one this encoder writes. */
  static final int VERSION = 1;
  /** §2: signature and version come before the first chunk. */
  static final int PREAMBLE_BYTES = 10;
  /** §4.1: length, type and CRC around the data. */
  static final int CHUNK_OVERHEAD = 12;
  /** §4.1 */
  static final long MAX_CHUNK_LENGTH = 0x7FFF_FFFFL;

  /** §4.3 */
  static final int THDR = type("THDR");
  static final int TIDX = type("TIDX");
  static final int TILE = type("TILE");
  static final int TEND = type("TEND");
  static final int EXIF = type("exif");
  static final int ICCP = type("iccp");
  static final int XMPD = type("xmpd");
  static final int TEXT = type("text");
  /** format-jpeg.md §4: the JPEG reconstruction record of mode 2. */
  static final int JREC = type("JREC");

  /** §5: THDR data bytes that version 1 defines. */
  static final int HEADER_LENGTH = 20;
  static final int MIN_TILE_SIDE = 16;
  static final int MAX_TILE_SIDE = 4096;
  static final int DEFAULT_TILE_SIDE = 512;

  /** §8.1: plane codecs. */
  static final int CODEC_STORED = 0;
  static final int CODEC_CONSTANT = 1;
  static final int CODEC_LOSSLESS = 2;
  static final int CODEC_LOSSY = 3;

  /** §8.1: what a plane holds. */
  static final int CONTENT_COLOUR = 0;
  static final int CONTENT_ALPHA = 1;
  static final int CONTENT_COLOUR_ALPHA = 2;

  /** §8.1: tile number and plane count, then per plane codec, content and length. */
  static final int TILE_PREFIX = 5;
  static final int PLANE_PREFIX = 6;

  /** §6 */
  static final int MAX_TEXT_KEY_BYTES = 79;

  private TglFormat() {}

  static int type(String name) {
    return (name.charAt(0) << 24) | (name.charAt(1) << 16) | (name.charAt(2) << 8) | name.charAt(3);
  }

  static String typeName(int type) {
    char[] c = {(char) (type >>> 24), (char) ((type >>> 16) & 0xFF), (char) ((type >>> 8) & 0xFF),
        (char) (type & 0xFF)};
    for (int i = 0; i < 4; i++) {
      if (!isLetter(c[i])) {
        c[i] = '?';
      }
    }
    return new String(c);
  }

  /** §4.1: four ASCII letters. */
  static boolean isValidType(int type) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      if (!isLetter((char) ((type >>> shift) & 0xFF))) {
        return false;
      }
    }
    return true;
  }

  /** §4.2: an upper-case first letter makes a chunk required. */
  static boolean isRequired(int type) {
    int first = type >>> 24;
    return first >= 'A' && first <= 'Z';
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
