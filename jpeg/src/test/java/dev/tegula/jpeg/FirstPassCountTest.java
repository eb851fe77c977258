package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The first pass's symbol counts (session 21: {@link Quantizer#countRounded} instead of
 * {@link Quantizer#round} into a block, then a count over all 63 positions) are what they were:
 * the count as it was is kept here as the reference.
 */
class FirstPassCountTest {

  @Test
  void countsTheSymbolsOfTheRoundedBlock() {
    Random r = new Random(21);
    int[] tmp = new int[64];
    int[] zz = new int[64];
    long zrl = 0;
    for (int table = 0; table < 300; table++) {
      int[] div = new int[64];
      int top = 1 + r.nextInt(r.nextBoolean() ? 16 : 255);
      for (int i = 0; i < 64; i++) {
        div[i] = 8 * (1 + r.nextInt(top));
      }
      int threshold = table % 3 == 0 ? 150 : r.nextInt(300) - 20;
      int[] least = Quantizer.leastNonzero(div, threshold);
      long[] fast = new long[256];
      long[] slow = new long[256];
      for (int block = 0; block < 100; block++) {
        short[] coef = new short[64];
        int scale = r.nextInt(4) == 0 ? 200 : 1 + r.nextInt(8);
        for (int i = 0; i < 64; i++) {
          int v = r.nextInt(3) == 0 ? 0 : (int) (r.nextGaussian() * div[i] * scale / 4);
          coef[i] = (short) Math.max(-32768, Math.min(32767, v));
        }
        Quantizer.countRounded(coef, 0, div, least, fast, tmp);
        Quantizer.round(coef, 0, div, threshold, zz);
        countAc(zz, slow);
      }
      assertArrayEquals(slow, fast, "table " + table + " threshold " + threshold);
      zrl += fast[0xF0];
    }
    assertTrue(zrl > 100, "long runs are counted too: " + zrl);
  }

  /** The count before session 21 (it was TrellisQuantizer.countAc), verbatim. */
  private static void countAc(int[] zz, long[] freq) {
    int r = 0;
    for (int k = 1; k < 64; k++) {
      int t = zz[k];
      if (t == 0) {
        r++;
        continue;
      }
      while (r > 15) {
        freq[0xF0]++;
        r -= 16;
      }
      freq[(r << 4) + EntropySink.bitLength(t < 0 ? -t : t)]++;
      r = 0;
    }
    if (r > 0) {
      freq[0]++;
    }
  }
}
