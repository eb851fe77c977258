package dev.tegula.recompress;

/**
 * One static table of content 2 (format-jpeg-coefficients-fast.md §3): a context map onto
 * clusters and per cluster a histogram normalized to 2^12, as cumulative frequencies. The
 * encoder builds it from a band's counts; both sides read and write it in the band's header
 * through {@link Header}.
 */
final class StaticTables {
  /** §3.2: quantized counts have an exponent 0..24. */
  static final int EXPONENTS = 25;
  /** §3.2: exponent contexts per table: 4 symbol ranges × the previous symbol's exponent. */
  static final int EXP_CONTEXTS = 4 * EXPONENTS;

  final int contexts;
  final int symbols;
  /**
   * §3.2: the context map's second reference: the group {@code stride} before (2; without groups,
   * when ContextGroups is trained, the context FastContexts.STRIDE before).
   */
  final int stride;
  final int[] map;
  /**
   * §3.2: per context its group (ContextGroups); the header maps groups onto clusters. The
   * identity when the table has no grouping.
   */
  final int[] group;
  final int groups;
  /** The clusters of the groups (the map is {@code gmap[group[c]]}). */
  private final int[] gmap;
  /**
   * §3.2: the table's prototype frequency tables (Prototypes), {@code symbols} each, or null
   * while they are trained.
   */
  private final int[] protos;
  /** Encoder: per cluster 0 (its histogram in the header) or 1 + the prototype it uses. */
  private int[] choice;
  int clusters;
  /** Encoder: the quantized cluster histograms the header carries. */
  private int[] quantized;
  /** Per cluster {@code symbols + 1} entries, cum[0] = 0 .. cum[symbols] = 2^12. */
  int[] cum;
  /**
   * Decoder: per cluster {@code 2^FIRST_BITS} entries, for the slots {@code j << FIRST_SHIFT}
   * on (§8): the symbol whose range holds the first of them with that range, {@code end << 19 |
   * start << 6 | symbol}, so that a slot within it needs no further load; past its end the search
   * goes on in cum.
   */
  int[] first;
  /**
   * Decoder: per context where its cluster's entries in {@link #first} begin (cluster {@code <<
   * FIRST_BITS}, in chars: half the cache lines of ints, and no shift between the two loads of a
   * symbol).
   */
  char[] firstAt;
  /**
   * Entries of {@link #first} per cluster, log2: with 64 (256 bytes) the band decode measured
   * x1.015-1.04 against 256 entries, with 128 x1.015-1.02, with 32 x0.98-1.01 (same-JVM A/B,
   * session 9): fewer entries keep the five tables in the L1 cache, more symbols take the search
   * in cum.
   */
  static final int FIRST_BITS = 6;
  static final int FIRST_SHIFT = SymbolTables.PREC - FIRST_BITS;

  StaticTables(int contexts, int symbols, int stride, int[] group, int[] protos) {
    this.contexts = contexts;
    this.protos = protos;
    this.symbols = symbols;
    this.map = new int[contexts];
    if (group == null) {
      group = new int[contexts];
      for (int c = 0; c < contexts; c++) {
        group[c] = c;
      }
      this.stride = stride;
    } else {
      this.stride = 2;
    }
    this.group = group;
    int g = 0;
    for (int x : group) {
      g = Math.max(g, x + 1);
    }
    this.groups = g;
    this.gmap = new int[g];
  }

  /** Table t of FastContexts with its grouping (§3). */
  static StaticTables of(int t) {
    return new StaticTables(FastContexts.CONTEXTS[t], FastContexts.SYMBOLS[t],
        FastContexts.STRIDE[t], ContextGroups.GROUP[t], Prototypes.FREQ[t]);
  }

  /** Steps of the band's adaptive header coding (§3.2): the encoder's and decoder's side. */
  interface Header {
    /** Codes or decodes symbol s of context ctx of t and returns it. */
    int symbol(SymbolTables t, int ctx, int s);

    /** Codes or decodes n raw bits (1..16) and returns them. */
    int raw(int bits, int n);
  }

  /** The adaptive tables the header is coded with (§3.2, §3.3), fresh per band. */
  static final class HeaderTables {
    final SymbolTables count;
    final SymbolTables same;
    final SymbolTables id;
    final SymbolTables exponent;
    final SymbolTables proto;

    HeaderTables() {
      this(HeaderPriors.CLUSTERS, HeaderPriors.HOW, HeaderPriors.ID, HeaderPriors.EXP,
          HeaderPriors.PROTO);
    }

    /** With other priors than §3.3's (the priors' training). */
    HeaderTables(int[] clusters, int[] how, int[] ids, int[] exp, int[] protos) {
      count = new SymbolTables(FastContexts.TABLES, HistogramClusters.MAX, clusters);
      same = new SymbolTables(FastContexts.TABLES * 3, 3, how);
      id = new SymbolTables(FastContexts.TABLES, HistogramClusters.MAX, ids);
      exponent = new SymbolTables(FastContexts.TABLES * EXP_CONTEXTS, EXPONENTS, exp);
      proto = new SymbolTables(FastContexts.TABLES, Prototypes.COUNT + 1, protos);
    }
  }

  /** Encoder: clusters the counts and quantizes the cluster histograms (§3.2). */
  void build(int[] counts) {
    int[] totals = new int[contexts];
    int[] gcounts = new int[groups * symbols];
    int[] gtotals = new int[groups];
    for (int c = 0; c < contexts; c++) {
      int t = 0;
      for (int s = 0; s < symbols; s++) {
        t += counts[c * symbols + s];
      }
      totals[c] = t;
      if (t == 0) {
        continue; // most contexts of a band's tables see nothing: nothing to add
      }
      int g = group[c] * symbols;
      for (int s = 0; s < symbols; s++) {
        gcounts[g + s] += counts[c * symbols + s];
      }
      gtotals[group[c]] += t;
    }
    clusters = HistogramClusters.cluster(gcounts, gtotals, groups, symbols, stride, gmap,
        HistogramClusters.SEEDS, HistogramClusters.SEED_GAIN, HistogramClusters.MERGE_BITS);
    for (int c = 0; c < contexts; c++) {
      map[c] = gmap[group[c]];
    }
    int[] sum = sums(counts, totals);
    quantized = quantized(sum);
    choice = new int[clusters];
    if (protos != null) {
      choosePrototypes(sum);
    }
    setHistograms(quantized);
  }

  /** Per cluster its contexts' counts summed (the clusters' histograms before quantizing). */
  int[] sums(int[] counts) {
    int[] totals = new int[contexts];
    java.util.Arrays.fill(totals, 1);
    return sums(counts, totals);
  }

  /** {@link #sums(int[])}, the contexts whose total is 0 left out (they add nothing). */
  private int[] sums(int[] counts, int[] totals) {
    int[] sum = new int[clusters * symbols];
    for (int c = 0; c < contexts; c++) {
      if (totals[c] == 0) {
        continue;
      }
      int b = map[c] * symbols;
      for (int s = 0; s < symbols; s++) {
        sum[b + s] += counts[c * symbols + s];
      }
    }
    return sum;
  }

  /** Header bits (about) of a zero and of a nonzero count of an explicit histogram (§3.2). */
  private static final double ZERO_BITS = 0.3;
  private static final double NONZERO_BITS = 3.5;
  /** Header bits (about) of the choice of a prototype. */
  private static final double PROTOTYPE_BITS = 5;
  private static final double[] LOG2 = new double[SymbolTables.ONE + 1];

  static {
    for (int f = 1; f <= SymbolTables.ONE; f++) {
      LOG2[f] = Math.log(f) / Math.log(2);
    }
  }

  /**
   * Encoder, non-normative: a cluster takes the prototype that codes its symbols in the fewest
   * bits when that beats its own histogram plus the header bits the histogram costs.
   */
  private void choosePrototypes(int[] sum) {
    int[] cum = new int[symbols + 1];
    int prototypes = protos.length / symbols;
    for (int k = 0; k < clusters; k++) {
      int b = k * symbols;
      int t = 0;
      for (int s = 0; s < symbols; s++) {
        t += quantized[b + s];
      }
      SymbolTables.normalize(quantized, b, t, cum, 0, symbols);
      double best = 0;
      for (int s = 0; s < symbols; s++) {
        int n = sum[b + s];
        best += quantized[b + s] == 0 ? ZERO_BITS : NONZERO_BITS;
        if (n != 0) {
          best += n * (SymbolTables.PREC - LOG2[cum[s + 1] - cum[s]]);
        }
      }
      for (int p = 0; p < prototypes; p++) {
        double x = PROTOTYPE_BITS;
        for (int s = 0; s < symbols && x < best; s++) {
          int n = sum[b + s];
          if (n != 0) {
            int f = protos[p * symbols + s];
            x = f == 0 ? Double.MAX_VALUE : x + n * (SymbolTables.PREC - LOG2[f]);
          }
        }
        if (x < best) {
          best = x;
          choice[k] = p + 1;
        }
      }
      if (choice[k] > 0) {
        System.arraycopy(protos, (choice[k] - 1) * symbols, quantized, b, symbols);
      }
    }
  }

  /** §3.2: a count kept to its top two bits. */
  static int quantize(int c) {
    int e = FastContexts.bitlen(c);
    return e <= 2 ? c : (c >> (e - 2)) << (e - 2);
  }

  private void setHistograms(int[] q) {
    cum = new int[clusters * (symbols + 1)];
    for (int k = 0; k < clusters; k++) {
      int t = 0;
      for (int s = 0; s < symbols; s++) {
        t += q[k * symbols + s];
      }
      SymbolTables.normalize(q, k * symbols, t, cum, k * (symbols + 1), symbols);
    }
  }

  /**
   * §3.2: the table's part of the header. The encoder passes its built table; the decoder an
   * empty one, filled here.
   *
   * @param which the table's number (FastContexts.COUNT ... EDGE)
   * @return null, or what is malformed
   */
  String code(Header h, HeaderTables t, int which, boolean encoding) {
    int n = h.symbol(t.count, which, encoding ? clusters - 1 : 0) + 1;
    if (!encoding) {
      clusters = n;
    }
    int last = 0;
    for (int c = 0; c < groups; c++) {
      if (n == 1) {
        gmap[c] = 0;
        continue;
      }
      int a = c > 0 ? gmap[c - 1] : 0;
      int b = c >= stride ? gmap[c - stride] : 0;
      int how = encoding ? (gmap[c] == a ? 0 : gmap[c] == b ? 1 : 2) : 0;
      how = h.symbol(t.same, which * 3 + last, how);
      last = how;
      if (how == 0) {
        gmap[c] = a;
      } else if (how == 1) {
        gmap[c] = b;
      } else {
        int id = h.symbol(t.id, which, encoding ? gmap[c] : 0);
        if (id >= n) {
          return "a context's cluster " + id + " is not below the cluster count " + n;
        }
        gmap[c] = id;
      }
    }
    for (int c = 0; c < contexts; c++) {
      map[c] = gmap[group[c]];
    }
    int[] q = encoding ? quantized : new int[n * symbols];
    for (int k = 0; k < n; k++) {
      int proto = h.symbol(t.proto, which, encoding ? choice[k] : 0);
      if (proto > 0) {
        if (protos == null || proto * symbols > protos.length) {
          return "cluster " + k + "'s prototype " + proto + " does not exist";
        }
        System.arraycopy(protos, (proto - 1) * symbols, q, k * symbols, symbols);
        continue;
      }
      int total = 0;
      int prevE = 0;
      for (int s = 0; s < symbols; s++) {
        int v = encoding ? q[k * symbols + s] : 0;
        int e = h.symbol(t.exponent, (which * 4 + (s == 0 ? 0 : s < 4 ? 1 : s < 16 ? 2 : 3))
            * EXPONENTS + prevE, FastContexts.bitlen(v));
        prevE = e;
        if (e > 1) {
          int nb = Math.min(e - 1, 1);
          int bits = h.raw((v >>> (e - 1 - nb)) & ((1 << nb) - 1), nb);
          v = ((1 << nb) | bits) << (e - 1 - nb);
        } else {
          v = e;
        }
        q[k * symbols + s] = v;
        total += v;
      }
      if (total == 0) {
        return "cluster " + k + "'s histogram is empty";
      }
    }
    if (!encoding) {
      firstAt = new char[contexts];
      for (int c = 0; c < contexts; c++) {
        firstAt[c] = (char) (map[c] << FIRST_BITS);
      }
      setHistograms(q);
      first = new int[n << FIRST_BITS];
      for (int k = 0; k < n; k++) {
        int cb = k * (symbols + 1);
        int sym = 0;
        for (int j = 0; j < 1 << FIRST_BITS; j++) {
          while (cum[cb + sym + 1] <= j << FIRST_SHIFT) {
            sym++;
          }
          first[(k << FIRST_BITS) + j] = cum[cb + sym + 1] << 19 | cum[cb + sym] << 6 | sym;
        }
      }
    }
    return null;
  }

  /** The clusters' histograms ({@link #sums}) quantized as §3.2 codes them. */
  private int[] quantized(int[] sum) {
    int[] q = sum.clone();
    for (int k = 0; k < clusters; k++) {
      int max = 0;
      for (int s = 0; s < symbols; s++) {
        max = Math.max(max, q[k * symbols + s]);
      }
      int shift = Math.max(0, FastContexts.bitlen(max) - (EXPONENTS - 1));
      for (int s = 0; s < symbols; s++) {
        int c = q[k * symbols + s];
        q[k * symbols + s] = c == 0 ? 0 : quantize(Math.max(1, c >> shift));
      }
      if (max == 0) {
        q[k * symbols] = 1; // a table nothing is coded with: any histogram will do
      }
    }
    return q;
  }
}
