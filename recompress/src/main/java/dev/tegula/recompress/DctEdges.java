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

  /**
   * §7.1: rows 0, 1, 6, 7 and columns 0, 1, 6, 7 of the block's IDCT without its DC term, in 1/8
   * sample units, into {@code out[0..63]}; {@code t} is 64 longs of scratch. {@code nonzero}
   * has bit i set for every nonzero AC coefficient at natural position i (bit 0 is ignored).
   */
  static void borders(short[] co, int o, int[] q, long nonzero, long[] t, int[] out) {
    java.util.Arrays.fill(t, 0L);
    // t[0..7] even-v column sums at y=0, [8..15] odd-v at y=0, [16..31] the same at y=1;
    // t[32..63] the same for rows (even/odd u at x=0, x=1). Most blocks are sparse: the masks
    // of the columns and rows holding a nonzero AC coefficient skip the empty ones below.
    int cols = 0;
    int rows = 0;
    for (long nz = nonzero & ~1L; nz != 0; nz &= nz - 1) {
      int i = Long.numberOfTrailingZeros(nz);
      int c = co[o + i];
      long d = (long) c * q[i];
      int v = i >>> 3;
      int u = i & 7;
      cols |= 1 << u;
      rows |= 1 << v;
      int rs = (v & 1) << 3;
      t[rs + u] += d * B0[v];
      t[16 + rs + u] += d * B1[v];
      int cs = 32 + ((u & 1) << 3);
      t[cs + v] += d * B0[u];
      t[cs + 16 + v] += d * B1[u];
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

  /**
   * §6: prediction of coefficient (0, u) of the block at {@code o} from the block above at
   * {@code oa}, for u = 1..7: the value that makes the two blocks' column-u profiles meet at the
   * shared border, given the block's own rows 1..7 of column u.
   */
  static int predictTop(short[] co, int o, int oa, int[] q, int u) {
    long s = 0;
    for (int v = 0; v < 8; v++) {
      long b = B0[v];
      long n = (long) co[oa + (v << 3) + u] * q[(v << 3) + u] * b;
      s += (v & 1) == 0 ? n : -n;
      if (v > 0) {
        s -= (long) co[o + (v << 3) + u] * q[(v << 3) + u] * b;
      }
    }
    return clampDiv(s, (long) B0[0] * q[u]);
  }

  /** §6: prediction of coefficient (v, 0) from the block on the left at {@code ol}, v = 1..7. */
  static int predictLeft(short[] co, int o, int ol, int[] q, int v) {
    long s = 0;
    int row = v << 3;
    for (int u = 0; u < 8; u++) {
      long b = B0[u];
      long n = (long) co[ol + row + u] * q[row + u] * b;
      s += (u & 1) == 0 ? n : -n;
      if (u > 0) {
        s -= (long) co[o + row + u] * q[row + u] * b;
      }
    }
    return clampDiv(s, (long) B0[0] * q[row]);
  }

  /** round(n / d) for d > 0, halves away from zero, clamped to [-32767, 32767]. */
  static int clampDiv(long n, long d) {
    long r = n >= 0 ? (n + (d >> 1)) / d : -((-n + (d >> 1)) / d);
    return (int) Math.max(-32767, Math.min(32767, r));
  }
}
