package dev.tegula.tgl.lossless;

/**
 * Integer logistic functions for probability mixing (format-lossless.md §6.2): squash maps a
 * log-odds value in 1/256 units (-2047..2047) to a 12-bit probability, stretch is its inverse.
 * Both come from a 33-point table of 4096/(1 + e^(-x/2)) by linear interpolation, so the tables are
 * identical on every runtime (no Math.exp at run time).
 */
final class Logistic {
  private Logistic() {}

  private static final int[] KNOTS = {
    1, 2, 4, 6, 10, 17, 27, 45, 74, 120, 194, 311, 488, 747, 1102, 1546, 2048,
    2550, 2994, 3349, 3608, 3785, 3902, 3976, 4022, 4051, 4069, 4079, 4086, 4090, 4092, 4094, 4095
  };

  private static final int[] SQUASH = new int[4096];
  private static final int[] STRETCH = new int[4096];

  static {
    for (int x = -2048; x < 2048; x++) {
      int w = x & 127;
      int k = (x >> 7) + 16;
      SQUASH[x + 2048] = (KNOTS[k] * (128 - w) + KNOTS[k + 1] * w + 64) >> 7;
    }
    // stretch(p) = the smallest x whose squash reaches p, so stretch(squash(x)) is close to x.
    int p = 0;
    for (int x = -2047; x <= 2047; x++) {
      int v = SQUASH[x + 2048];
      for (; p <= v && p < 4096; p++) {
        STRETCH[p] = x;
      }
    }
    for (; p < 4096; p++) {
      STRETCH[p] = 2047;
    }
  }

  /** Log-odds (1/256 units) to a probability in 1..4095 (12 bits). */
  static int squash(int x) {
    if (x > 2047) {
      x = 2047;
    } else if (x < -2047) {
      x = -2047;
    }
    int p = SQUASH[x + 2048];
    return p < 1 ? 1 : (p > 4095 ? 4095 : p);
  }

  /** 12-bit probability (0..4095) to log-odds in 1/256 units. */
  static int stretch(int p) {
    return STRETCH[p];
  }
}
