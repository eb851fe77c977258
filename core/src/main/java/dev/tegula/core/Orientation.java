package dev.tegula.core;

/**
 * Turns an image stored with EXIF orientation 2-8 (EXIF 2.3 §4.6.4, tag 0x0112) upright: mirror,
 * rotations by 90/180/270 degrees, transpose and transverse. Both the RGBA8 and the RGBA16 samples
 * move together.
 */
public final class Orientation {
  private Orientation() {}

  /** The upright image; the same instance for orientation 1 or an unknown value. */
  public static Image apply(Image image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    int w = image.width();
    int h = image.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    byte[] src = image.rgba();
    short[] src16 = image.rgba16();
    byte[] dst = new byte[src.length];
    short[] dst16 = src16 == null ? null : new short[src16.length];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        int from = sourceIndex(orientation, ox, oy, w, h);
        int to = (oy * ow + ox) * 4;
        dst[to] = src[from];
        dst[to + 1] = src[from + 1];
        dst[to + 2] = src[from + 2];
        dst[to + 3] = src[from + 3];
        if (dst16 != null) {
          dst16[to] = src16[from];
          dst16[to + 1] = src16[from + 1];
          dst16[to + 2] = src16[from + 2];
          dst16[to + 3] = src16[from + 3];
        }
      }
    }
    return new Image(ow, oh, dst, dst16);
  }

  /** Sample index in the stored image of output pixel (ox, oy); w and h are the stored size. */
  private static int sourceIndex(int orientation, int ox, int oy, int w, int h) {
    int x;
    int y;
    switch (orientation) {
      case 2 -> { // mirrored horizontally
        x = w - 1 - ox;
        y = oy;
      }
      case 3 -> { // rotated 180
        x = w - 1 - ox;
        y = h - 1 - oy;
      }
      case 4 -> { // mirrored vertically
        x = ox;
        y = h - 1 - oy;
      }
      case 5 -> { // transposed
        x = oy;
        y = ox;
      }
      case 6 -> { // stored rotated 90 counter-clockwise: turn clockwise
        x = oy;
        y = h - 1 - ox;
      }
      case 7 -> { // transversed
        x = w - 1 - oy;
        y = h - 1 - ox;
      }
      default -> { // 8: stored rotated 90 clockwise: turn counter-clockwise
        x = w - 1 - oy;
        y = ox;
      }
    }
    return (y * w + x) * 4;
  }
}
