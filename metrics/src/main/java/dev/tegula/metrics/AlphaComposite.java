package dev.tegula.metrics;

/**
 * How colour is compared when an image has transparency: both images are composited over an opaque
 * mid-grey background (R = G = B = 128) first, as a viewer would see them, with the result rounded
 * to 8 bits: {@code c' = (c·a + 128·(255 − a) + 127) / 255} (integer division, i.e. round half up
 * of the exact blend). Colour hidden under alpha 0 therefore does not count, and alpha errors show
 * as colour errors against the grey. Alpha itself is also compared as its own channel (see
 * {@link Comparison#psnrAlpha()}).
 *
 * <p>Mid-grey rather than black or white so that errors in both dark and light translucent areas
 * stay visible.
 */
public final class AlphaComposite {
  public static final int BACKGROUND = 128;

  private AlphaComposite() {}

  /** A copy of {@code rgba} composited over the background; alpha becomes 255. */
  public static byte[] overBackground(byte[] rgba) {
    byte[] out = new byte[rgba.length];
    for (int p = 0; p < rgba.length; p += 4) {
      int a = rgba[p + 3] & 0xFF;
      int back = BACKGROUND * (255 - a) + 127;
      out[p] = (byte) (((rgba[p] & 0xFF) * a + back) / 255);
      out[p + 1] = (byte) (((rgba[p + 1] & 0xFF) * a + back) / 255);
      out[p + 2] = (byte) (((rgba[p + 2] & 0xFF) * a + back) / 255);
      out[p + 3] = (byte) 0xFF;
    }
    return out;
  }

  /** True when every alpha sample of interleaved RGBA8 is 255. */
  public static boolean isOpaque(byte[] rgba) {
    for (int p = 3; p < rgba.length; p += 4) {
      if (rgba[p] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }
}
