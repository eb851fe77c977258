package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The branch-free |x| gives Math.abs's bits for every kind of double. */
class AbsTest {
  @Test
  void equalsMathAbs() {
    double[] special = {0.0, -0.0, 1e-320, -1e-320, Double.MIN_VALUE, -Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.5, -0.5, -1023.999, 1.0 / 3};
    for (double x : special) {
      assertEquals(Double.doubleToRawLongBits(Math.abs(x)), Double.doubleToRawLongBits(Abs.of(x)),
          "x = " + x);
    }
    assertEquals(Double.NaN, Abs.of(Double.NaN));
    long seed = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 100_000; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      double x = Double.longBitsToDouble(seed);
      if (!Double.isNaN(x)) {
        assertEquals(Double.doubleToRawLongBits(Math.abs(x)),
            Double.doubleToRawLongBits(Abs.of(x)), "x = " + x);
      }
    }
  }
}
