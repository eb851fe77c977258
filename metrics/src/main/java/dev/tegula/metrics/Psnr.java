package dev.tegula.metrics;

/**
 * Peak signal-to-noise ratio, as scikit-image's {@code peak_signal_noise_ratio(a, b,
 * data_range=255)}: 10·log10(255² / MSE), the MSE taken over every sample of the compared channels.
 * Identical inputs give positive infinity.
 */
public final class Psnr {
  private static final double PEAK_SQUARED = 255.0 * 255.0;

  private Psnr() {}

  /** PSNR in dB from a mean squared error (0 gives infinity). */
  public static double fromMse(double mse) {
    if (mse <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return 10 * Math.log10(PEAK_SQUARED / mse);
  }

  /**
   * Sum of squared differences of channels {@code first..first+count-1} of interleaved RGBA8
   * samples. Exact in a long: at most 65025 per sample.
   */
  public static long sumSquaredError(byte[] a, byte[] b, int first, int count) {
    long sum = 0;
    for (int p = 0; p < a.length; p += 4) {
      for (int c = first; c < first + count; c++) {
        int d = (a[p + c] & 0xFF) - (b[p + c] & 0xFF);
        sum += d * d;
      }
    }
    return sum;
  }

  /** Mean squared difference of two planes of the same length. */
  public static double mse(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum / a.length;
  }
}
