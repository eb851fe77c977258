package dev.tegula.recompress;

/**
 * §7 of format-jpeg-coefficients-fast.md: DC predicted from the neighbours' border pixels, as
 * content 0 does (format-jpeg-coefficients.md §7, {@link DctEdges}), with one static context of
 * both of its uncertainties. Per component it keeps the bottom rows of the block row above and
 * the right columns of the block to the left, DC included; shared by encoder and decoder.
 */
final class FastDc {
  private final int[][] bottom;
  private final int[][] right;
  private final long[] sums = new long[DctEdges.SUMS];
  private final int[] cur = new int[64];

  FastDc(CoefficientImage img) {
    bottom = new int[img.components][];
    right = new int[img.components][16];
    for (int c = 0; c < img.components; c++) {
      bottom[c] = new int[16 * img.blocksWide[c]];
    }
  }

  /**
   * The prediction of the block's DC from its AC coefficients (nonzero ones flagged in mask) and
   * its neighbours; returns {@code pred << 16 | context} (context 0..DC_CONTEXTS/2 − 1 within
   * the class).
   */
  int predict(short[] coef, int off, long mask, int[] q, int c, int bx, boolean hasA,
      boolean hasL) {
    long[] t = sums;
    java.util.Arrays.fill(t, 0L);
    for (long m = mask & ~1L; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      DctEdges.add(t, i, (long) coef[off + i] * q[i]);
    }
    DctEdges.borders(t, mask, cur);
    long sum = 0;
    long sumA = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int n = 0;
    if (hasA) {
      int[] bot = bottom[c];
      int b = bx << 4;
      for (int x = 0; x < 8; x++) {
        long est = 3L * bot[b + 8 + x] - bot[b + x]
            - (3L * cur[DctEdges.ROW0 + x] - cur[DctEdges.ROW1 + x]);
        sum += est;
        min = Math.min(min, est);
        max = Math.max(max, est);
      }
      n += 8;
      sumA = sum;
    }
    if (hasL) {
      int[] r = right[c];
      for (int y = 0; y < 8; y++) {
        long est = 3L * r[8 + y] - r[y] - (3L * cur[DctEdges.COL0 + y] - cur[DctEdges.COL1 + y]);
        sum += est;
        min = Math.min(min, est);
        max = Math.max(max, est);
      }
      n += 8;
    }
    int b1 = FastContexts.DC_BUCKETS - 1;
    int b2 = FastContexts.DC_BUCKETS - 1;
    int pred = 0;
    if (n > 0) {
      long q2 = 2L * q[0];
      pred = DctEdges.clampDiv(sum, n * q2);
      b1 = Math.min(FastContexts.DC_BUCKETS - 2,
          FastContexts.bitlen((int) Math.min(1 << 20, (max - min) / q2)));
    }
    if (n == 16) {
      long diff = Math.abs(2 * sumA - sum) / (16L * q[0]);
      b2 = Math.min(FastContexts.DC_BUCKETS - 2,
          FastContexts.bitlen((int) Math.min(1 << 20, diff)));
    }
    return (pred << 16) | (b1 * FastContexts.DC_BUCKETS + b2);
  }

  /** Keeps the block's bottom rows and right columns, its DC now known, for its neighbours. */
  void keep(int c, int bx, int dc, int[] q) {
    long d0 = (long) dc * q[0];
    int[] bot = bottom[c];
    int b = bx << 4;
    int[] rt = right[c];
    for (int i = 0; i < 8; i++) {
      bot[b + i] = sat(cur[DctEdges.ROW6 + i] + d0);
      bot[b + 8 + i] = sat(cur[DctEdges.ROW7 + i] + d0);
      rt[i] = sat(cur[DctEdges.COL6 + i] + d0);
      rt[8 + i] = sat(cur[DctEdges.COL7 + i] + d0);
    }
  }

  private static int sat(long x) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, x));
  }
}
