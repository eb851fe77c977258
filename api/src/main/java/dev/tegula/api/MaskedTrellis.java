package dev.tegula.api;

/**
 * How the JPEG encoder's trellis quantizes a grey original's luma, for {@link SsimCurve}: the
 * trellis prices each coefficient's bits at a lambda that AdaptiveQuantization raises with the
 * block's masking (1 + its eroded activity / 5000, at most 4), so textured blocks lose more of
 * their small values. The estimate's fixed dead zone (a value kept from 0.65 of a step, at every
 * level) is sharp and blind to it. Measured on the grey tuning set (the 10 corpus photos' luma;
 * every block's exact DCT against its file's levels at qualities 60, 75 and 85; session 24): the
 * share of AC values kept is soft, half of them from 0.60 of a step in unmasked blocks and 0.66
 * to 0.70 at masking 2.25-3.5, with a tail (9-17 % of 0.9-1 step values zeroed over masking 2);
 * a level above 1 is kept from n + 0.54 + 0.03 f. sk_grass and sk_gravel of the hold-out
 * (masking a mean 2.4 and 2.05; the grey set 1.1-1.5) follow the grey set's masked blocks within
 * 0.01-0.02 of a step squared per coefficient, and their AC error energy, which the fixed dead
 * zone put 0.46 (grass, quality 75) and 0.17 (gravel) under the file's in ln, is what their first
 * encodes missed by (SsimCurve's GREY_BIAS has the landings).
 *
 * <p>Grey originals only: the colour photos' and decoded JPEGs' corrections were fitted with the
 * fixed dead zone, and moving them over means refitting every one. Its cost: the estimate of a
 * grey original 0.96-1.43 times its thread CPU before (five grey images, median of 25, two
 * alternated runs; +0-11 ms on 17-38 ms, under 0.2 of an encode and its SSIM), the soft keep in
 * the scoring loop more than the masking's DCTs.
 */
final class MaskedTrellis {
  /**
   * The share of AC values kept (coded 1 or more) at r = 0.40, 0.45, ... 0.95 steps (from 1
   * every value keeps a level; under 0.40 none), in rows by masking factor {@link #FACTORS}.
   */
  private static final double[] FACTORS = {1.1, 1.5, 2, 2.5, 3};
  private static final double[][] KEEP = {
      {0, 0, 0.02, 0.13, 0.38, 0.62, 0.78, 0.89, 0.95, 0.98, 0.99, 1},
      {0, 0, 0.02, 0.08, 0.32, 0.58, 0.70, 0.78, 0.87, 0.93, 0.97, 0.99},
      {0, 0, 0.05, 0.12, 0.25, 0.44, 0.62, 0.72, 0.82, 0.87, 0.90, 0.94},
      {0, 0, 0.06, 0.11, 0.24, 0.37, 0.49, 0.67, 0.76, 0.81, 0.85, 0.90},
      {0, 0, 0.05, 0.12, 0.25, 0.32, 0.50, 0.56, 0.73, 0.74, 0.81, 0.86}};
  private static final int SHARES = KEEP[0].length;

  /** Per sampled luma block: {@link #KEEP} at its masking factor, then its level-above-1 edge. */
  private final double[][] blocks;
  private final double[] factors;

  private MaskedTrellis(double[] factors) {
    this.factors = factors;
    blocks = new double[factors.length][];
    for (int b = 0; b < factors.length; b++) {
      double f = factors[b];
      double ff = Math.max(FACTORS[0], Math.min(FACTORS[FACTORS.length - 1], f));
      int fi = 0;
      while (fi < FACTORS.length - 2 && ff > FACTORS[fi + 1]) {
        fi++;
      }
      double ft = (ff - FACTORS[fi]) / (FACTORS[fi + 1] - FACTORS[fi]);
      double[] row = new double[SHARES + 1];
      for (int i = 0; i < SHARES; i++) {
        row[i] = KEEP[fi][i] + ft * (KEEP[fi + 1][i] - KEEP[fi][i]);
      }
      row[SHARES] = 0.54 + 0.03 * f;
      blocks[b] = row;
    }
  }

  /**
   * The model for the luma blocks of {@link SsimCurve}'s sample ({@code count} of the image's
   * {@code total} macroblocks, four blocks each) of a grey image's pixels (luma = R): each block's
   * masking as AdaptiveQuantization makes it, its activity the summed |AC| (times 8, the
   * encoder's scale) and its erosion the four least of the 3x3 blocks around it weighted 5, 3,
   * 2, 2, the block grid clamped at its edges.
   */
  static MaskedTrellis of(byte[] rgba, int w, int h, int count, int total) {
    int mbw = (w + 15) / 16;
    int bw = (w + 7) / 8;
    int bh = (h + 7) / 8;
    double[] factors = new double[count * 4];
    double[] act = new double[16];
    double[] blk = new double[64];
    double[] tmp = new double[64];
    double[] coef = new double[64];
    double[] n = new double[9];
    for (int i = 0; i < count; i++) {
      int m = SsimCurve.sampleAt(i, count, total);
      int bx0 = (m % mbw) * 2 - 1;
      int by0 = (m / mbw) * 2 - 1;
      // the 4x4 blocks around the macroblock's 2x2
      for (int j = 0; j < 16; j++) {
        int bx = Math.max(0, Math.min(bw - 1, bx0 + (j & 3)));
        int by = Math.max(0, Math.min(bh - 1, by0 + (j >> 2)));
        for (int yy = 0; yy < 8; yy++) {
          int sy = Math.min(h - 1, by * 8 + yy);
          for (int xx = 0; xx < 8; xx++) {
            int sx = Math.min(w - 1, bx * 8 + xx);
            blk[yy * 8 + xx] = (rgba[(sy * w + sx) * 4] & 0xff) - 128;
          }
        }
        SsimCurve.dct(blk, 0, 8, coef, tmp);
        double a = 0;
        for (int k = 1; k < 64; k++) {
          a += Math.abs(coef[k]);
        }
        act[j] = 8 * a;
      }
      for (int k = 0; k < 4; k++) {
        int cx = 1 + (k & 1);
        int cy = 1 + (k >> 1);
        int c = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            n[c++] = act[(cy + dy) * 4 + cx + dx];
          }
        }
        java.util.Arrays.sort(n);
        double field = (5 * n[0] + 3 * n[1] + 2 * n[2] + 2 * n[3]) / 12;
        factors[i * 4 + k] = Math.min(4, 1 + field / 5000);
      }
    }
    return new MaskedTrellis(factors);
  }

  /** Sampled block {@code block}'s masking factor of its trellis lambda, 1-4. */
  double factor(int block) {
    return factors[block];
  }

  /**
   * Sampled block {@code block}'s expected quantization error with steps {@code q}: the mean per
   * coefficient into {@code out} (signed as {@code coef}'s reconstruction minus the value; the DC
   * rounded to nearest), and returned the variance about those means summed over the AC (a value
   * kept with chance p varies by p (1 - p) steps squared), which adds to the error energy.
   */
  double error(int block, double[] coef, double[] q, double[] out) {
    double[] keep = blocks[block];
    double upper = keep[SHARES];
    double spread = 0;
    double dc = Math.abs(coef[0]) / q[0];
    double mean = (Math.round(dc) - dc) * q[0];
    out[0] = coef[0] < 0 ? -mean : mean;
    for (int k = 1; k < 64; k++) {
      double a = Math.abs(coef[k]);
      double r = a / q[k];
      if (r <= 0.40) {
        mean = -a;
      } else if (r < 1) {
        double x = (r - 0.40) * 20;
        double p;
        if (x >= SHARES - 1) {
          p = keep[SHARES - 1] + (1 - keep[SHARES - 1]) * (x - (SHARES - 1));
        } else {
          int xi = (int) x;
          p = keep[xi] + (x - xi) * (keep[xi + 1] - keep[xi]);
        }
        // kept (1 - r over) with chance p, else zeroed (r under)
        mean = (p - r) * q[k];
        spread += p * (1 - p) * q[k] * q[k];
      } else {
        double t = r - (long) r;
        mean = (t >= upper ? 1 - t : -t) * q[k];
      }
      // signed by a multiplication, not a choice on the coefficient's random sign (mispredicted);
      // the same value (a coefficient of -0.0 has a mean of 0 either way)
      out[k] = mean * Abs.signOf(coef[k]);
    }
    return spread;
  }
}
