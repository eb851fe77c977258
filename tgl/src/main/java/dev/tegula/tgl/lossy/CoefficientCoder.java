package dev.tegula.tgl.lossy;

import dev.tegula.tgl.RangeEncoder;

/**
 * Context modelling of the quantized coefficients over the shared binary range coder
 * (docs/format-lossy.md §7). Encoding and decoding of every syntax element sit side by side so
 * that the two stay mirror images.
 *
 * <p>Binarization, per block: the number of nonzero AC coefficients (a 6-level binary tree whose
 * context is the neighbours' counts), then for each zigzag position until that count is used up a
 * zero flag (context: position band, count still to come, magnitude of the same coefficient in
 * the blocks above and to the left); a nonzero value is coded as its bit length in unary (context:
 * position band and the neighbours' magnitude), the bit below the leading one (context: length),
 * the remaining bits raw, and a raw sign. DC residuals and the adaptive-quantization map have their
 * own small models. One instance holds the contexts of one tile; they start at p = 1/2.
 */
final class CoefficientCoder {
  static final int NZ_BUCKETS = 12;
  private static final int KBANDS = 16;
  private static final int RBUCKETS = 8;
  private static final int ZBUCKETS = 5;
  private static final int PBUCKETS = 8;
  private static final int EBANDS = 4;
  /** Longest bit length of a magnitude the decoder accepts: values stay below 2^13. */
  private static final int MAX_LEN = 13;
  private static final int DC_BUCKETS = 6;

  /** Zigzag position to band of the zero-flag context. */
  private static final byte[] KBAND = new byte[64];
  /** Zigzag position to band of the magnitude contexts. */
  private static final byte[] EBAND = new byte[64];
  /** Nonzero coefficients still to come (1..63) to bucket. */
  private static final byte[] RBUCKET = new byte[64];
  /** Neighbours' summed magnitude (0..63) to bucket; zero flags use its low part (0..4). */
  private static final byte[] PBUCKET = new byte[64];
  /** Decoder: zero-flag context offset of (zigzag k, nonzeros still to come r) at k * 64 + r. */
  private static final short[] ZCTX = new short[64 * 64];
  /** Decoder: neighbour sum (clamped to 63) to the zero flag's bucket, min(PBUCKET, 4). */
  private static final byte[] ZPB = new byte[64];
  /** Predicted nonzero count (0..63) to bucket; bucket NZ_BUCKETS-1 means "no neighbour". */
  static final byte[] NZBUCKET = new byte[64];


  static {
    int[] kEdges = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 14, 18, 23, 29, 36, 45, 64};
    for (int b = 0; b < KBANDS; b++) {
      for (int k = kEdges[b]; k < kEdges[b + 1]; k++) {
        KBAND[k] = (byte) b;
      }
    }
    int[] eEdges = {1, 3, 6, 15, 64};
    for (int b = 0; b < EBANDS; b++) {
      for (int k = eEdges[b]; k < eEdges[b + 1]; k++) {
        EBAND[k] = (byte) b;
      }
    }
    int[] rEdges = {1, 2, 3, 4, 5, 7, 10, 15, 64};
    for (int b = 0; b < RBUCKETS; b++) {
      for (int r = rEdges[b]; r < rEdges[b + 1]; r++) {
        RBUCKET[r] = (byte) b;
      }
    }
    int[] pEdges = {0, 1, 2, 3, 5, 7, 11, 19, 64};
    for (int b = 0; b < PBUCKETS; b++) {
      for (int m = pEdges[b]; m < pEdges[b + 1]; m++) {
        PBUCKET[m] = (byte) b;
      }
    }
    int[] nEdges = {0, 1, 2, 3, 4, 5, 7, 9, 12, 16, 22, 32, 64};
    for (int b = 0; b < NZ_BUCKETS - 1; b++) {
      for (int n = nEdges[b]; n < nEdges[b + 1] && n < 64; n++) {
        NZBUCKET[n] = (byte) b;
      }
    }
    for (int n = nEdges[NZ_BUCKETS - 1]; n < 64; n++) {
      NZBUCKET[n] = (byte) (NZ_BUCKETS - 2);
    }
    for (int k = 1; k < 64; k++) {
      for (int r = 1; r < 64; r++) {
        ZCTX[k * 64 + r] = (short) ((KBAND[k] * RBUCKETS + RBUCKET[r]) * ZBUCKETS);
      }
    }
    for (int m = 0; m < 64; m++) {
      ZPB[m] = (byte) Math.min(PBUCKET[m], ZBUCKETS - 1);
    }
  }

  // Context layout: one short[] per tile, sections per plane type t (0 luma, 1 chroma).
  private static final int NZ_SIZE = NZ_BUCKETS * 64;
  private static final int ZERO_SIZE = KBANDS * RBUCKETS * ZBUCKETS;
  private static final int LEN_SIZE = EBANDS * PBUCKETS * MAX_LEN;
  private static final int MANT_SIZE = EBANDS * (MAX_LEN + 1);
  private static final int DC_SIZE = DC_BUCKETS * (MAX_LEN + 2) + MAX_LEN + 1;
  private static final int TYPE_SIZE = NZ_SIZE + ZERO_SIZE + LEN_SIZE + MANT_SIZE + DC_SIZE;
  private static final int NZ = 0;
  private static final int ZERO = NZ + NZ_SIZE;
  private static final int LEN = ZERO + ZERO_SIZE;
  private static final int MANT = LEN + LEN_SIZE;
  private static final int DC = MANT + MANT_SIZE;
  private static final int DC_MANT = DC + DC_BUCKETS * (MAX_LEN + 2);
  private static final int AQ = 2 * TYPE_SIZE;
  private static final int TOTAL = AQ + Quantizer.AQ_LEVELS * 8;

  private final short[] ctx = new short[TOTAL];
  /** Observations per context, saturating: the adaptation rate falls from 1/2 to 1/LIMIT. */
  private final byte[] seen = new byte[TOTAL];

  /** Observations after which a context adapts at the coder's own fixed rate (1/32). */
  static final int LIMIT = 30;
  static final int[] RATE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      RATE[n] = 65536 / (n + 2);
    }
  }

  /** Training mode (test harness only): start neutral and accumulate final probabilities. */
  static boolean training;
  private static final double[] SUM_P = new double[TOTAL];
  private static final int[] USES = new int[TOTAL];
  /** Contexts start as if this many observations had been made (format-lossy.md §7.4). */
  private static final int INITIAL_SEEN = 12;
  private static final short[] INITIAL = InitialProbabilities.load(TOTAL);

  void record() {
    if (!training) {
      return;
    }
    for (int i = 0; i < TOTAL; i++) {
      if (seen[i] > 0) {
        SUM_P[i] += ctx[i];
        USES[i]++;
      }
    }
  }

  static short[] trainedTable() {
    short[] t = new short[TOTAL];
    for (int i = 0; i < TOTAL; i++) {
      t[i] = (short) (USES[i] == 0 ? 2048 : (int) (SUM_P[i] / USES[i] + 0.5));
    }
    return t;
  }

  CoefficientCoder() {
    if (training || INITIAL == null) {
      RangeEncoder.initContexts(ctx);
    } else {
      System.arraycopy(INITIAL, 0, ctx, 0, TOTAL);
      java.util.Arrays.fill(seen, (byte) INITIAL_SEEN);
    }
  }

  /** The decoder's model state (see {@link ModelDecoder}): count << 16 | probability. */
  static int[] initialState() {
    int[] st = new int[TOTAL];
    for (int i = 0; i < TOTAL; i++) {
      st[i] = training || INITIAL == null ? 2048 : (INITIAL_SEEN << 16) | INITIAL[i];
    }
    return st;
  }

  /** Count-based update while a context is young: rate 1/(n+2) after n observations. */
  private void update(int i, int n, int b) {
    int p = ctx[i];
    int target = b == 0 ? 4096 : 0;
    p += ((target - p) * RATE[n]) >> 16;
    ctx[i] = (short) (p < 32 ? 32 : p > 4064 ? 4064 : p);
    seen[i] = (byte) (n + 1);
  }

  private void bit(RangeEncoder enc, int i, int b) {
    int n = seen[i];
    if (n >= LIMIT) {
      enc.encodeBit(ctx, i, b);
      return;
    }
    enc.encodeBit(ctx[i], b);
    update(i, n, b);
  }

  private void direct(RangeEncoder enc, int v, int n) {
    enc.encodeDirect(v, n);
  }

  /**
   * Predicted magnitude of zigzag position k from the same coefficient of the blocks above and to
   * the left: |above| + |left|, doubled when only one exists (offset -1), clamped to 63.
   */
  private static int neighbour(short[] q, int aOff, int lOff, int k) {
    int m;
    if (aOff >= 0) {
      int a = q[aOff + k];
      m = a < 0 ? -a : a;
      if (lOff >= 0) {
        int l = q[lOff + k];
        m += l < 0 ? -l : l;
      } else {
        m <<= 1;
      }
    } else if (lOff >= 0) {
      int l = q[lOff + k];
      m = (l < 0 ? -l : l) << 1;
    } else {
      return 0;
    }
    return PBUCKET[m > 63 ? 63 : m];
  }

  // ---------------------------------------------------------------- AC (§7.2)

  /** Context of the nonzero count from the counts of the blocks above and to the left. */
  static int nzBucket(byte[] nz, int bw, int bx, int by) {
    int b = by * bw + bx;
    if (bx > 0) {
      return NZBUCKET[by > 0 ? (nz[b - 1] + nz[b - bw] + 1) >> 1 : nz[b - 1]];
    }
    return by > 0 ? NZBUCKET[nz[b - bw]] : NZ_BUCKETS - 1;
  }

  /**
   * Codes the AC coefficients of the block at {@code q[off..off+63]} (zigzag); {@code aOff} /
   * {@code lOff} are the offsets of the blocks above / to the left in the same array or -1.
   * Returns the block's nonzero AC count.
   */
  int encodeAc(RangeEncoder enc, int type, short[] q, int off, int aOff, int lOff, int nzBucket) {
    int nz = 0;
    for (int k = 1; k < 64; k++) {
      if (q[off + k] != 0) {
        nz++;
      }
    }
    int base = type * TYPE_SIZE;
    int tree = base + NZ + nzBucket * 64;
    int node = 1;
    for (int b = 5; b >= 0; b--) {
      int bit = (nz >> b) & 1;
      bit(enc, tree + node, bit);
      node = (node << 1) | bit;
    }
    int remaining = nz;
    for (int k = 1; remaining > 0; k++) {
      int v = q[off + k];
      int pb = neighbour(q, aOff, lOff, k);
      if (remaining < 64 - k) {
        bit(enc, base + ZERO + (KBAND[k] * RBUCKETS + RBUCKET[remaining]) * ZBUCKETS
            + (pb < ZBUCKETS ? pb : ZBUCKETS - 1), v != 0 ? 1 : 0);
      }
      if (v == 0) {
        continue;
      }
      remaining--;
      encodeMagnitude(enc, base, EBAND[k], pb, v < 0 ? -v : v);
      direct(enc, v < 0 ? 1 : 0, 1);
    }
    return nz;
  }

  /**
   * Mirror of {@link #encodeAc}; values are bounded, whatever the data. {@code q} must hold zeros
   * at the block's AC positions (a fresh array): only nonzero values are written. When the block
   * has nonzero AC values they are also dequantized (§6.3) into {@code block}, natural order,
   * which is cleared first except for its DC slot (the caller's). Returns the nonzero count plus
   * 256 x the zigzag position of the last nonzero value (0 when there is none). Unlike the
   * encoder, a missing neighbour is not -1 but the offset of 64 zeros, and {@code shift} is 1
   * when exactly one neighbour exists (its magnitude counts twice), else 0: the neighbour sum of
   * {@link #neighbour} without a branch.
   */
  static int decodeAc(ModelDecoder dec, int type, short[] q, int off, int aOff, int lOff,
      int shift, int nzBucket, int[] step, int bias1, int bias2, int[] block) {
    int base = type * TYPE_SIZE;
    int tree = base + NZ + nzBucket * 64;
    int node = 1;
    for (int b = 0; b < 6; b++) {
      node = (node << 1) | dec.bit(tree + node);
    }
    int nz = node - 64;
    if (nz == 0) {
      return 0;
    }
    java.util.Arrays.fill(block, 1, 64, 0);
    // A local: under TeaVM each read of another class's static field checks that the class is
    // initialized (an indirect call), which per coefficient cost a call each.
    int[] zigzag = Quantizer.ZIGZAG;
    int zero = base + ZERO;
    int remaining = nz;
    int k = 1;
    // remaining <= 64 - k throughout (a forced nonzero keeps it so), hence k < 64.
    for (; remaining > 0; k++) {
      int m = (Math.abs(q[aOff + k]) + Math.abs(q[lOff + k])) << shift;
      m = m > 63 ? 63 : m;
      if (remaining < 64 - k && dec.bit(zero + ZCTX[k * 64 + remaining] + ZPB[m]) == 0) {
        continue;
      }
      remaining--;
      int a = decodeMagnitude(dec, base, EBAND[k], PBUCKET[m]);
      int s = step[k];
      int r = (a * s - ((s * (a == 1 ? bias1 : bias2)) >> 6) + 8) >> 4;
      if (dec.sign() != 0) {
        q[off + k] = (short) -a;
        block[zigzag[k]] = -r;
      } else {
        q[off + k] = (short) a;
        block[zigzag[k]] = r;
      }
    }
    return nz | ((k - 1) << 8);
  }

  /** |v| >= 1 as bit length n (unary, n - 1 ones), the bit below the leading one, raw rest. */
  private void encodeMagnitude(RangeEncoder enc, int base, int eband, int pb, int a) {
    int len = 32 - Integer.numberOfLeadingZeros(a);
    int c = base + LEN + (eband * PBUCKETS + pb) * MAX_LEN;
    for (int i = 1; i < len; i++) {
      bit(enc, c + i, 1);
    }
    if (len < MAX_LEN) {
      bit(enc, c + len, 0);
    }
    if (len >= 2) {
      bit(enc, base + MANT + eband * (MAX_LEN + 1) + len, (a >> (len - 2)) & 1);
      if (len >= 3) {
        direct(enc, a, len - 2);
      }
    }
  }

  private static int decodeMagnitude(ModelDecoder dec, int base, int eband, int pb) {
    int c = base + LEN + (eband * PBUCKETS + pb) * MAX_LEN;
    int len = 1;
    while (len < MAX_LEN && dec.bit(c + len) != 0) {
      len++;
    }
    if (len == 1) {
      return 1;
    }
    int a = 2 | dec.bit(base + MANT + eband * (MAX_LEN + 1) + len);
    if (len >= 3) {
      a = (a << (len - 2)) | dec.bits(len - 2);
    }
    return a;
  }

  // ---------------------------------------------------------------- DC (§7.3)

  void encodeDc(RangeEncoder enc, int type, int residual, int bucket) {
    int c = type * TYPE_SIZE + DC + bucket * (MAX_LEN + 2);
    if (residual == 0) {
      bit(enc, c, 0);
      return;
    }
    bit(enc, c, 1);
    direct(enc, residual < 0 ? 1 : 0, 1);
    int a = residual < 0 ? -residual : residual;
    int len = 32 - Integer.numberOfLeadingZeros(a);
    for (int i = 1; i < len; i++) {
      bit(enc, c + i, 1);
    }
    if (len < MAX_LEN) {
      bit(enc, c + len, 0);
    }
    if (len >= 2) {
      bit(enc, type * TYPE_SIZE + DC_MANT + len, (a >> (len - 2)) & 1);
      if (len >= 3) {
        direct(enc, a, len - 2);
      }
    }
  }

  static int decodeDc(ModelDecoder dec, int type, int bucket) {
    int c = type * TYPE_SIZE + DC + bucket * (MAX_LEN + 2);
    if (dec.bit(c) == 0) {
      return 0;
    }
    boolean negative = dec.sign() != 0;
    int len = 1;
    while (len < MAX_LEN && dec.bit(c + len) != 0) {
      len++;
    }
    int a = 1;
    if (len >= 2) {
      a = 2 | dec.bit(type * TYPE_SIZE + DC_MANT + len);
      if (len >= 3) {
        a = (a << (len - 2)) | dec.bits(len - 2);
      }
    }
    return negative ? -a : a;
  }

  // ---------------------------------------------------------------- AQ map (§7.1)

  void encodeLevel(RangeEncoder enc, int level, int previous) {
    int tree = AQ + previous * 8;
    int node = 1;
    for (int b = 2; b >= 0; b--) {
      int bit = (level >> b) & 1;
      bit(enc, tree + node, bit);
      node = (node << 1) | bit;
    }
  }

  static int decodeLevel(ModelDecoder dec, int previous) {
    int tree = AQ + previous * 8;
    int node = 1;
    for (int b = 0; b < 3; b++) {
      node = (node << 1) | dec.bit(tree + node);
    }
    return node - 8;
  }
}
