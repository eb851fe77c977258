package dev.tegula.recompress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not a test: trains {@link ContextGroups} and {@link HeaderPriors}
 * (format-jpeg-coefficients-fast.md §3.2, §3.3, §10) and writes their sources. The groups: per
 * table the training bands' symbol counts summed per context and clustered (the encoder's
 * clustering, {@link #GROUPS} clusters at most). The prototypes, with those groups: the
 * histograms of the clusters the encoder makes per training band, clustered the same way into
 * {@link Prototypes#COUNT}. The priors, with both: per band of every training JPEG the header's adaptive symbols (§3.2) are
 * counted per table and context; a context's prior is its symbols' shares scaled to a strength
 * W (each count 1..255), W per table chosen from a few by the header's cost on the training set
 * itself. The training set must hold no image of a measured group (the spec names it).
 * Run from the worktree root: java -cp ... dev.tegula.recompress.HeaderPriorTraining OUTDIR
 * DIR... (writes OUTDIR/ContextGroups.java, OUTDIR/Prototypes.java and OUTDIR/HeaderPriors.java).
 */
public final class HeaderPriorTraining {
  private static final String[] NAMES = {"CLUSTERS", "HOW", "ID", "EXP", "PROTO"};
  /** The most groups per table. */
  static final int GROUPS = 128;
  private static final int[] WEIGHTS = {16, 32, 64, 128, 256, 512, 1024, 2048};

  public static void main(String[] args) throws IOException {
    StaticTables.HeaderTables shape = new StaticTables.HeaderTables();
    SymbolTables[] kinds = {shape.count, shape.same, shape.id, shape.exponent, shape.proto};
    List<CoefficientImage> images = new ArrayList<>();
    for (int a = 1; a < args.length; a++) {
      List<Path> paths;
      try (Stream<Path> s = Files.list(Path.of(args[a]))) {
        paths = s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
      }
      for (Path f : paths) {
        try {
          images.add(CoefficientFixtures.read(Files.readAllBytes(f)));
        } catch (RuntimeException e) {
          System.out.println("skipped " + f + ": " + e.getMessage());
        }
      }
    }
    int files = images.size();
    trainGroups(images);
    writeGroups(Path.of(args[0], "ContextGroups.java"));
    trainPrototypes(images);
    writePrototypes(Path.of(args[0], "Prototypes.java"));
    List<int[]> bands = new ArrayList<>();
    for (CoefficientImage img : images) {
      BandPlan plan = BandPlan.of(img);
      for (int t = 0; t < plan.bands(); t++) {
        Recorder r = new Recorder(shape);
        FastBandEncoder.header(img, plan.rowStart(t), plan.rowEnd(t), r, shape);
        bands.add(r.trimmed());
      }
    }
    int[][] counts = new int[5][];
    for (int k = 0; k < 5; k++) {
      counts[k] = new int[kinds[k].total.length * kinds[k].symbols];
    }
    for (int[] b : bands) {
      for (int op : b) {
        int k = op >>> 28;
        int ctx = (op >>> 8) & 0xFFFFF;
        counts[k][ctx * kinds[k].symbols + (op & 0xFF)]++;
      }
    }
    int[][] best = new int[5][];
    double before = cost(bands, ones(kinds));
    for (int k = 0; k < 5; k++) {
      int[][] trial = ones(kinds);
      double bestBits = Double.MAX_VALUE;
      for (int w : WEIGHTS) {
        trial[k] = prior(counts[k], kinds[k].symbols, w);
        double bits = cost(bands, trial);
        System.out.printf("%s W %d: %.0f bytes%n", NAMES[k], w, bits / 8);
        if (bits < bestBits) {
          bestBits = bits;
          best[k] = trial[k];
        }
      }
    }
    double after = cost(bands, best);
    System.out.printf("%d files, %d bands: header symbols %.0f -> %.0f bytes%n", files,
        bands.size(), before / 8, after / 8);
    write(Path.of(args[0], "HeaderPriors.java"), best);
  }

  /** Sets {@link ContextGroups#GROUP}: the summed counts of each table clustered. */
  private static void trainGroups(List<CoefficientImage> images) {
    long[][] sum = new long[FastContexts.TABLES][];
    for (int t = 0; t < FastContexts.TABLES; t++) {
      sum[t] = new long[FastContexts.CONTEXTS[t] * FastContexts.SYMBOLS[t]];
    }
    for (CoefficientImage img : images) {
      BandPlan plan = BandPlan.of(img);
      for (int b = 0; b < plan.bands(); b++) {
        int[][] c = FastBandEncoder.counts(img, plan.rowStart(b), plan.rowEnd(b));
        for (int t = 0; t < FastContexts.TABLES; t++) {
          for (int i = 0; i < c[t].length; i++) {
            sum[t][i] += c[t][i];
          }
        }
      }
    }
    for (int t = 0; t < FastContexts.TABLES; t++) {
      int n = FastContexts.CONTEXTS[t];
      int symbols = FastContexts.SYMBOLS[t];
      int[] counts = new int[n * symbols];
      int[] totals = new int[n];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = (int) Math.min(1 << 24, sum[t][i]);
        totals[i / symbols] += counts[i];
      }
      int[] group = new int[n];
      int k = HistogramClusters.cluster(counts, totals, n, symbols, FastContexts.STRIDE[t], group,
          GROUPS, HistogramClusters.TRAINING_SEED_GAIN, 0);
      ContextGroups.GROUP[t] = group;
      System.out.println("table " + t + ": " + n + " contexts in " + k + " groups");
    }
  }

  /** Sets {@link Prototypes#FREQ}: per table the bands' cluster histograms clustered. */
  private static void trainPrototypes(List<CoefficientImage> images) {
    java.util.Arrays.fill(Prototypes.FREQ, null);
    List<List<int[]>> hist = new ArrayList<>();
    for (int t = 0; t < FastContexts.TABLES; t++) {
      hist.add(new ArrayList<>());
    }
    for (CoefficientImage img : images) {
      BandPlan plan = BandPlan.of(img);
      for (int b = 0; b < plan.bands(); b++) {
        int[][] c = FastBandEncoder.counts(img, plan.rowStart(b), plan.rowEnd(b));
        for (int t = 0; t < FastContexts.TABLES; t++) {
          StaticTables st = StaticTables.of(t);
          st.build(c[t]);
          int[] sum = st.sums(c[t]);
          for (int k = 0; k < st.clusters; k++) {
            hist.get(t).add(java.util.Arrays.copyOfRange(sum, k * st.symbols,
                (k + 1) * st.symbols));
          }
        }
      }
    }
    int[][] freq = new int[FastContexts.TABLES][];
    for (int t = 0; t < FastContexts.TABLES; t++) {
      int symbols = FastContexts.SYMBOLS[t];
      List<int[]> h = hist.get(t);
      int[] counts = new int[h.size() * symbols];
      int[] totals = new int[h.size()];
      for (int i = 0; i < h.size(); i++) {
        for (int s = 0; s < symbols; s++) {
          counts[i * symbols + s] = h.get(i)[s];
          totals[i] += h.get(i)[s];
        }
      }
      int[] member = new int[h.size()];
      int k = HistogramClusters.cluster(counts, totals, h.size(), symbols, 1, member,
          Prototypes.COUNT, HistogramClusters.TRAINING_SEED_GAIN, 0);
      long[] sum = new long[Prototypes.COUNT * symbols];
      for (int i = 0; i < h.size(); i++) {
        for (int s = 0; s < symbols; s++) {
          sum[member[i] * symbols + s] += counts[i * symbols + s];
        }
      }
      freq[t] = new int[Prototypes.COUNT * symbols];
      int[] cum = new int[symbols + 1];
      for (int p = 0; p < Prototypes.COUNT; p++) {
        long max = 1;
        for (int s = 0; s < symbols; s++) {
          max = Math.max(max, sum[p * symbols + s]);
        }
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(max) - 24);
        int[] c = new int[symbols];
        int total = 0;
        for (int s = 0; s < symbols; s++) {
          long x = sum[p * symbols + s];
          c[s] = x == 0 ? 0 : (int) Math.max(1, x >> shift);
          total += c[s];
        }
        if (total == 0) { // fewer clusters than COUNT: a uniform prototype
          java.util.Arrays.fill(c, 1);
          total = symbols;
        }
        SymbolTables.normalize(c, 0, total, cum, 0, symbols);
        for (int s = 0; s < symbols; s++) {
          freq[t][p * symbols + s] = cum[s + 1] - cum[s];
        }
      }
      System.out.println("table " + t + ": " + h.size() + " cluster histograms, " + k
          + " prototypes");
    }
    for (int t = 0; t < FastContexts.TABLES; t++) {
      Prototypes.FREQ[t] = freq[t];
    }
  }

  private static void writePrototypes(Path out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("package dev.tegula.recompress;\n\n")
        .append("/**\n")
        .append(" * The prototype frequency tables of content 2's static tables\n")
        .append(" * (format-jpeg-coefficients-fast.md §3.2): per table COUNT frequency tables of its symbols,\n")
        .append(" * each summing to 2^12 (0: a symbol the prototype cannot code), three hex digits a frequency.\n")
        .append(" * Written by the test program {@code HeaderPriorTraining} (the training set is named in the\n")
        .append(" * spec's §3.3); do not edit.\n")
        .append(" */\n")
        .append("final class Prototypes {\n")
        .append("  static final int COUNT = ").append(Prototypes.COUNT).append(";\n")
        .append("  static final int[][] FREQ = {\n");
    for (int t = 0; t < FastContexts.TABLES; t++) {
      sb.append("    freq(").append(hexLiteral(Prototypes.FREQ[t], 3, 87, "        "))
          .append(", ").append(FastContexts.SYMBOLS[t]).append("),\n");
    }
    sb.append("  };\n\n")
        .append("  private Prototypes() {}\n\n")
        .append("  private static int[] freq(String hex, int symbols) {\n")
        .append("    int[] f = new int[COUNT * symbols];\n")
        .append("    for (int i = 0; i < f.length; i++) {\n")
        .append("      f[i] = Integer.parseInt(hex.substring(3 * i, 3 * i + 3), 16);\n")
        .append("    }\n")
        .append("    return f;\n")
        .append("  }\n")
        .append("}\n");
    Files.writeString(out, sb.toString());
  }

  private static void writeGroups(Path out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("package dev.tegula.recompress;\n\n")
        .append("/**\n")
        .append(" * The context groups of content 2's static tables (format-jpeg-coefficients-fast.md §3.2):\n")
        .append(" * per table, per context its group, one byte each in hex; the header's context map names a\n")
        .append(" * cluster per group. Written by the test program {@code HeaderPriorTraining} (the training\n")
        .append(" * set is named in the spec's §3.3); do not edit.\n")
        .append(" */\n")
        .append("final class ContextGroups {\n")
        .append("  static final int[][] GROUP = {\n");
    for (int t = 0; t < FastContexts.TABLES; t++) {
      sb.append("    groups(").append(hexLiteral(ContextGroups.GROUP[t], 2, 88, "        "))
          .append(", ").append(FastContexts.CONTEXTS[t]).append("),\n");
    }
    sb.append("  };\n\n")
        .append("  private ContextGroups() {}\n\n")
        .append("  private static int[] groups(String hex, int n) {\n")
        .append("    int[] g = new int[n];\n")
        .append("    for (int i = 0; i < n; i++) {\n")
        .append("      g[i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);\n")
        .append("    }\n")
        .append("    return g;\n")
        .append("  }\n")
        .append("}\n");
    Files.writeString(out, sb.toString());
  }

  /** The values in hex, {@code digits} each, as a Java literal: "" then lines of perLine digits. */
  private static String hexLiteral(int[] values, int digits, int perLine, String indent) {
    StringBuilder hex = new StringBuilder();
    for (int v : values) {
      hex.append(String.format("%0" + digits + "x", v));
    }
    StringBuilder lit = new StringBuilder("\"\"");
    for (int i = 0; i < hex.length(); i += perLine) {
      lit.append('\n').append(indent).append("+ \"")
          .append(hex, i, Math.min(hex.length(), i + perLine)).append('"');
    }
    return lit.toString();
  }

  private static int[][] ones(SymbolTables[] kinds) {
    int[][] p = new int[5][];
    for (int k = 0; k < 5; k++) {
      p[k] = new int[kinds[k].total.length * kinds[k].symbols];
      java.util.Arrays.fill(p[k], 1);
    }
    return p;
  }

  /** A context's shares (half a count added to each symbol) times w, each count 1..255. */
  static int[] prior(int[] counts, int symbols, int w) {
    int[] p = new int[counts.length];
    for (int c = 0; c < counts.length / symbols; c++) {
      long n = 0;
      for (int s = 0; s < symbols; s++) {
        n += counts[c * symbols + s];
      }
      for (int s = 0; s < symbols; s++) {
        int v = 1;
        if (n > 0) {
          long num = (2L * counts[c * symbols + s] + 1) * w;
          long den = 2 * n + symbols;
          v = (int) Math.max(1, Math.min(255, (num + den / 2) / den));
        }
        p[c * symbols + s] = v;
      }
    }
    return p;
  }

  /** The header symbols' bits with these priors, each band's tables fresh (§3.3). */
  private static double cost(List<int[]> bands, int[][] p) {
    double bits = 0;
    for (int[] b : bands) {
      StaticTables.HeaderTables ht =
          new StaticTables.HeaderTables(p[0], p[1], p[2], p[3], p[4]);
      SymbolTables[] kinds = {ht.count, ht.same, ht.id, ht.exponent, ht.proto};
      for (int op : b) {
        SymbolTables t = kinds[op >>> 28];
        int ctx = (op >>> 8) & 0xFFFFF;
        int s = op & 0xFF;
        if (t.total[ctx] == 0) {
          t.init(ctx);
        }
        int i = ctx * (t.symbols + 1) + s;
        bits += SymbolTables.PREC - Math.log(t.cum[i + 1] - t.cum[i]) / Math.log(2);
        t.update(ctx, s);
      }
    }
    return bits;
  }

  private static void write(Path out, int[][] p) throws IOException {
    StringBuilder sb = new StringBuilder();
    String src = Files.readString(Path.of(
        "recompress/src/main/java/dev/tegula/recompress/HeaderPriors.java"));
    for (int k = 0; k < 5; k++) {
      String lit = hexLiteral(p[k], 2, 88, "      ");
      int at = src.indexOf("static final int[] " + NAMES[k] + " = counts(");
      int from = src.indexOf('(', at) + 1;
      int to = src.indexOf(", ", from);
      while (src.charAt(to - 1) != '"') {
        to = src.indexOf(", ", to + 1);
      }
      src = src.substring(0, from) + lit + src.substring(to);
    }
    sb.append(src);
    Files.writeString(out, sb.toString());
  }

  /** Records (kind << 28 | context << 8 | symbol) of each header symbol. */
  private static final class Recorder implements StaticTables.Header {
    private final SymbolTables[] kinds;
    private int[] ops = new int[4096];
    private int n;

    Recorder(StaticTables.HeaderTables ht) {
      kinds = new SymbolTables[] {ht.count, ht.same, ht.id, ht.exponent, ht.proto};
    }

    @Override
    public int symbol(SymbolTables t, int ctx, int s) {
      int k = 0;
      while (kinds[k] != t) {
        k++;
      }
      if (n == ops.length) {
        ops = java.util.Arrays.copyOf(ops, 2 * n);
      }
      ops[n++] = k << 28 | ctx << 8 | s;
      return s;
    }

    @Override
    public int raw(int bits, int count) {
      return bits;
    }

    int[] trimmed() {
      return java.util.Arrays.copyOf(ops, n);
    }
  }
}
