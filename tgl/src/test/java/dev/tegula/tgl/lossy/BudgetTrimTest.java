package dev.tegula.tgl.lossy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link BudgetTrim}: what it counts a threshold would save is what trimming there drops. */
class BudgetTrimTest {
  @Test
  void theSavingsCountedUpToABucketAreTheDropsATrimThereMakes() {
    Random random = new Random(6);
    int[] step = new int[64];
    int[] round = new int[64];
    java.util.Arrays.fill(round, 22);
    Quantizer.stepsHundredths(7500, step);
    int dropsSeen = 0;
    for (int n = 0; n < 2000; n++) {
      int[] coef = new int[64];
      double spread = 30 + random.nextInt(600);
      for (int i = 0; i < 64; i++) {
        int row = i / 8;
        int col = i % 8;
        coef[i] = (int) (random.nextGaussian() * spread / (1 + row + col));
      }
      short[] q = new short[64];
      Quantizer.quantize(coef, step, round, q, 0);
      long[] saved = new long[BudgetTrim.FAR_BUCKETS];
      BudgetTrim.savings(q, 0, coef, step, saved);
      long[] near = new long[BudgetTrim.BUCKETS];
      BudgetTrim.savings(q, 0, coef, step, near);
      assertArrayEquals(near, java.util.Arrays.copyOf(saved, BudgetTrim.BUCKETS),
          "the size trims' buckets are the far ones' first");
      long counted = 0;
      for (int threshold = 0; threshold < BudgetTrim.FAR_BUCKETS; threshold++) {
        counted += saved[threshold];
        short[] t = q.clone();
        boolean dropped = BudgetTrim.trim(t, 0, coef, step, threshold);
        long bits = 0;
        for (int k = 63, before = 0; k > 0; k--) {
          if (q[k] != 0 && t[k] == 0) {
            before = k - 1;
            while (before > 0 && q[before] == 0) {
              before--;
            }
            bits += BudgetTrim.bits16(q[k], k - before - 1);
          }
          assertTrue(t[k] == q[k] || t[k] == 0, "only drops");
        }
        assertEquals(counted, bits, "block " + n + " threshold " + threshold);
        assertEquals(bits > 0, dropped);
        dropsSeen += dropped ? 1 : 0;
        assertEquals(q[0], t[0], "the DC stays");
      }
    }
    assertTrue(dropsSeen > 10_000, "drops at most thresholds: " + dropsSeen);
  }

  @Test
  void aValueJustOverTheDeadZoneIsCheaperThanOneWellInsideIt() {
    int step = 160;
    // F / Q = 2 coef / step: 0.6 and 1.1 steps
    assertTrue(BudgetTrim.bucket(1, 48, step, 3) < BudgetTrim.bucket(1, 88, step, 3));
    // a longer gap before it saves more zero flags, so the same error is cheaper per bit
    assertTrue(BudgetTrim.bucket(1, 88, step, 10) < BudgetTrim.bucket(1, 88, step, 0));
    // x = 5.25 for a = 5: 5 (2x - 5) = 27.5 step^2 for 6.5 bits, past the size trims' bound
    // (twice the slope) and in a far bucket, 37 times the slope
    int far = BudgetTrim.bucket(5, 420, step, 0);
    assertTrue(far > BudgetTrim.BUCKETS && far < BudgetTrim.FAR_BUCKETS, "far: " + far);
    // x = 20.49 for a = 20: 20 (2x - 20) = 420 step^2 for 8 bits, never dropped
    assertEquals(BudgetTrim.FAR_BUCKETS, BudgetTrim.bucket(20, 1639, step, 0), "never dropped");
  }
}
