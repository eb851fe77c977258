package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;

/**
 * Decoder of content 2 (format-jpeg-coefficients-fast.md): the header's tables (§3), then the
 * rANS decoder (§8) under them with the contexts of {@link FastContexts} and {@link FastDc},
 * filling the band's blocks in §2 order.
 *
 * <p>The rANS states and the raw bit buffer are fields that each symbol stores and the next
 * loads back; session 12 wrote the interior values' symbols and raw reads out in {@link
 * #blocks} with them in locals and measured no gain (band decode alone, same-JVM A/B, 100
 * rounds: q75p 1.00, q85p 1.01, q95p 1.00; the edges the same way 0.99-1.06 in restore), so C2
 * keeps that chain short already.
 */
final class FastBandDecoder implements StaticTables.Header {
  private static final int[] ZZ49 = FastContexts.ZZ49;
  private static final int MASK = SymbolTables.ONE - 1;

  private final byte[] data;
  /** §2: rANS words are read upwards from pos, raw words downwards from rawPos. */
  private int pos;
  private int rawPos;
  private int overrun;
  /** §8: the state that decodes the next symbol, and the other one. */
  private long x;
  private long y;
  /** §8: raw bits not yet read, lowest first, and how many. */
  private long bits;
  private int bitCount;
  private final StaticTables[] tables = new StaticTables[FastContexts.TABLES];

  private FastBandDecoder(byte[] data, int pos, int end) {
    this.data = data;
    this.pos = pos;
    this.rawPos = end;
  }

  /** Malformed coded data inside the band; the caller names the band. */
  private static final class Damaged extends RuntimeException {
    Damaged(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Fills MCU rows [rowStart, rowEnd) of img from {@code data[offset, offset+length)} (§2, §9).
   *
   * @throws MalformedInputException or TruncatedInputException naming the MCU rows
   */
  static void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd) {
    decode(data, offset, length, img, rowStart, rowEnd, null);
  }

  /**
   * @param dense null to fill img's coefficients; else each block row is decoded into a
   *     scratch row and handed to it ({@link BlockMasks#addRow}), img's coefficients left alone
   */
  static void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd, BlockMasks dense) {
    String rows = "MCU rows " + rowStart + "-" + (rowEnd - 1);
    if (length < HEADER_BYTES) {
      throw new TruncatedInputException("fast coefficient data of " + rows + " cut short: "
          + length + " bytes", (long) offset + length);
    }
    int hash = (int) JpegContainer.u32(data, offset);
    long state0 = (JpegContainer.u32(data, offset + 4) << 32) | JpegContainer.u32(data, offset + 8);
    long state1 =
        (JpegContainer.u32(data, offset + 12) << 32) | JpegContainer.u32(data, offset + 16);
    // also every value with the top bit set
    if (state0 < FastCoefficientCoder.RANS_L || state1 < FastCoefficientCoder.RANS_L) {
      throw new MalformedInputException("fast coefficient data of " + rows
          + " damaged: rANS state out of range", offset);
    }
    if ((length & 3) != 0) {
      throw new TruncatedInputException("fast coefficient data of " + rows + " cut short: "
          + length + " bytes, not 20 plus whole 32-bit words", (long) offset + length);
    }
    FastBandDecoder d = new FastBandDecoder(data, offset + HEADER_BYTES, offset + length);
    d.x = state0;
    d.y = state1;
    try {
      StaticTables.HeaderTables ht = new StaticTables.HeaderTables();
      for (int t = 0; t < FastContexts.TABLES; t++) {
        d.tables[t] = StaticTables.of(t);
        String bad = d.tables[t].code(d, ht, t, false);
        if (bad != null) {
          throw new Damaged("header: " + bad);
        }
      }
      d.blocks(img, rowStart, rowEnd, dense);
    } catch (Damaged e) {
      if (d.overrun > 0) {
        throw new TruncatedInputException("fast coefficient data of " + rows + " cut short: "
            + length + " bytes", (long) offset + length);
      }
      throw new MalformedInputException("fast coefficient data of " + rows + " damaged: "
          + e.getMessage(), offset);
    }
    if (d.overrun > 0) {
      throw new TruncatedInputException("fast coefficient data of " + rows + " cut short: "
          + length + " bytes", (long) offset + length);
    }
    if (d.pos != d.rawPos || d.x != FastCoefficientCoder.RANS_L
        || d.y != FastCoefficientCoder.RANS_L || d.bits != 0) {
      throw new MalformedInputException("fast coefficient data of " + rows
          + " damaged: the rANS or raw stream does not end where it should", offset);
    }
    if (FastCoefficientCoder.checksum(data, offset + 4, offset + length) != hash) {
      throw new MalformedInputException("fast coefficient data of " + rows
          + " damaged: checksum mismatch", offset);
    }
  }

  /** §2: the checksum and the two states. */
  static final int HEADER_BYTES = 20;

  /** §8: the next 32-bit rANS word (zeros past the end, counted). */
  private long nextWord() {
    if (pos + 4 <= rawPos) {
      long w = JpegContainer.u32(data, pos);
      pos += 4;
      return w;
    }
    overrun++;
    return 0;
  }

  /** §8: the next 32-bit raw word, from the end down (zeros past the rANS words, counted). */
  private long nextRawWord() {
    if (rawPos - 4 >= pos) {
      rawPos -= 4;
      return JpegContainer.u32(data, rawPos);
    }
    overrun++;
    return 0;
  }

  /** §8: n raw bits (0..17), lowest first. */
  private int bits(int n) {
    if (bitCount < n) {
      bits |= nextRawWord() << bitCount;
      bitCount += 32;
    }
    int v = (int) bits & ((1 << n) - 1);
    bits >>>= n;
    bitCount -= n;
    return v;
  }

  /** §8: the state after decoding a symbol, refilled; it waits while the other state decodes. */
  private void advance(long next) {
    if (next < FastCoefficientCoder.RANS_L) {
      next = (next << 32) | nextWord();
    }
    x = y;
    y = next;
  }

  /** §3.3: a header symbol (adaptive table). */
  @Override
  public int symbol(SymbolTables t, int ctx, int ignored) {
    if (t.total[ctx] == 0) {
      t.init(ctx);
    }
    int[] cum = t.cum;
    int cb = ctx * (t.symbols + 1);
    int slot = (int) x & MASK;
    int s = cb;
    while (cum[s + 1] <= slot) {
      s++;
    }
    int start = cum[s];
    advance((cum[s + 1] - start) * (x >>> SymbolTables.PREC) + slot - start);
    s -= cb;
    t.update(ctx, s);
    return s;
  }

  @Override
  public int raw(int ignored, int nb) {
    return bits(nb);
  }

  /** §8: one symbol of context ctx of a static table. */
  private int symbol(StaticTables t, int ctx) {
    int slot = (int) x & MASK;
    int at = t.firstAt[ctx];
    int f = t.first[at + (slot >>> StaticTables.FIRST_SHIFT)];
    int s = f & 63;
    int start = (f >>> 6) & 0x1FFF;
    int end = f >>> 19;
    if (slot >= end) { // a later symbol starts within the entry's slots (rare)
      int[] cum = t.cum;
      int cb = (at >> StaticTables.FIRST_BITS) * (t.symbols + 1);
      s += cb;
      do {
        s++;
      } while (cum[s + 1] <= slot);
      start = cum[s];
      end = cum[s + 1];
      s -= cb;
    }
    advance((end - start) * (x >>> SymbolTables.PREC) + slot - start);
    return s;
  }

  /**
   * §4: a signed value: its token, then in one raw read the sign (lowest bit) and the mantissa.
   * No branch on the value: a token 0 reads no bits and yields 0.
   */
  private int value(StaticTables t, int ctx) {
    return valueOf(symbol(t, ctx));
  }

  /** §4: the signed value of token tok, its raw bits read. */
  private int valueOf(int tok) {
    int mb = FastContexts.MAG_AND_BITS[tok];
    int r = bits(mb & 31);
    int m = (mb >>> 5) | (r >>> 1);
    int neg = r & 1;
    if (m > 32767 + neg) {
      throw new Damaged("a value's magnitude " + m + " is out of range");
    }
    return (m ^ -neg) + neg;
  }

  /** §6 step 2: an edge value; the symbol holds its sign relative to the prediction's. */
  private int edgeValue(int sym, int predNegative) {
    if (sym == 1) {
      throw new Damaged("an edge value has a sign but no magnitude");
    }
    int tok = sym >> 1;
    int mb = FastContexts.MAG_AND_RAW[tok];
    int m = (mb >>> 5) | bits(mb & 31);
    int neg = (sym & 1) ^ predNegative; // for sym 0, m is 0 and the sign changes nothing
    if (m > 32767 + neg) {
      throw new Damaged("a value's magnitude " + m + " is out of range");
    }
    return (m ^ -neg) + neg;
  }

  private void blocks(CoefficientImage img, int rowStart, int rowEnd, BlockMasks dense) {
    StaticTables countT = tables[FastContexts.COUNT];
    StaticTables dcT = tables[FastContexts.DC];
    StaticTables acT = tables[FastContexts.AC];
    StaticTables edgeCountT = tables[FastContexts.EDGE_COUNT];
    StaticTables edgeT = tables[FastContexts.EDGE];
    int[][] quant = FastContexts.quantSteps(img);
    FastDc dcModel = new FastDc(img, quant);
    int[][] nzAbove = new int[img.components][];
    // §5.2 intra from the tokens of the interior values so far, each kept as intra counts it
    // (INTRA_OF_TOKEN: the magnitude below 4, else 4, 6 or 8); the first row and column stay 0, and every left, upper and upper-left interior
    // neighbour of a position comes earlier in zig-zag order, so a block overwrites what it reads
    // first
    byte[] tok2 = new byte[64];
    // §6 step 2 sums as the values arrive: per component, each block's weights q[p]·B0[v] (for
    // its column) and q[p]·B0[u] (for its row), the divisors; per block of the row above its
    // first-row predictions' part (Σ_v (−1)^v N(v,i)·q·B0[v]), for the block to the left its
    // first column's; the current block's 32 column and row sums (FastContexts.COLUMN_SUM)
    long[][] colWeight = new long[img.components][64];
    long[][] rowWeight = new long[img.components][64];
    long[][] divisor = new long[img.components][16];
    long[][] belowPart = new long[img.components][];
    long[] rightPart = new long[8];
    long[] sums = new long[32];
    // for a dense form, the block row being decoded: in L1 or L2 however large the image, and
    // no coefficient image to allocate, clear and fault in
    int widest = 0;
    for (int c = 0; c < img.components; c++) {
      widest = Math.max(widest, img.blocksWide[c]);
    }
    short[] rowBlocks = dense != null ? new short[widest << 6] : null;
    for (int c = 0; c < img.components; c++) {
      nzAbove[c] = new int[img.blocksWide[c]];
      belowPart[c] = new long[8 * img.blocksWide[c]];
      FastContexts.edgeWeights(quant[c], colWeight[c], rowWeight[c], divisor[c], null);
    }
    for (int r = rowStart; r < rowEnd; r++) {
      for (int c = 0; c < img.components; c++) {
        int v = img.v[c];
        int first = rowStart * v;
        int endRow = Math.min((r + 1) * v, img.blocksHigh[c]);
        int bw = img.blocksWide[c];
        short[] coef = dense != null ? rowBlocks : img.coefficients[c];
        // the blocks' nonzero masks, for the rebuild
        long[] nzMasks = dense != null ? dense.masksToFill(c) : img.masksToFill(c);
        int cls = c == 0 ? 0 : 1;
        int[] nzA = nzAbove[c];
        int[] q = quant[c];
        long[] cw = colWeight[c];
        long[] rw = rowWeight[c];
        long[] dv = divisor[c];
        long[] below = belowPart[c];
        for (int by = r * v; by < endRow; by++) {
          boolean hasA = by > first;
          int nzLeft = -1;
          int block = by * bw;
          // where the block's coefficients are in coef: in the image, or in the row
          int off = dense != null ? 0 : block << 6;
          for (int bx = 0; bx < bw; bx++, off += 64, block++) {
            boolean hasL = bx > 0;
            long nzm = 0;
            // §5.1 the interior's count
            int nz = symbol(countT, FastContexts.countContext(cls, hasA ? nzA[bx] : -1, nzLeft));
            if (nz > 49) {
              throw new Damaged("an interior count of " + nz + " (at most 49)");
            }
            nzA[bx] = nz;
            nzLeft = nz;
            // §5.2 interior values, with no branch on them (they are hard to predict)
            int rem = nz;
            long inner = 0; // natural order, for the extents after the loop
            int ctxBase = cls * FastContexts.VALUE_CONTEXTS_PER_CLASS;
            for (int k = 0; rem > 0; k++) {
              if (k == 49) {
                throw new Damaged("a block's interior count exceeds its positions");
              }
              int p = ZZ49[k];
              // the context from the tokens alone (not the values behind them), so that the
              // next symbol's context does not wait for this one's raw bits
              int ib = FastContexts.INTRA_BUCKET[tok2[p - 1] + tok2[p - 8] + (tok2[p - 9] >> 1)];
              int tok = symbol(acT, ctxBase + (FastContexts.VALUE_CONTEXT_KR[(k << 6) | rem] + ib));
              tok2[p] = FastContexts.INTRA_OF_TOKEN[tok];
              int nonzero = (tok | -tok) >>> 31;
              rem -= nonzero;
              int xv = valueOf(tok);
              coef[off + p] = (short) xv;
              nzm |= BlockMasks.NATURAL_BIT[p] & -(long) nonzero;
              sums[FastContexts.COLUMN_SUM[p]] += xv * cw[p];
              sums[FastContexts.ROW_SUM[p]] += xv * rw[p];
              inner |= (long) nonzero << p;
            }
            // §5.2 the extents: the highest column (row) with a bit of the interior's mask
            long fold = inner | (inner >>> 32);
            fold |= fold >>> 16;
            fold |= fold >>> 8;
            int extentX = 31 - Integer.numberOfLeadingZeros((int) fold & 0xFF | 1);
            int extentY = (63 - Long.numberOfLeadingZeros(inner | 1)) >> 3;
            // §6 edges
            int edges = 0;
            for (int dir = 0; dir < 2; dir++) {
              int step = dir == 0 ? 1 : 8;
              boolean hasN = dir == 0 ? hasA : hasL;
              int cnt = symbol(edgeCountT, FastContexts.edgeCountContext(cls, dir,
                  dir == 0 ? extentX : extentY, nz));
              int erem = cnt;
              edges |= cnt;
              for (int i = 1; erem > 0; i++) {
                if (i == 8) {
                  throw new Damaged("an edge count exceeds its 7 positions");
                }
                int p = i * step;
                // the neighbour's part less the current block's interior sums of column/row i
                int pr = !hasN ? (FastContexts.EDGE_PRED_BUCKETS - 1) << 1 : dir == 0
                    ? FastContexts.edgeBucket(below[8 * bx + i] - sums[i] - sums[8 + i], dv[i])
                    : FastContexts.edgeBucket(rightPart[i] - sums[16 + i] - sums[24 + i],
                        dv[8 + i]);
                int sym = symbol(edgeT, FastContexts.edgeContext(cls, dir, i, erem, pr >> 1));
                // the count left from the symbol, not the value: sym 0 is the only zero
                int nonzero = (sym | -sym) >>> 31;
                erem -= nonzero;
                int xv = edgeValue(sym, pr & 1);
                coef[off + p] = (short) xv;
                nzm |= BlockMasks.NATURAL_BIT[p] & -(long) nonzero;
              }
            }
            int pc;
            if ((nz | edges) == 0) {
              // a block of DC alone (often, in chroma): its neighbours' parts and its DC's sums
              // are zero, nothing to multiply
              for (int i = 1; i < 8; i++) {
                below[8 * bx + i] = 0;
                rightPart[i] = 0;
              }
              pc = dcModel.predictFlat(q, c, bx, hasA, hasL);
            } else {
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
              pc = dcModel.predict(coef, off, q, c, bx, hasA, hasL);
            }
            int dc = (short) ((pc >> 16) + value(dcT, cls * FastContexts.DC_BUCKETS
                * FastContexts.DC_BUCKETS + (pc & 0xFFFF)));
            coef[off] = (short) dc;
            nzMasks[block] = nzm | (Long.MIN_VALUE & ((long) (dc | -dc) >> 63));
            dcModel.keep(c, bx, dc, q);
          }
          if (dense != null) {
            dense.addRow(c, by * bw, bw, coef);
          }
        }
      }
      if (dense == null) {
        img.rowMasked(r);
      }
    }
  }
}
