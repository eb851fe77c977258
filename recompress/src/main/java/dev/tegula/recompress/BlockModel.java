package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;

/**
 * The context model of one band (docs/format-jpeg-coefficients.md §5-§8): codes each 8x8 block
 * as its count of nonzero interior (7x7) coefficients, those coefficients in zig-zag order, the
 * first row and column predicted across the borders, and DC predicted from the neighbours' border
 * pixels. Every state array is allocated once per band; nothing is allocated per block.
 */
final class BlockModel {
  /** Context classes: luma (component 0) and the other components (§5). */
  private static final int CLASSES = 2;
  private static final int NZ_BUCKETS = 11;
  private static final int REM_BUCKETS = 9;
  private static final int PRIOR_BUCKETS = 12;
  private static final int EDGE_PRED_BUCKETS = 13;
  private static final int DC_BUCKETS = 13;
  private static final int MANT = ValueCoder.MANT_SLOTS;

  /** Natural indices of the 49 interior positions (u, v >= 1) in zig-zag order (§5.2). */
  static final int[] ZZ49 = new int[49];
  /** §5.1: neighbour average nonzero count (0..49) to bucket. */
  static final int[] NZ_BUCKET = new int[50];
  /** §5.2: remaining nonzero count (1..49) to bucket. */
  static final int[] REM_BUCKET = new int[50];

  static {
    int[] zigzag = {
      0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
      20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
      59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
    };
    int n = 0;
    for (int z : zigzag) {
      if ((z & 7) != 0 && (z >>> 3) != 0) {
        ZZ49[n++] = z;
      }
    }
    for (int i = 0; i < 50; i++) {
      NZ_BUCKET[i] = bucket(i);
      REM_BUCKET[i] = i == 0 ? 0 : bucket(i) - 1;
    }
  }

  /** 0,1,2,3,4 → themselves; 5-6 → 5; 7-9 → 6; 10-14 → 7; 15-21 → 8; 22-49 → 9. */
  private static int bucket(int n) {
    if (n <= 4) {
      return n;
    }
    return n <= 6 ? 5 : n <= 9 ? 6 : n <= 14 ? 7 : n <= 21 ? 8 : 9;
  }

  private final ModelCoder mc;
  private final boolean decoding;
  private final CoefficientImage img;
  private final int[][] quant;

  private final int[] nzSt = ModelCoder.states(CLASSES * NZ_BUCKETS * 64);
  private final int[] nzSt2 = ModelCoder.states(CLASSES * NZ_BUCKETS * NZ_BUCKETS * 64);
  private final int[] nzMix = ModelCoder.weights(CLASSES * 64);
  private final int[] exp7 =
      ModelCoder.states(CLASSES * 49 * REM_BUCKETS * PRIOR_BUCKETS * ValueCoder.EXP_SLOTS);
  private final int[] exp7b = ModelCoder.states(CLASSES * 49 * 16 * ValueCoder.EXP_SLOTS);
  private final int[] mix7 = ModelCoder.weights(CLASSES * 49 * ValueCoder.EXP_SLOTS);
  private final int[] mant7 = ModelCoder.states(CLASSES * 49 * MANT);
  private final int[] edgeCount = ModelCoder.states(CLASSES * 2 * 8 * 4 * 8);
  private final int[] expE =
      ModelCoder.states(CLASSES * 2 * 7 * 8 * EDGE_PRED_BUCKETS * ValueCoder.EXP_SLOTS);
  private final int[] expEb = ModelCoder.states(CLASSES * 2 * 7 * 64 * ValueCoder.EXP_SLOTS);
  private final int[] mixE = ModelCoder.weights(CLASSES * 2 * 7 * ValueCoder.EXP_SLOTS);
  private final int[] signE = ModelCoder.states(CLASSES * 2 * 7 * 3 * 17);
  private final int[] mantE = ModelCoder.states(CLASSES * 2 * MANT * ValueCoder.HINT_STATES);
  private final int[] expD = ModelCoder.states(CLASSES * DC_BUCKETS * ValueCoder.EXP_SLOTS);
  private final int[] expD2 = ModelCoder.states(CLASSES * DC_BUCKETS * ValueCoder.EXP_SLOTS);
  private final int[] mixD = ModelCoder.weights(CLASSES * ValueCoder.EXP_SLOTS);
  private final int[] signD = ModelCoder.states(CLASSES * DC_BUCKETS * 17);
  private final int[] mantD = ModelCoder.states(CLASSES * MANT);

  /** Per component: nonzero interior counts of the last two block rows (§5.1). */
  private final int[][] nzRows;
  /** Per component: rows 6 and 7 of the last coded block row's blocks, 16 ints per block (§7). */
  private final int[][] bottom;
  /** Per component: columns 6 and 7 of the block to the left (§7). */
  private final int[][] right;
  /** Per component: the alternating column sums of the last coded block row (§6, 8 per block). */
  private final long[][] altColumns;
  /** Per component: the alternating row sums of the block to the left (§6). */
  private final long[][] altRows;
  /** The current block's partial sums (DctEdges.add). */
  private final long[] sums = new long[DctEdges.SUMS];
  private final int[] cur = new int[64];
  /** Bit i set: natural position i of the current block is nonzero (AC positions only). */
  private long nonzero;
  private int hash = 0x811C9DC5;

  private static final int FNV_PRIME = 0x01000193;
  /** FNV_PRIME^k mod 2^32: FNV-1a over k zero values is a multiplication by it (§8). */
  private static final int[] FNV_POW = new int[65];

  static {
    FNV_POW[0] = 1;
    for (int k = 1; k <= 64; k++) {
      FNV_POW[k] = FNV_POW[k - 1] * FNV_PRIME;
    }
  }

  BlockModel(ModelCoder mc, CoefficientImage img) {
    this.mc = mc;
    this.decoding = mc.decoding();
    this.img = img;
    int n = img.components;
    quant = new int[n][64];
    nzRows = new int[n][];
    bottom = new int[n][];
    right = new int[n][16];
    altColumns = new long[n][];
    altRows = new long[n][8];
    for (int c = 0; c < n; c++) {
      for (int i = 0; i < 64; i++) {
        // A zero quantizer (an undefined table) would divide by zero in the predictions.
        quant[c][i] = Math.max(1, img.quant[c][i]);
      }
      nzRows[c] = new int[2 * img.blocksWide[c]];
      bottom[c] = new int[16 * img.blocksWide[c]];
      altColumns[c] = new long[8 * img.blocksWide[c]];
    }
  }

  /** §8: FNV-1a over every coefficient coded so far, 16-bit values. */
  int hash() {
    return hash;
  }

  /** Codes block (bx, by) of component c; {@code hasAbove}: the block row above is in the band. */
  void block(int c, int bx, int by, boolean hasAbove) {
    short[] co = img.coefficients[c];
    int bw = img.blocksWide[c];
    int o = img.blockOffset(c, bx, by);
    int[] q = quant[c];
    int cls = c == 0 ? 0 : 1;
    boolean hasLeft = bx > 0;
    int[] nzr = nzRows[c];
    if (decoding) {
      java.util.Arrays.fill(co, o, o + 64, (short) 0);
    }

    // §5.1 the interior nonzero count.
    int nzA = hasAbove ? nzr[((by - 1) & 1) * bw + bx] : 0;
    int nzL = hasLeft ? nzr[(by & 1) * bw + bx - 1] : 0;
    int nb;
    if (hasAbove && hasLeft) {
      nb = NZ_BUCKET[(nzA + nzL + 1) >> 1];
    } else if (hasAbove || hasLeft) {
      nb = NZ_BUCKET[nzA + nzL];
    } else {
      nb = NZ_BUCKETS - 1;
    }
    int nz = 0;
    if (!decoding) {
      for (int k = 0; k < 49; k++) {
        if (co[o + ZZ49[k]] != 0) {
          nz++;
        }
      }
    }
    int nd = (hasAbove ? NZ_BUCKET[nzA] : NZ_BUCKETS - 1) * NZ_BUCKETS
        + (hasLeft ? NZ_BUCKET[nzL] : NZ_BUCKETS - 1);
    int node = 1;
    int nzBase = (cls * NZ_BUCKETS + nb) << 6;
    int nzBase2 = (cls * NZ_BUCKETS * NZ_BUCKETS + nd) << 6;
    for (int i = 5; i >= 0; i--) {
      node = (node << 1) | mc.bit2(nzSt, nzBase + node, nzSt2, nzBase2 + node, nzMix,
          (cls << 7) + 2 * node, (nz >>> i) & 1);
    }
    nz = node - 64;
    if (nz > 49) {
      throw new MalformedInputException("block nonzero count " + nz + " above 49", -1);
    }

    // §5.2 the interior coefficients.
    long nzMask = 0;
    int oa = o - (bw << 6);
    int ol = o - 64;
    int rem = nz;
    int eobX = 0;
    int eobY = 0;
    for (int k = 0; k < 49 && rem > 0; k++) {
      int p = ZZ49[k];
      int prior;
      if (hasAbove && hasLeft) {
        prior = (13 * abs(co[oa + p]) + 13 * abs(co[ol + p]) + 6 * abs(co[oa - 64 + p]) + 16) >> 5;
      } else if (hasAbove) {
        prior = abs(co[oa + p]);
      } else if (hasLeft) {
        prior = abs(co[ol + p]);
      } else {
        prior = 0;
      }
      int pb = Math.min(PRIOR_BUCKETS - 1, bitLength(prior));
      int ctx = cls * 49 + k;
      int set = (ctx * REM_BUCKETS + REM_BUCKET[rem]) * PRIOR_BUCKETS + pb;
      // The block's own neighbours in frequency, (u-1, v) and (u, v-1), if coded already.
      int fl = (p & 7) > 1 ? abs(co[o + p - 1]) : 0;
      int fu = p > 15 ? abs(co[o + p - 8]) : 0;
      int intra = Math.min(15, bitLength(fl + fu) * 2 + (nz - rem > 4 ? 1 : 0));
      int val = ValueCoder.codeMixed(mc, exp7, set, exp7b, ctx * 16 + intra, mix7,
          ctx << 5, null, 0, mant7, ctx * MANT, -1, co[o + p]);
      if (val != 0) {
        co[o + p] = (short) val;
        nzMask |= 1L << p;
        rem--;
        eobX = Math.max(eobX, p & 7);
        eobY = Math.max(eobY, p >>> 3);
      }
    }
    if (rem > 0) {
      throw new MalformedInputException("block nonzero count exceeds its coefficients", -1);
    }

    // §6 the first row (from the block above) and the first column (from the left).
    int nzb = nz == 0 ? 0 : nz <= 2 ? 1 : nz <= 8 ? 2 : 3;
    long[] t = sums;
    java.util.Arrays.fill(t, 0L);
    for (long m = nzMask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      DctEdges.add(t, i, (long) co[o + i] * q[i]);
    }
    nonzero = nzMask;
    long[] altC = altColumns[c];
    long[] altR = altRows[c];
    edge(co, o, hasAbove, altC, bx << 3, q, cls, 0, eobX, nzb);
    edge(co, o, hasLeft, altR, 0, q, cls, 1, eobY, nzb);
    nzMask = nonzero;

    // §7 DC.
    DctEdges.borders(t, nzMask, cur);
    long sum = 0;
    long sumA = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int n = 0;
    if (hasAbove) {
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
    if (hasLeft) {
      int[] r = right[c];
      for (int y = 0; y < 8; y++) {
        long est = 3L * r[8 + y] - r[y] - (3L * cur[DctEdges.COL0 + y] - cur[DctEdges.COL1 + y]);
        sum += est;
        min = Math.min(min, est);
        max = Math.max(max, est);
      }
      n += 8;
    }
    int pred;
    int ub;
    if (n == 0) {
      pred = 0;
      ub = DC_BUCKETS - 1;
    } else {
      long q2 = 2L * q[0];
      pred = DctEdges.clampDiv(sum, n * q2);
      ub = Math.min(DC_BUCKETS - 2, bitLength((int) Math.min(1 << 20, (max - min) / q2)));
    }
    // Lepton's second uncertainty: how far the estimates from above and from the left differ.
    int ub2 = DC_BUCKETS - 1;
    if (n == 16) {
      long diff = Math.abs(2 * sumA - sum) / (16L * q[0]);
      ub2 = Math.min(DC_BUCKETS - 2, bitLength((int) Math.min(1 << 20, diff)));
    }
    int ctx = cls * DC_BUCKETS + ub;
    int ctx2 = cls * DC_BUCKETS + ub2;
    int r = ValueCoder.codeMixed(mc, expD, ctx, expD2, ctx2, mixD, cls << 5, signD,
        ctx, mantD, cls * MANT, -1, (short) (co[o] - pred));
    short dc = (short) (pred + r);
    co[o] = dc;

    // State for the neighbours: §5.1 count, §7 borders with DC.
    nzr[(by & 1) * bw + bx] = nz;
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
    for (int i = 1; i < 8; i++) {
      altC[(bx << 3) + i] = DctEdges.alternatingColumn(t, i);
      altR[i] = DctEdges.alternatingRow(t, i);
    }
    // §8 FNV-1a over the 64 values, the runs of zeros by one multiplication each.
    int h = hash;
    int next = 0;
    for (long m = nzMask | 1L; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      h = ((h * FNV_POW[i - next]) ^ (co[o + i] & 0xFFFF)) * FNV_PRIME;
      next = i + 1;
    }
    hash = h * FNV_POW[64 - next];
  }

  /**
   * §6: the first row (dir 0: coefficients (0, u), predicted from the block above) or column
   * (dir 1: (v, 0), from the left); {@code alt[altAt + i]} is the neighbour's alternating sum
   * for position i when {@code hasNeighbour}.
   */
  private void edge(short[] co, int o, boolean hasNeighbour, long[] alt, int altAt, int[] q,
      int cls, int dir, int eob, int nzb) {
    long[] t = sums;
    int step = dir == 0 ? 1 : 8;
    int cnt = 0;
    if (!decoding) {
      for (int i = 1; i < 8; i++) {
        if (co[o + i * step] != 0) {
          cnt++;
        }
      }
    }
    int set = cls * 2 + dir;
    cnt = tree(edgeCount, ((set * 8 + eob) * 4 + nzb) << 3, 3, cnt);
    int rem = cnt;
    for (int i = 1; i < 8 && rem > 0; i++) {
      int pos = i * step;
      int pb;
      int ps;
      int hint = -1;
      if (hasNeighbour) {
        long own = dir == 0 ? DctEdges.column(t, i) : DctEdges.row(t, i);
        int pred = DctEdges.predict(alt[altAt + i], own, q[pos]);
        pb = Math.min(EDGE_PRED_BUCKETS - 2, bitLength(abs(pred)));
        ps = pred == 0 ? 0 : pred > 0 ? 1 : 2;
        hint = abs(pred);
      } else {
        pb = EDGE_PRED_BUCKETS - 1;
        ps = 0;
      }
      int ctx = set * 7 + i - 1;
      int expSet = (ctx * 8 + rem) * EDGE_PRED_BUCKETS + pb;
      // Inside the block: the next coefficient inwards and the previous one along the edge.
      int inner = abs(co[o + pos + (dir == 0 ? 8 : 1)]);
      int prev = i > 1 ? abs(co[o + pos - step]) : 0;
      int intra = Math.min(7, bitLength(inner)) * 8 + Math.min(7, bitLength(prev));
      int val = ValueCoder.codeMixed(mc, expE, expSet, expEb, ctx * 64 + intra, mixE,
          ctx << 5, signE, ctx * 3 + ps, mantE, set * MANT * ValueCoder.HINT_STATES, hint,
          co[o + pos]);
      if (val != 0) {
        co[o + pos] = (short) val;
        nonzero |= 1L << pos;
        DctEdges.add(t, pos, (long) val * q[pos]);
        rem--;
      }
    }
    if (rem > 0) {
      throw new MalformedInputException("edge nonzero count exceeds its coefficients", -1);
    }
  }

  /** §4.2: an unsigned number of {@code bits} bits down a binary tree of contexts. */
  private int tree(int[] st, int base, int bits, int value) {
    int node = 1;
    for (int i = bits - 1; i >= 0; i--) {
      node = (node << 1) | mc.bit(st, base + node, (value >>> i) & 1);
    }
    return node - (1 << bits);
  }

  private static int abs(int x) {
    return x < 0 ? -x : x;
  }

  static int bitLength(int x) {
    return 32 - Integer.numberOfLeadingZeros(x);
  }

  private static int sat(long x) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, x));
  }
}
