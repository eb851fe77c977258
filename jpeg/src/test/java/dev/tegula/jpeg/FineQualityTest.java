package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fine quality scale (hundredths) that the target-size search moves along. */
class FineQualityTest {
  private static final Image FLOWER = EncoderImages.crop(EncoderImages.photo("flower.png"),
      400, 200, 256, 200);

  @Test
  void wholeQualitiesKeepTheirTablesExactly() {
    EncoderTuning t = EncoderTuning.defaults();
    for (int q = 0; q <= 100; q++) {
      int ijg = QuantTables.ijgScale(q);
      int[][] classic = QuantTables.classic(q * 100, 3);
      for (int i = 0; i < 64; i++) {
        assertEquals(QuantTables.clamp((QuantTables.ANNEX_K_LUMA[i] * ijg + 50) / 100),
            classic[0][i], "classic q" + q);
        assertEquals(QuantTables.clamp((QuantTables.ANNEX_K_CHROMA[i] * ijg + 50) / 100),
            classic[1][i], "classic chroma q" + q);
      }
      if (QuantTables.sharesTheQualityBelow(q)) {
        continue;
      }
      // the formulas before the fine scale existed, in whole percent
      int scale = QuantTables.ijgScale(QuantTables.effectiveQuality(q));
      int chroma444 = scale * t.chroma444Scale / 16;
      int[][] psy = QuantTables.psychovisual(q * 100, 3, true, t);
      assertArrayEquals(old8(t.lumaBase, scale), psy[0], "luma q" + q);
      assertArrayEquals(old8(t.cbBase, chroma444), psy[1], "Cb 4:4:4 q" + q);
      assertArrayEquals(old8(t.crBase, chroma444), psy[2], "Cr 4:4:4 q" + q);
      assertArrayEquals(old8(t.cbBase, scale), QuantTables.psychovisual(q * 100, 3, false, t)[1],
          "Cb 4:2:0 q" + q);
    }
  }

  /**
   * Rounding the effective quality down had given 26, 31, ..., 96 the tables and file of the
   * quality below; they now lie halfway to the next effective quality.
   */
  @Test
  void everyWholeQualityHasItsOwnTablesAndFile() {
    EncoderTuning t = EncoderTuning.defaults();
    int shared = 0;
    for (int q = 2; q <= 100; q++) {
      shared += QuantTables.sharesTheQualityBelow(q) ? 1 : 0;
      assertTrue(QuantTables.wholeScale(q) < QuantTables.wholeScale(q - 1), "scale q" + q);
    }
    assertEquals(15, shared, "26, 31, ..., 96");
    for (boolean full : new boolean[] {false, true}) {
      // every step is 255 up to 2
      for (int q = 3; q <= 100; q++) {
        assertFalse(Arrays.deepEquals(QuantTables.psychovisual((q - 1) * 100, 3, full, t),
            QuantTables.psychovisual(q * 100, 3, full, t)), "q" + q + (full ? " 4:4:4" : ""));
      }
    }
    for (int q : new int[] {26, 96}) {
      int below = JpegEncoder.encode(FLOWER, Metadata.EMPTY,
          JpegEncodeOptions.ofQuality(q - 1)).length;
      int at = JpegEncoder.encode(FLOWER, Metadata.EMPTY, JpegEncodeOptions.ofQuality(q)).length;
      int above = JpegEncoder.encode(FLOWER, Metadata.EMPTY,
          JpegEncodeOptions.ofQuality(q + 1)).length;
      assertTrue(below < at && at < above, "q" + q + ": " + below + ", " + at + ", " + above
          + " bytes");
    }
  }

  private static int[] old8(int[] base8, int percent) {
    int[] t = new int[64];
    for (int i = 0; i < 64; i++) {
      t[i] = QuantTables.clamp((base8[i] * percent + 400) / 800);
    }
    return t;
  }

  @Test
  void wholeQualitiesKeepTheirBytes() {
    for (int q : new int[] {5, 50, 90, 97, 100}) {
      assertArrayEquals(JpegEncoder.encode(FLOWER, Metadata.EMPTY, JpegEncodeOptions.ofQuality(q)),
          JpegEncoder.encode(FLOWER, Metadata.EMPTY,
              JpegEncodeOptions.ofQualityHundredths(q * 100)), "q" + q);
    }
  }

  @Test
  void noStepGrowsWithTheFineQuality() {
    EncoderTuning t = EncoderTuning.defaults();
    for (boolean full : new boolean[] {false, true}) {
      int[][] prev = QuantTables.psychovisual(0, 3, full, t);
      int[][] prevClassic = QuantTables.classic(0, 3);
      for (int h = 1; h <= 10000; h++) {
        int[][] cur = QuantTables.psychovisual(h, 3, full, t);
        int[][] classic = QuantTables.classic(h, 3);
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < 64; i++) {
            assertTrue(cur[c][i] <= prev[c][i], "table " + c + " entry " + i + " at " + h);
            assertTrue(c == 2 || classic[c][i] <= prevClassic[c][i], "classic at " + h);
          }
        }
        prev = cur;
        prevClassic = classic;
      }
    }
  }

  /**
   * A sweep across the steepest part of the curve (a whole step there is 10-15% of the size):
   * the size never falls by more than 0.1 % as the quality rises and the fractions fill the gap
   * between whole steps. It can fall a little: a finer step can let the trellis drop a
   * coefficient it had kept (here 90.90 is 4 bytes under 90.85, of 15,795).
   */
  @Test
  void sizeGrowsFinelyWithTheFineQuality() {
    int prev = 0;
    int largestJump = 0;
    int at90 = 0;
    int at91 = 0;
    for (int h = 9000; h <= 9300; h += 5) {
      int size = JpegEncoder.encode(FLOWER, Metadata.EMPTY,
          JpegEncodeOptions.ofQualityHundredths(h)).length;
      assertTrue(size * 1000L >= prev * 999L, h + " hundredths: " + size + " bytes < " + prev);
      if (prev > 0) {
        largestJump = Math.max(largestJump, size - prev);
      }
      at90 = h == 9000 ? size : at90;
      at91 = h == 9200 ? size : at91;
      prev = size;
    }
    assertTrue(at91 > at90 * 103 / 100, "90 -> 92 changes the size by " + at90 + " -> " + at91);
    assertTrue(largestJump * 100 < 3 * at90, "largest jump between 5-hundredth steps "
        + largestJump + " of " + at90 + " bytes");
  }

  @Test
  void theFineScaleIsCheckedAndAgreesWithTheWholePart() {
    assertThrows(IllegalArgumentException.class, () -> JpegEncodeOptions.ofQualityHundredths(-1));
    assertThrows(IllegalArgumentException.class,
        () -> JpegEncodeOptions.ofQualityHundredths(10001));
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(9650);
    assertEquals(96, o.quality());
    assertEquals(JpegEncodeOptions.Subsampling.S420, o.subsampling(), "chroma by the whole part");
    assertEquals(JpegEncodeOptions.Subsampling.S444,
        JpegEncodeOptions.ofQualityHundredths(9700).subsampling());
    assertEquals(8012, o.withQualityHundredths(8012).withGrayscale(true).qualityHundredths());
    assertEquals(7000, o.withQuality(70).qualityHundredths());
    assertThrows(IllegalArgumentException.class, () -> new JpegEncodeOptions(95,
        JpegEncodeOptions.Subsampling.S420, true, true, 0, false, true, 9650));
  }
}
