package dev.tegula.recompress;

/**
 * The token alphabet and the contexts of content 2 (format-jpeg-coefficients-fast.md §3-§6),
 * shared by {@link FastBandEncoder} and {@link FastBandDecoder} so that both see the same
 * numbers.
 */
final class FastContexts {
  private FastContexts() {}

  /** §4: magnitude tokens 0..31. */
  static final int VALUE_SYMBOLS = 32;
  /** §5.1: counts 0..63. */
  static final int COUNT_SYMBOLS = 64;

  static final int NZ_BUCKETS = 16;
  static final int NZ_DIFF = 5;
  static final int K_BUCKETS = 16;
  static final int REM_BUCKETS = 8;
  static final int DC_BUCKETS = 12;

  static final int INTRA_BUCKETS = 5;
  /**
   * §5.2: intra's bucket min(INTRA_BUCKETS − 1, bitlen(I)) of I = 0..INTRA_SUM − 1 (I is at
   * most 8 + 8 + 4, the neighbours counted as {@link #INTRA_OF_TOKEN} gives them).
   */
  static final int INTRA_SUM = 32;
  static final byte[] INTRA_BUCKET = new byte[INTRA_SUM];
  /**
   * §5.2: a neighbour's magnitude m as intra counts it, by its token: m below 4, else 4, 6 or 8
   * (tokens 4, 5, larger); the encoder's table by min(8, m).
   */
  static final byte[] INTRA_OF_TOKEN = new byte[32];
  static final byte[] INTRA_OF_MAGNITUDE = new byte[9];

  static {
    for (int i = 0; i < INTRA_SUM; i++) {
      INTRA_BUCKET[i] = (byte) Math.min(INTRA_BUCKETS - 1, bitlen(i));
    }
    for (int t = 0; t < 32; t++) {
      INTRA_OF_TOKEN[t] = (byte) (t < 4 ? t : t == 4 ? 4 : t == 5 ? 6 : 8);
    }
    for (int m = 0; m <= 8; m++) {
      INTRA_OF_MAGNITUDE[m] = INTRA_OF_TOKEN[token(m)];
    }
  }
  static final int EDGE_PRED_BUCKETS = 8;

  /** §3: the tables: interior counts, DC, interior values, edge counts, edge values. */
  static final int COUNT = 0;
  static final int DC = 1;
  static final int AC = 2;
  static final int EDGE_COUNT = 3;
  static final int EDGE = 4;
  static final int TABLES = 5;
  static final int[] CONTEXTS = {2 * NZ_BUCKETS * NZ_DIFF, 2 * DC_BUCKETS * DC_BUCKETS,
      2 * K_BUCKETS * REM_BUCKETS * INTRA_BUCKETS, 2 * 2 * 8 * 4,
      2 * 2 * 7 * 4 * EDGE_PRED_BUCKETS};
  static final int[] SYMBOLS = {64, 32, 32, 8, 64};
  /** The clustering's second map reference, STRIDE[t] contexts before (the groups' training). */
  static final int[] STRIDE = {NZ_DIFF, 1, INTRA_BUCKETS, 4, EDGE_PRED_BUCKETS};
  /** §3: where each table's contexts start in one joint numbering (tokens carry it). */
  static final int[] BASE = new int[TABLES + 1];

  /** ZZ49: the 49 interior positions (u, v ≥ 1) in zig-zag order. */
  static final int[] ZZ49 = new int[49];
  /** B0[k] = BASIS[k][0] of format-jpeg-coefficients.md §7.1. */
  static final int[] B0 = {1448, 2009, 1892, 1703, 1448, 1138, 784, 400};

  /** §5.2: bucket of a ZZ49 index 0..48. */
  static final byte[] K_BUCKET = new byte[64];
  /** §5.1: bucket of a predicted count 0..63. */
  static final byte[] NZ_BUCKET = new byte[64];
  /** §5.2: bucket of the remaining count 1..63 (index 0 unused). */
  static final byte[] REM_BUCKET = new byte[64];

  static {
    for (int t = 0; t < TABLES; t++) {
      BASE[t + 1] = BASE[t] + CONTEXTS[t];
    }
    int j = 0;
    for (int k = 0; k < 64; k++) {
      int p = JpegSyntax.ZIGZAG[k];
      if ((p & 7) != 0 && p >= 8) {
        ZZ49[j++] = p;
      }
    }
    for (int n = 0; n < 64; n++) {
      K_BUCKET[n] = (byte) (n <= 9 ? n : n <= 12 ? 10 : n <= 16 ? 11 : n <= 21 ? 12 : n <= 27
          ? 13 : n <= 35 ? 14 : 15);
      NZ_BUCKET[n] = (byte) (n <= 7 ? n : n <= 9 ? 8 : n <= 11 ? 9 : n <= 14 ? 10 : n <= 18 ? 11
          : n <= 23 ? 12 : n <= 31 ? 13 : 14);
      REM_BUCKET[n] = (byte) (n <= 2 ? Math.max(0, n - 1) : n <= 4 ? 2 : n <= 8 ? 3 : n <= 12 ? 4
          : n <= 20 ? 5 : n <= 32 ? 6 : 7);
    }
  }

  /** §5.1: the count's context from the above and left blocks' counts (-1: unavailable). */
  static int countContext(int cls, int nzA, int nzL) {
    int avg;
    int diff = 0;
    if (nzA >= 0 && nzL >= 0) {
      avg = NZ_BUCKET[(nzA + nzL + 1) >> 1];
      diff = Math.min(NZ_DIFF - 1, bitlen(Math.abs(nzA - nzL) >> 1));
    } else if (nzA >= 0) {
      avg = NZ_BUCKET[nzA];
    } else if (nzL >= 0) {
      avg = NZ_BUCKET[nzL];
    } else {
      avg = NZ_BUCKETS - 1;
    }
    return (cls * NZ_BUCKETS + avg) * NZ_DIFF + diff;
  }

  /** §1: q_c[i] = max(1, Q_c[i]) per component. */
  static int[][] quantSteps(CoefficientImage img) {
    int[][] q = new int[img.components][64];
    for (int c = 0; c < img.components; c++) {
      for (int i = 0; i < 64; i++) {
        q[c][i] = Math.max(1, img.quant[c][i]);
      }
    }
    return q;
  }

  /** §6 step 1: the edge count's context from the interior's count and extent. */
  static int edgeCountContext(int cls, int dir, int extent, int nz) {
    int nzb = nz == 0 ? 0 : nz <= 2 ? 1 : nz <= 8 ? 2 : 3;
    return ((cls * 2 + dir) * 8 + extent) * 4 + nzb;
  }

  /** §5.2: contexts of the interior values per class (luma, chroma). */
  static final int VALUE_CONTEXTS_PER_CLASS = K_BUCKETS * REM_BUCKETS * INTRA_BUCKETS;
  /**
   * §5.2, for the decoder: at {@code k << 6 | rem} (ZZ49 index k, remaining count 1..49) the part
   * of {@link #valueContext} of class 0 that k and rem give, intra 0.
   */
  static final short[] VALUE_CONTEXT_KR = new short[49 << 6];

  static {
    for (int k = 0; k < 49; k++) {
      for (int rem = 1; rem < 64; rem++) {
        VALUE_CONTEXT_KR[(k << 6) | rem] = (short) valueContext(0, k, rem, 0);
      }
    }
  }

  /** §5.2: the context of the interior value at ZZ49 index k. */
  static int valueContext(int cls, int k, int rem, int intra) {
    return ((cls * K_BUCKETS + K_BUCKET[k]) * REM_BUCKETS + REM_BUCKET[rem]) * INTRA_BUCKETS
        + INTRA_BUCKET[Math.min(INTRA_SUM - 1, intra)];
  }

  /**
   * §6 step 2: {@code bucket << 1 | negative} of a prediction sum s with divisor d: bucket =
   * min(6, bitlen((|s| + d/2) / d)), counted without a division or a branch (m >= 2^j iff |s| +
   * d/2 >= d·2^j).
   */
  static int edgeBucket(long s, long d) {
    long a = Math.abs(s) + (d >> 1);
    int b = (int) ((d - 1 - a) >>> 63) + (int) (((d << 1) - 1 - a) >>> 63)
        + (int) (((d << 2) - 1 - a) >>> 63) + (int) (((d << 3) - 1 - a) >>> 63)
        + (int) (((d << 4) - 1 - a) >>> 63) + (int) (((d << 5) - 1 - a) >>> 63);
    return (b << 1) | ((int) (s >>> 63) & ((b | -b) >>> 31));
  }

  /**
   * {@link #edgeBucket(long, long)} with one multiplication ({@code inverse} = {@link
   * #inverse}(d)), the encoder's: the quotient's floor is exact where the bucket needs it. For 1
   * <= d < 2^27 (1448·q, q < 2^16) a quotient below an integer n <= 64 is at least 2^-33 of n
   * below it, far more than the doubles' rounding (about 2^-52), and the inverse's 2^-40 excess
   * lifts a quotient of exactly n above n (FastContextsTest checks the boundaries). In the
   * decoder it measured slower than the comparisons (x0.96-0.98), in the encoder faster.
   */
  static int edgeBucket(long s, long d, double inverse) {
    long a = Math.abs(s) + (d >> 1);
    int m = (int) Math.min(64, (long) (a * inverse));
    int b = Math.min(6, 32 - Integer.numberOfLeadingZeros(m));
    return (b << 1) | ((int) (s >>> 63) & ((b | -b) >>> 31));
  }

  /** The inverse of an edge divisor for {@link #edgeBucket(long, long, double)}. */
  static double inverse(long d) {
    return (1.0 + 0x1p-40) / d;
  }

  /** §6 step 2: the context of an edge value. */
  static int edgeContext(int cls, int dir, int i, int rem, int predBucket) {
    return (((cls * 2 + dir) * 7 + i - 1) * 4 + Math.min(rem, 4) - 1) * EDGE_PRED_BUCKETS
        + predBucket;
  }

  /** §4: the token of a magnitude 0..32768. */
  static int token(int m) {
    if (m < 4) {
      return m;
    }
    int e = 32 - Integer.numberOfLeadingZeros(m);
    return 4 + 2 * (e - 3) + ((m >>> (e - 2)) & 1);
  }

  /** Raw mantissa bits below the token's top two bits (0 for tokens 0..3). */
  static int rawBits(int token) {
    return token < 4 ? 0 : 1 + ((token - 4) >> 1);
  }

  /** The magnitude of a token with its raw bits. */
  static int magnitude(int token, int raw) {
    if (token < 4) {
      return token;
    }
    int nb = 1 + ((token - 4) >> 1);
    return ((2 | ((token - 4) & 1)) << nb) | raw;
  }

  /** §4: raw bits after a signed value's token, sign included (none for token 0). */
  static final byte[] VALUE_BITS = new byte[VALUE_SYMBOLS];
  /** §4: raw mantissa bits of a token (none for tokens 0..3). */
  static final byte[] RAW_BITS = new byte[VALUE_SYMBOLS];
  /** §4: a token's magnitude with its mantissa bits zero. */
  static final int[] MAG_BASE = new int[VALUE_SYMBOLS];
  /** §4, for the decoder: {@code MAG_BASE[t] << 5 | VALUE_BITS[t]} (one load per value). */
  static final int[] MAG_AND_BITS = new int[VALUE_SYMBOLS];
  /** §4, for the decoder: {@code MAG_BASE[t] << 5 | RAW_BITS[t]}. */
  static final int[] MAG_AND_RAW = new int[VALUE_SYMBOLS];

  static {
    for (int t = 0; t < VALUE_SYMBOLS; t++) {
      RAW_BITS[t] = (byte) rawBits(t);
      VALUE_BITS[t] = (byte) (t == 0 ? 0 : rawBits(t) + 1);
      MAG_BASE[t] = magnitude(t, 0);
      MAG_AND_BITS[t] = (MAG_BASE[t] << 5) | VALUE_BITS[t];
      MAG_AND_RAW[t] = (MAG_BASE[t] << 5) | RAW_BITS[t];
    }
  }

  /**
   * §6 step 2, for a decoder that sums as it goes: per natural position p = 8v + u, where a
   * coefficient adds to its column's sum (by the parity of v, for the first row's predictions)
   * and to its row's (by the parity of u, for the first column's), in a block's 32 sums:
   * [0, 8) even v, [8, 16) odd v, by u; [16, 24) even u, [24, 32) odd u, by v.
   */
  static final byte[] COLUMN_SUM = new byte[64];
  static final byte[] ROW_SUM = new byte[64];

  static {
    for (int p = 0; p < 64; p++) {
      int u = p & 7;
      int v = p >> 3;
      COLUMN_SUM[p] = (byte) ((v & 1) * 8 + u);
      ROW_SUM[p] = (byte) (16 + (u & 1) * 8 + v);
    }
  }

  static int bitlen(int x) {
    return 32 - Integer.numberOfLeadingZeros(x);
  }

  /**
   * §6 step 2's per-component constants, shared by the encoder and the decoder so that both sum
   * the edge predictions with the same weights: q[p]·B0[v] for a value's column, q[p]·B0[u] for
   * its row, the divisors d = 1448·q of the first row (1..7) and first column (8 + 1..7) and,
   * unless null, their {@link #inverse}s for {@link #edgeBucket(long, long, double)}.
   */
  static void edgeWeights(int[] quant, long[] colWeight, long[] rowWeight, long[] divisor,
      double[] inverse) {
    for (int p = 0; p < 64; p++) {
      colWeight[p] = (long) quant[p] * B0[p >> 3];
      rowWeight[p] = (long) quant[p] * B0[p & 7];
    }
    for (int i = 1; i < 8; i++) {
      divisor[i] = 1448L * quant[i];
      divisor[8 + i] = 1448L * quant[8 * i];
    }
    for (int i = 0; inverse != null && i < 16; i++) {
      inverse[i] = divisor[i] == 0 ? 0 : inverse(divisor[i]);
    }
  }
}
