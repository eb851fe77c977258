package dev.tegula.recompress;

/**
 * Adaptive multi-symbol frequency tables (format-jpeg-coefficients-fast.md §3.3), used for the
 * band header of content 2: per context, symbol counts and a coding table (cumulative
 * frequencies summing to 2^12) that is a snapshot of the counts, rebuilt when the context's
 * count total passes its next rebuild point (a quarter more, at least one symbol, at most
 * {@link #MAX_INTERVAL}). A context is set up from the prior on its first use, so an unused
 * context costs nothing but its zero total. {@link #normalize} is also the static tables' (§3.1).
 */
final class SymbolTables {
  static final int PREC = 12;
  static final int ONE = 1 << PREC;
  static final int INC = 32;
  static final int MAX_INTERVAL = 1 << 14;
  static final int HALVE_AT = 1 << 18;

  final int symbols;
  /** Per context its prior counts (§3.3), each at least 1. */
  private final int[] prior;
  final int[] counts;
  /** Per context {@code symbols + 1} entries: cum[0] = 0 .. cum[symbols] = ONE. */
  final int[] cum;
  final int[] total;
  final int[] next;

  /**
   * @param prior per context {@code symbols} prior counts (§3.3, {@link HeaderPriors}), each at
   *     least 1 and their sum below 2^18
   */
  SymbolTables(int contexts, int symbols, int[] prior) {
    if (prior.length != contexts * symbols) {
      throw new IllegalArgumentException("prior of " + prior.length + " counts");
    }
    this.symbols = symbols;
    this.prior = prior;
    this.counts = new int[contexts * symbols];
    this.cum = new int[contexts * (symbols + 1)];
    this.total = new int[contexts];
    this.next = new int[contexts];
  }

  /** §3.3: the context's first use: its counts from the prior. */
  void init(int ctx) {
    int base = ctx * symbols;
    System.arraycopy(prior, base, counts, base, symbols);
    int t = 0;
    for (int i = base; i < base + symbols; i++) {
      t += prior[i];
    }
    total[ctx] = t;
    next[ctx] = t + INC;
    normalize(counts, base, t, cum, ctx * (symbols + 1), symbols);
  }

  /** §3.3: counts symbol s in context ctx (initialised), rebuilding the snapshot when due. */
  void update(int ctx, int s) {
    counts[ctx * symbols + s] += INC;
    int t = total[ctx] + INC;
    total[ctx] = t;
    if (t >= next[ctx]) {
      rebuild(ctx, t);
    }
  }

  private void rebuild(int ctx, int t) {
    int base = ctx * symbols;
    if (t > HALVE_AT) {
      t = 0;
      for (int i = base; i < base + symbols; i++) {
        counts[i] = (counts[i] + 1) >> 1;
        t += counts[i];
      }
      total[ctx] = t;
    }
    next[ctx] = t + Math.max(INC, Math.min(t >> 2, MAX_INTERVAL));
    normalize(counts, base, t, cum, ctx * (symbols + 1), symbols);
  }

  /**
   * §3.1: frequencies f_i = max(1, (c_i · floor(2^31 / t)) >> 19), 0 for c_i = 0 (the static
   * tables' symbols a cluster never saw; adaptive counts are never 0), the rest of 2^12 (positive or
   * negative) given to the first symbol with the largest count; cumulative into out.
   */
  static void normalize(int[] c, int base, int t, int[] out, int outBase, int n) {
    long scale = (1L << 31) / t;
    int sum = 0;
    int best = 0;
    int bestCount = -1;
    for (int i = 0; i < n; i++) {
      int ci = c[base + i];
      if (ci > bestCount) {
        bestCount = ci;
        best = i;
      }
      int f = (int) ((ci * scale) >> (31 - PREC));
      if (f < 1 && ci != 0) {
        f = 1;
      }
      out[outBase + i + 1] = f;
      sum += f;
    }
    out[outBase + best + 1] += ONE - sum;
    out[outBase] = 0;
    for (int i = 1; i <= n; i++) {
      out[outBase + i] += out[outBase + i - 1];
    }
  }
}
