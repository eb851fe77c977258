package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SymbolCount} keeps each block's candidates from one grid quality to the next; its
 * counts must be what a look at every coefficient gives, whichever way the steps move.
 */
class SymbolCountTest {
  private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
      36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
      62, 63};

  @Test
  void countsAsEveryCoefficientWhetherStepsGetFinerOrCoarser() {
    Random r = new Random(11);
    double[][] blocks = new double[300][64];
    for (double[] b : blocks) {
      for (int k = 0; k < 64; k++) {
        // heavy-tailed magnitudes over the classes' whole span, some exact zeros, and values
        // on a step's dead-zone edge, where the float classes and the division must agree (as
        // an orthonormal DCT of 8-bit samples, at most 2040)
        double v = Math.max(-2040, Math.min(2040,
            r.nextGaussian() * Math.exp(r.nextGaussian() * 2) * 300 / (1 + k)));
        b[k] = r.nextInt(9) == 0 ? 0 : r.nextInt(13) == 0 ? (r.nextBoolean() ? 1 : -1) * 0.65 * 7
            : v;
      }
    }
    double[] jpeg = new double[64];
    double[] tgl = new double[64];
    for (int k = 0; k < 64; k++) {
      jpeg[k] = k == 0 ? 0.5 : 0.35;
      tgl[k] = k == 0 ? 0.5 : k < 6 ? 26 / 64.0 : 22 / 64.0;
    }
    SymbolCount kept = new SymbolCount(blocks);
    // finer, the same again, coarser (start over), other offsets, then the finest steps
    double[] scales = {60, 30, 12, 12, 7, 3, 40, 9, 1, 0.5, 0.001};
    double[][] offsets = {jpeg, jpeg, jpeg, jpeg, jpeg, jpeg, jpeg, jpeg, tgl, tgl, tgl};
    for (int i = 0; i < scales.length; i++) {
      double[] steps = new double[64];
      for (int k = 0; k < 64; k++) {
        steps[k] = Math.max(0.5, Math.round(scales[i] * (1 + k / 8.0)));
      }
      steps[1] = i == 4 ? 7 : steps[1];
      int[] want = new int[272];
      int[] got = new int[272];
      long wantBits = everyCoefficient(blocks, steps, offsets[i], want);
      assertEquals(wantBits, kept.count(steps, offsets[i], got), "bits at scale " + scales[i]);
      assertArrayEquals(want, got, "symbols at scale " + scales[i]);
    }
  }

  /** The count as it was made before SymbolCount: every coefficient looked at. */
  private static long everyCoefficient(double[][] blocks, double[] steps, double[] offsets,
      int[] hist) {
    long extra = 0;
    int prevDc = 0;
    for (double[] b : blocks) {
      int dc = (int) (Math.abs(b[0]) / steps[0] + offsets[0]);
      int cat = category(dc - prevDc);
      prevDc = dc;
      hist[256 + cat]++;
      extra += cat;
      int run = 0;
      for (int z = 1; z < 64; z++) {
        int k = ZIGZAG[z];
        int v = (int) (Math.abs(b[k]) / steps[k] + offsets[k]);
        if (v == 0) {
          run++;
          continue;
        }
        for (; run > 15; run -= 16) {
          hist[0xf0]++;
        }
        int s = category(v);
        hist[run << 4 | s]++;
        extra += s;
        run = 0;
      }
      if (run > 0) {
        hist[0]++;
      }
    }
    return extra;
  }

  private static int category(int v) {
    return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
  }
}
