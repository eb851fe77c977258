package dev.tegula.recompress;

/**
 * Encoder side of content 2's static tables (format-jpeg-coefficients-fast.md §3, non-normative
 * choice): groups a table's contexts into at most {@link #MAX} clusters that share one histogram.
 * Seeds are added farthest first (the context that its best cluster codes worst, measured in
 * bits above its own entropy) while that excess pays for a histogram, then every context is
 * assigned, in context order, to the cluster that codes it in the fewest bits with the context
 * map's bits (§3.2) counted. Work is contexts × clusters × the symbols a context has, no
 * pairwise merging.
 */
final class HistogramClusters {
  static final int MAX = 64;
  /** Bits a new histogram must save: about what it costs in the header. */
  private static final double SEED_GAIN = 80;

  private HistogramClusters() {}

  /**
   * @param counts per context {@code symbols} counts
   * @param totals per context the sum of its counts
   * @param stride the context map's second reference (§3.2)
   * @param map out: the cluster of each context (unused contexts: the previous context's)
   * @param max the most clusters (MAX for a band; more to train ContextGroups)
   * @return the number of clusters (at least 1)
   */
  static int cluster(int[] counts, int[] totals, int contexts, int symbols, int stride,
      int[] map, int max) {
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
      double e = 0;
      for (int s = 0; s < symbols; s++) {
        int k = counts[c * symbols + s];
        if (k != 0) {
          spData[j++] = ((long) s << 32) | k;
          e += k * log2((double) totals[c] / k);
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
      double excess = SEED_GAIN;
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
    double[] how = {1, 1, 1};
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
      double total = how[0] + how[1] + how[2];
      double costA = log2(total / how[0]);
      double costB = log2(total / how[1]);
      double costId = log2(total / how[2]) + idBits;
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

  /** -log2 of each symbol's probability, a half count added to every symbol. */
  private static double[] bits(int[] counts, int base, int total, int symbols) {
    double[] b = new double[symbols];
    double t = total + 0.5 * symbols;
    for (int s = 0; s < symbols; s++) {
      b[s] = log2(t / (counts[base + s] + 0.5));
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

  private static double log2(double x) {
    return Math.log(x) * 1.4426950408889634;
  }
}
