package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The estimates' kernels, rewritten in session 25 for speed, give the plain definitions' values
 * bit for bit: the DCT's sums grow side by side but each in its own order, and the source
 * lattice's step search skips only what adds nothing.
 */
class EstimateKernelsTest {
  @Test
  void dctEqualsOneSumAtATime() {
    Random r = new Random(25);
    double[] src = new double[16 * 16];
    double[] out = new double[64];
    double[] tmp = new double[64];
    for (int t = 0; t < 2000; t++) {
      for (int i = 0; i < src.length; i++) {
        src[i] = t % 2 == 0 ? r.nextInt(256) - 128 : r.nextGaussian() * 40;
      }
      int off = r.nextInt(8) * 16 + r.nextInt(8);
      SsimCurve.dct(src, off, 16, out, tmp);
      assertArrayEquals(plainDct(src, off, 16), out, 0, "block " + t);
    }
  }

  @Test
  void latticeStepsEqualThePlainSearch() {
    Random r = new Random(6);
    int lattices = 0;
    for (int t = 0; t < 60; t++) {
      double[][] blocks = new double[32 + r.nextInt(480)][64];
      // a third no JPEG, a third a lattice with the decoder's noise, a third a coarse lattice
      int kind = t % 3;
      for (double[] b : blocks) {
        for (int k = 0; k < 64; k++) {
          double spread = 300 / (1 + k);
          double v = r.nextGaussian() * spread;
          int step = 2 + (k * 7 + t) % (kind == 2 ? 60 : 20);
          b[k] = kind == 0 ? v : Math.round(v / step) * step + (r.nextDouble() - 0.5) * 1.5;
        }
      }
      double[] expected = new double[64];
      for (int k = 0; k < 64; k++) {
        expected[k] = SourceLatticeTest.everyBlock(blocks, k);
      }
      double[] steps = SourceLattice.steps(blocks);
      if (steps != null) {
        lattices++;
        assertArrayEquals(expected, steps, 0, "set " + t);
      } else {
        int found = 0;
        for (int k : new int[] {1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5}) {
          found += expected[k] > 0 ? 1 : 0;
        }
        assertEquals(true, found < 5, "set " + t + " has " + found + " low steps");
      }
    }
    assertEquals(true, lattices >= 30, lattices + " of 60 sets found on a lattice");
  }

  private static double[] plainDct(double[] src, int off, int stride) {
    double[][] cos = new double[8][8];
    for (int u = 0; u < 8; u++) {
      double cu = u == 0 ? Math.sqrt(0.125) : 0.5;
      for (int x = 0; x < 8; x++) {
        cos[u][x] = cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
      }
    }
    double[] tmp = new double[64];
    double[] out = new double[64];
    for (int y = 0; y < 8; y++) {
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int x = 0; x < 8; x++) {
          s += cos[u][x] * src[off + y * stride + x];
        }
        tmp[y * 8 + u] = s;
      }
    }
    for (int u = 0; u < 8; u++) {
      for (int v = 0; v < 8; v++) {
        double s = 0;
        for (int y = 0; y < 8; y++) {
          s += cos[v][y] * tmp[y * 8 + u];
        }
        out[v * 8 + u] = s;
      }
    }
    return out;
  }
}
