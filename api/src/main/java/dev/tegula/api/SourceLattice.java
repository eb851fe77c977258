package dev.tegula.api;

import dev.tegula.jpeg.AnnexKTables;

/**
 * Whether an image was a JPEG before, from {@link SsimCurve}'s sampled 8x8-aligned luma DCT: a
 * decoded JPEG's coefficients lie within the decoder's rounding noise of integer multiples of its
 * quantization steps (T.81 §A.3.4, F.1.1.4: the orthonormal DCT's coefficients are T.81's), a
 * camera image's do not. Per position the step is the largest that nearly all the sample's
 * non-zero levels sit on (a histogram of fits, GCD-like: halving the step fits them too, doubling
 * it misses the odd levels).
 *
 * <p>From about quality 92 on the low positions' steps fall below {@link #MIN_STEP} and the
 * source goes unseen: cjpeg at 93 (4:2:0), 96 and 98 (4:2:2) of the corpus photos, all 18 (othf
 * of scripts/measure-sets, 29 Nov). Searched as photos they land 65 of 72 JPEG SSIM targets,
 * more than the decodes that are seen (134 of 168 of othf's others), so that was left alone.
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
      double a = Abs.of(b[k]);
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
        double a = Abs.of(b[k]);
        if (a < s - tol) {
          continue;
        }
        levels++;
        long m = (long) (a / s + 0.5);
        double d = Abs.of(a - m * s);
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

  /** T.81 Table K.1, the luma table libjpeg scales by its quality (natural order). */
  private static final int[] ANNEX_K_LUMA = new int[64];

  static {
    for (int k = 0; k < 64; k++) {
      ANNEX_K_LUMA[k] = AnnexKTables.quant(0, k);
    }
  }

  /**
   * Share of the found steps that must equal one scaling's (a step found at a sparse position
   * may be a multiple of the true one): cjpeg's decodes in the fit sets match 0.875-1, other
   * tables (othf, otho) at most 0.70 (29 Nov).
   */
  private static final double ANNEX_K_FIT = 0.8;

  /**
   * Whether found steps (from {@link #steps}) are libjpeg's: Table K.1 at one of its quality
   * scalings (jcparam.c: (value * scale + 50) / 100 within 1-255, scale 1-5000 %), as cjpeg, most
   * tools built on libjpeg and many cameras write them. Other encoders' tables (this one's
   * psychovisual ones, ImageMagick's, flat or perceptually tuned ones) have other shapes.
   */
  static boolean annexKScaled(double[] steps) {
    for (int scale = 1; scale <= 5000; scale++) {
      int found = 0;
      int on = 0;
      for (int k = 0; k < 64; k++) {
        if (steps[k] > 0) {
          found++;
          on += Math.max(1, Math.min(255, (ANNEX_K_LUMA[k] * scale + 50) / 100)) == steps[k]
              ? 1 : 0;
        }
      }
      if (found > 0 && on >= ANNEX_K_FIT * found) {
        return true;
      }
    }
    return false;
  }

  /** Moves each coefficient with a known step to its lattice point (the decoder's noise off). */
  static void snap(double[][] blocks, double[] steps) {
    for (double[] b : blocks) {
      for (int k = 0; k < 64; k++) {
        double s = steps[k];
        if (s > 0) {
          double a = Abs.of(b[k]);
          double v = (long) (a / s + 0.5) * s;
          b[k] = b[k] < 0 ? -v : v;
        }
      }
    }
  }
}
