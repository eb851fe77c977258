package dev.tegula.core;

/**
 * The one EXIF field the codecs act on: Orientation (tag 0x0112 in IFD0; TIFF 6.0 §2 image file
 * header and IFD layout, EXIF 2.32 §4.6.4). JPEG (APP1) and PNG (eXIf) carry the same TIFF
 * structure, which {@link Metadata#exif()} holds starting at its "II*\0" or "MM\0*" header.
 *
 * <p>Anything unreadable counts as orientation 1 (upright): orientation is a display hint, never a
 * reason to refuse an image.
 */
public final class Exif {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;

  private Exif() {}

  /** "II*\0" (little-endian) or "MM\0*" (big-endian) at {@code data[off]}, with 8 bytes there. */
  public static boolean isTiffHeader(byte[] data, int off, int len) {
    if (data == null || off < 0 || len < 8 || off > data.length - len) {
      return false;
    }
    return (data[off] == 'I' && data[off + 1] == 'I' && data[off + 2] == 42 && data[off + 3] == 0)
        || (data[off] == 'M' && data[off + 1] == 'M' && data[off + 2] == 0 && data[off + 3] == 42);
  }

  /** The orientation 1-8 of the TIFF structure at {@code data[off, off + len)}, else 1. */
  public static int orientation(byte[] data, int off, int len) {
    int entry = orientationEntry(data, off, len);
    if (entry < 0) {
      return 1;
    }
    boolean little = data[off] == 'I';
    int type = u16(data, entry + 2, little);
    long count = u32(data, entry + 4, little);
    long value;
    if (type == TYPE_SHORT && count >= 1) {
      value = u16(data, entry + 8, little); // a SHORT sits left-justified in the value field
    } else if (type == TYPE_LONG && count >= 1) {
      value = u32(data, entry + 8, little);
    } else {
      return 1;
    }
    return value >= 1 && value <= 8 ? (int) value : 1;
  }

  /** The orientation of EXIF bytes as {@link Metadata#exif()} holds them; 1 for null. */
  public static int orientation(byte[] tiff) {
    return tiff == null ? 1 : orientation(tiff, 0, tiff.length);
  }

  /**
   * A copy of {@code tiff} whose Orientation says 1, for images that were turned upright, so that
   * viewers do not turn them a second time; {@code tiff} itself when it has no such SHORT entry.
   */
  public static byte[] withUprightOrientation(byte[] tiff) {
    int entry = tiff == null ? -1 : orientationEntry(tiff, 0, tiff.length);
    if (entry < 0) {
      return tiff;
    }
    boolean little = tiff[0] == 'I';
    if (u16(tiff, entry + 2, little) != TYPE_SHORT || u32(tiff, entry + 4, little) != 1) {
      return tiff;
    }
    byte[] copy = tiff.clone();
    copy[entry + 8] = (byte) (little ? 1 : 0);
    copy[entry + 9] = (byte) (little ? 0 : 1);
    return copy;
  }

  /** Offset of the Orientation entry of IFD0, or -1. */
  private static int orientationEntry(byte[] data, int off, int len) {
    if (!isTiffHeader(data, off, len)) {
      return -1;
    }
    boolean little = data[off] == 'I';
    long ifd = u32(data, off + 4, little);
    if (ifd < 8 || ifd + 2 > len) {
      return -1;
    }
    int p = off + (int) ifd;
    int entries = u16(data, p, little);
    p += 2;
    for (int i = 0; i < entries && p + 12 <= off + len; i++, p += 12) {
      if (u16(data, p, little) == TAG_ORIENTATION) {
        return p;
      }
    }
    return -1;
  }

  private static int u16(byte[] d, int p, boolean little) {
    int a = d[p] & 0xFF;
    int b = d[p + 1] & 0xFF;
    return little ? a | (b << 8) : (a << 8) | b;
  }

  private static long u32(byte[] d, int p, boolean little) {
    long a = u16(d, p, little);
    long b = u16(d, p + 2, little);
    return little ? a | (b << 16) : (a << 16) | b;
  }
}
