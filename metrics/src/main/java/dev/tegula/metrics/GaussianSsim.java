package dev.tegula.metrics;

/**
 * SSIM in the original form of Wang, Bovik, Sheikh and Simoncelli (IEEE TIP 13(4), 2004, §III.C):
 * an 11x11 circular-symmetric Gaussian window with σ = 1.5 normalised to sum 1, population
 * (weighted) variances, K1 = 0.01, K2 = 0.03, L = 255, averaged over the "valid" window positions
 * (windows wholly inside the image), as their ssim_index.m and msssim.m do. Equal to scikit-image's
 * {@code structural_similarity(x, y, data_range=255, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False)} on a single plane.
 *
 * <p>The window is separable, so each row is filtered horizontally once into a ring of the last 11
 * rows, and the vertical pass combines the ring.
 */
public final class GaussianSsim {
  public static final int WINDOW = 11;
  private static final int RADIUS = WINDOW / 2;
  private static final double C1 = 0.01 * 255 * (0.01 * 255);
  private static final double C2 = 0.03 * 255 * (0.03 * 255);
  /** Taps 0..5 of the symmetric kernel, as scipy's _gaussian_kernel1d(1.5, 0, 5) builds them. */
  private static final double[] KERNEL = kernel(1.5);

  private GaussianSsim() {}

  /** Mean SSIM and mean contrast-structure term (the MS-SSIM "cs") over the valid windows. */
  public record Means(double ssim, double cs) {}

  public static boolean fits(int width, int height) {
    return width >= WINDOW && height >= WINDOW;
  }

  /**
   * @throws IllegalArgumentException when a plane is smaller than the window
   */
  public static Means means(double[] x, double[] y, int width, int height) {
    if (!fits(width, height)) {
      throw new IllegalArgumentException("Gaussian SSIM needs at least 11x11 pixels");
    }
    int outWidth = width - 2 * RADIUS;
    // ring[q][slot][x]: horizontally filtered x, y, x², y², xy of the last WINDOW rows
    double[][][] ring = new double[5][WINDOW][outWidth];
    double[] xx = new double[width];
    double[] yy = new double[width];
    double[] xy = new double[width];
    double[] v = new double[5 * outWidth];
    double ssimSum = 0;
    double csSum = 0;
    for (int r = 0; r < height; r++) {
      int off = r * width;
      for (int i = 0; i < width; i++) {
        double a = x[off + i];
        double b = y[off + i];
        xx[i] = a * a;
        yy[i] = b * b;
        xy[i] = a * b;
      }
      int slot = r % WINDOW;
      horizontal(x, off, ring[0][slot], outWidth);
      horizontal(y, off, ring[1][slot], outWidth);
      horizontal(xx, 0, ring[2][slot], outWidth);
      horizontal(yy, 0, ring[3][slot], outWidth);
      horizontal(xy, 0, ring[4][slot], outWidth);
      if (r >= WINDOW - 1) {
        int centre = r - RADIUS;
        for (int q = 0; q < 5; q++) {
          vertical(ring[q], centre, v, q * outWidth, outWidth);
        }
        double ssimRow = 0;
        double csRow = 0;
        for (int i = 0; i < outWidth; i++) {
          double mx = v[i];
          double my = v[outWidth + i];
          double sxx = v[2 * outWidth + i] - mx * mx;
          double syy = v[3 * outWidth + i] - my * my;
          double sxy = v[4 * outWidth + i] - mx * my;
          double cs = (2 * sxy + C2) / (sxx + syy + C2);
          csRow += cs;
          ssimRow += (2 * mx * my + C1) / (mx * mx + my * my + C1) * cs;
        }
        ssimSum += ssimRow;
        csSum += csRow;
      }
    }
    double count = (double) outWidth * (height - 2 * RADIUS);
    return new Means(ssimSum / count, csSum / count);
  }

  /** Correlates one row with the kernel at every valid position. */
  private static void horizontal(double[] in, int off, double[] out, int outWidth) {
    double k0 = KERNEL[0];
    double k1 = KERNEL[1];
    double k2 = KERNEL[2];
    double k3 = KERNEL[3];
    double k4 = KERNEL[4];
    double k5 = KERNEL[5];
    for (int i = 0; i < outWidth; i++) {
      int c = off + i + RADIUS;
      out[i] = k0 * in[c] + k1 * (in[c - 1] + in[c + 1]) + k2 * (in[c - 2] + in[c + 2])
          + k3 * (in[c - 3] + in[c + 3]) + k4 * (in[c - 4] + in[c + 4])
          + k5 * (in[c - 5] + in[c + 5]);
    }
  }

  /** Combines the ring rows around {@code centre} into {@code out[off..off+outWidth)}. */
  private static void vertical(double[][] rows, int centre, double[] out, int off, int outWidth) {
    double[] r0 = rows[centre % WINDOW];
    double[] u1 = rows[(centre - 1) % WINDOW];
    double[] d1 = rows[(centre + 1) % WINDOW];
    double[] u2 = rows[(centre - 2) % WINDOW];
    double[] d2 = rows[(centre + 2) % WINDOW];
    double[] u3 = rows[(centre - 3) % WINDOW];
    double[] d3 = rows[(centre + 3) % WINDOW];
    double[] u4 = rows[(centre - 4) % WINDOW];
    double[] d4 = rows[(centre + 4) % WINDOW];
    double[] u5 = rows[(centre - 5) % WINDOW];
    double[] d5 = rows[(centre + 5) % WINDOW];
    for (int i = 0; i < outWidth; i++) {
      out[off + i] = KERNEL[0] * r0[i] + KERNEL[1] * (u1[i] + d1[i])
          + KERNEL[2] * (u2[i] + d2[i]) + KERNEL[3] * (u3[i] + d3[i])
          + KERNEL[4] * (u4[i] + d4[i]) + KERNEL[5] * (u5[i] + d5[i]);
    }
  }

  /** exp(−k²/(2σ²)) for k = 0..5, normalised so that the 11 taps sum to 1. */
  static double[] kernel(double sigma) {
    double[] k = new double[RADIUS + 1];
    double sum = 0;
    for (int i = 0; i <= RADIUS; i++) {
      k[i] = Math.exp(-0.5 / (sigma * sigma) * i * i);
      sum += i == 0 ? k[i] : 2 * k[i];
    }
    for (int i = 0; i <= RADIUS; i++) {
      k[i] /= sum;
    }
    return k;
  }
}
