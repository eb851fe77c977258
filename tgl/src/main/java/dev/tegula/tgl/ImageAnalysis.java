package dev.tegula.tgl;

import dev.tegula.core.Image;

/** What the encoder needs to know about an image before choosing its header (format.md §13). */
final class ImageAnalysis {
  private ImageAnalysis() {}

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
