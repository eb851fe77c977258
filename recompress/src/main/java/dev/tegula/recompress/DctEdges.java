package dev.tegula.recompress;

/**
 * Integer 8x8 IDCT geometry at block borders (docs/format-jpeg-coefficients.md §6, §7): the
 * predictions of a block's first row and column of coefficients from its neighbour across the
 * border, and the pixels along a block's four borders that predict DC.
 *
 * <p>BASIS[k][x] = round(4096 · s_k · cos((2x + 1)kπ/16)), s_0 = √(1/8), s_k = 1/2: the
 * orthonormal 1-D DCT-II basis that T.81 §A.3.3's IDCT is the 2-D product of. A table, not
 * Math.cos at run time, so that every platform computes the same predictions. Pixel values here
 * are in 1/8 of a sample, which makes a DC coefficient worth exactly its dequantized value.
 */
final class DctEdges {
  static final int[][] BASIS = {
    {1448, 1448, 1448, 1448, 1448, 1448, 1448, 1448},
    {2009, 1703, 1138, 400, -400, -1138, -1703, -2009},
    {1892, 784, -784, -1892, -1892, -784, 784, 1892},
    {1703, -400, -2009, -1138, 1138, 2009, 400, -1703},
    {1448, -1448, -1448, 1448, 1448, -1448, -1448, 1448},
    {1138, -2009, 400, 1703, -1703, -400, 2009, -1138},
    {784, -1892, 1892, -784, -784, 1892, -1892, 784},
    {400, -1138, 1703, -2009, 2009, -1703, 1138, -400},
  };
  /** BASIS[k][0] and BASIS[k][1]; BASIS[k][7] = (-1)^k BASIS[k][0], BASIS[k][6] likewise. */
  private static final int[] B0 = new int[8];
  private static final int[] B1 = new int[8];
  /** BASIS transposed and flat: BASIS_XK[8x + k] = BASIS[k][x], one bounds check per row. */
  private static final long[] BASIS_XK = new long[64];

  static {
    for (int k = 0; k < 8; k++) {
      B0[k] = BASIS[k][0];
      B1[k] = BASIS[k][1];
      for (int x = 0; x < 8; x++) {
        BASIS_XK[8 * x + k] = BASIS[k][x];
      }
    }
  }

  /** Offsets in the 64-int border array filled by {@link #borders}. */
  static final int ROW0 = 0;
  static final int ROW1 = 8;
  static final int ROW6 = 16;
  static final int ROW7 = 24;
  static final int COL0 = 32;
  static final int COL1 = 40;
  static final int COL6 = 48;
  static final int COL7 = 56;

  private DctEdges() {}

  /** Size of the sums array that {@link #add} fills and {@link #borders} reads. */
  static final int SUMS = 64;

  /**
   * Adds AC coefficient {@code i} (natural order), dequantized to {@code d}, to the block's
   * partial sums: t[0..7] the even-v column sums at y = 0 (Σ D(v,u)·BASIS[v][0] by u), [8..15]
   * the odd-v ones, [16..31] the same at y = 1; t[32..63] the same for rows (even/odd u, x = 0,
   * 1). They give both the edge predictions (§6) and the border pixels (§7.1).
   */
  static void add(long[] t, int i, long d) {
    int v = i >>> 3;
    int u = i & 7;
    int rs = (v & 1) << 3;
    t[rs + u] += d * B0[v];
    t[16 + rs + u] += d * B1[v];
    int cs = 32 + ((u & 1) << 3);
    t[cs + v] += d * B0[u];
    t[cs + 16 + v] += d * B1[u];
  }

  /** Column u's Σ_v D(v,u)·B0[v] so far (§6 the block's own part of the top prediction). */
  static long column(long[] t, int u) {
    return t[u] + t[8 + u];
  }

  /** Row v's Σ_u D(v,u)·B0[u] so far (§6 the block's own part of the left prediction). */
  static long row(long[] t, int v) {
    return t[32 + v] + t[40 + v];
  }

  /** Column u's Σ_v (−1)^v D(v,u)·B0[v]: the neighbour's part of the top prediction below it. */
  static long alternatingColumn(long[] t, int u) {
    return t[u] - t[8 + u];
  }

  /** Row v's Σ_u (−1)^u D(v,u)·B0[u]: the neighbour's part of the left prediction. */
  static long alternatingRow(long[] t, int v) {
    return t[32 + v] - t[40 + v];
  }

  /**
   * §6: coefficient (0, u) (or (v, 0)) that makes the profiles meet at the border, from the
   * neighbour's alternating sum and the block's own sum of that column (row) without position 0.
   */
  static int predict(long neighbourAlternating, long own, int q) {
    return clampDiv(neighbourAlternating - own, (long) B0[0] * q);
  }

  /**
   * §7.1: rows 0, 1, 6, 7 and columns 0, 1, 6, 7 of the block's IDCT without its DC term, in 1/8
   * sample units, into {@code out[0..63]}, from the sums {@link #add} built over every AC
   * coefficient. {@code nonzero} has bit i set for every nonzero AC coefficient at natural
   * position i (bit 0 is ignored): the empty columns and rows are skipped.
   */
  static void borders(long[] t, long nonzero, int[] out) {
    long m8 = nonzero & ~1L;
    long f = m8 | (m8 >>> 32);
    f |= f >>> 16;
    f |= f >>> 8;
    int cols = (int) f & 0xFF;
    int rows = 0;
    for (int v = 0; v < 8; v++) {
      if (((m8 >>> (v << 3)) & 0xFF) != 0) {
        rows |= 1 << v;
      }
    }
    for (int x = 0; x < 8; x++) {
      long r0 = 0;
      long r7 = 0;
      long r1 = 0;
      long r6 = 0;
      for (int m = cols; m != 0; m &= m - 1) {
        int k = Integer.numberOfTrailingZeros(m);
        long b = BASIS_XK[(x << 3) + k];
        long e0 = t[k];
        long o0 = t[8 + k];
        long e1 = t[16 + k];
        long o1 = t[24 + k];
        r0 += (e0 + o0) * b;
        r7 += (e0 - o0) * b;
        r1 += (e1 + o1) * b;
        r6 += (e1 - o1) * b;
      }
      long c0 = 0;
      long c7 = 0;
      long c1 = 0;
      long c6 = 0;
      for (int m = rows; m != 0; m &= m - 1) {
        int k = Integer.numberOfTrailingZeros(m);
        long b = BASIS_XK[(x << 3) + k];
        long ce0 = t[32 + k];
        long co0 = t[40 + k];
        long ce1 = t[48 + k];
        long co1 = t[56 + k];
        c0 += (ce0 + co0) * b;
        c7 += (ce0 - co0) * b;
        c1 += (ce1 + co1) * b;
        c6 += (ce1 - co1) * b;
      }
      out[ROW0 + x] = shift(r0);
      out[ROW1 + x] = shift(r1);
      out[ROW6 + x] = shift(r6);
      out[ROW7 + x] = shift(r7);
      out[COL0 + x] = shift(c0);
      out[COL1 + x] = shift(c1);
      out[COL6 + x] = shift(c6);
      out[COL7 + x] = shift(c7);
    }
  }

  /** 2^24 basis scale to 1/8 sample: round(s / 2^21), clamped to int. */
  private static int shift(long s) {
    long r = (s + (1L << 20)) >> 21;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
  }

  /** round(n / d) for d > 0, halves away from zero, clamped to [-32767, 32767]. */
  static int clampDiv(long n, long d) {
    long r = n >= 0 ? (n + (d >> 1)) / d : -((-n + (d >> 1)) / d);
    return (int) Math.max(-32767, Math.min(32767, r));
  }
}
