package dev.tegula.metrics;

/**
 * Multi-scale SSIM of Wang, Simoncelli and Bovik (Asilomar 2003), as their msssim.m computes it:
 * five scales; at each of the first four the mean contrast-structure term cs of
 * {@link GaussianSsim}, at the fifth the mean SSIM; combined as ∏ cs_j^w_j · ssim_5^w_5 with the
 * published weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333. Between scales the plane is averaged
 * over 2x2 blocks ({@link #halve}).
 *
 * <p>A negative mean term (possible only for images with almost no correlation) would make the
 * fractional power undefined; it is clamped to 0, so the result is 0 then.
 */
public final class MsSsim {
  public static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
  public static final int SCALES = WEIGHTS.length;
  /** The smallest side whose fifth scale (four halvings, rounding up) still holds an 11x11 window. */
  public static final int MIN_SIDE = 161;

  private MsSsim() {}

  public static boolean fits(int width, int height) {
    return width >= MIN_SIDE && height >= MIN_SIDE;
  }

  /** The Gaussian SSIM of the full-size planes and the MS-SSIM, from one pass per scale. */
  public record Result(double ssim, double msSsim) {}

  /**
   * @throws IllegalArgumentException when the planes are smaller than {@link #MIN_SIDE}
   */
  public static Result compute(double[] x, double[] y, int width, int height) {
    if (!fits(width, height)) {
      throw new IllegalArgumentException("MS-SSIM needs at least " + MIN_SIDE + " pixels a side");
    }
    double product = 1;
    double firstSsim = 0;
    for (int scale = 0; scale < SCALES; scale++) {
      GaussianSsim.Means m = GaussianSsim.means(x, y, width, height);
      if (scale == 0) {
        firstSsim = m.ssim();
      }
      double term = scale == SCALES - 1 ? m.ssim() : m.cs();
      product *= Math.pow(Math.max(term, 0), WEIGHTS[scale]);
      if (scale < SCALES - 1) {
        x = halve(x, width, height);
        y = halve(y, width, height);
        width = (width + 1) / 2;
        height = (height + 1) / 2;
      }
    }
    return new Result(firstSsim, product);
  }

  /**
   * Averages 2x2 blocks, as msssim.m's {@code imfilter(img, ones(2)/4, 'symmetric', 'same')}
   * followed by taking every second pixel: the output is ceil(w/2) x ceil(h/2), and an odd last
   * row or column is averaged with its own mirror image (that is, with itself).
   */
  static double[] halve(double[] in, int width, int height) {
    int w2 = (width + 1) / 2;
    int h2 = (height + 1) / 2;
    double[] out = new double[w2 * h2];
    for (int j = 0; j < h2; j++) {
      int r0 = 2 * j * width;
      int r1 = Math.min(2 * j + 1, height - 1) * width;
      for (int i = 0; i < w2; i++) {
        int c0 = 2 * i;
        int c1 = Math.min(2 * i + 1, width - 1);
        out[j * w2 + i] = (in[r0 + c0] + in[r0 + c1] + in[r1 + c0] + in[r1 + c1]) / 4;
      }
    }
    return out;
  }
}
