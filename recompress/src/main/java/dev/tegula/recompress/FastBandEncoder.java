package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Encoder of content 2 (format-jpeg-coefficients-fast.md): a first pass over the band's blocks
 * turns them into tokens and counts them per context; the counts become the band's static tables
 * (clustered histograms, {@link StaticTables}), written in the header; then the rANS encoder
 * (§8) runs over the header's steps and the tokens backwards, as rANS needs.
 *
 * <p>Session 12 measured and did not keep, with the same bytes (band encode alone in a same-JVM
 * A/B of class loaders, 80-100 rounds, q75p / q85p / q75b, median ratios; the machine's noise
 * is about ±3 %): the §6 sums over the mask's nonzero interior positions instead of in the
 * values' loop 0.98 / 0.98 / 0.97; the tokens counted in a pass of their own after the blocks
 * 0.98 / 0.94 / 0.94; the values' loop a counted one to the last nonzero value (its index from
 * per-row lookups of the mask) 1.03 / 0.98 / 1.00; the token and raw arrays sized 24 and 12 per
 * block (every band grows the 8 per block now: 15, 20 and 33 tokens per block at q75p, q85p,
 * q95p) 1.01 / 1.01 / 1.00, q95p 0.995; in {@link #rans}, {@code (x + start) + q · (ONE −
 * freq)} 1.01 / 0.98 / 1.01 and (start, frequency) packed per slot 1.00 / 0.98 / 0.99.
 */
final class FastBandEncoder implements StaticTables.Header {
  private static final int[] ZZ49 = FastContexts.ZZ49;
  /** Bits of a block's nonzero mask (natural order): the interior (u, v >= 1), the edges. */
  private static final long INTERIOR = 0xFEFEFEFEFEFEFE00L;
  private static final long FIRST_ROW = 0xFEL;
  private static final long FIRST_COLUMN = 0x0101010101010100L;
  /** The AC table's first context in the joint numbering of the tokens. */
  private static final int AC_BASE = FastContexts.BASE[FastContexts.AC];
  /** §4's token of the magnitudes below {@link #SMALL_TOKENS}. */
  private static final int SMALL_TOKENS = 256;
  private static final byte[] SMALL_TOKEN = new byte[SMALL_TOKENS];

  static {
    for (int m = 0; m < SMALL_TOKENS; m++) {
      SMALL_TOKEN[m] = (byte) FastContexts.token(m);
    }
  }

  /** Per token (context << 6 | symbol), in the five tables' joint context numbering, or raw. */
  private int[] tokens;
  private int n;
  private int[] header = new int[1024];
  private int headerN;
  /** Raw reads (count << 16 | bits) of the header, then of the blocks, in decoding order (§8). */
  private int[] headerRaw = new int[256];
  private int headerRawN;
  private int[] raws;
  private int rawN;
  /** Per table, per context, symbol counts. */
  private final int[][] counts = new int[FastContexts.TABLES][];
  /** Bits per part (header, the five tables, raw) when {@link #measure} is set; not coded. */
  final double[] cost = new double[2 + FastContexts.TABLES];
  private final boolean measure;

  private FastBandEncoder(int blocks, boolean measure) {
    this.measure = measure;
    tokens = new int[Math.max(64, Math.min(1 << 24, blocks * 8))];
    raws = new int[Math.max(64, Math.min(1 << 24, blocks * 4))];
    for (int t = 0; t < FastContexts.TABLES; t++) {
      counts[t] = new int[FastContexts.CONTEXTS[t] * FastContexts.SYMBOLS[t]];
    }
  }

  /** Codes MCU rows [rowStart, rowEnd) of img (§2 order), returns the band's bytes (§2). */
  static byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    return new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd), false)
        .run(img, rowStart, rowEnd);
  }

  /** The bits of each part (header, the five tables, raw) of the band's coding (measurements). */
  static double[] measureCost(CoefficientImage img, int rowStart, int rowEnd) {
    FastBandEncoder e =
        new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd), true);
    e.run(img, rowStart, rowEnd);
    return e.cost;
  }

  /**
   * The band's header (§3.2) through h and ht instead of into the rANS coder (the training of
   * {@link HeaderPriors}).
   */
  static void header(CoefficientImage img, int rowStart, int rowEnd, StaticTables.Header h,
      StaticTables.HeaderTables ht) {
    FastBandEncoder e =
        new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd), false);
    e.tokens(img, rowStart, rowEnd);
    for (int t = 0; t < FastContexts.TABLES; t++) {
      StaticTables st = StaticTables.of(t);
      st.build(e.counts[t]);
      st.code(h, ht, t, true);
    }
  }

  /** Per table, per context, the band's symbol counts (the training of ContextGroups). */
  static int[][] counts(CoefficientImage img, int rowStart, int rowEnd) {
    FastBandEncoder e =
        new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd), false);
    e.tokens(img, rowStart, rowEnd);
    return e.counts;
  }

  private byte[] run(CoefficientImage img, int rowStart, int rowEnd) {
    tokens(img, rowStart, rowEnd);
    StaticTables[] tables = new StaticTables[FastContexts.TABLES];
    StaticTables.HeaderTables ht = new StaticTables.HeaderTables();
    for (int t = 0; t < FastContexts.TABLES; t++) {
      tables[t] = StaticTables.of(t);
      tables[t].build(counts[t]);
      tables[t].code(this, ht, t, true);
    }
    // the tokens' (start, frequency) from the tables: per joint context where its cluster's
    // cumulative frequencies begin in all five tables' together
    int[] ctxAt = new int[FastContexts.BASE[FastContexts.TABLES]];
    int cumLength = 0;
    for (int t = 0; t < FastContexts.TABLES; t++) {
      cumLength += tables[t].cum.length;
    }
    int[] cumAll = new int[cumLength];
    for (int t = 0, at = 0; t < FastContexts.TABLES; t++) {
      StaticTables st = tables[t];
      System.arraycopy(st.cum, 0, cumAll, at, st.cum.length);
      for (int c = 0; c < st.contexts; c++) {
        ctxAt[FastContexts.BASE[t] + c] = at + st.map[c] * (st.symbols + 1);
      }
      at += st.cum.length;
    }
    if (measure) {
      for (int i = 0; i < n; i++) {
        int op = tokens[i];
        int b = ctxAt[op >>> 6] + (op & 63);
        int freq = cumAll[b + 1] - cumAll[b];
        int part = 0;
        while (op >>> 6 >= FastContexts.BASE[part + 1]) {
          part++;
        }
        cost[1 + part] += SymbolTables.PREC - Math.log(freq) / Math.log(2);
      }
      for (int i = 0; i < rawN; i++) {
        cost[1 + FastContexts.TABLES] += raws[i] >>> 16;
      }
    }
    return rans(ctxAt, cumAll);
  }

  @Override
  public int symbol(SymbolTables t, int ctx, int s) {
    if (t.total[ctx] == 0) {
      t.init(ctx);
    }
    int b = ctx * (t.symbols + 1) + s;
    int start = t.cum[b];
    int freq = t.cum[b + 1] - start;
    if (measure) {
      cost[0] += SymbolTables.PREC - Math.log(freq) / Math.log(2);
    }
    if (headerN == header.length) {
      header = Arrays.copyOf(header, 2 * headerN);
    }
    header[headerN++] = (start << 16) | freq;
    t.update(ctx, s);
    return s;
  }

  @Override
  public int raw(int bits, int count) {
    if (measure) {
      cost[0] += count;
    }
    if (headerRawN == headerRaw.length) {
      headerRaw = Arrays.copyOf(headerRaw, 2 * headerRawN);
    }
    headerRaw[headerRawN++] = (count << 16) | bits;
    return bits;
  }

  /** A token; {@link #room} made room for it (a block's are at most 67). */
  private void token(int ctx, int s) {
    tokens[n++] = (ctx << 6) | s;
  }

  /** Makes room for k more tokens and k more raw entries. */
  private void room(int k) {
    if (n > tokens.length - k) {
      tokens = Arrays.copyOf(tokens, 2 * tokens.length + k);
    }
    if (rawN > raws.length - k) {
      raws = Arrays.copyOf(raws, 2 * raws.length + k);
    }
  }

  private void symbol(int table, int ctx, int s) {
    counts[table][ctx * FastContexts.SYMBOLS[table] + s]++;
    token(FastContexts.BASE[table] + ctx, s);
  }

  /**
   * §7: the DC difference from the prediction ({@code pred << 16 | context}) as a §4 value: its
   * magnitude token, then the sign and the raw bits; the raw entry written and kept only for a
   * nonzero value (no branch on it).
   */
  private void dc(int pc, int dc, int cls) {
    int x = (short) (dc - (pc >> 16));
    int m = Math.abs(x);
    int tok = m < SMALL_TOKENS ? SMALL_TOKEN[m] : FastContexts.token(m);
    symbol(FastContexts.DC, cls * FastContexts.DC_BUCKETS * FastContexts.DC_BUCKETS
        + (pc & 0xFFFF), tok);
    int nb = FastContexts.RAW_BITS[tok];
    raws[rawN] = ((nb + 1) << 16) | ((m & ((1 << nb) - 1)) << 1) | (x >>> 31);
    rawN += (m | -m) >>> 31;
  }

  /**
   * §6 step 2: an edge value, its sign relative to the prediction's in the symbol; the raw entry
   * kept only when it has bits (no branch on the value). Returns 1 for a nonzero value, else 0.
   */
  private int edgeValue(int ctx, int x, int predNegative) {
    int m = Math.abs(x);
    int tok = m < SMALL_TOKENS ? SMALL_TOKEN[m] : FastContexts.token(m);
    int nonzero = (m | -m) >>> 31;
    symbol(FastContexts.EDGE, ctx, (2 * tok + ((x >>> 31) ^ predNegative)) & -nonzero);
    int nb = FastContexts.RAW_BITS[tok];
    raws[rawN] = (nb << 16) | (m & ((1 << nb) - 1));
    rawN += -nb >>> 31;
    return nonzero;
  }

  /** §5-§7: the tokens in §2 order. */
  private void tokens(CoefficientImage img, int rowStart, int rowEnd) {
    int[][] quant = FastContexts.quantSteps(img);
    FastDc dcModel = new FastDc(img, quant);
    int[][] nzAbove = new int[img.components][];
    // §6 step 2 in parts, as FastBandDecoder sums them: the neighbour's part kept per block, the
    // current block's column and row sums of its interior values
    long[][] colWeight = new long[img.components][64];
    long[][] rowWeight = new long[img.components][64];
    long[][] divisor = new long[img.components][16];
    double[][] inverse = new double[img.components][16];
    long[][] belowPart = new long[img.components][];
    long[] rightPart = new long[8];
    // zero between blocks: a block zeroes what it summed
    long[] sums = new long[32];
    // §5.2 each interior value as intra counts it, kept per position as it is coded (the first
    // row and column stay 0; the left, upper and upper-left neighbours come earlier in zig-zag
    // order, so a block overwrites what it reads), as the decoder does
    byte[] near = new byte[64];
    byte[] intraOf = FastContexts.INTRA_OF_MAGNITUDE;
    for (int c = 0; c < img.components; c++) {
      nzAbove[c] = new int[img.blocksWide[c]];
      belowPart[c] = new long[8 * img.blocksWide[c]];
      FastContexts.edgeWeights(quant[c], colWeight[c], rowWeight[c], divisor[c],
          inverse[c]);
    }
    for (int r = rowStart; r < rowEnd; r++) {
      for (int c = 0; c < img.components; c++) {
        int v = img.v[c];
        int first = rowStart * v;
        int end = Math.min((r + 1) * v, img.blocksHigh[c]);
        int bw = img.blocksWide[c];
        short[] coef = img.coefficients[c];
        int cls = c == 0 ? 0 : 1;
        int[] nzA = nzAbove[c];
        int[] q = quant[c];
        long[] cw = colWeight[c];
        long[] rw = rowWeight[c];
        long[] dv = divisor[c];
        double[] inv = inverse[c];
        long[] below = belowPart[c];
        for (int by = r * v; by < end; by++) {
          boolean hasA = by > first;
          int nzLeft = -1;
          int off = img.blockOffset(c, 0, by);
          for (int bx = 0; bx < bw; bx++, off += 64) {
            boolean hasL = bx > 0;
            // room for the block's tokens and raws, made once
            room(128);
            // §5.1 the interior's count and extent, §6 step 1's edge counts, from the block's
            // nonzero mask (a branch per coefficient mispredicts)
            long mask = BlockMasks.naturalMask(coef, off);
            if ((mask & ~1L) == 0) {
              // a block of DC alone (often, in chroma): counts 0, no values, its neighbours'
              // parts and its DC's sums zero, as FastBandDecoder takes it
              symbol(FastContexts.COUNT,
                  FastContexts.countContext(cls, hasA ? nzA[bx] : -1, nzLeft), 0);
              nzA[bx] = 0;
              nzLeft = 0;
              symbol(FastContexts.EDGE_COUNT, FastContexts.edgeCountContext(cls, 0, 0, 0), 0);
              symbol(FastContexts.EDGE_COUNT, FastContexts.edgeCountContext(cls, 1, 0, 0), 0);
              for (int i = 1; i < 8; i++) {
                below[8 * bx + i] = 0;
                rightPart[i] = 0;
              }
              dc(dcModel.predictFlat(q, c, bx, hasA, hasL), coef[off], cls);
              dcModel.keep(c, bx, coef[off], q);
              continue;
            }
            long inner = mask & INTERIOR;
            int nz = Long.bitCount(inner);
            long fold = inner | (inner >>> 32);
            fold |= fold >>> 16;
            fold |= fold >>> 8;
            int extentX = 31 - Integer.numberOfLeadingZeros((int) fold & 0xFF | 1);
            int extentY = (63 - Long.numberOfLeadingZeros(inner | 1)) >> 3;
            int nctx = FastContexts.countContext(cls, hasA ? nzA[bx] : -1, nzLeft);
            symbol(FastContexts.COUNT, nctx, nz);
            nzA[bx] = nz;
            nzLeft = nz;
            // §5.2 interior values
            int rem = nz;
            int ctxBase = cls * FastContexts.VALUE_CONTEXTS_PER_CLASS;
            // no branch on the value (they mispredict): a zero's raw entry is written and not
            // kept, its sums add nothing
            int[] acCounts = counts[FastContexts.AC];
            int[] tok = tokens;
            int[] rawOut = raws;
            int tn = n;
            int rn = rawN;
            for (int k = 0; rem > 0; k++) {
              int p = ZZ49[k];
              int x = coef[off + p];
              int ctx = ctxBase + FastContexts.VALUE_CONTEXT_KR[(k << 6) | rem]
                  + FastContexts.INTRA_BUCKET[near[p - 1] + near[p - 8] + (near[p - 9] >> 1)];
              int m = Math.abs(x);
              near[p] = intraOf[Math.min(8, m)];
              int t = m < SMALL_TOKENS ? SMALL_TOKEN[m] : FastContexts.token(m);
              acCounts[(ctx << 5) + t]++;
              tok[tn++] = ((AC_BASE + ctx) << 6) | t;
              int nb = FastContexts.RAW_BITS[t];
              rawOut[rn] = ((nb + 1) << 16) | ((m & ((1 << nb) - 1)) << 1) | (x >>> 31);
              int nonzero = (m | -m) >>> 31;
              rn += nonzero;
              rem -= nonzero;
              sums[FastContexts.COLUMN_SUM[p]] += x * cw[p];
              sums[FastContexts.ROW_SUM[p]] += x * rw[p];
            }
            n = tn;
            rawN = rn;
            // §6 edges: the first row from the above block, then the first column from the left,
            // each up to its last nonzero value (a bound known before the loop, not found in it)
            long rowBits = mask & FIRST_ROW;
            int erem = Long.bitCount(rowBits);
            symbol(FastContexts.EDGE_COUNT, FastContexts.edgeCountContext(cls, 0, extentX, nz),
                erem);
            for (int i = 1, last = 63 - Long.numberOfLeadingZeros(rowBits); i <= last; i++) {
              int pr = !hasA ? (FastContexts.EDGE_PRED_BUCKETS - 1) << 1
                  : FastContexts.edgeBucket(below[8 * bx + i] - sums[i] - sums[8 + i], dv[i],
                      inv[i]);
              erem -= edgeValue(FastContexts.edgeContext(cls, 0, i, erem, pr >> 1),
                  coef[off + i], pr & 1);
            }
            long columnBits = mask & FIRST_COLUMN;
            erem = Long.bitCount(columnBits);
            symbol(FastContexts.EDGE_COUNT, FastContexts.edgeCountContext(cls, 1, extentY, nz),
                erem);
            for (int i = 1, last = (63 - Long.numberOfLeadingZeros(columnBits)) >> 3; i <= last;
                i++) {
              int pr = !hasL ? (FastContexts.EDGE_PRED_BUCKETS - 1) << 1
                  : FastContexts.edgeBucket(rightPart[i] - sums[16 + i] - sums[24 + i],
                      dv[8 + i], inv[8 + i]);
              erem -= edgeValue(FastContexts.edgeContext(cls, 1, i, erem, pr >> 1),
                  coef[off + 8 * i], pr & 1);
            }
            // the interior sums read once more and zeroed for the next block (entries 0, 8, 16
            // and 24 belong to no interior position and stay 0)
            for (int i = 1; i < 8; i++) {
              below[8 * bx + i] = coef[off + i] * cw[i] + sums[i] - sums[8 + i];
              rightPart[i] = coef[off + 8 * i] * rw[8 * i] + sums[16 + i] - sums[24 + i];
              sums[i] = 0;
              sums[8 + i] = 0;
              sums[16 + i] = 0;
              sums[24 + i] = 0;
            }
            // §7 DC
            dc(dcModel.predict(coef, off, q, c, bx, hasA, hasL), coef[off], cls);
            dcModel.keep(c, bx, coef[off], q);
          }
        }
      }
    }
  }

  /**
   * §8 note: the raw bits forward into their own words; the symbols backwards through two
   * interleaved rANS states (symbol j of the band on state j mod 2), emitting 32-bit words into
   * one stream; the checksum (§9, of the bytes after it) and the final states in front, the raw
   * words from the end down (§2).
   */
  private byte[] rans(int[] ctxAt, int[] cumAll) {
    int symbols = n + headerN;
    long rawBits = 0;
    for (int i = 0; i < headerRawN; i++) {
      rawBits += headerRaw[i] >>> 16;
    }
    for (int i = 0; i < rawN; i++) {
      rawBits += raws[i] >>> 16;
    }
    int rawWords = (int) ((rawBits + 31) >>> 5);
    int[] raw = new int[rawWords];
    long acc = 0;
    int accBits = 0;
    int rw = 0;
    for (int i = 0; i < headerRawN + rawN; i++) {
      int op = i < headerRawN ? headerRaw[i] : raws[i - headerRawN];
      acc |= (long) (op & 0xFFFF) << accBits;
      accBits += op >>> 16;
      if (accBits >= 32) {
        raw[rw++] = (int) acc;
        acc >>>= 32;
        accBits -= 32;
      }
    }
    if (accBits > 0) {
      raw[rw++] = (int) acc;
    }
    int[] out = new int[Math.max(16, symbols / 4)];
    int pos = out.length;
    // x codes symbol j, y symbol j - 1: they swap after every symbol
    long x = FastCoefficientCoder.RANS_L;
    long y = FastCoefficientCoder.RANS_L;
    // the tokens (context << 6 | symbol) to their (start, frequency) here, as they are coded,
    // then the header's steps
    for (int i = n - 1; i >= -headerN; i--) {
      int start;
      int freq;
      if (i >= 0) {
        int op = tokens[i];
        int b = ctxAt[op >>> 6] + (op & 63);
        start = cumAll[b];
        freq = cumAll[b + 1] - start;
      } else {
        int op = header[i + headerN];
        start = op >>> 16;
        freq = op & 0xFFFF;
      }
      if (pos == 0) {
        int[] grown = new int[out.length * 2];
        System.arraycopy(out, 0, grown, out.length, out.length);
        pos = out.length;
        out = grown;
      }
      // x >= freq · 2^51 without the overflow of freq = 2^12 (a table with one symbol)
      if (x >>> (63 - SymbolTables.PREC) >= freq) {
        out[--pos] = (int) x;
        x >>>= 32;
      }
      // (x / freq) · 2^12 + x mod freq + start, one multiplication after the division: a plain
      // 64-bit division measured x1.06 band encode against a double reciprocal and its
      // correction (same-JVM A/B, session 10), which put more steps on the state's chain
      long q = x / Math.max(1, freq); // freq >= 1: every coded symbol was counted
      long coded = x + q * (SymbolTables.ONE - freq) + start;
      x = y;
      y = coded;
    }
    // y now holds symbol 0's state, x symbol 1's
    long[] state = {y, x};
    int words = out.length - pos;
    int head = FastBandDecoder.HEADER_BYTES;
    byte[] res = new byte[head + 4 * (words + rawWords)];
    JpegContainer.putU32(res, 4, state[0] >>> 32);
    JpegContainer.putU32(res, 8, state[0] & 0xFFFFFFFFL);
    JpegContainer.putU32(res, 12, state[1] >>> 32);
    JpegContainer.putU32(res, 16, state[1] & 0xFFFFFFFFL);
    for (int i = 0; i < words; i++) {
      JpegContainer.putU32(res, head + 4 * i, out[pos + i] & 0xFFFFFFFFL);
    }
    for (int i = 0; i < rawWords; i++) {
      JpegContainer.putU32(res, res.length - 4 * (i + 1), raw[i] & 0xFFFFFFFFL);
    }
    JpegContainer.putU32(res, 0,
        FastCoefficientCoder.checksum(res, 4, res.length) & 0xFFFFFFFFL);
    return res;
  }
}
