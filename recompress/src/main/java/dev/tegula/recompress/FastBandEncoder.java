package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Encoder of content 2 (format-jpeg-coefficients-fast.md): one pass over the band's blocks turns
 * them into tokens under adaptive tables and records each as a rANS step (start and frequency, or
 * raw bits); a second pass runs the rANS encoder over the steps backwards (§7), as rANS needs.
 */
final class FastBandEncoder {
  private static final int[] ZZ = JpegSyntax.ZIGZAG;
  private static final int RAW = 0x80000000;

  private int[] ops;
  private int n;
  private final SymbolTables nzT;
  private final SymbolTables acT;
  private final SymbolTables dcT;
  private final SymbolTables acParentT;
  /** Bits spent per part (nz, ac tokens, dc tokens, raw), for the measurements; not coded. */
  final double[] cost = new double[4];
  static boolean measure;
  final java.util.HashMap<Long, Integer> hist = new java.util.HashMap<>();

  /** The empirical (static, two-pass) entropy per part in bits, without table costs. */
  double[] staticCost() {
    java.util.HashMap<Long, Integer> totals = new java.util.HashMap<>();
    for (var e : hist.entrySet()) {
      totals.merge(e.getKey() >> 8, e.getValue(), Integer::sum);
    }
    double[] c = new double[4];
    for (var e : hist.entrySet()) {
      int t = totals.get(e.getKey() >> 8);
      int k = e.getValue();
      c[(int) (e.getKey() >> 40)] += k * Math.log((double) t / k) / Math.log(2);
    }
    c[3] = cost[3];
    return c;
  }

  private FastBandEncoder(int blocks) {
    ops = new int[Math.max(64, Math.min(1 << 24, blocks * 8))];
    nzT = new SymbolTables(FastContexts.NZ_CONTEXTS, FastContexts.countPriorTable());
    acT = new SymbolTables(FastContexts.AC_CONTEXTS, FastContexts.valuePrior());
    acParentT = new SymbolTables(FastContexts.AC_PARENTS, FastContexts.valuePrior());
    dcT = new SymbolTables(FastContexts.DC_CONTEXTS, FastContexts.valuePrior());
  }

  /** Codes MCU rows [rowStart, rowEnd) of img (§2 order), returns the band's bytes (§7). */
  static byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    FastBandEncoder e = new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd));
    int hash = e.tokens(img, rowStart, rowEnd);
    return e.rans(hash);
  }

  static double[] measureCost(CoefficientImage img, int rowStart, int rowEnd) {
    FastBandEncoder e = new FastBandEncoder(FastCoefficientCoder.blocks(img, rowStart, rowEnd));
    measure = true;
    e.tokens(img, rowStart, rowEnd);
    measure = false;
    double[] st = e.staticCost();
    return new double[] {e.cost[0], e.cost[1], e.cost[2], e.cost[3], st[0], st[1], st[2]};
  }

  private void symbol(SymbolTables t, int ctx, int s, int part) {
    if (t.total[ctx] == 0) {
      t.init(ctx);
    }
    int b = ctx * (t.symbols + 1) + s;
    int start = t.cum[b];
    int freq = t.cum[b + 1] - start;
    if (measure) {
      cost[part] += SymbolTables.PREC - Math.log(freq) / Math.log(2);
      hist.merge(((long) part << 40) | ((long) ctx << 8) | s, 1, Integer::sum);
    }
    if (n == ops.length) {
      ops = Arrays.copyOf(ops, 2 * n);
    }
    ops[n++] = (start << 16) | freq;
    t.update(ctx, s);
  }

  private void raw(int bits, int count) {
    if (measure) {
      cost[3] += count;
    }
    if (n == ops.length) {
      ops = Arrays.copyOf(ops, 2 * n);
    }
    ops[n++] = RAW | (count << 16) | bits;
  }

  /** §5, §6: returns the band checksum (§8). */
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
          int nzLeft = 0;
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
            int res = (short) (dc - pred);
            value(dcT, cls * FastContexts.DC_BUCKETS + dctx, res, 2);
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
            int pc;
            if (hasA) {
              pc = hasL ? FastContexts.NZ_BUCKET[(nzA[bx] + nzLeft + 1) >> 1]
                  : FastContexts.NZ_BUCKET[nzA[bx]];
            } else {
              pc = hasL ? FastContexts.NZ_BUCKET[nzLeft] : FastContexts.NZ_BUCKETS - 1;
            }
            symbol(nzT, cls * FastContexts.NZ_BUCKETS + pc, nz, 0);
            nzA[bx] = nz;
            nzLeft = nz;
            // §5.2 values
            int rem = nz;
            int ctxBase = cls * FastContexts.K_BUCKETS;
            for (int k = 1; rem > 0; k++) {
              int p = ZZ[k];
              int x = coef[off + p];
              int pctx = ctxBase + FastContexts.K_BUCKET[k];
              int ctx = ((pctx * FastContexts.REM_BUCKETS + FastContexts.REM_BUCKET[rem]) << 1)
                  + (coef[off + ZZ[k - 1]] != 0 ? 1 : 0);
              if (acParentT.total[pctx] == 0) {
                acParentT.init(pctx);
              }
              if (acT.total[ctx] == 0) {
                acT.init(ctx, acParentT, pctx);
              }
              value(acT, ctx, x, 1);
              acParentT.update(pctx, FastContexts.token(Math.abs(x)));
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

  /** §4: a signed value as its magnitude token, then the sign and the raw bits. */
  private void value(SymbolTables t, int ctx, int x, int part) {
    int m = Math.abs(x);
    int tok = FastContexts.token(m);
    symbol(t, ctx, tok, part);
    if (m != 0) {
      int nb = FastContexts.rawBits(tok);
      raw(((x >>> 31) << nb) | (m & ((1 << nb) - 1)), nb + 1);
    }
  }

  /** §7: rANS over the recorded steps, last first; the checksum and final state in front. */
  private byte[] rans(int hash) {
    byte[] out = new byte[Math.max(64, n * 2)];
    int pos = out.length;
    int x = FastCoefficientCoder.RANS_L;
    for (int i = n - 1; i >= 0; i--) {
      int op = ops[i];
      if (pos < 8) {
        byte[] grown = new byte[out.length * 2];
        System.arraycopy(out, pos, grown, grown.length - (out.length - pos), out.length - pos);
        pos += grown.length - out.length;
        out = grown;
      }
      if (op < 0) {
        int nb = (op >>> 16) & 31;
        int limit = 1 << (31 - nb);
        while (x >= limit) {
          out[--pos] = (byte) x;
          x >>>= 8;
        }
        x = (x << nb) | (op & 0xFFFF);
      } else {
        int freq = op & 0xFFFF;
        int start = op >>> 16;
        int limit = freq << (31 - SymbolTables.PREC);
        while (x >= limit) {
          out[--pos] = (byte) x;
          x >>>= 8;
        }
        int q = x / freq;
        x = (q << SymbolTables.PREC) + (x - q * freq) + start;
      }
    }
    byte[] res = new byte[8 + out.length - pos];
    JpegContainer.putU32(res, 0, hash & 0xFFFFFFFFL);
    JpegContainer.putU32(res, 4, x & 0xFFFFFFFFL);
    System.arraycopy(out, pos, res, 8, out.length - pos);
    return res;
  }
}
