package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-walk counting of many AC-first bands (session 21) counts what ScanEncoder's counting
 * pass counts scan by scan, the reference here: symbols of the component's AC table and extra bits,
 * with and without restarts, across the longest end-of-band run.
 */
class AcFirstCounterTest {
  /** ScanOptimizer's AC-first bands (luminance and chrominance) and some more. */
  private static final int[][] BANDS = {
    {1, 63, 0, 0}, {1, 2, 0, 0}, {3, 9, 0, 0}, {10, 63, 0, 0}, {1, 8, 0, 0}, {9, 63, 0, 0},
    {1, 5, 0, 1}, {6, 63, 0, 1}, {1, 5, 0, 2}, {6, 63, 0, 2}, {1, 63, 0, 1}, {1, 5, 0, 0},
    {6, 63, 0, 0}, {3, 63, 0, 0}, {63, 63, 0, 0}, {1, 1, 0, 2}, {40, 50, 0, 1},
  };

  @Test
  void countsAsScanByScanOnRandomBlocks() {
    Random random = new Random(2121);
    for (int round = 0; round < 6; round++) {
      int table = round & 1;
      EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, table, 41, 30, 39, 29);
      fill(c, random, round % 3);
      for (int restart : new int[] {0, 1, 7, 250}) {
        assertSameCounts(c, table, restart, "round " + round + " restart " + restart);
      }
    }
  }

  /** Mostly empty blocks: runs reach 0x7FFF and are cut there, as ScanEncoder cuts them. */
  @Test
  void countsAsScanByScanAcrossTheLongestEndOfBandRun() {
    EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, 0, 200, 180, 200, 180);
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      int off = (0x7FFF + 100 + random.nextInt(2000)) * 64;
      c.coef[off + 1 + random.nextInt(63)] = (short) (random.nextInt(600) - 300 | 1);
    }
    assertTrue(c.usedHigh * c.usedWide > 0x7FFF + 2100);
    assertSameCounts(c, 0, 0, "mostly empty");
  }

  private static void assertSameCounts(EncoderComponent c, int table, int restart, String what) {
    EncoderComponent[] comps = {c};
    AcFirstCounter counter = new AcFirstCounter(BANDS);
    new ScanEncoder(comps, c.usedWide, c.usedHigh, restart).countAcFirst(0, counter);
    for (int i = 0; i < BANDS.length; i++) {
      int[] b = BANDS[i];
      String band = what + " band " + b[0] + "-" + b[1] + " al " + b[3];
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
   * ones with long values, or sparse ones with long zero runs.
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
