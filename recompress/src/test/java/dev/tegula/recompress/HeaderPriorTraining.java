package dev.tegula.recompress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not a test: trains {@link HeaderPriors} (format-jpeg-coefficients-fast.md §3.3, §10) and
 * writes its source. Per band of every training JPEG the header's adaptive symbols (§3.2) are
 * counted per table and context; a context's prior is its symbols' shares scaled to a strength
 * W (each count 1..255), W per table chosen from a few by the header's cost on the training set
 * itself. The training set must hold no image of a measured group (the spec names it).
 * Run from the worktree root: java -cp ... dev.tegula.recompress.HeaderPriorTraining OUT.java
 * DIR...
 */
public final class HeaderPriorTraining {
  private static final String[] NAMES = {"CLUSTERS", "HOW", "ID", "EXP"};
  private static final int[] WEIGHTS = {16, 32, 64, 128, 256, 512, 1024, 2048};

  public static void main(String[] args) throws IOException {
    StaticTables.HeaderTables shape = new StaticTables.HeaderTables();
    SymbolTables[] kinds = {shape.count, shape.same, shape.id, shape.exponent};
    List<int[]> bands = new ArrayList<>();
    int files = 0;
    for (int a = 1; a < args.length; a++) {
      List<Path> paths;
      try (Stream<Path> s = Files.list(Path.of(args[a]))) {
        paths = s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
      }
      for (Path f : paths) {
        CoefficientImage img;
        try {
          img = CoefficientFixtures.read(Files.readAllBytes(f));
        } catch (RuntimeException e) {
          System.out.println("skipped " + f + ": " + e.getMessage());
          continue;
        }
        files++;
        BandPlan plan = BandPlan.of(img);
        for (int t = 0; t < plan.bands(); t++) {
          Recorder r = new Recorder(shape);
          FastBandEncoder.header(img, plan.rowStart(t), plan.rowEnd(t), r, shape);
          bands.add(r.trimmed());
        }
      }
    }
    int[][] counts = new int[4][];
    for (int k = 0; k < 4; k++) {
      counts[k] = new int[kinds[k].total.length * kinds[k].symbols];
    }
    for (int[] b : bands) {
      for (int op : b) {
        int k = op >>> 28;
        int ctx = (op >>> 8) & 0xFFFFF;
        counts[k][ctx * kinds[k].symbols + (op & 0xFF)]++;
      }
    }
    int[][] best = new int[4][];
    double before = cost(bands, ones(kinds));
    for (int k = 0; k < 4; k++) {
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
    write(Path.of(args[0]), best, args);
  }

  private static int[][] ones(SymbolTables[] kinds) {
    int[][] p = new int[4][];
    for (int k = 0; k < 4; k++) {
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
      StaticTables.HeaderTables ht = new StaticTables.HeaderTables(p[0], p[1], p[2], p[3]);
      SymbolTables[] kinds = {ht.count, ht.same, ht.id, ht.exponent};
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

  private static void write(Path out, int[][] p, String[] args) throws IOException {
    StringBuilder sb = new StringBuilder();
    String src = Files.readString(Path.of(
        "recompress/src/main/java/dev/tegula/recompress/HeaderPriors.java"));
    for (int k = 0; k < 4; k++) {
      StringBuilder hex = new StringBuilder();
      for (int v : p[k]) {
        hex.append(String.format("%02x", v));
      }
      StringBuilder lit = new StringBuilder("\"\"");
      for (int i = 0; i < hex.length(); i += 88) {
        lit.append("\n      + \"").append(hex, i, Math.min(hex.length(), i + 88)).append('"');
      }
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
      kinds = new SymbolTables[] {ht.count, ht.same, ht.id, ht.exponent};
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
