package dev.tegula.jpeg;

/**
 * RGBA8 to YCbCr (T.871 §7, the JFIF equations) in 16-bit fixed point, keeping two fractional
 * bits: samples come out as 4 * (value - 128), so luminance -512..508. libjpeg rounds to whole
 * levels here; keeping the fraction costs nothing and removes up to half a level of error before
 * the DCT, which shows at high qualities.
 *
 * <p>Rows and columns past the image repeat the last row and column, as libjpeg pads partial MCUs
 * (jcprepct.c, jcsample.c {@code expand_right_edge}). Transparent pixels are composited over
 * white, since JPEG has no alpha and a page is usually white behind an image.
 */
final class ColorToYcc {
  private ColorToYcc() {}

  private static final int BITS = 16;
  // FIX(x) = round(x * 2^16)
  private static final int Y_R = 19595; // 0.29900
  private static final int Y_G = 38470; // 0.58700
  private static final int Y_B = 7471; // 0.11400
  private static final int CB_R = -11059; // -0.16874
  private static final int CB_G = -21709; // -0.33126
  private static final int CB_B = 32768; // 0.50000
  private static final int CR_R = 32768; // 0.50000
  private static final int CR_G = -27439; // -0.41869
  private static final int CR_B = -5329; // -0.08131
  /** Output scale 4 = 2^2: shift by 16 - 2, rounding half up. */
  private static final int SHIFT = BITS - 2;
  private static final int HALF = 1 << (SHIFT - 1);

  /**
   * Converts {@code rows} rows starting at image row {@code y0} (may be negative: rows outside
   * the image repeat its first or last row) into planes of {@code stride}
   * samples per row; {@code cb}/{@code cr} may be null (grayscale).
   */
  static void convert(byte[] rgba, int width, int height, int y0, int rows, int stride, int[] y,
      int[] cb, int[] cr) {
    for (int r = 0; r < rows; r++) {
      int sy = Math.max(0, Math.min(y0 + r, height - 1));
      int in = sy * width * 4;
      int o = r * stride;
      for (int x = 0; x < width; x++, in += 4, o++) {
        int red = rgba[in] & 0xFF;
        int green = rgba[in + 1] & 0xFF;
        int blue = rgba[in + 2] & 0xFF;
        int a = rgba[in + 3] & 0xFF;
        if (a != 255) {
          int w = 255 * (255 - a);
          red = (red * a + w + 127) / 255;
          green = (green * a + w + 127) / 255;
          blue = (blue * a + w + 127) / 255;
        }
        y[o] = ((Y_R * red + Y_G * green + Y_B * blue + HALF) >> SHIFT) - 512;
        if (cb != null) {
          cb[o] = (CB_R * red + CB_G * green + CB_B * blue + HALF) >> SHIFT;
          cr[o] = (CR_R * red + CR_G * green + CR_B * blue + HALF) >> SHIFT;
        }
      }
      int last = o - 1;
      for (int x = width; x < stride; x++, o++) {
        y[o] = y[last];
        if (cb != null) {
          cb[o] = cb[last];
          cr[o] = cr[last];
        }
      }
    }
  }
}
