package dev.tegula.jpeg;

/**
 * Rate-distortion optimized rounding of the AC coefficients of a block ("trellis quantization",
 * as mozjpeg's jcdctmgr.c {@code quantize_trellis} introduced to JPEG): each coefficient may take
 * its nearest value, the next smaller magnitude, or 0, and a dynamic program over the zig-zag
 * positions picks the combination that minimises distortion + lambda * bits, with the bits of
 * the actual Huffman symbols (run/size, ZRL, EOB; T.81 §F.1.2.2) of a first-pass table. It finds
 * where ending the block early (EOB) pays and which isolated small values cost more than they
 * give.
 *
 * <p>Distortion is the squared error in units of each coefficient's quantization step (the table
 * is the perceptual weighting), times 2^28; the rate term is lambda (1/256 step^2 per bit) times
 * bits times 2^20. Integer throughout. One instance holds the workspace for one encode.
 */
final class TrellisQuantizer {
  private static final long INF = Long.MAX_VALUE / 4;
  /** Bits assumed for a symbol the first-pass table never saw. */
  private static final int UNSEEN_BITS = 16;

  private final long[] best = new long[64];
  private final long[] base = new long[64];
  private final int[] pos = new int[64];
  private int end;
  private final int[] from = new int[64];
  private final int[] value = new int[64];
  private final long[] zeroCum = new long[64];
  private final int[] abs = new int[64];
  private final int[] near = new int[64];
  private final long[] weight = new long[64];
  private final int[] step = new int[64];
  private final int[] out = new int[64];
  private final int[] bits = new int[256];

  /** Sets the step (8 * table value) per zig-zag position and the Huffman lengths to price by. */
  void setTables(int[] div, int[] acSizes) {
    for (int k = 0; k < 64; k++) {
      int d = div[ZigZag.NATURAL_ORDER[k]];
      step[k] = d;
      weight[k] = (1L << 28) / ((long) d * d);
    }
    for (int s = 0; s < 256; s++) {
      bits[s] = acSizes[s] == 0 ? UNSEEN_BITS : acSizes[s];
    }
  }

  /**
   * Quantizes the raw block at {@code coef[off]} (natural order, times 8) in place into zig-zag
   * quantized values; {@code lam} is lambda (1/256 step^2 per bit) times 2^20, so that a
   * search's scaled lambda keeps its fraction.
   */
  void quantize(short[] coef, int off, long lam) {
    int dcDiv = step[0];
    int dc = coef[off];
    int dq = ((dc < 0 ? -dc : dc) + (dcDiv >> 1)) / dcDiv;
    out[0] = dc < 0 ? -dq : dq;

    // Only positions whose nearest value is nonzero can end a run; the rest are zeros anyway.
    zeroCum[0] = 0;
    int n = 0;
    for (int k = 1; k < 64; k++) {
      int v = coef[off + ZigZag.NATURAL_ORDER[k]];
      int a = v < 0 ? -v : v;
      abs[k] = a;
      int q = (a + (step[k] >> 1)) / step[k];
      near[k] = Math.min(q, Quantizer.MAX_AC);
      zeroCum[k] = zeroCum[k - 1] + (long) a * a * weight[k];
      if (q != 0) {
        pos[++n] = k;
      }
    }
    for (int k = 1; k < 64; k++) {
      out[k] = 0;
    }
    if (n > 0) {
      trellis(n, lam);
      for (int t = end; t > 0; t = from[t]) {
        int k = pos[t];
        int v = coef[off + ZigZag.NATURAL_ORDER[k]];
        out[k] = v < 0 ? -value[t] : value[t];
      }
    }
    for (int k = 0; k < 64; k++) {
      coef[off + k] = (short) out[k];
    }
  }

  /**
   * The dynamic program over the {@code n} candidate positions {@code pos[1..n]}: best[t] is the
   * cheapest coding of coefficients 1..pos[t] with pos[t] the last nonzero one; pos[0] = 0 is the
   * start. Sets {@link #end} to the index of the last nonzero coefficient (0: none).
   */
  private void trellis(int n, long lam) {
    int zrl = bits[0xF0];
    pos[0] = 0;
    best[0] = 0;
    // base[t] = best[t] - zeroCum[pos[t]], so that a run's zero distortion is one subtraction
    base[0] = 0;
    for (int t = 1; t <= n; t++) {
      int i = pos[t];
      long bestCost = INF;
      int q0 = near[i];
      int d = step[i];
      long w = weight[i];
      long zi = zeroCum[i - 1];
      for (int cand = q0; cand >= Math.max(1, q0 - 1); cand--) {
        long err = abs[i] - (long) cand * d;
        int s = EntropySink.bitLength(cand);
        long own = err * err * w + lam * s + zi;
        for (int u = t - 1; u >= 0; u--) {
          int run = i - pos[u] - 1;
          int rb = (run >> 4) * zrl + bits[((run & 15) << 4) | s];
          long c = base[u] + own + lam * rb;
          if (c < bestCost) {
            bestCost = c;
            from[t] = u;
            value[t] = cand;
          }
        }
      }
      best[t] = bestCost;
      base[t] = bestCost - zeroCum[i];
    }
    long eob = lam * bits[0];
    end = 0;
    long bestEnd = zeroCum[63] + eob;
    for (int t = 1; t <= n; t++) {
      long c = best[t] + (zeroCum[63] - zeroCum[pos[t]]) + (pos[t] < 63 ? eob : 0);
      if (c < bestEnd) {
        bestEnd = c;
        end = t;
      }
    }
  }

  /** Counts the AC symbols a sequential scan would code for a zig-zag block (§F.1.2.2). */
  static void countAc(int[] zz, long[] freq) {
    int r = 0;
    for (int k = 1; k < 64; k++) {
      int t = zz[k];
      if (t == 0) {
        r++;
        continue;
      }
      while (r > 15) {
        freq[0xF0]++;
        r -= 16;
      }
      freq[(r << 4) + EntropySink.bitLength(t < 0 ? -t : t)]++;
      r = 0;
    }
    if (r > 0) {
      freq[0]++;
    }
  }
}
