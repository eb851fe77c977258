package dev.tegula.api;

/**
 * Whether an image was a JPEG before, from {@link SsimCurve}'s sampled 8x8-aligned luma DCT: a
 * decoded JPEG's coefficients lie within the decoder's rounding noise of integer multiples of its
 * quantization steps (T.81 §A.3.4, F.1.1.4: the orthonormal DCT's coefficients are T.81's), a
 * camera image's do not. Per position the step is the largest that nearly all the sample's
 * non-zero levels sit on (a histogram of fits, GCD-like: halving the step fits them too, doubling
 * it misses the odd levels).
 */
final class SourceLattice {
  /** Steps below this fit noise by chance (tolerance 1 is half of a step of 2). */
  private static final int MIN_STEP = 3;
  private static final int MAX_STEP = 128;
  /** Non-zero levels a position needs before its step counts. */
  private static final int MIN_LEVELS = 12;
  /** Share of them that must sit within the tolerance of the lattice. */
  private static final double FIT = 0.85;
  /** Positions (the 15 lowest-frequency AC ones are looked at) whose steps must be found. */
  private static final int MIN_POSITIONS = 5;
  /** The lowest-frequency positions in natural order (zigzag 1-15, T.81 Figure A.6). */
  private static final int[] LOW = {1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5};

  private SourceLattice() {}

  /**
   * The steps per natural position of the source JPEG's luma table (0 where not found), or null
   * if fewer than {@link #MIN_POSITIONS} of the low positions show one.
   */
  static double[] steps(double[][] blocks) {
    double[] out = new double[64];
    int found = 0;
    for (int k = 0; k < 64; k++) {
      out[k] = stepAt(blocks, k);
    }
    for (int k : LOW) {
      found += out[k] > 0 ? 1 : 0;
    }
    return found >= MIN_POSITIONS ? out : null;
  }

  /**
   * The largest step that at least {@link #FIT} of position k's non-zero levels sit on; where
   * its neighbours a little smaller fit too (levels of 1 only fit any step within the tolerance
   * of their value), the one they sit closest to.
   */
  private static int stepAt(double[][] blocks, int k) {
    int best = 0;
    double bestMiss = Double.MAX_VALUE;
    // a step above the MIN_LEVELS-th largest magnitude plus the tolerance has too few levels:
    // high frequencies, mostly small, try few steps
    double[] top = new double[MIN_LEVELS];
    for (double[] b : blocks) {
      double a = Math.abs(b[k]);
      for (int i = 0; i < MIN_LEVELS; i++) {
        if (a > top[i]) {
          double t = top[i];
          top[i] = a;
          a = t;
        }
      }
    }
    int max = (int) Math.min(MAX_STEP, top[MIN_LEVELS - 1] + 1);
    for (int s = max; s >= MIN_STEP && (best == 0 || 5 * s >= 4 * best); s--) {
      double tol = Math.min(1.0, s / 5.0);
      int levels = 0;
      int on = 0;
      double miss = 0;
      for (double[] b : blocks) {
        double a = Math.abs(b[k]);
        if (a < s - tol) {
          continue;
        }
        levels++;
        long m = (long) (a / s + 0.5);
        double d = Math.abs(a - m * s);
        on += d <= tol ? 1 : 0;
        miss += d;
      }
      if (levels >= MIN_LEVELS && on >= FIT * levels && miss / levels < bestMiss) {
        // a passing step must beat the larger ones found by its mean distance to its lattice
        best = s;
        bestMiss = miss / levels;
      }
    }
    return best;
  }

  /** Moves each coefficient with a known step to its lattice point (the decoder's noise off). */
  static void snap(double[][] blocks, double[] steps) {
    for (double[] b : blocks) {
      for (int k = 0; k < 64; k++) {
        double s = steps[k];
        if (s > 0) {
          double a = Math.abs(b[k]);
          double v = (long) (a / s + 0.5) * s;
          b[k] = b[k] < 0 ? -v : v;
        }
      }
    }
  }
}
