package dev.tegula.tgl;

import dev.tegula.core.Image;

/** What the encoder needs to know about an image before choosing its header (format.md §13). */
final class ImageAnalysis {
  private ImageAnalysis() {}

  /** R = G = B at every pixel: the image is stored as grey. */
  static boolean isGrey(Image image, boolean sixteen) {
    if (sixteen) {
      short[] s = image.rgba16();
      for (int i = 0; i < s.length; i += 4) {
        if (s[i] != s[i + 1] || s[i] != s[i + 2]) {
          return false;
        }
      }
      return true;
    }
    byte[] b = image.rgba();
    for (int i = 0; i < b.length; i += 4) {
      if (b[i] != b[i + 1] || b[i] != b[i + 2]) {
        return false;
      }
    }
    return true;
  }

  /** Every alpha at its maximum: the image is stored without alpha. */
  static boolean isOpaque(Image image, boolean sixteen) {
    if (sixteen) {
      short[] s = image.rgba16();
      for (int i = 3; i < s.length; i += 4) {
        if (s[i] != (short) 0xFFFF) {
          return false;
        }
      }
      return true;
    }
    return image.isOpaque();
  }
}
