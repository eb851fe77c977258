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
    int count = blocks.length;
    double[] mags = new double[count];
    int runs = (count + RUN - 1) / RUN;
    double[] runMax = new double[runs];
    // atLeast[L]: how many magnitudes are L or more (L whole), for each step's count of levels
    int[] atLeast = new int[MAX_STEP + 1];
    // a step above the MIN_LEVELS-th largest magnitude plus the tolerance has too few levels:
    // high frequencies, mostly small, try few steps
    double[] top = new double[MIN_LEVELS];
    for (int i = 0; i < count; i++) {
      double a = Abs.of(blocks[i][k]);
      mags[i] = a;
      runMax[i / RUN] = Math.max(runMax[i / RUN], a);
      atLeast[(int) Math.min(MAX_STEP, a)]++;
      if (a > top[MIN_LEVELS - 1]) {
        for (int j = 0; j < MIN_LEVELS; j++) {
          if (a > top[j]) {
            double t = top[j];
            top[j] = a;
            a = t;
          }
        }
      }
    }
    for (int l = MAX_STEP - 1; l >= 0; l--) {
      atLeast[l] += atLeast[l + 1];
    }
    int max = (int) Math.min(MAX_STEP, top[MIN_LEVELS - 1] + 1);
    for (int s = max; s >= MIN_STEP && (best == 0 || 5 * s >= 4 * best); s--) {
      double tol = Math.min(1.0, s / 5.0);
      double lo = s - tol;
      int levels = lo == (long) lo ? atLeast[(int) lo] : countAtLeast(mags, lo);
      if (levels < MIN_LEVELS) {
        continue;
      }
      double need = FIT * levels;
      int off = 0;
      double miss = 0;
      // in block order, without a branch on each magnitude (random data sends it either way):
      // one outside the step's reach adds 0 to both sums, and a run of them is skipped; a step
      // stops being read once too many levels missed its lattice for it to pass (most steps of
      // an image that was no JPEG)
      int r = 0;
      for (; r < runs && levels - off >= need; r++) {
        if (runMax[r] < lo) {
          continue;
        }
        for (int i = r * RUN, end = Math.min(count, i + RUN); i < end; i++) {
          double a = mags[i];
          int in = inside(a, lo);
          double d = Abs.of(a - (long) (a / s + 0.5) * s);
          off += in & (1 - inside(tol, d));
          miss += d * in;
        }
      }
      if (r == runs && levels - off >= need && miss / levels < bestMiss) {
        // a passing step must beat the larger ones found by its mean distance to its lattice
        best = s;
        bestMiss = miss / levels;
      }
    }
    return best;
  }

  /** Magnitudes per run of blocks that {@link #stepAt} skips together when all are small. */
  private static final int RUN = 16;

  private static int countAtLeast(double[] mags, double lo) {
    int n = 0;
    for (double a : mags) {
      n += inside(a, lo);
    }
    return n;
  }

  /** 1 if {@code a >= lo}, else 0 (finite values), from the sign of their difference. */
  private static int inside(double a, double lo) {
    return 1 + (int) (Double.doubleToRawLongBits(a - lo) >> 63);
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
