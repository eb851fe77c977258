package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Encoder of content 2 (format-jpeg-coefficients-fast.md): a first pass over the band's blocks
 * turns them into tokens and counts them per context; the counts become the band's static tables
 * (clustered histograms, {@link StaticTables}), written in the header; then the rANS encoder
 * (§7) runs over the header's steps and the tokens backwards, as rANS needs.
 */
final class FastBandEncoder implements StaticTables.Header {
  private static final int[] ZZ = JpegSyntax.ZIGZAG;
  private static final int RAW = 0x80000000;
  private static final int DC_BASE = FastContexts.NZ_CONTEXTS;
  private static final int AC_BASE = DC_BASE + FastContexts.DC_CONTEXTS;

  /** Per token (context << 6 | symbol), in the three tables' joint context numbering, or raw. */
  private int[] tokens;
  private int n;
  private int[] header = new int[1024];
  private int headerN;
  private final int[] nzCounts = new int[FastContexts.NZ_CONTEXTS * FastContexts.COUNT_SYMBOLS];
  private final int[] dcCounts = new int[FastContexts.DC_CONTEXTS * FastContexts.VALUE_SYMBOLS];
  private final int[] acCounts = new int[FastContexts.AC_CONTEXTS * FastContexts.VALUE_SYMBOLS];
  /** Bits per part (header, nz, dc, ac, raw) when {@link #measure} is set; not coded. */
  final double[] cost = new double[5];
  static boolean measure;

  private FastBandEncoder(int blocks) {
    tokens = new int[Math.max(64, Math.min(1 << 24, blocks * 8))];
  }

  /** Codes MCU rows [rowStart, rowEnd) of img (§2 order), returns the band's bytes (§7). */
  static byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    return new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd))
        .run(img, rowStart, rowEnd);
  }

  /** The bits of each part (header, nz, dc, ac, raw) of the band's coding, for measurements. */
  static double[] measureCost(CoefficientImage img, int rowStart, int rowEnd) {
    FastBandEncoder e = new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd));
    measure = true;
    try {
      e.run(img, rowStart, rowEnd);
    } finally {
      measure = false;
    }
    return e.cost;
  }

  private byte[] run(CoefficientImage img, int rowStart, int rowEnd) {
    int hash = tokens(img, rowStart, rowEnd);
    StaticTables nzT = new StaticTables(FastContexts.NZ_CONTEXTS, FastContexts.COUNT_SYMBOLS,
        FastContexts.NZ_DIFF);
    StaticTables dcT = new StaticTables(FastContexts.DC_CONTEXTS, FastContexts.VALUE_SYMBOLS, 1);
    StaticTables acT = new StaticTables(FastContexts.AC_CONTEXTS, FastContexts.VALUE_SYMBOLS,
        2 * FastContexts.PRIOR_BUCKETS);
    nzT.build(nzCounts);
    dcT.build(dcCounts);
    acT.build(acCounts);
    StaticTables.HeaderTables ht = new StaticTables.HeaderTables();
    nzT.code(this, ht, 0, true);
    dcT.code(this, ht, 1, true);
    acT.code(this, ht, 2, true);
    // the tokens' (start, frequency) from the tables
    for (int i = 0; i < n; i++) {
      int op = tokens[i];
      if (op >= 0) {
        int ctx = op >>> 6;
        int s = op & 63;
        StaticTables t;
        int part;
        if (ctx >= AC_BASE) {
          t = acT;
          ctx -= AC_BASE;
          part = 3;
        } else if (ctx >= DC_BASE) {
          t = dcT;
          ctx -= DC_BASE;
          part = 2;
        } else {
          t = nzT;
          part = 1;
        }
        int b = t.map[ctx] * (t.symbols + 1) + s;
        int start = t.cum[b];
        int freq = t.cum[b + 1] - start;
        tokens[i] = (start << 16) | freq;
        if (measure) {
          cost[part] += SymbolTables.PREC - Math.log(freq) / Math.log(2);
        }
      } else if (measure) {
        cost[4] += (op >>> 16) & 31;
      }
    }
    return rans(hash);
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
    if (headerN == header.length) {
      header = Arrays.copyOf(header, 2 * headerN);
    }
    header[headerN++] = RAW | (count << 16) | bits;
    return bits;
  }

  private void token(int ctx, int s) {
    if (n == tokens.length) {
      tokens = Arrays.copyOf(tokens, 2 * n);
    }
    tokens[n++] = (ctx << 6) | s;
  }

  private void rawToken(int bits, int count) {
    if (n == tokens.length) {
      tokens = Arrays.copyOf(tokens, 2 * n);
    }
    tokens[n++] = RAW | (count << 16) | bits;
  }

  /** §4: a signed value as its magnitude token, then the sign and the raw bits. */
  private void value(int[] counts, int base, int ctx, int x) {
    int m = Math.abs(x);
    int tok = FastContexts.token(m);
    counts[ctx * FastContexts.VALUE_SYMBOLS + tok]++;
    token(base + ctx, tok);
    if (m != 0) {
      int nb = FastContexts.rawBits(tok);
      rawToken(((x >>> 31) << nb) | (m & ((1 << nb) - 1)), nb + 1);
    }
  }

  /** §5, §6: the tokens in §2 order; returns the band checksum (§8). */
  private int tokens(CoefficientImage img, int rowStart, int rowEnd) {
    int hash = FastCoefficientCoder.HASH_START;
    int[][] nzAbove = new int[img.components][];
    for (int c = 0; c < img.components; c++) {
      nzAbove[c] = new int[img.blocksWide[c]];
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
        for (int by = r * v; by < end; by++) {
          boolean hasA = by > first;
          int nzLeft = -1;
          int off = img.blockOffset(c, 0, by);
          int up = bw << 6;
          for (int bx = 0; bx < bw; bx++, off += 64) {
            boolean hasL = bx > 0;
            // §6 DC
            int dc = coef[off];
            int pred;
            int dctx;
            if (hasA && hasL) {
              int a = coef[off - up];
              int l = coef[off - 64];
              int al = coef[off - up - 64];
              int mx = Math.max(a, l);
              int mn = Math.min(a, l);
              pred = al >= mx ? mn : al <= mn ? mx : a + l - al;
              dctx = Math.min(FastContexts.DC_BUCKETS - 2,
                  FastContexts.bitlen(Math.abs(a - al) + Math.abs(l - al)));
            } else if (hasA) {
              pred = coef[off - up];
              dctx = FastContexts.DC_BUCKETS - 1;
            } else if (hasL) {
              pred = coef[off - 64];
              dctx = FastContexts.DC_BUCKETS - 1;
            } else {
              pred = 0;
              dctx = FastContexts.DC_BUCKETS - 1;
            }
            value(dcCounts, DC_BASE, cls * FastContexts.DC_BUCKETS + dctx, (short) (dc - pred));
            if (dc != 0) {
              hash = (hash ^ (dc & 0xFFFF)) * FastCoefficientCoder.HASH_PRIME;
            }
            // §5.1 count
            int nz = 0;
            for (int i = 1; i < 64; i++) {
              if (coef[off + i] != 0) {
                nz++;
              }
            }
            int nctx = FastContexts.countContext(cls, hasA ? nzA[bx] : -1, nzLeft);
            nzCounts[nctx * FastContexts.COUNT_SYMBOLS + nz]++;
            token(nctx, nz);
            nzA[bx] = nz;
            nzLeft = nz;
            // §5.2 values
            int rem = nz;
            for (int k = 1; rem > 0; k++) {
              int p = ZZ[k];
              int x = coef[off + p];
              int pb = FastContexts.priorBucket(hasA ? Math.abs(coef[off - up + p]) : 0,
                  hasL ? Math.abs(coef[off - 64 + p]) : 0,
                  hasA && hasL ? Math.abs(coef[off - up - 64 + p]) : 0, hasA, hasL);
              int ctx = FastContexts.valueContext(cls, k, rem, pb, coef[off + ZZ[k - 1]] != 0);
              value(acCounts, AC_BASE, ctx, x);
              if (x != 0) {
                rem--;
                hash = (hash ^ ((k << 16) | (x & 0xFFFF))) * FastCoefficientCoder.HASH_PRIME;
              }
            }
            hash = (hash ^ 0x00400000) * FastCoefficientCoder.HASH_PRIME;
          }
        }
      }
    }
    return hash;
  }

  /**
   * §7: rANS over the tokens then the header, last first, emitting 32-bit words; the checksum
   * and the final state in front.
   */
  private byte[] rans(int hash) {
    int[] out = new int[Math.max(16, n / 2)];
    int pos = out.length;
    long x = FastCoefficientCoder.RANS_L;
    for (int i = n + headerN - 1; i >= 0; i--) {
      int op = i >= headerN ? tokens[i - headerN] : header[i];
      if (pos == 0) {
        int[] grown = new int[out.length * 2];
        System.arraycopy(out, 0, grown, out.length, out.length);
        pos = out.length;
        out = grown;
      }
      if (op < 0) {
        int nb = (op >>> 16) & 31;
        if (x >= 1L << (63 - nb)) {
          out[--pos] = (int) x;
          x >>>= 32;
        }
        x = (x << nb) | (op & 0xFFFF);
      } else {
        int freq = op & 0xFFFF;
        int start = op >>> 16;
        if (x >= (long) freq << (63 - SymbolTables.PREC)) {
          out[--pos] = (int) x;
          x >>>= 32;
        }
        long q = x / freq;
        x = (q << SymbolTables.PREC) + (x - q * freq) + start;
      }
    }
    int words = out.length - pos;
    byte[] res = new byte[12 + 4 * words];
    JpegContainer.putU32(res, 0, hash & 0xFFFFFFFFL);
    JpegContainer.putU32(res, 4, x >>> 32);
    JpegContainer.putU32(res, 8, x & 0xFFFFFFFFL);
    for (int i = 0; i < words; i++) {
      JpegContainer.putU32(res, 12 + 4 * i, out[pos + i] & 0xFFFFFFFFL);
    }
    return res;
  }
}
