package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;

/**
 * One plane of the fast method (format-lossless.md §9): the weighted predictor of §4.2 clamped
 * to the plane's range, a context from the neighbours' residuals and (for colour planes) the
 * earlier planes' residuals at the pixel, and one token per sample from a static distribution,
 * coded with rANS, plus raw low bits. Per sample that is one table lookup and a multiply to
 * decode, instead of the strong method's dozens of mixed binary decisions and two least-squares
 * filters.
 *
 * <p>A coded plane is three sections: the side information (plane scale, token distributions,
 * the lengths of the other two sections) in bits, the rANS stream, and the raw bits.
 */
final class FastPlaneCoder {
  private FastPlaneCoder() {}

  static final int ACTIVITY_LEVELS = 16;
  static final int CROSS_LEVELS = 4;
  /** Lower bound of the rANS state (§9.5); the state lies in [2^16, 2^32). */
  static final long STATE_LOW = 1L << 16;
  /** Per token (§9.2): the value of u before the raw bits, and how many raw bits follow. */
  private static final int[] TOKEN_BASE = new int[TokenTables.MAX_TOKENS];
  private static final int[] TOKEN_BITS = new int[TokenTables.MAX_TOKENS];

  static {
    for (int t = 0; t < TokenTables.MAX_TOKENS; t++) {
      int k = t < 16 ? 0 : 2 + ((t - 16) >> 2);
      TOKEN_BITS[t] = k;
      TOKEN_BASE[t] = t < 16 ? t : (4 + (t & 3)) << k;
    }
  }

  /**
   * §9.2: the shift that brings residual sizes to an 8-bit scale for the contexts: bitDepth - 8,
   * less floorLog2(step) for a scaled plane, whose q have fewer significant bits than samples.
   */
  static int shift(int bitDepth, PlaneScale scale) {
    int s = bitDepth - 8 - (31 - Integer.numberOfLeadingZeros(scale.step));
    return s < 0 ? 0 : s;
  }

  /** §9.2 contexts of a plane: 16 activity levels, times 4 cross levels with references. */
  static int contexts(boolean refs) {
    return refs ? ACTIVITY_LEVELS * CROSS_LEVELS : ACTIVITY_LEVELS;
  }

  /**
   * Codes a plane (the q of a scaled plane). {@code residuals} receives v - pred for later
   * planes; {@code e0} and {@code e1} are the residuals of the planes referred to, or null.
   */
  static byte[] encode(int[] plane, int[] residuals, int[] e0, int[] e1, int w, int h,
      int shift, int lo, int hi, PlaneScale scale, int scaleLow) {
    int pixels = w * h;
    boolean refs = e0 != null;
    int contexts = contexts(refs);
    byte[] ctxOf = new byte[pixels];
    byte[] tokenOf = new byte[pixels];
    int[] counts = new int[contexts * TokenTables.MAX_TOKENS];
    BitWriter raw = new BitWriter(pixels / 2 + 16);
    FastWeighted wp = new FastWeighted(w);
    int[] p = plane;
    int[] s = residuals;
    int[] err = wp.err;
    int[] se0 = wp.se0;
    int[] se1 = wp.se1;
    int[] se2 = wp.se2;
    int[] se3 = wp.se3;
    int[] recip = FastWeighted.RECIPROCAL;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      int cur = (y & 1) != 0 ? 0 : wp.rowLength;
      int prev = wp.rowLength - cur;
      // The interior of rows 2.. inlines §4.2; edge pixels take the general path.
      int interiorEnd = y > 1 ? w - 1 : 0;
      int x = 0;
      while (x < w) {
        int i = row + x;
        if (x == 0 || x >= interiorEnd) {
          int pred = edgePrediction(wp, p, i, x, y, w);
          int ctx = edgeActivity(s, i, x, y, w, shift);
          if (refs) {
            ctx += ACTIVITY_LEVELS * cross(e0, e1, i, shift);
          }
          pred = pred < lo ? lo : (pred > hi ? hi : pred);
          int v = p[i];
          int r = v - pred;
          s[i] = r;
          wp.update(v, x);
          ctxOf[i] = (byte) ctx;
          tokenOf[i] = (byte) token(r, raw);
          counts[ctx * TokenTables.MAX_TOKENS + tokenOf[i]]++;
          x++;
          continue;
        }
        int errW = err[cur + x - 1];
        for (; x < interiorEnd; x++, i++) {
          int pN = prev + x;
          int w0 = FastWeighted.weightOf(se0[pN] + se0[pN + 1] + se0[pN - 1], 0,
              FastWeighted.MAX0);
          int w1 = FastWeighted.weightOf(se1[pN] + se1[pN + 1] + se1[pN - 1], 1,
              FastWeighted.MAX1);
          int w2 = FastWeighted.weightOf(se2[pN] + se2[pN + 1] + se2[pN - 1], 2,
              FastWeighted.MAX2);
          int w3 = FastWeighted.weightOf(se3[pN] + se3[pN + 1] + se3[pN - 1], 3,
              FastWeighted.MAX3);
          long n8 = (long) p[i - w] << 3;
          long w8 = (long) p[i - 1] << 3;
          long ne8 = (long) p[i - w + 1] << 3;
          long nw8 = (long) p[i - w - 1] << 3;
          long nn8 = (long) p[i - 2 * w] << 3;
          int errN = err[pN];
          int errNW = err[pN - 1];
          int errNE = err[pN + 1];
          long sumWN = (long) errN + errW;
          long sub0 = w8 + ne8 - n8;
          long sub1 = n8 - (((sumWN + errNE) * 8) >> 5);
          long sub2 = w8 - (((sumWN + errNW) * 8) >> 5);
          long sub3 = n8 - (((long) errNW * 4 + (long) errNE * 3 + (nn8 - n8) * 23
              + (nw8 - w8) * 2) >> 5);
          int sh = (31 - Integer.numberOfLeadingZeros(w0 + w1 + w2 + w3)) - 4;
          w0 >>= sh;
          w1 >>= sh;
          w2 >>= sh;
          w3 >>= sh;
          int total = w0 + w1 + w2 + w3;
          long sum = (total >> 1) - 1 + sub0 * w0 + sub1 * w1 + sub2 * w2 + sub3 * w3;
          long p8 = (sum * recip[total - 1]) >> 24;
          if (((errN ^ errW) | (errN ^ errNW)) <= 0) {
            long top = Math.max(w8, Math.max(ne8, n8));
            long bottom = Math.min(w8, Math.min(ne8, n8));
            p8 = p8 < bottom ? bottom : (p8 > top ? top : p8);
          }
          int pred = (int) ((p8 + 3) >> 3);
          pred = pred < lo ? lo : (pred > hi ? hi : pred);
          int ctx = activity(s[i - 1], s[i - w], s[i - w - 1], s[i - w + 1], shift);
          if (refs) {
            ctx += ACTIVITY_LEVELS * cross(e0, e1, i, shift);
          }
          int v = p[i];
          int r = v - pred;
          s[i] = r;
          long v8 = (long) v << 3;
          errW = (int) (p8 - v8);
          err[cur + x] = errW;
          int e = FastWeighted.error(sub0, v8);
          se0[cur + x] = e;
          se0[pN + 1] += e;
          e = FastWeighted.error(sub1, v8);
          se1[cur + x] = e;
          se1[pN + 1] += e;
          e = FastWeighted.error(sub2, v8);
          se2[cur + x] = e;
          se2[pN + 1] += e;
          e = FastWeighted.error(sub3, v8);
          se3[cur + x] = e;
          se3[pN + 1] += e;
          int t = token(r, raw);
          ctxOf[i] = (byte) ctx;
          tokenOf[i] = (byte) t;
          counts[ctx * TokenTables.MAX_TOKENS + t]++;
        }
      }
    }
    BitWriter side = new BitWriter(64 + contexts * 32);
    scale.write(side, scaleLow);
    int[] freq = new int[counts.length];
    int[] cum = new int[counts.length];
    TokenTables.write(counts, contexts, freq, cum, side);
    byte[] rans = ransEncode(ctxOf, tokenOf, pixels, freq, cum);
    byte[] rawBytes = raw.finish();
    writeLength(side, rans.length);
    writeLength(side, rawBytes.length);
    return join(side.finish(), rans, rawBytes);
  }

  /** §9.2: the token of residual r; its raw bits go to {@code raw}. */
  private static int token(int r, BitWriter raw) {
    int u = r >= 0 ? r << 1 : (-r << 1) - 1;
    if (u < 16) {
      return u;
    }
    int e = 31 - Integer.numberOfLeadingZeros(u);
    raw.write(u, e - 2);
    return 16 + ((e - 4) << 2) + ((u >>> (e - 2)) & 3);
  }

  /**
   * §9.5: the tokens in reverse order, 16 bits at a time; the stream starts with the final
   * state, big-endian.
   */
  private static byte[] ransEncode(byte[] ctxOf, byte[] tokenOf, int pixels, int[] freq,
      int[] cum) {
    byte[] out = new byte[pixels / 2 + 64];
    int length = 0;
    long x = STATE_LOW;
    for (int i = pixels - 1; i >= 0; i--) {
      int at = ctxOf[i] * TokenTables.MAX_TOKENS + tokenOf[i];
      int f = freq[at];
      if (x >= (long) f << (32 - TokenTables.PRECISION)) {
        if (length + 2 > out.length) {
          out = java.util.Arrays.copyOf(out, Math.multiplyExact(out.length, 2));
        }
        // Written backwards, so low byte first: the reversed stream has it big-endian.
        out[length++] = (byte) x;
        out[length++] = (byte) (x >>> 8);
        x >>>= 16;
      }
      // A 32-bit division where the state allows it: several times cheaper than a 64-bit one.
      long q = x <= Integer.MAX_VALUE ? (int) x / f : x / f;
      x = (q << TokenTables.PRECISION) + (x - q * f) + cum[at];
    }
    byte[] coded = new byte[length + 4];
    coded[0] = (byte) (x >>> 24);
    coded[1] = (byte) (x >>> 16);
    coded[2] = (byte) (x >>> 8);
    coded[3] = (byte) x;
    for (int j = 0; j < length; j++) {
      coded[4 + j] = out[length - 1 - j];
    }
    return coded;
  }

  /** §9.3: a section length as 5 bits giving its bit count, then that many bits. */
  private static void writeLength(BitWriter out, int length) {
    int bits = 32 - Integer.numberOfLeadingZeros(length);
    out.write(bits, 5);
    out.write(length, bits);
  }

  private static int readLength(BitReader in) {
    int bits = in.read(5);
    return bits > 30 ? -1 : in.read(bits);
  }

  private static byte[] join(byte[] a, byte[] b, byte[] c) {
    byte[] out = new byte[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }

  /** Where the rANS and raw sections of a plane lie (§9.1). */
  static final class Sections {
    int rans;
    int ransLength;
    int raw;
    int rawLength;
    int end;
  }

  /**
   * §9.1, §9.3: reads the side information of a plane starting at {@code at}: its scale, the
   * token tables (into {@code base}, returned) and the section lengths, checked against
   * {@code end}.
   */
  static int[] readSide(byte[] data, int at, int end, int planeIndex, int contexts, int lo,
      int hi, PlaneScale[] scaleOut, int[] base, Sections sec, int[] work, int[] reuse) {
    BitReader side = new BitReader(data, at, end - at);
    scaleOut[planeIndex] = PlaneScale.read(side, lo, hi, planeIndex);
    int[] table = TokenTables.read(side, contexts, base, planeIndex, work, reuse);
    int ransLength = readLength(side);
    int rawLength = readLength(side);
    if (side.overrun() > 0) {
      throw new MalformedInputException("lossless data ends in the side information of plane "
          + planeIndex, at);
    }
    long used = side.bytesUsed();
    if (ransLength < 4 || (ransLength & 1) != 0 || rawLength < 0
        || used + ransLength + rawLength > end - at) {
      throw new MalformedInputException("lossless data ends inside plane " + planeIndex
          + " (or its section lengths are wrong)", at);
    }
    sec.rans = at + (int) used;
    sec.ransLength = ransLength;
    sec.raw = sec.rans + ransLength;
    sec.rawLength = rawLength;
    sec.end = sec.raw + rawLength;
    return table;
  }

  /**
   * Decodes one plane's samples (q of a scaled plane) row by row from its rANS and raw sections,
   * given the lookup table of {@link TokenTables#read}. The planes of a tile decode row by row
   * side by side, so a decode holds three rows per plane (the predictor reads N and NN, the
   * contexts the residuals at W, N and the earlier planes' at the pixel) instead of whole planes
   * (issue 8's memory bound).
   */
  static final class RowDecoder {
    private final byte[] data;
    private final int[] table;
    private final int[] base;
    private final int shift;
    private final int lo;
    private final int hi;
    private final int planeIndex;
    private final BitReader raw;
    private final int end;
    private final FastWeighted wp;
    private long x;
    private int pos;
    private int overrun;

    /** @param wp the plane's weighted predictor, {@link FastWeighted#reset} here */
    RowDecoder(byte[] data, Sections sec, int[] table, int[] base, int w, int shift, int lo,
        int hi, int planeIndex, FastWeighted wp) {
      this.data = data;
      this.table = table;
      this.base = base;
      this.shift = shift;
      this.lo = lo;
      this.hi = hi;
      this.planeIndex = planeIndex;
      raw = new BitReader(data, sec.raw, sec.rawLength);
      pos = sec.rans;
      end = sec.rans + sec.ransLength;
      x = ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFF) << 16)
          | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
      pos += 4;
      if (x < STATE_LOW) {
        throw new MalformedInputException("lossless data: plane " + planeIndex
            + " starts with an impossible token state", sec.rans);
      }
      wp.reset(w);
      this.wp = wp;
    }

    /**
     * Decodes row {@code y} into row 2 of {@code p} and {@code s} (three rows of {@code w}:
     * NN, N, current); {@code e0}, {@code e1} hold the referred planes' residuals the same way.
     */
    void row(int y, int[] p, int[] s, int[] e0, int[] e1, int w) {
      boolean refs = e0 != null;
      byte[] data = this.data;
      int[] table = this.table;
      int[] base = this.base;
      int shift = this.shift;
      int lo = this.lo;
      int hi = this.hi;
      int planeIndex = this.planeIndex;
      BitReader raw = this.raw;
      int end = this.end;
      FastWeighted wp = this.wp;
      long x = this.x;
      int pos = this.pos;
      int overrun = this.overrun;
      int[] err = wp.err;
      int[] se0 = wp.se0;
      int[] se1 = wp.se1;
      int[] se2 = wp.se2;
      int[] se3 = wp.se3;
      int[] recip = FastWeighted.RECIPROCAL;
      // Locals: under TeaVM every read of a static field in an instance method first checks
      // that the class is initialized (an indirect call), here once per sample.
      int[] tokenBase = TOKEN_BASE;
      int[] tokenBits = TOKEN_BITS;
      int mask = TokenTables.TOTAL - 1;
      int row = 2 * w;
      int cur = (y & 1) != 0 ? 0 : wp.rowLength;
      int prev = wp.rowLength - cur;
      int interiorEnd = y > 1 ? w - 1 : 0;
      int xx = 0;
      while (xx < w) {
        int i = row + xx;
        if (xx == 0 || xx >= interiorEnd) {
          int pred = edgePrediction(wp, p, i, xx, y, w);
          int ctx = edgeActivity(s, i, xx, y, w, shift);
          if (refs) {
            ctx += ACTIVITY_LEVELS * cross(e0, e1, i, shift);
          }
          pred = pred < lo ? lo : (pred > hi ? hi : pred);
          int entry = table[base[ctx] + ((int) x & mask)];
          int token = entry & 127;
          if (token >= TokenTables.MAX_TOKENS) {
            throw unusedContext(planeIndex, ctx, xx, y);
          }
          x = ((entry >>> 7) & 0x1FFF) * (x >>> TokenTables.PRECISION) + (entry >>> 20);
          // At most one 16-bit refill (§9.5), without a branch on whether it is needed.
          int need = (int) ((x - STATE_LOW) >>> 63);
          int chunk = 0;
          if (pos + 1 < end) {
            chunk = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
          } else {
            overrun += need;
          }
          x = (x << (need << 4)) | (chunk & -need);
          pos += need << 1;
          int u = tokenBase[token] | raw.read(tokenBits[token]);
          int r = (u >>> 1) ^ -(u & 1);
          int v = pred + r;
          if (v < lo || v > hi) {
            throw outside(v, planeIndex, xx, y, lo, hi, overrun + raw.overrun());
          }
          p[i] = v;
          s[i] = r;
          wp.update(v, xx);
          xx++;
          continue;
        }
        int errW = err[cur + xx - 1];
        for (; xx < interiorEnd; xx++, i++) {
          int pN = prev + xx;
          int w0 = FastWeighted.weightOf(se0[pN] + se0[pN + 1] + se0[pN - 1], 0,
              FastWeighted.MAX0);
          int w1 = FastWeighted.weightOf(se1[pN] + se1[pN + 1] + se1[pN - 1], 1,
              FastWeighted.MAX1);
          int w2 = FastWeighted.weightOf(se2[pN] + se2[pN + 1] + se2[pN - 1], 2,
              FastWeighted.MAX2);
          int w3 = FastWeighted.weightOf(se3[pN] + se3[pN + 1] + se3[pN - 1], 3,
              FastWeighted.MAX3);
          long n8 = (long) p[i - w] << 3;
          long w8 = (long) p[i - 1] << 3;
          long ne8 = (long) p[i - w + 1] << 3;
          long nw8 = (long) p[i - w - 1] << 3;
          long nn8 = (long) p[i - 2 * w] << 3;
          int errN = err[pN];
          int errNW = err[pN - 1];
          int errNE = err[pN + 1];
          long sumWN = (long) errN + errW;
          long sub0 = w8 + ne8 - n8;
          long sub1 = n8 - (((sumWN + errNE) * 8) >> 5);
          long sub2 = w8 - (((sumWN + errNW) * 8) >> 5);
          long sub3 = n8 - (((long) errNW * 4 + (long) errNE * 3 + (nn8 - n8) * 23
              + (nw8 - w8) * 2) >> 5);
          int sh = (31 - Integer.numberOfLeadingZeros(w0 + w1 + w2 + w3)) - 4;
          w0 >>= sh;
          w1 >>= sh;
          w2 >>= sh;
          w3 >>= sh;
          int total = w0 + w1 + w2 + w3;
          long sum = (total >> 1) - 1 + sub0 * w0 + sub1 * w1 + sub2 * w2 + sub3 * w3;
          long p8 = (sum * recip[total - 1]) >> 24;
          if (((errN ^ errW) | (errN ^ errNW)) <= 0) {
            long top = Math.max(w8, Math.max(ne8, n8));
            long bottom = Math.min(w8, Math.min(ne8, n8));
            p8 = p8 < bottom ? bottom : (p8 > top ? top : p8);
          }
          int pred = (int) ((p8 + 3) >> 3);
          pred = pred < lo ? lo : (pred > hi ? hi : pred);
          int ctx = activity(s[i - 1], s[i - w], s[i - w - 1], s[i - w + 1], shift);
          if (refs) {
            ctx += ACTIVITY_LEVELS * cross(e0, e1, i, shift);
          }
          int entry = table[base[ctx] + ((int) x & mask)];
          int token = entry & 127;
          if (token >= TokenTables.MAX_TOKENS) {
            throw unusedContext(planeIndex, ctx, xx, y);
          }
          x = ((entry >>> 7) & 0x1FFF) * (x >>> TokenTables.PRECISION) + (entry >>> 20);
          // At most one 16-bit refill (§9.5), without a branch on whether it is needed.
          int need = (int) ((x - STATE_LOW) >>> 63);
          int chunk = 0;
          if (pos + 1 < end) {
            chunk = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
          } else {
            overrun += need;
          }
          x = (x << (need << 4)) | (chunk & -need);
          pos += need << 1;
          int u = tokenBase[token] | raw.read(tokenBits[token]);
          int r = (u >>> 1) ^ -(u & 1);
          int v = pred + r;
          if (v < lo || v > hi) {
            throw outside(v, planeIndex, xx, y, lo, hi, overrun + raw.overrun());
          }
          p[i] = v;
          s[i] = r;
          long v8 = (long) v << 3;
          errW = (int) (p8 - v8);
          err[cur + xx] = errW;
          int e = FastWeighted.error(sub0, v8);
          se0[cur + xx] = e;
          se0[pN + 1] += e;
          e = FastWeighted.error(sub1, v8);
          se1[cur + xx] = e;
          se1[pN + 1] += e;
          e = FastWeighted.error(sub2, v8);
          se2[cur + xx] = e;
          se2[pN + 1] += e;
          e = FastWeighted.error(sub3, v8);
          se3[cur + xx] = e;
          se3[pN + 1] += e;
        }
      }
      this.x = x;
      this.pos = pos;
      this.overrun = overrun;
    }

    /** Checks that the plane's streams end with its last sample. */
    void finish() {
      if (overrun > 0 || raw.overrun() > 0) {
        throw new MalformedInputException("lossless data ends before its last sample", -1);
      }
      if (x != STATE_LOW || pos != end) {
        throw new MalformedInputException("lossless data: plane " + planeIndex
            + " token stream does not end where its last sample does", -1);
      }
    }
  }

  private static MalformedInputException unusedContext(int planeIndex, int ctx, int x, int y) {
    return new MalformedInputException("lossless data: plane " + planeIndex + " uses context "
        + ctx + ", which has no tokens, at (" + x + ", " + y + ")", -1);
  }

  private static MalformedInputException outside(int v, int planeIndex, int x, int y, int lo,
      int hi, long overrun) {
    if (overrun > 0) {
      return new MalformedInputException("lossless data ends before its last sample", -1);
    }
    return new MalformedInputException("lossless data: sample " + v + " of plane " + planeIndex
        + " at (" + x + ", " + y + ") is outside " + lo + ".." + hi, -1);
  }

  /** §9.2 activity level from the residuals at W, N, NW, NE. */
  private static int activity(int eW, int eN, int eNW, int eNE, int shift) {
    int a = (2 * (abs(eW) + abs(eN)) + abs(eNW) + abs(eNE)) >> (1 + shift);
    return a < 4 ? a : Math.min(PlaneCoder.bucket(a), ACTIVITY_LEVELS - 1);
  }

  private static int edgeActivity(int[] s, int i, int x, int y, int w, int shift) {
    boolean left = x > 0;
    boolean up = y > 0;
    int eW = left ? s[i - 1] : (up ? s[i - w] : 0);
    int eN = up ? s[i - w] : eW;
    int eNW = left && up ? s[i - w - 1] : eN;
    int eNE = up && x + 1 < w ? s[i - w + 1] : eN;
    return activity(eW, eN, eNW, eNE, shift);
  }

  /** §4.2 prediction with §4.1's neighbours near the edges. */
  private static int edgePrediction(FastWeighted wp, int[] p, int i, int x, int y, int w) {
    boolean left = x > 0;
    boolean up = y > 0;
    int vW = left ? p[i - 1] : (up ? p[i - w] : 0);
    int vN = up ? p[i - w] : vW;
    int vNW = left && up ? p[i - w - 1] : vW;
    int vNE = up && x + 1 < w ? p[i - w + 1] : vN;
    int vNN = y > 1 ? p[i - 2 * w] : vN;
    return wp.predict(x, y, w, vN, vW, vNE, vNW, vNN);
  }

  /** §9.2 cross level from the earlier planes' residuals at this pixel. */
  private static int cross(int[] e0, int[] e1, int i, int shift) {
    int m = (abs(e0[i]) + (e1 != null ? abs(e1[i]) : 0)) >> shift;
    return m == 0 ? 0 : m < 3 ? 1 : m < 8 ? 2 : 3;
  }

  private static int abs(int v) {
    return v < 0 ? -v : v;
  }
}
