package dev.tegula.jpeg;

/**
 * Reads the Orientation tag (0x0112) from IFD0 of EXIF/TIFF data (TIFF 6.0 §2, EXIF 2.32 §4.6.4),
 * in either byte order. Anything unreadable counts as orientation 1 (upright): orientation is a
 * display hint, never a reason to refuse an image.
 */
public final class ExifOrientation {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;

  private ExifOrientation() {}

  /**
   * The orientation 1-8 of the TIFF structure at {@code data[off .. off+len)} (starting with
   * "II*\0" or "MM\0*"), or 1 when it is absent, out of range or the structure is damaged.
   */
  public static int parse(byte[] data, int off, int len) {
    if (data == null || off < 0 || len < 8 || off + len > data.length) {
      return 1;
    }
    boolean little;
    if (data[off] == 'I' && data[off + 1] == 'I') {
      little = true;
    } else if (data[off] == 'M' && data[off + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    if (u16(data, off + 2, little) != 42) {
      return 1;
    }
    long ifd = u32(data, off + 4, little);
    if (ifd < 8 || ifd + 2 > len) {
      return 1;
    }
    int p = off + (int) ifd;
    int entries = u16(data, p, little);
    p += 2;
    for (int i = 0; i < entries; i++, p += 12) {
      if (p + 12 > off + len) {
        return 1;
      }
      if (u16(data, p, little) != TAG_ORIENTATION) {
        continue;
      }
      int type = u16(data, p + 2, little);
      long count = u32(data, p + 4, little);
      long value;
      if (type == TYPE_SHORT && count >= 1) {
        value = u16(data, p + 8, little);
      } else if (type == TYPE_LONG && count >= 1) {
        value = u32(data, p + 8, little);
      } else {
        return 1;
      }
      return value >= 1 && value <= 8 ? (int) value : 1;
    }
    return 1;
  }

  /** The orientation of EXIF bytes as {@code Metadata.exif()} holds them. */
  public static int parse(byte[] exif) {
    return exif == null ? 1 : parse(exif, 0, exif.length);
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
