package dev.tegula.recompress;

import dev.tegula.core.Crc32;

/**
 * Lays out a mode-2 .tgl file (format-jpeg.md §2, format.md §2, §4.1): signature, version 1,
 * THDR, JREC, TIDX, the TILE bands, TEND.
 */
final class JpegContainer {
  static final byte[] SIGNATURE = {(byte) 0x89, 'T', 'G', 'L', 0x0D, 0x0A, 0x1A, 0x0A};
  static final int KIND_MODELLED = 0;
  static final int KIND_VERBATIM = 1;
  static final int METHOD_STORED = 0;
  static final int METHOD_ZLIB = 1;
  /** zlib with the preset dictionary {@link LayoutDictionary}. */
  static final int METHOD_ZLIB_DICTIONARY = 2;
  /** format-jpeg.md §7: TILE content 0 = coefficient rows, 1 = empty (the file is verbatim). */
  static final int CONTENT_COEFFICIENTS = 0;
  static final int CONTENT_EMPTY = 1;
  /** JREC bytes before the payload. */
  static final int RECORD_PREFIX = 42;

  private JpegContainer() {}

  /**
   * @param tiles the coded bands, or null for a verbatim file (then {@code tileCount} empty
   *     tiles)
   * @param content the coefficient coding of the bands (format-jpeg.md §7: 0 or 2); ignored for
   *     a verbatim file
   */
  static byte[] write(int width, int height, int colour, int tileWidth, int tileHeight,
      byte[] record, byte[][] tiles, int tileCount, int content) {
    long total = 10 + 12 + 20 + 12 + record.length + 12 + 4 + 4L * tileCount + 12;
    for (int t = 0; t < tileCount; t++) {
      total += 12 + 5 + (tiles == null ? 0 : tiles[t].length);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new NotModellable("the .tgl file would exceed 2 GiB");
    }
    ByteSinkOut out = new ByteSinkOut((int) total);
    out.write(SIGNATURE, 0, SIGNATURE.length);
    out.write(0);
    out.write(1);
    byte[] thdr = new byte[20];
    putU32(thdr, 0, width);
    putU32(thdr, 4, height);
    thdr[8] = (byte) colour;
    thdr[10] = 8;
    thdr[11] = 2;
    thdr[14] = (byte) (tileWidth >> 8);
    thdr[15] = (byte) tileWidth;
    thdr[16] = (byte) (tileHeight >> 8);
    thdr[17] = (byte) tileHeight;
    chunk(out, "THDR", thdr);
    chunk(out, "JREC", record);
    byte[] index = new byte[4 + 4 * tileCount];
    putU32(index, 0, tileCount);
    for (int t = 0; t < tileCount; t++) {
      putU32(index, 4 + 4 * t, 12 + 5 + (tiles == null ? 0 : tiles[t].length));
    }
    chunk(out, "TIDX", index);
    for (int t = 0; t < tileCount; t++) {
      byte[] body = tiles == null ? new byte[0] : tiles[t];
      byte[] data = new byte[5 + body.length];
      putU32(data, 0, t);
      data[4] = (byte) (tiles == null ? CONTENT_EMPTY : content);
      System.arraycopy(body, 0, data, 5, body.length);
      chunk(out, "TILE", data);
    }
    chunk(out, "TEND", new byte[0]);
    return out.toByteArray();
  }

  /** §4 JREC: kind, method, the original's length and SHA-256, the payload's length, payload. */
  static byte[] record(int kind, int method, int jpegLength, byte[] sha256, int rawLength,
      byte[] payload) {
    byte[] r = new byte[RECORD_PREFIX + payload.length];
    r[0] = (byte) kind;
    r[1] = (byte) method;
    putU32(r, 2, jpegLength);
    System.arraycopy(sha256, 0, r, 6, 32);
    putU32(r, 38, rawLength);
    System.arraycopy(payload, 0, r, RECORD_PREFIX, payload.length);
    return r;
  }

  private static void chunk(ByteSinkOut out, String type, byte[] data) {
    byte[] head = new byte[8];
    putU32(head, 0, data.length);
    for (int i = 0; i < 4; i++) {
      head[4 + i] = (byte) type.charAt(i);
    }
    out.write(head, 0, 8);
    out.write(data, 0, data.length);
    Crc32 crc = new Crc32();
    crc.update(head, 4, 4);
    crc.update(data, 0, data.length);
    byte[] c = new byte[4];
    putU32(c, 0, crc.getValue());
    out.write(c, 0, 4);
  }

  static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
