package dev.tegula.png;

/**
 * Reads the Orientation tag (0x0112) from IFD0 of a TIFF structure (TIFF 6.0 §2 image file header
 * and IFD; EXIF 2.3 §4.6.4), the form EXIF takes in a PNG eXIf chunk. Never throws: damaged EXIF
 * means orientation 1.
 */
final class ExifOrientation {
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifOrientation() {}

  /** "II*\0" (little-endian) or "MM\0*" (big-endian). */
  static boolean isTiffHeader(byte[] b, int off, int len) {
    if (len < 8) {
      return false;
    }
    return (b[off] == 'I' && b[off + 1] == 'I' && b[off + 2] == 42 && b[off + 3] == 0)
        || (b[off] == 'M' && b[off + 1] == 'M' && b[off + 2] == 0 && b[off + 3] == 42);
  }

  /** The orientation 1-8 stored in IFD0, or 1 when absent, out of range or unreadable. */
  static int read(byte[] tiff) {
    if (!isTiffHeader(tiff, 0, tiff.length)) {
      return 1;
    }
    boolean little = tiff[0] == 'I';
    long ifd = u32(tiff, 4, little);
    if (ifd < 8 || ifd + 2 > tiff.length) {
      return 1;
    }
    int entries = u16(tiff, (int) ifd, little);
    int p = (int) ifd + 2;
    for (int i = 0; i < entries && p + 12 <= tiff.length; i++, p += 12) {
      if (u16(tiff, p, little) != ORIENTATION_TAG) {
        continue;
      }
      if (u16(tiff, p + 2, little) != TYPE_SHORT || u32(tiff, p + 4, little) < 1) {
        return 1;
      }
      // A SHORT value sits in the first two bytes of the value field.
      int v = u16(tiff, p + 8, little);
      return v >= 1 && v <= 8 ? v : 1;
    }
    return 1;
  }

  private static int u16(byte[] b, int p, boolean little) {
    int b0 = b[p] & 0xFF;
    int b1 = b[p + 1] & 0xFF;
    return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
  }

  private static long u32(byte[] b, int p, boolean little) {
    long hi = u16(b, little ? p + 2 : p, little);
    long lo = u16(b, little ? p : p + 2, little);
    return (hi << 16) | lo;
  }
}
