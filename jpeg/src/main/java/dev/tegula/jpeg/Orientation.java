package dev.tegula.jpeg;

import dev.tegula.core.Image;

/**
 * Turns an image stored with an EXIF orientation (1-8, TIFF 6.0 tag 274) into its upright form.
 * Orientation n says where the stored first row and column belong: 2 mirrors left-right, 3 turns
 * by 180 degrees, 4 mirrors top-bottom, 5 transposes, 6 turns 90 degrees clockwise, 7 transposes
 * across the other diagonal, 8 turns 90 degrees counter-clockwise. 5-8 swap width and height.
 */
public final class Orientation {
  private Orientation() {}

  /** The upright image; {@code image} itself for orientation 1 or an unknown value. */
  public static Image apply(Image image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    final int w = image.width();
    final int h = image.height();
    final byte[] src = image.rgba();
    final boolean swap = orientation >= 5;
    final int ow = swap ? h : w;
    final int oh = swap ? w : h;
    final byte[] dst = new byte[src.length];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        // (sx, sy): the stored pixel that shows at (x, y) of the upright image.
        int sx;
        int sy;
        switch (orientation) {
          case 2:
            sx = w - 1 - x;
            sy = y;
            break;
          case 3:
            sx = w - 1 - x;
            sy = h - 1 - y;
            break;
          case 4:
            sx = x;
            sy = h - 1 - y;
            break;
          case 5:
            sx = y;
            sy = x;
            break;
          case 6:
            sx = y;
            sy = h - 1 - x;
            break;
          case 7:
            sx = w - 1 - y;
            sy = h - 1 - x;
            break;
          default: // 8
            sx = w - 1 - y;
            sy = x;
            break;
        }
        int s = (sy * w + sx) << 2;
        int o = (y * ow + x) << 2;
        dst[o] = src[s];
        dst[o + 1] = src[s + 1];
        dst[o + 2] = src[s + 2];
        dst[o + 3] = src[s + 3];
      }
    }
    return new Image(ow, oh, dst);
  }
}
