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
    // each position's magnitudes that any step may count (at least MIN_STEP less its tolerance,
    // 2.4; 2.3 keeps the comparisons below those of every block), in the blocks' order: most
    // high-frequency ones are smaller, and each step looks at this list alone
    double[] mags = new double[blocks.length];
    for (int k = 0; k < 64; k++) {
      int n = 0;
      for (double[] b : blocks) {
        double a = Abs.of(b[k]);
        if (a >= 2.3) {
          mags[n++] = a;
        }
      }
      out[k] = stepAt(mags, n);
    }
    for (int k : LOW) {
      found += out[k] > 0 ? 1 : 0;
    }
    return found >= MIN_POSITIONS ? out : null;
  }

  /**
   * The largest step that at least {@link #FIT} of position k's non-zero levels sit on; where
   * its neighbours a little smaller fit too (levels of 1 only fit any step within the tolerance
   * of their value), the one they sit closest to. {@code mags[0..n)}: the position's magnitudes
   * from 2.3 up, in the blocks' order.
   */
  private static int stepAt(double[] mags, int n) {
    // largest first: a step counts the magnitudes from its tolerance under it, a prefix
    double[] sorted = java.util.Arrays.copyOf(mags, n);
    java.util.Arrays.sort(sorted);
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      double t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }
    // a step above the MIN_LEVELS-th largest magnitude plus the tolerance has too few levels:
    // high frequencies, mostly small, try few steps (fewer than MIN_LEVELS magnitudes from 2.3
    // up: none passes, as none would with the smaller ones, which reach no step's levels)
    if (n < MIN_LEVELS) {
      return 0;
    }
    int best = 0;
    double bestMiss = Double.MAX_VALUE;
    int max = (int) Math.min(MAX_STEP, sorted[MIN_LEVELS - 1] + 1);
    int levels = 0;
    for (int s = max; s >= MIN_STEP && (best == 0 || 5 * s >= 4 * best); s--) {
      double tol = Math.min(1.0, s / 5.0);
      while (levels < n && !(sorted[levels] < s - tol)) {
        levels++;
      }
      if (levels < MIN_LEVELS || !fits(sorted, levels, s, tol)) {
        continue;
      }
      // the mean distance in the blocks' order, the sum as it always was
      double miss = 0;
      for (int j = 0; j < n; j++) {
        double a = mags[j];
        if (!(a < s - tol)) {
          long m = (long) (a / s + 0.5);
          miss += Abs.of(a - m * s);
        }
      }
      if (miss / levels < bestMiss) {
        // a passing step must beat the larger ones found by its mean distance to its lattice
        best = s;
        bestMiss = miss / levels;
      }
    }
    return best;
  }

  /**
   * Whether at least {@link #FIT} of {@code levels} magnitudes sit within {@code tol} of step
   * {@code s}'s lattice; stops once too many miss it (most steps of a camera image's
   * coefficients, which no lattice holds).
   */
  private static boolean fits(double[] mags, int levels, int s, double tol) {
    double need = FIT * levels;
    int off = 0;
    for (int j = 0; j < levels; j++) {
      double a = mags[j];
      long m = (long) (a / s + 0.5);
      if (Abs.of(a - m * s) > tol && ++off > levels - need) {
        return false;
      }
    }
    return true;
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
