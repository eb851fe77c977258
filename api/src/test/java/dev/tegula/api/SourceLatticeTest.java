package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SourceLatticeTest {
  private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
      36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
      62, 63};

  @Test
  void decodedJpegsLumaStepsAreTheEncodersTable() throws Exception {
    byte[] jpg = Files.readAllBytes(TglFacadeTest.testdata("jpeg/size_1023x769_420.jpg"));
    int[] table = lumaTable(jpg);
    Image img = Tegula.decode(jpg).image();
    double[] steps = SsimCurve.of(img, true).sourceSteps();
    assertNotNull(steps, "a decoded JPEG is detected");
    int found = 0;
    for (int k = 1; k < 64; k++) {
      if (steps[k] > 0) {
        found++;
        assertEquals(table[k], steps[k], 0, "step at natural position " + k);
      }
    }
    assertTrue(found >= 10, "steps found at " + found + " positions");
  }

  @Test
  void plainPhotoIsNotADecodedJpeg() throws Exception {
    Image img = Tegula.decode(Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    assertNull(SsimCurve.of(img, true).sourceSteps());
  }

  /**
   * stepAt looks at a position's magnitudes from 2.3 up, largest first, and stops a step once
   * too many miss its lattice (session 25): the steps must be those of every block at every step.
   */
  @Test
  void stepsAsEveryBlockAtEveryStep() {
    java.util.Random r = new java.util.Random(5);
    int lattices = 0;
    for (int trial = 0; trial < 40; trial++) {
      double[][] blocks = new double[64 + r.nextInt(500)][64];
      double noise = trial % 4 * 0.4;
      for (double[] b : blocks) {
        for (int k = 0; k < 64; k++) {
          // a lattice of steps 1-40 with the decoder's noise, or none, and few levels at the
          // high frequencies, where magnitudes fall under 2.3
          int step = trial % 3 == 0 ? 0 : 1 + (k * 7 + trial) % 40;
          double v = r.nextGaussian() * 60 / (1 + k / 4.0);
          b[k] = step == 0 ? v : Math.round(v / step) * step + r.nextGaussian() * noise;
        }
      }
      double[] want = new double[64];
      for (int k = 0; k < 64; k++) {
        want[k] = everyBlock(blocks, k);
      }
      double[] got = SourceLattice.steps(blocks);
      int low = 0;
      for (int k : new int[] {1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5}) {
        low += want[k] > 0 ? 1 : 0;
      }
      if (got == null) {
        assertTrue(low < 5, "trial " + trial + ": " + low + " low positions found before");
      } else {
        assertArrayEquals(want, got, "trial " + trial);
        lattices++;
      }
    }
    assertTrue(lattices >= 15, lattices + " trials show a lattice");
  }

  /** SourceLattice.stepAt as it was before session 25: every block at every step. */
  static int everyBlock(double[][] blocks, int k) {
    int best = 0;
    double bestMiss = Double.MAX_VALUE;
    double[] top = new double[12];
    for (double[] b : blocks) {
      double a = Math.abs(b[k]);
      for (int i = 0; i < 12; i++) {
        if (a > top[i]) {
          double t = top[i];
          top[i] = a;
          a = t;
        }
      }
    }
    int max = (int) Math.min(128, top[11] + 1);
    for (int s = max; s >= 3 && (best == 0 || 5 * s >= 4 * best); s--) {
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
      if (levels >= 12 && on >= 0.85 * levels && miss / levels < bestMiss) {
        best = s;
        bestMiss = miss / levels;
      }
    }
    return best;
  }

  /** Table 0 of the first DQT segment (T.81 §B.2.4.1), 8-bit, in natural order. */
  private static int[] lumaTable(byte[] jpg) {
    for (int i = 2; i + 4 < jpg.length; i++) {
      if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == 0xdb) {
        int p = i + 4;
        assertEquals(0, jpg[p] & 0xff, "8-bit table 0 first");
        int[] t = new int[64];
        for (int z = 0; z < 64; z++) {
          t[ZIGZAG[z]] = jpg[p + 1 + z] & 0xff;
        }
        return t;
      }
    }
    throw new AssertionError("no DQT");
  }
}
