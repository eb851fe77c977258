package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-walk counting of refinement scans (session 22) counts what ScanEncoder's counting pass
 * counts scan by scan, the reference here: symbols of the component's AC table and extra bits
 * (correction bits included), with and without restarts, on random blocks, on a photo's
 * quantized blocks, across the longest end-of-band run and the correction-bit flush.
 */
class AcRefineCounterTest {
  /** ScanOptimizer's refinements ({1-63, ah 1, al 0}, {1-63, ah 2, al 1}) and some more. */
  private static final int[][] BANDS = {
    {1, 63, 1, 0}, {1, 63, 2, 1}, {1, 63, 3, 2}, {6, 63, 1, 0}, {6, 63, 2, 1}, {63, 63, 1, 0},
    {30, 63, 3, 2},
  };

  @Test
  void countsAsScanByScanOnRandomBlocks() {
    Random random = new Random(2222);
    for (int round = 0; round < 6; round++) {
      int table = round & 1;
      EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, table, 41, 30, 39, 29);
      fill(c, random, round % 3);
      for (int restart : new int[] {0, 1, 7, 250}) {
        assertSameCounts(c, table, restart, "round " + round + " restart " + restart);
      }
    }
  }

  /** A photo's blocks, quantized as an encode quantizes them, at low and high qualities. */
  @Test
  void countsAsScanByScanOnAPhotosBlocks() {
    Image flower = EncoderImages.crop(EncoderImages.photo("flower.png"), 100, 60, 250, 170);
    for (int quality : new int[] {30, 75, 95}) {
      JpegEncodeOptions o = JpegEncodeOptions.ofQuality(quality)
          .withSubsampling(JpegEncodeOptions.Subsampling.S420).withPsychovisual(false);
      EncoderComponent[] comps = quantized(flower, o);
      for (int c = 0; c < comps.length; c++) {
        for (int restart : new int[] {0, 5}) {
          assertSameCounts(comps[c], comps[c].huffTable, restart,
              "q" + quality + " component " + c + " restart " + restart);
        }
      }
    }
  }

  /** Mostly empty blocks: runs reach 0x7FFF and are cut there, as ScanEncoder cuts them. */
  @Test
  void countsAsScanByScanAcrossTheLongestEndOfBandRun() {
    EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, 0, 200, 180, 200, 180);
    Random random = new Random(8);
    for (int i = 0; i < 40; i++) {
      int off = (0x7FFF + 100 + random.nextInt(2000)) * 64;
      c.coef[off + 1 + random.nextInt(63)] = (short) (random.nextInt(600) - 300 | 1);
    }
    assertTrue(c.usedHigh * c.usedWide > 0x7FFF + 2100);
    assertSameCounts(c, 0, 0, "mostly empty");
  }

  /**
   * Blocks of large values with no newly nonzero coefficient: their correction bits pile up on
   * one end-of-band run until it is flushed at ScanEncoder's limit.
   */
  @Test
  void countsAsScanByScanWhereCorrectionBitsFlushTheRun() {
    EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, 1, 30, 30, 30, 30);
    Random random = new Random(9);
    for (int off = 0; off < c.coef.length; off += 64) {
      for (int k = 1; k < 64; k++) {
        int v = random.nextInt(5) == 0 ? 0 : 8 + random.nextInt(200);
        c.coef[off + k] = (short) (random.nextBoolean() ? v : -v);
      }
    }
    assertSameCounts(c, 1, 0, "dense");
  }

  @Test
  void knowsOnlyRefinementsToTheBandsEnd() {
    assertTrue(AcRefineCounter.knows(new int[] {1, 63, 1, 0}));
    assertFalse(AcRefineCounter.knows(new int[] {1, 62, 1, 0}));
    assertFalse(AcRefineCounter.knows(new int[] {1, 63, 0, 0}));
    assertFalse(AcRefineCounter.knows(new int[] {1, 63, 2, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> new AcRefineCounter(new int[][] {{1, 5, 1, 0}}));
  }

  private static EncoderComponent[] quantized(Image image, JpegEncodeOptions o) {
    int w = image.width();
    int h = image.height();
    int mcusX = (w + 15) / 16;
    int mcusY = (h + 15) / 16;
    EncoderTuning tuning = EncoderTuning.defaults();
    int[][] tables = JpegEncoder.tables(o, tuning);
    EncoderComponent[] comps = JpegEncoder.components(false, w, h, 2, 2, mcusX, mcusY,
        tables.length);
    BlockTransform.run(image.rgba(), w, h, comps, 2, 2, mcusX, mcusY, 0);
    Quantizer.quantizeAll(comps, tables, false, tuning, o.lambdaHundredths(), null);
    return comps;
  }

  private static void assertSameCounts(EncoderComponent c, int table, int restart, String what) {
    EncoderComponent[] comps = {c};
    AcRefineCounter counter = new AcRefineCounter(BANDS);
    new ScanEncoder(comps, c.usedWide, c.usedHigh, restart).countAcRefine(0, counter);
    for (int i = 0; i < BANDS.length; i++) {
      int[] b = BANDS[i];
      String band = what + " band " + b[0] + "-" + b[1] + " ah " + b[2] + " al " + b[3];
      ScanSpec spec = new ScanSpec(new int[] {0}, b[0], b[1], b[2], b[3]);
      for (boolean bounded : new boolean[] {false, true}) {
        EntropySink reference = EntropySink.counter();
        new ScanEncoder(comps, c.usedWide, c.usedHigh, restart, bounded)
            .encode(spec, true, reference);
        long[][] freq = counter.freq(i, table);
        for (int slot = 0; slot < 4; slot++) {
          assertArrayEquals(reference.freq[slot], freq[slot], band + " slot " + slot);
        }
        assertEquals(reference.extraBits, counter.extraBits(i), band);
      }
    }
  }

  /**
   * Blocks like a photo's (magnitudes falling with frequency, many ending early or empty), dense
   * ones with long values, or sparse ones of small values with long zero runs.
   */
  private static void fill(EncoderComponent c, Random random, int kind) {
    for (int off = 0; off < c.coef.length; off += 64) {
      int last = random.nextInt(3) == 0 ? 0 : random.nextInt(64);
      for (int k = 1; k <= last; k++) {
        int v = switch (kind) {
          case 0 -> random.nextInt(1 + 200 / (k + 2)) - 100 / (k + 2);
          case 1 -> random.nextInt(2047) - 1023;
          default -> random.nextInt(20) == 0 ? random.nextInt(9) - 4 : 0;
        };
        c.coef[off + k] = (short) (k == last && v == 0 ? 1 : v);
      }
    }
  }
}
