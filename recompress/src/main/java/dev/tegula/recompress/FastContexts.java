package dev.tegula.recompress;

/**
 * The token alphabet and the contexts of content 2 (format-jpeg-coefficients-fast.md §4-§6),
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
  static final int K_BUCKETS = 17;
  static final int REM_BUCKETS = 8;
  static final int PRIOR_BUCKETS = 5;
  static final int DC_BUCKETS = 12;

  /** §3: the three tables and their context counts. */
  static final int NZ_CONTEXTS = 2 * NZ_BUCKETS * NZ_DIFF;
  static final int DC_CONTEXTS = 2 * DC_BUCKETS;
  static final int AC_CONTEXTS = 2 * K_BUCKETS * REM_BUCKETS * PRIOR_BUCKETS * 2;

  /** §5.2: bucket of a zig-zag position 1..63 (index 0 unused). */
  static final byte[] K_BUCKET = new byte[64];
  /** §5.1: bucket of a predicted count 0..63. */
  static final byte[] NZ_BUCKET = new byte[64];
  /** §5.2: bucket of the remaining count 1..63 (index 0 unused). */
  static final byte[] REM_BUCKET = new byte[64];

  static {
    for (int n = 0; n < 64; n++) {
      K_BUCKET[n] = (byte) (n <= 10 ? Math.max(0, n - 1) : n <= 13 ? 10 : n <= 17 ? 11 : n <= 22
          ? 12 : n <= 28 ? 13 : n <= 36 ? 14 : n <= 45 ? 15 : 16);
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

  /** §5.2: the prior bucket from the neighbours' magnitudes at one position. */
  static int priorBucket(int a, int l, int al, boolean hasA, boolean hasL) {
    int prior;
    if (hasA) {
      prior = hasL ? (13 * a + 13 * l + 6 * al + 16) >> 5 : a;
    } else if (hasL) {
      prior = l;
    } else {
      return PRIOR_BUCKETS - 1;
    }
    return prior < 3 ? prior : 3;
  }

  /** §5.2: the context of the value at zig-zag position k. */
  static int valueContext(int cls, int k, int rem, int prior, boolean prevNonzero) {
    return ((((cls * K_BUCKETS + K_BUCKET[k]) * REM_BUCKETS + REM_BUCKET[rem]) * PRIOR_BUCKETS
        + prior) << 1) + (prevNonzero ? 1 : 0);
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

  static int bitlen(int x) {
    return 32 - Integer.numberOfLeadingZeros(x);
  }
}
