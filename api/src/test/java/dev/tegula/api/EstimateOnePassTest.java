package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions.Subsampling;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The estimates' shared work (session 18): SsimCurve scores a grid quality's 4:2:0 and 4:4:4
 * sides in one pass over the sampled blocks, and SizeCurve counts a quality's luma once for both
 * sides. Each side must come out as an estimate of that side alone gives it.
 */
class EstimateOnePassTest {
  /**
   * A caller's fixed 4:4:4 (or 4:2:0) scores that one side alone, at every grid quality; the
   * encoders' choice scores both in one pass from 80. Both must read the same values there.
   */
  @Test
  void bothSidesInOnePassReadAsEachSideAlone() throws IOException {
    for (String name : new String[] {"astronaut.png", "flower.png"}) {
      Image img = TargetSearchTest.crop(name, 32, 48, 256);
      SsimCurve both = SsimCurve.of(img, true);
      SsimCurve full = SsimCurve.of(img, true, Subsampling.S444, false);
      SsimCurve sub = SsimCurve.of(img, true, Subsampling.S420, false);
      for (int q = 80; q <= 96; q += 2) {
        int code = q * 100 | TargetSearch.FULL_CHROMA;
        assertEquals(full.at(code), both.at(code), name + " 4:4:4 at " + q);
        assertEquals(sub.at(q * 100), both.at(q * 100), name + " 4:2:0 at " + q);
        // the two sides differ, so that a mix-up of their chroma would show
        assertNotEquals(both.at(code), both.at(q * 100), name + " at " + q);
      }
    }
  }

  /**
   * The luma counted for one call is reused only for the same blocks, offsets and steps: steps
   * changed in the same array are counted afresh, as a fresh curve counts them.
   */
  @Test
  void lumaCountIsReusedOnlyForTheSameSteps() {
    java.util.Random r = new java.util.Random(7);
    double[][] y = new double[16][64];
    double[][] cb = new double[16][64];
    double[][] cr = new double[16][64];
    for (int b = 0; b < 16; b++) {
      for (int k = 0; k < 64; k++) {
        double scale = 200.0 / (1 + k);
        y[b][k] = r.nextGaussian() * scale;
        cb[b][k] = r.nextGaussian() * scale / 2;
        cr[b][k] = r.nextGaussian() * scale / 3;
      }
    }
    double[] offsets = new double[64];
    java.util.Arrays.fill(offsets, 0.35);
    offsets[0] = 0.5;
    double[] luma = new double[64];
    double[] chroma = new double[64];
    SizeCurve reused = new SizeCurve(true);
    double last = Double.NaN;
    for (int step : new int[] {2, 2, 5, 9, 9, 20}) {
      java.util.Arrays.fill(luma, step);
      java.util.Arrays.fill(chroma, step * 1.5);
      double fresh = new SizeCurve(true).estimate(y, cb, cr, luma, chroma, offsets, offsets,
          1024);
      double again = reused.estimate(y, cb, cr, luma, chroma, offsets, offsets, 1024);
      assertEquals(fresh, again, "luma step " + step);
      // the chroma alone changed: the luma's count carries over, the total still moves
      java.util.Arrays.fill(chroma, step * 3);
      assertEquals(new SizeCurve(true).estimate(y, cb, cr, luma, chroma, offsets, offsets, 1024),
          reused.estimate(y, cb, cr, luma, chroma, offsets, offsets, 1024), "chroma " + step);
      assertNotEquals(again, reused.estimate(y, cb, cr, luma, chroma, offsets, offsets, 1024));
      if (step != 2 && step != 9) {
        assertNotEquals(last, again, "luma step " + step);
      }
      last = again;
    }
  }
}
