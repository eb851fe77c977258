package dev.tegula.recompress;

/**
 * §7 of format-jpeg-coefficients-fast.md: DC predicted so that the block's border pixels,
 * extrapolated half a sample, meet its neighbours' on average (content 0's estimate,
 * format-jpeg-coefficients.md §7, averaged over the border). Averaged over a border, every
 * basis function but the constant one sums to zero, so only the first column of coefficients
 * (for the top border) and the first row (for the left border) count: 1-D sums, no IDCT. Per
 * component it keeps, for the block row above, each block's two bottom sums and, for the block
 * to the left, its two right sums, DC included; shared by encoder and decoder.
 */
final class FastDc {
  private static final int[] B0 = FastContexts.B0;
  /** BASIS[k][1] of format-jpeg-coefficients.md §7.1. */
  private static final int[] B1 = {1448, 1703, 784, -400, -1448, -2009, -1892, -1138};

  private final long[][] bottom;
  private final long[] right = new long[2];
  /** The block's sums at the far border: column 0 at y = 6, 7, row 0 at x = 6, 7, no DC. */
  private long bottom6;
  private long bottom7;
  private long right6;
  private long right7;

  /**
   * Per component q·B0[k] and q·B1[k] for the first column's coefficients (k·8, at [k] and [8 +
   * k]) and the first row's (k, at [16 + k] and [24 + k]): one multiplication per term.
   */
  private final long[][] weights;

  /** @param quant the §1 steps q_c ({@link FastContexts#quantSteps}) */
  FastDc(CoefficientImage img, int[][] quant) {
    bottom = new long[img.components][];
    weights = new long[img.components][32];
    for (int c = 0; c < img.components; c++) {
      bottom[c] = new long[2 * img.blocksWide[c]];
      long[] w = weights[c];
      for (int k = 0; k < 8; k++) {
        long qc = quant[c][8 * k];
        long qr = quant[c][k];
        w[k] = qc * B0[k];
        w[8 + k] = qc * B1[k];
        w[16 + k] = qr * B0[k];
        w[24 + k] = qr * B1[k];
      }
    }
  }

  /**
   * The prediction of the block's DC from its first row and column and its neighbours; returns
   * {@code pred << 16 | context} (context below DC_BUCKETS² within the class).
   */
  int predict(short[] coef, int off, int[] q, int c, int bx, boolean hasA, boolean hasL) {
    // the block's own column-0 sums at y = 0, 1 and row-0 sums at x = 0, 1, DC left out
    // even and odd k apart: BASIS[k][7 − y] = (−1)^k BASIS[k][y] gives the far border too
    long c0e = 0;
    long c0o = 0;
    long c1e = 0;
    long c1o = 0;
    long r0e = 0;
    long r0o = 0;
    long r1e = 0;
    long r1o = 0;
    // no test for zero coefficients: a branch per coefficient mispredicts more than it saves
    long[] w = weights[c];
    for (int k = 1; k < 8; k += 2) {
      long d = coef[off + 8 * k];
      c0o += d * w[k];
      c1o += d * w[8 + k];
      d = coef[off + k];
      r0o += d * w[16 + k];
      r1o += d * w[24 + k];
    }
    for (int k = 2; k < 8; k += 2) {
      long d = coef[off + 8 * k];
      c0e += d * w[k];
      c1e += d * w[8 + k];
      d = coef[off + k];
      r0e += d * w[16 + k];
      r1e += d * w[24 + k];
    }
    bottom7 = c0e - c0o;
    bottom6 = c1e - c1o;
    right7 = r0e - r0o;
    right6 = r1e - r1o;
    return predict(c0e + c0o, c1e + c1o, r0e + r0o, r1e + r1o, q, c, bx, hasA, hasL);
  }

  /** {@link #predict} for a block whose coefficients but DC are all zero. */
  int predictFlat(int[] q, int c, int bx, boolean hasA, boolean hasL) {
    bottom7 = 0;
    bottom6 = 0;
    right7 = 0;
    right6 = 0;
    return predict(0, 0, 0, 0, q, c, bx, hasA, hasL);
  }

  /** The prediction from the block's own sums at the near borders (c0, c1, r0, r1). */
  private int predict(long c0, long c1, long r0, long r1, int[] q, int c, int bx, boolean hasA,
      boolean hasL) {
    long estA = 0;
    long estL = 0;
    int n = 0;
    long[] bot = bottom[c];
    if (hasA) {
      // 3·A7 − A6 − (3·C0 − C1): twice the offset, in 1448 units
      estA = 3 * bot[2 * bx + 1] - bot[2 * bx] - (3 * c0 - c1);
      n++;
    }
    if (hasL) {
      estL = 3 * right[1] - right[0] - (3 * r0 - r1);
      n++;
    }
    int b1 = FastContexts.DC_BUCKETS - 1;
    int b2 = FastContexts.DC_BUCKETS - 1;
    int pred = 0;
    long unit = 2L * 1448 * q[0];
    if (n > 0) {
      pred = roundedQuotient(estA + estL, n * unit);
      long own = Math.abs(3 * c0 - c1) + Math.abs(3 * r0 - r1);
      b1 = quotientBits(own, unit);
    }
    if (n == 2) {
      b2 = quotientBits(Math.abs(estA - estL), unit);
    }
    return (pred << 16) | (b1 * FastContexts.DC_BUCKETS + b2);
  }

  /**
   * §1 rdiv(num, d) for d > 0, clamped to ±32767, without a branch on num's sign (the DC
   * estimate's sign is a coin toss for the branch predictor).
   */
  static int roundedQuotient(long num, long d) {
    long neg = num >> 63;
    long r = ((num ^ neg) - neg + (d >> 1)) / d;
    r = (r ^ neg) - neg;
    return (int) Math.max(-32767, Math.min(32767, r));
  }

  /**
   * §7: min(10, bitlen(num / unit)) for num >= 0, unit > 0, without a 64-bit division: the
   * quotient's bit length is a − u or a − u + 1 (a, u the bit lengths of num and unit).
   */
  static int quotientBits(long num, long unit) {
    int b = Long.numberOfLeadingZeros(unit) - Long.numberOfLeadingZeros(num);
    if (b < 0) {
      return 0;
    }
    b += num >= unit << b ? 1 : 0;
    return Math.min(FastContexts.DC_BUCKETS - 2, b);
  }

  /** Keeps the block's bottom and right sums, its DC now known, for its neighbours. */
  void keep(int c, int bx, int dc, int[] q) {
    long d = (long) dc * q[0] * 1448;
    long[] bot = bottom[c];
    bot[2 * bx] = d + bottom6;
    bot[2 * bx + 1] = d + bottom7;
    right[0] = d + right6;
    right[1] = d + right7;
  }
}
