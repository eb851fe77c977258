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
  /** floor[t] = the least of base[0..t]: a bound that ends the scan of a run's start early. */
  private final long[] floor = new long[64];
  private final int[] pos = new int[64];
  private int end;
  private final int[] from = new int[64];
  private final int[] value = new int[64];
  private final long[] zeroCum = new long[64];
  private final int[] abs = new int[64];
  /** -1 where the raw coefficient is negative, else 0. */
  private final int[] negative = new int[64];
  private final long[] weight = new long[64];
  private final int[] step = new int[64];
  /** The least magnitude that rounds to a nonzero value, so that most zeros skip the division. */
  private final int[] nonzeroFrom = new int[64];
  private final int[] bits = new int[256];
  /** Per magnitude category, the fewest bits of a run/size symbol of it, for the same bound. */
  private final int[] fewestBits = new int[16];
  /** Where {@link #cheapestRun} found its least cost. */
  private int runFrom;

  /** Sets the step (8 * table value) per zig-zag position and the Huffman lengths to price by. */
  void setTables(int[] div, int[] acSizes) {
    for (int k = 0; k < 64; k++) {
      int d = div[ZigZag.NATURAL_ORDER[k]];
      step[k] = d;
      weight[k] = (1L << 28) / ((long) d * d);
      nonzeroFrom[k] = d - (d >> 1);
    }
    for (int s = 0; s < 256; s++) {
      bits[s] = acSizes[s] == 0 ? UNSEEN_BITS : acSizes[s];
    }
    for (int s = 0; s < 16; s++) {
      int f = Integer.MAX_VALUE;
      for (int r = 0; r < 16; r++) {
        f = Math.min(f, bits[(r << 4) | s]);
      }
      fewestBits[s] = f;
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

    // Only positions whose nearest value is nonzero can end a run; the rest are zeros anyway.
    zeroCum[0] = 0;
    int n = 0;
    int[] order = ZigZag.NATURAL_ORDER;
    // Branch-free: whether a value is negative or rounds to 0 is what the branch predictor
    // cannot guess; the candidates' nearest values wait for the trellis. Signs in an int array,
    // not a 64-bit mask: TeaVM's JavaScript emulates long shifts.
    for (int k = 1; k < 64; k++) {
      int v = coef[off + order[k]];
      int sign = v >> 31;
      int a = (v ^ sign) - sign;
      negative[k] = sign;
      abs[k] = a;
      zeroCum[k] = zeroCum[k - 1] + (long) a * a * weight[k];
      pos[n + 1] = k;
      n += a >= nonzeroFrom[k] ? 1 : 0;
    }
    coef[off] = (short) (dc < 0 ? -dq : dq);
    for (int k = 1; k < 64; k++) {
      coef[off + k] = 0;
    }
    if (n > 0) {
      trellis(n, lam);
      for (int t = end; t > 0; t = from[t]) {
        int k = pos[t];
        coef[off + k] = (short) ((value[t] ^ negative[k]) - negative[k]);
      }
    }
  }

  /**
   * The dynamic program over the {@code n} candidate positions {@code pos[1..n]}: best[t] is the
   * cheapest coding of coefficients 1..pos[t] with pos[t] the last nonzero one; pos[0] = 0 is the
   * start. Sets {@link #end} to the index of the last nonzero coefficient (0: none). Of equal
   * costs it keeps the larger value, then the later run start.
   */
  private void trellis(int n, long lam) {
    long lamZrl = lam * bits[0xF0];
    pos[0] = 0;
    best[0] = 0;
    // base[t] = best[t] - zeroCum[pos[t]], so that a run's zero distortion is one subtraction
    base[0] = 0;
    floor[0] = 0;
    for (int t = 1; t <= n; t++) {
      int i = pos[t];
      int d = step[i];
      int q0 = Math.min((abs[i] + (d >> 1)) / d, Quantizer.MAX_AC);
      long w = weight[i];
      long zi = zeroCum[i - 1];
      int s0 = EntropySink.bitLength(q0);
      long err = abs[i] - (long) q0 * d;
      long run = cheapestRun(t, i, s0, lam, lamZrl);
      long bestCost = err * err * w + lam * s0 + zi + run;
      from[t] = runFrom;
      value[t] = q0;
      if (q0 > 1) {
        // The same size category (q0 not a power of two) has the same cheapest run.
        int s1 = EntropySink.bitLength(q0 - 1);
        if (s1 != s0) {
          run = cheapestRun(t, i, s1, lam, lamZrl);
        }
        err += d;
        long c = err * err * w + lam * s1 + zi + run;
        if (c < bestCost) {
          bestCost = c;
          from[t] = runFrom;
          value[t] = q0 - 1;
        }
      }
      best[t] = bestCost;
      base[t] = bestCost - zeroCum[i];
      floor[t] = Math.min(floor[t - 1], base[t]);
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

  /**
   * The least of base[u] + lam * bits of the zero run from pos[u] to position {@code i} and a
   * value of size {@code s}, over u < t; of equal costs the largest u, into {@link #runFrom}.
   * Earlier starts have longer runs, so once the least base before u plus the fewest bits such a
   * run can cost reaches the least found, no earlier u can be cheaper and the scan stops.
   */
  private long cheapestRun(int t, int i, int s, long lam, long lamZrl) {
    long least = INF;
    int at = 0;
    long fewest = lam * fewestBits[s];
    for (int u = t - 1; u >= 0; u--) {
      int run = i - pos[u] - 1;
      long zrls = (run >> 4) * lamZrl;
      if (floor[u] + zrls + fewest >= least) {
        break;
      }
      long c = base[u] + zrls + lam * bits[((run & 15) << 4) | s];
      if (c < least) {
        least = c;
        at = u;
      }
    }
    runFrom = at;
    return least;
  }
}
