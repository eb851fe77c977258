package dev.tegula.metrics;

import dev.tegula.core.Image;

/**
 * The quality metrics of one image pair: the entry point of this module. Everything is computed
 * from the 8-bit RGBA samples (16-bit sources are compared at 8 bits).
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Only {@link Comparison#ssim()}, scikit-image's default SSIM over R, G, B (transparent images
   * composited over grey): the cheapest structural metric, for live use. NaN under 7x7 pixels.
   *
   * @throws IllegalArgumentException when an image is null or the sizes differ
   */
  public static double ssim(Image reference, Image test) {
    checkPair(reference, test);
    int width = reference.width();
    int height = reference.height();
    if (!BoxSsim.fits(width, height)) {
      return Double.NaN;
    }
    byte[] a = reference.rgba();
    byte[] b = test.rgba();
    if (!AlphaComposite.isOpaque(a) || !AlphaComposite.isOpaque(b)) {
      a = AlphaComposite.overBackground(a);
      b = AlphaComposite.overBackground(b);
    }
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      sum += BoxSsim.mean(a, b, width, height, c, null, 0);
    }
    return sum / 3;
  }

  /** Every metric, without the per-pixel map. */
  public static Comparison compare(Image reference, Image test) {
    return compare(reference, test, false);
  }

  /**
   * @param withMap also keep the per-pixel SSIM ({@link Comparison#map()}) for heatmaps
   * @throws IllegalArgumentException when an image is null or the sizes differ
   */
  public static Comparison compare(Image reference, Image test, boolean withMap) {
    checkPair(reference, test);
    int width = reference.width();
    int height = reference.height();
    int pixels = width * height;
    byte[] a = reference.rgba();
    byte[] b = test.rgba();
    boolean alpha = !AlphaComposite.isOpaque(a) || !AlphaComposite.isOpaque(b);
    double psnrAlpha = Double.NaN;
    double ssimAlpha = Double.NaN;
    if (alpha) {
      psnrAlpha = Psnr.fromMse(Psnr.sumSquaredError(a, b, 3, 1) / (double) pixels);
      if (BoxSsim.fits(width, height)) {
        ssimAlpha = BoxSsim.mean(a, b, width, height, 3, null, 0);
      }
      a = AlphaComposite.overBackground(a);
      b = AlphaComposite.overBackground(b);
    }

    double psnr = Psnr.fromMse(Psnr.sumSquaredError(a, b, 0, 3) / (3.0 * pixels));
    double ssim = Double.NaN;
    SsimMap map = null;
    if (BoxSsim.fits(width, height)) {
      float[] values = withMap ? new float[pixels] : null;
      ssim = 0;
      for (int c = 0; c < 3; c++) {
        ssim += BoxSsim.mean(a, b, width, height, c, values, 1f / 3);
      }
      ssim /= 3;
      if (withMap) {
        map = new SsimMap(width, height, values);
      }
    }

    double[] ya = Luma.plane(a, pixels);
    double[] yb = Luma.plane(b, pixels);
    double psnrLuma = Psnr.fromMse(Psnr.mse(ya, yb));
    double ssimLuma = Double.NaN;
    double msSsim = Double.NaN;
    if (MsSsim.fits(width, height)) {
      MsSsim.Result r = MsSsim.compute(ya, yb, width, height);
      ssimLuma = r.ssim();
      msSsim = r.msSsim();
    } else if (GaussianSsim.fits(width, height)) {
      ssimLuma = GaussianSsim.means(ya, yb, width, height).ssim();
    }
    return new Comparison(width, height, psnr, psnrLuma, ssim, ssimLuma, msSsim, alpha,
        psnrAlpha, ssimAlpha, map);
  }

  private static void checkPair(Image reference, Image test) {
    if (reference == null || test == null) {
      throw new IllegalArgumentException("images must not be null");
    }
    if (test.width() != reference.width() || test.height() != reference.height()) {
      throw new IllegalArgumentException("image sizes differ: " + reference.width() + "x"
          + reference.height() + " and " + test.width() + "x" + test.height());
    }
  }
}
