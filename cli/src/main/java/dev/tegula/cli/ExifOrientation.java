package dev.tegula.cli;

/**
 * Marks EXIF as upright once the pixels have been turned upright (--auto-orient), so that viewers
 * do not turn the written image a second time. Touches only the Orientation entry of IFD0 (EXIF
 * 2.32 §4.6.4 tag 0x0112, a TIFF 6.0 §2 IFD entry of type SHORT); anything it cannot parse is
 * returned unchanged.
 */
final class ExifOrientation {
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TYPE_SHORT = 3;

  private ExifOrientation() {}

  /** A copy of {@code tiff} with Orientation = 1, or {@code tiff} itself when there is none. */
  static byte[] markUpright(byte[] tiff) {
    if (tiff == null || tiff.length < 8) {
      return tiff;
    }
    boolean little;
    if (tiff[0] == 'I' && tiff[1] == 'I') {
      little = true;
    } else if (tiff[0] == 'M' && tiff[1] == 'M') {
      little = false;
    } else {
      return tiff;
    }
    if (u16(tiff, 2, little) != 42) {
      return tiff;
    }
    long ifd = u32(tiff, 4, little);
    if (ifd < 8 || ifd > tiff.length - 2) {
      return tiff;
    }
    int count = u16(tiff, (int) ifd, little);
    for (int i = 0; i < count; i++) {
      long entry = ifd + 2 + 12L * i;
      if (entry > tiff.length - 12) {
        break;
      }
      int at = (int) entry;
      if (u16(tiff, at, little) == ORIENTATION_TAG) {
        if (u16(tiff, at + 2, little) != TYPE_SHORT || u32(tiff, at + 4, little) != 1) {
          return tiff;
        }
        byte[] copy = tiff.clone();
        // a single SHORT sits left-justified in the 4-byte value field
        copy[at + 8] = (byte) (little ? 1 : 0);
        copy[at + 9] = (byte) (little ? 0 : 1);
        return copy;
      }
    }
    return tiff;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int b0 = b[at] & 0xFF;
    int b1 = b[at + 1] & 0xFF;
    return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long lo = u16(b, little ? at : at + 2, little);
    long hi = u16(b, little ? at + 2 : at, little);
    return (hi << 16) | lo;
  }
}
