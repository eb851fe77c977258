package dev.tegula.recompress;

/**
 * Encoder side of content 2's static tables (format-jpeg-coefficients-fast.md §3, non-normative
 * choice): groups a table's contexts into at most {@link #MAX} clusters that share one histogram.
 * Seeds are added farthest first (the context that its best cluster codes worst, measured in
 * bits above its own entropy) while that excess pays for a histogram, then every context is
 * assigned, in context order, to the cluster that codes it in the fewest bits with the context
 * map's bits (§3.2) counted; last, pairs of clusters are merged, most alike first, while a
 * merge costs under MERGE_BITS bits of data. A low seed threshold and merging find more of the
 * clusters that pay than a threshold alone (session 8: seeds at 80 bits, no merging, 18.95% on
 * four photo groups; at 30 bits with merging below 60 bits 19.10%, but x0.88 band encode; with
 * at most 24 seeds 19.07% for about 3% of the encode). Work is contexts × seeds × the symbols a
 * context has, and seeds² × the symbols two clusters share.
 *
 * <p>Session 12 tried two exact speedups (same doubles, same clusters) and kept neither (band
 * encode, same-JVM A/B, q75p / q85p / q75b): {@link #sparseCost} stopping once its partial sum
 * reaches the best so far 0.97 / 0.96 / 0.94; mapPass summing a context's cost under all
 * clusters at once, by symbol (a loop C2 vectorizes) 0.98 / 1.00 / 1.02.
 */
final class HistogramClusters {
  static final int MAX = 64;
  /** A band's clustering: at most SEEDS seeds, each saving SEED_GAIN bits; then the merges. */
  static final int SEEDS = 24;
  static final double SEED_GAIN = 30;
  static final double MERGE_BITS = 60;
  /** The training's clustering (ContextGroups, Prototypes): seed gain, no merging. */
  static final double TRAINING_SEED_GAIN = 80;

  private HistogramClusters() {}

  /**
   * @param counts per context {@code symbols} counts
   * @param totals per context the sum of its counts
   * @param stride the context map's second reference (§3.2)
   * @param map out: the cluster of each context (unused contexts: the previous context's)
   * @param max the most seeds, so clusters (SEEDS for a band; more to train ContextGroups)
   * @param seedGain bits a new seed's histogram must save (SEED_GAIN for a band)
   * @param mergeBits pairs of clusters whose merge costs fewer bits are merged (0: none)
   * @return the number of clusters (at least 1)
   */
  static int cluster(int[] counts, int[] totals, int contexts, int symbols, int stride,
      int[] map, int max, double seedGain, double mergeBits) {
    int used = 0;
    int[] ids = new int[contexts];
    int bound = 0;
    for (int c = 0; c < contexts; c++) {
      int t = totals[c];
      if (t > 0) {
        ids[used++] = c;
        bound += Math.min(t, symbols);
      }
    }
    if (used == 0) {
      java.util.Arrays.fill(map, 0, contexts, 0);
      return 1;
    }
    // each used context's nonzero counts as (symbol << 32 | count), read once: the costs below
    // run over these, not over the whole alphabet (most contexts see a few symbols)
    int[] spStart = new int[used + 1];
    long[] spData = new long[bound];
    double[] self = new double[used];
    int j = 0;
    for (int i = 0; i < used; i++) {
      int c = ids[i];
      double e = xlog(totals[c]);
      for (int s = 0; s < symbols; s++) {
        int k = counts[c * symbols + s];
        if (k != 0) {
          spData[j++] = ((long) s << 32) | k;
          e -= xlog(k);
        }
      }
      self[i] = e;
      spStart[i + 1] = j;
    }
    Sparse sp = new Sparse(spStart, spData);
    double[][] cost = new double[max][];
    int[] assign = new int[used];
    double[] best = new double[used];
    // seed 0: the context with the most symbols
    int first = 0;
    for (int i = 1; i < used; i++) {
      if (totals[ids[i]] > totals[ids[first]]) {
        first = i;
      }
    }
    int h = 0;
    cost[h++] = bits(counts, ids[first] * symbols, totals[ids[first]], symbols);
    for (int i = 0; i < used; i++) {
      best[i] = sparseCost(sp, i, cost[0]);
    }
    while (h < max) {
      int worst = -1;
      double excess = seedGain;
      for (int i = 0; i < used; i++) {
        double x = best[i] - self[i];
        if (x > excess) {
          excess = x;
          worst = i;
        }
      }
      if (worst < 0) {
        break;
      }
      cost[h] = bits(counts, ids[worst] * symbols, totals[ids[worst]], symbols);
      for (int i = 0; i < used; i++) {
        double x = sparseCost(sp, i, cost[h]);
        if (x < best[i]) {
          best[i] = x;
          assign[i] = h;
        }
      }
      h++;
    }
    int[] sum = new int[h * symbols];
    // one assignment in context order to the seeds' clusters, weighing what the context map
    // (§3.2) costs: a context that names the previous context's cluster or the one a stride
    // before costs a bit or two, a cluster named by its number several; contexts with few symbols
    // follow their neighbours (k-means rounds before it or a second such pass gain 0.05 points
    // for 10% of the encode time)
    int[] raw = new int[contexts];
    if (h > 1) {
      for (int i = 0; i < used; i++) {
        int b = assign[i] * symbols;
        int c = ids[i] * symbols;
        for (int s = 0; s < symbols; s++) {
          sum[b + s] += counts[c + s];
        }
      }
      mapPass(sp, contexts, symbols, stride, ids, used, sum, h, cost, raw);
      if (mergeBits > 0) {
        merge(counts, contexts, symbols, h, raw, mergeBits);
      }
    }
    // clusters that lost every context are dropped, the rest renumbered in first-use order
    int[] renumber = new int[h];
    java.util.Arrays.fill(renumber, -1);
    int n = 0;
    for (int c = 0; c < contexts; c++) {
      int k = raw[c];
      if (renumber[k] < 0) {
        renumber[k] = n++;
      }
      map[c] = renumber[k];
    }
    return n;
  }

  /**
   * Greedy merging, most alike first, of the cluster pairs whose merge costs fewer than
   * mergeBits bits of data (their counts coded with one histogram instead of two). A pair's cost
   * is T·log T of the joint total less the two totals' (≥ 0, in bits) minus, over the symbols
   * both clusters saw, the same for the symbol's counts: symbols one cluster never saw cost
   * nothing to join, so the work per pair is the shorter list of seen symbols.
   */
  private static void merge(int[] counts, int contexts, int symbols, int h, int[] raw,
      double mergeBits) {
    long[] sum = new long[h * symbols];
    for (int c = 0; c < contexts; c++) {
      int b = raw[c] * symbols;
      int cb = c * symbols;
      for (int s = 0; s < symbols; s++) {
        sum[b + s] += counts[cb + s];
      }
    }
    long[] total = new long[h];
    int[] seen = new int[h * symbols];
    int[] seenN = new int[h];
    boolean[] alive = new boolean[h];
    for (int k = 0; k < h; k++) {
      listSeen(sum, k, symbols, seen, seenN, total);
      // a cluster that lost every context to the map pass is dropped later anyway
      alive[k] = total[k] > 0;
    }
    // delta[a·h + b], a < b: the merge's cost; per row a its cheapest b (the scan for the
    // cheapest pair is then over the rows, not the pairs)
    double[] delta = new double[h * h];
    int[] rowBest = new int[h];
    for (int a = 0; a < h; a++) {
      if (alive[a]) {
        for (int b = a + 1; b < h; b++) {
          if (alive[b]) {
            delta[a * h + b] = mergeCost(sum, a, b, symbols, seen, seenN, total);
          }
        }
        rowBest[a] = cheapest(delta, alive, a, h);
      }
    }
    int[] into = new int[h];
    for (int k = 0; k < h; k++) {
      into[k] = k;
    }
    while (true) {
      double best = mergeBits;
      int ba = -1;
      for (int a = 0; a < h; a++) {
        if (alive[a] && rowBest[a] >= 0 && delta[a * h + rowBest[a]] < best) {
          best = delta[a * h + rowBest[a]];
          ba = a;
        }
      }
      if (ba < 0) {
        break;
      }
      int bb = rowBest[ba];
      for (int s = 0; s < symbols; s++) {
        sum[ba * symbols + s] += sum[bb * symbols + s];
      }
      listSeen(sum, ba, symbols, seen, seenN, total);
      alive[bb] = false;
      for (int k = 0; k < h; k++) {
        if (into[k] == bb) {
          into[k] = ba;
        }
      }
      for (int k = 0; k < h; k++) {
        if (alive[k] && k != ba) {
          int x = Math.min(k, ba);
          int y = Math.max(k, ba);
          delta[x * h + y] = mergeCost(sum, x, y, symbols, seen, seenN, total);
        }
      }
      for (int k = 0; k < h; k++) {
        if (!alive[k]) {
          continue;
        }
        int r = rowBest[k];
        if (k == ba || r == ba || r == bb) {
          rowBest[k] = cheapest(delta, alive, k, h);
        } else if (k < ba && (r < 0 || delta[k * h + ba] < delta[k * h + r])) {
          rowBest[k] = ba;
        }
      }
    }
    for (int c = 0; c < contexts; c++) {
      raw[c] = into[raw[c]];
    }
  }

  /** The live b > a with the cheapest merge with a, or -1. */
  private static int cheapest(double[] delta, boolean[] alive, int a, int h) {
    int best = -1;
    for (int b = a + 1; b < h; b++) {
      if (alive[b] && (best < 0 || delta[a * h + b] < delta[a * h + best])) {
        best = b;
      }
    }
    return best;
  }

  /** Cluster k's total and the symbols it saw. */
  private static void listSeen(long[] sum, int k, int symbols, int[] seen, int[] seenN,
      long[] total) {
    long t = 0;
    int n = 0;
    int base = k * symbols;
    for (int s = 0; s < symbols; s++) {
      long x = sum[base + s];
      if (x != 0) {
        seen[base + n++] = s;
        t += x;
      }
    }
    seenN[k] = n;
    total[k] = t;
  }

  /** Bits the counts of clusters a and b cost under one histogram more than under their own. */
  private static double mergeCost(long[] sum, int a, int b, int symbols, int[] seen, int[] seenN,
      long[] total) {
    int x = seenN[a] <= seenN[b] ? a : b;
    int y = x == a ? b : a;
    int xb = x * symbols;
    int yb = y * symbols;
    double e = xlog(total[a] + total[b]) - xlog(total[a]) - xlog(total[b]);
    for (int i = 0, n = seenN[x]; i < n; i++) {
      int s = seen[xb + i];
      long m = sum[yb + s];
      if (m != 0) {
        long k = sum[xb + s];
        e -= xlog(k + m) - xlog(k) - xlog(m);
      }
    }
    return e;
  }

  /** log2(n) for n < 4096: a band's clustering takes thousands (Math.log was most of its time). */
  private static final double[] LOG2 = new double[4096];

  /** n·log2(n) for the small counts (most of a band's). */
  private static final double[] XLOG = new double[4096];

  static {
    for (int n = 1; n < XLOG.length; n++) {
      LOG2[n] = log2((double) n);
      XLOG[n] = n * LOG2[n];
    }
  }

  private static double xlog(long n) {
    return n < XLOG.length ? XLOG[(int) n] : n * log2i(n);
  }

  /** The map-aware assignment of the used contexts in context order into raw (§3.2 costs). */
  private static void mapPass(Sparse sp, int contexts, int symbols, int stride, int[] ids,
      int used, int[] sum, int h, double[][] cost, int[] raw) {
    for (int k = 0; k < h; k++) {
      int t = 0;
      for (int s = 0; s < symbols; s++) {
        t += sum[k * symbols + s];
      }
      cost[k] = bits(sum, k * symbols, t, symbols);
    }
    int[] how = {1, 1, 1};
    double idBits = log2(h) + 1;
    int next = 0;
    for (int c = 0; c < contexts; c++) {
      int a = c > 0 ? raw[c - 1] : 0;
      if (next >= used || ids[next] != c) {
        raw[c] = a;
        continue;
      }
      int i = next++;
      int b = c >= stride ? raw[c - stride] : 0;
      double total = log2i(how[0] + how[1] + how[2]);
      double costA = total - log2i(how[0]);
      double costB = total - log2i(how[1]);
      double costId = total - log2i(how[2]) + idBits;
      double bestBits = Double.MAX_VALUE;
      int bestK = 0;
      for (int k = 0; k < h; k++) {
        double x = sparseCost(sp, i, cost[k])
            + (k == a ? costA : k == b ? costB : costId);
        if (x < bestBits) {
          bestBits = x;
          bestK = k;
        }
      }
      raw[c] = bestK;
      how[bestK == a ? 0 : bestK == b ? 1 : 2]++;
    }
  }

  /**
   * -log2 of each symbol's probability, a half count added to every symbol: log2(2·total +
   * symbols) − log2(2·count + 1), from the table (a band's clustering takes thousands of these).
   */
  private static double[] bits(int[] counts, int base, int total, int symbols) {
    double[] b = new double[symbols];
    double t = log2i(2L * total + symbols);
    for (int s = 0; s < symbols; s++) {
      b[s] = t - log2i(2L * counts[base + s] + 1);
    }
    return b;
  }

  /** The used contexts' nonzero counts: context i's are data[start[i]..start[i + 1]). */
  private static final class Sparse {
    final int[] start;
    final long[] data;

    Sparse(int[] start, long[] data) {
      this.start = start;
      this.data = data;
    }
  }

  /** Bits to code used context i's symbols with a cluster's bits per symbol. */
  private static double sparseCost(Sparse sp, int i, double[] bits) {
    double x = 0;
    long[] d = sp.data;
    for (int j = sp.start[i]; j < sp.start[i + 1]; j++) {
      x += (int) d[j] * bits[(int) (d[j] >>> 32)];
    }
    return x;
  }

  /** log2(n), n ≥ 1, from its top 12 bits above 4095 (off by under 0.0008). */
  private static double log2i(long n) {
    if (n < LOG2.length) {
      return LOG2[(int) n];
    }
    int shift = 52 - Long.numberOfLeadingZeros(n);
    return shift + LOG2[(int) (n >>> shift)];
  }

  private static double log2(double x) {
    return Math.log(x) * 1.4426950408889634;
  }
}
