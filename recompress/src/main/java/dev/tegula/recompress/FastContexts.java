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
  static final int REM_BUCKETS = 8;
  static final int DC_BUCKETS = 12;

  static final int NZ_CONTEXTS = 2 * NZ_BUCKETS;
  static final int K_BUCKETS = 31;
  static final int AC_CONTEXTS = 2 * K_BUCKETS * REM_BUCKETS * 2;
  static final byte[] K_BUCKET = new byte[64];
  static final int AC_PARENTS = 2 * K_BUCKETS;
  static final int DC_CONTEXTS = 2 * DC_BUCKETS;

  /** §5.1: bucket of a predicted count 0..63. */
  static final byte[] NZ_BUCKET = new byte[64];
  /** §5.2: bucket of the remaining count 1..63 (index 0 unused). */
  static final byte[] REM_BUCKET = new byte[64];

  static {
    for (int n = 0; n < 64; n++) {
      K_BUCKET[n] = (byte) (n <= 16 ? Math.max(0, n - 1) : n <= 32 ? 15 + ((n - 15) >> 1)
          : 23 + ((n - 33) >> 2));
      NZ_BUCKET[n] = (byte) (n <= 7 ? n : n <= 9 ? 8 : n <= 11 ? 9 : n <= 14 ? 10 : n <= 18 ? 11
          : n <= 23 ? 12 : n <= 31 ? 13 : 14);
      REM_BUCKET[n] = (byte) (n <= 2 ? Math.max(0, n - 1) : n <= 4 ? 2 : n <= 8 ? 3 : n <= 12 ? 4
          : n <= 20 ? 5 : n <= 32 ? 6 : 7);
    }
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

  /** Prior counts of the value tokens: small magnitudes likelier. */
  static int[] valuePrior() {
    int[] p = new int[VALUE_SYMBOLS];
    for (int i = 0; i < VALUE_SYMBOLS; i++) {
      p[i] = Math.max(1, 16 >> i);
    }
    return p;
  }

  static int[] countPriorTable() {
    int[] p = new int[COUNT_SYMBOLS];
    java.util.Arrays.fill(p, 1);
    return p;
  }
}
