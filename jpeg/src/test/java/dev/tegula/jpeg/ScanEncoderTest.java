package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The progressive AC scans stop each block at its last nonzero coefficient and add the zeros past
 * it to the run at once: the symbols, counts and written bytes of every band and successive
 * approximation step ScanOptimizer prices are those of the walk to the band's end.
 */
class ScanEncoderTest {
  private static final int[][] BANDS = {
    {1, 63, 0, 0}, {1, 2, 0, 0}, {3, 9, 0, 0}, {10, 63, 0, 0}, {1, 8, 0, 0}, {9, 63, 0, 0},
    {1, 5, 0, 1}, {6, 63, 0, 1}, {1, 63, 1, 0}, {1, 5, 0, 2}, {6, 63, 0, 2}, {1, 63, 2, 1},
    {1, 63, 0, 1}, {3, 63, 0, 0}, {6, 63, 0, 0}, {63, 63, 0, 0}, {1, 63, 0, 3}, {1, 63, 3, 2},
  };

  @Test
  void boundedBandsCodeAsTheWholeWalk() {
    Random random = new Random(20);
    EncoderComponent c = sparseComponent(random, 0);
    EncoderComponent[] comps = {c};
    for (int restart : new int[] {0, 7}) {
      for (int[] b : BANDS) {
        ScanSpec spec = new ScanSpec(new int[] {0}, b[0], b[1], b[2], b[3]);
        String what = "band " + b[0] + "-" + b[1] + " ah " + b[2] + " al " + b[3] + " restart "
            + restart;
        EntropySink counted = EntropySink.counter();
        new ScanEncoder(comps, 40, 30, restart, false).encode(spec, true, counted);
        EntropySink bounded = EntropySink.counter();
        new ScanEncoder(comps, 40, 30, restart).encode(spec, true, bounded);
        for (int slot = 0; slot < 4; slot++) {
          assertArrayEquals(counted.freq[slot], bounded.freq[slot], what + " slot " + slot);
        }
        assertArrayEquals(new long[] {counted.extraBits}, new long[] {bounded.extraBits}, what);
        assertArrayEquals(write(comps, spec, restart, counted, false),
            write(comps, spec, restart, counted, true), what);
      }
    }
  }

  private static byte[] write(EncoderComponent[] comps, ScanSpec spec, int restart,
      EntropySink counted, boolean bounded) {
    HuffmanCode[] tables = new HuffmanCode[4];
    for (int slot = 0; slot < 4; slot++) {
      long[] freq = counted.freq[slot].clone();
      boolean used = false;
      for (long f : freq) {
        used |= f != 0;
      }
      if (!used) {
        freq[0] = 1;
      }
      tables[slot] = HuffmanOptimizer.build(freq);
    }
    ByteSink out = new ByteSink(1024);
    BitWriter bits = new BitWriter(out);
    new ScanEncoder(comps, 40, 30, restart, bounded).encode(spec, true,
        EntropySink.writer(tables, bits));
    bits.flush();
    return out.toByteArray();
  }

  /**
   * A 40x30-block component of sparse blocks with their last nonzero anywhere, long zero runs
   * (over 16, and EOB runs) and coefficients of 1 to 40, so refinement has new and known
   * coefficients and corrections; {@code bigOneIn} > 0: one coefficient in that many is 1023.
   */
  static EncoderComponent sparseComponent(Random random, int bigOneIn) {
    EncoderComponent c = new EncoderComponent(1, 0, 1, 1, 0, 0, 40, 30, 39, 29);
    for (int off = 0; off < c.coef.length; off += 64) {
      int last = random.nextInt(4) == 0 ? 0 : random.nextInt(64);
      int density = 1 + random.nextInt(6);
      for (int k = 0; k <= last; k++) {
        if (k == last || random.nextInt(density * 3) == 0) {
          int v = 1 + (random.nextInt(3) == 0 ? random.nextInt(40) : random.nextInt(3));
          v = bigOneIn > 0 && random.nextInt(bigOneIn) == 0 ? 1023 : v;
          c.coef[off + k] = (short) (random.nextBoolean() ? v : -v);
        }
      }
    }
    return c;
  }
}
