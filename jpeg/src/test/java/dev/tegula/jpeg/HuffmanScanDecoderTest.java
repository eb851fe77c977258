package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The refinement decoder's bit select against a bit-by-bit count. */
class HuffmanScanDecoderTest {
  private static int naiveSelect(long x, int r) {
    for (int p = 0; p < 64; p++) {
      if ((x & (Long.MIN_VALUE >>> p)) != 0 && r-- == 0) {
        return p;
      }
    }
    return 64;
  }

  @Test
  void selectFindsTheRthOneFromTheTop() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      long x = random.nextLong();
      // sparse and dense masks as well as even ones
      if ((i & 3) == 1) {
        x &= random.nextLong() & random.nextLong();
      } else if ((i & 3) == 2) {
        x |= random.nextLong() | random.nextLong();
      } else if ((i & 3) == 3) {
        x = (x >>> random.nextInt(64)) & (-1L << random.nextInt(64));
      }
      int r = random.nextInt(16);
      long mask = x;
      assertEquals(naiveSelect(x, r), HuffmanScanDecoder.select(x, r),
          () -> Long.toHexString(mask));
    }
    assertEquals(64, HuffmanScanDecoder.select(0, 0));
    assertEquals(63, HuffmanScanDecoder.select(-1L, 63));
    assertEquals(64, HuffmanScanDecoder.select(-1L >>> 1, 63));
  }
}
