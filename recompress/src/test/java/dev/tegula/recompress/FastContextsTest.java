package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FastContextsTest {
  /** The encoder's edge bucket by one multiplication equals §6's quotient at every boundary. */
  @Test
  void edgeBucketByInverseIsExact() {
    Random rnd = new Random(7);
    for (int q = 1; q < 65536; q += q < 300 ? 1 : 1 + rnd.nextInt(97)) {
      check(q);
    }
    check(65535);
    for (int q = 1; q < 65536; q++) {
      long d = 1448L * q;
      double inv = FastContexts.inverse(d);
      long s = rnd.nextLong() >> (rnd.nextInt(40) + 10);
      assertEquals(FastContexts.edgeBucket(s, d), FastContexts.edgeBucket(s, d, inv), "s " + s);
    }
  }

  private static void check(int q) {
    long d = 1448L * q;
    double inv = FastContexts.inverse(d);
    for (int j = 0; j <= 8; j++) {
      // m = (|s| + d/2) / d reaches 2^j at |s| = 2^j·d − d/2 (and 0 for the smallest |s|)
      long edge = (d << j) - (d >> 1);
      for (long s = Math.max(0, edge - 2); s <= edge + 2; s++) {
        assertEquals(FastContexts.edgeBucket(s, d), FastContexts.edgeBucket(s, d, inv),
            "q " + q + " s " + s);
        assertEquals(FastContexts.edgeBucket(-s, d), FastContexts.edgeBucket(-s, d, inv),
            "q " + q + " s " + -s);
      }
    }
    long big = 1L << 52;
    assertEquals(FastContexts.edgeBucket(big, d), FastContexts.edgeBucket(big, d, inv));
    assertEquals(FastContexts.edgeBucket(-big, d), FastContexts.edgeBucket(-big, d, inv));
  }
}
