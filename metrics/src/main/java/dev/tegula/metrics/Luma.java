package dev.tegula.metrics;

/**
 * Luma for the luma metrics: BT.601 weights on the 8-bit (gamma-encoded) sRGB values,
 * Y' = 0.299 R' + 0.587 G' + 0.114 B', kept as an unrounded double in 0..255.
 *
 * <p>BT.601 because it is the luma JPEG (JFIF) and most codec comparisons code and measure. Note
 * that scikit-image's {@code rgb2gray} is NOT this: it uses 0.2125, 0.7154, 0.0721 (BT.709
 * primaries) and scales to 0..1.
 */
public final class Luma {
  public static final double KR = 0.299;
  public static final double KG = 0.587;
  public static final double KB = 0.114;

  private Luma() {}

  /**
   * The luma plane of interleaved RGBA8 pixels. The sum is evaluated as (KR*R + KG*G) + KB*B, the
   * order numpy uses for {@code 0.299*r + 0.587*g + 0.114*b}, so both give the same doubles.
   */
  public static double[] plane(byte[] rgba, int pixels) {
    double[] y = new double[pixels];
    for (int i = 0, p = 0; i < pixels; i++, p += 4) {
      y[i] = KR * (rgba[p] & 0xFF) + KG * (rgba[p + 1] & 0xFF) + KB * (rgba[p + 2] & 0xFF);
    }
    return y;
  }
}
