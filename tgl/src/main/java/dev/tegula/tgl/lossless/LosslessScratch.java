package dev.tegula.tgl.lossless;

/**
 * Working memory of the lossless decoder, made once per decode and reused by every tile and
 * plane it decodes (issue 8: the memory bound counts every byte allocated, so buffers made per
 * tile add up over a large image). It grows to the largest tile. One scratch serves one thread
 * at a time: a caller decoding tiles in parallel gives each task its own.
 */
public final class LosslessScratch {
  private PlaneCoder coder;
  /** Samples and predictions of P0 and P1 (format-lossless.md §4: the references). */
  final PlaneStore[] values = {new PlaneStore(), new PlaneStore()};
  final PlaneStore[] predictions = {new PlaneStore(), new PlaneStore()};
  private int[][] rows = new int[0][];
  private int[][] undone = new int[0][];
  private int[] line = new int[0];
  // The fast method's (§9) per plane: decoding tables, their context bases, predictors, rows.
  private final int[][] tables = {new int[0], new int[0], new int[0], new int[0]};
  private final int[][] bases = new int[4][];
  private final FastWeighted[] weighted = new FastWeighted[4];
  private int[] tokenWork = new int[0];
  private int[][] windows = new int[0][];
  private int[][] residualWindows = new int[0][];

  public LosslessScratch() {}

  PlaneCoder coder() {
    if (coder == null) {
      coder = new PlaneCoder();
    }
    return coder;
  }

  /** {@code channels} rows of at least {@code width} ints. */
  int[][] rows(int channels, int width) {
    rows = grow(rows, channels, width);
    return rows;
  }

  /** The output's per-channel rows, {@code width} ints each. */
  int[][] undone(int channels, int width) {
    undone = grow(undone, channels, width);
    return undone;
  }

  /** An interleaved row of {@code length} ints. */
  int[] line(int length) {
    if (line.length < length) {
      line = new int[length];
    }
    return line;
  }

  /** Plane k's decoding table from the last tile (empty at first). */
  int[] table(int k) {
    return tables[k];
  }

  void keepTable(int k, int[] table) {
    tables[k] = table;
  }

  /** Room for plane k's context bases (§9.3). */
  int[] base(int k) {
    if (bases[k] == null) {
      bases[k] = new int[FastPlaneCoder.contexts(true)];
    }
    return bases[k];
  }

  int[] tokenWork() {
    int size = FastPlaneCoder.contexts(true) * (TokenTables.MAX_TOKENS + 1);
    if (tokenWork.length < size) {
      tokenWork = new int[size];
    }
    return tokenWork;
  }

  FastWeighted fastWeighted(int k) {
    if (weighted[k] == null) {
      weighted[k] = new FastWeighted(0);
    }
    return weighted[k];
  }

  /** The fast method's rows of samples, {@code length} ints per plane. */
  int[][] windows(int channels, int length) {
    windows = grow(windows, channels, length);
    return windows;
  }

  int[][] residualWindows(int channels, int length) {
    residualWindows = grow(residualWindows, channels, length);
    return residualWindows;
  }

  private static int[][] grow(int[][] a, int channels, int width) {
    if (a.length < channels || a[0].length < width) {
      int[][] b = new int[Math.max(channels, a.length)][];
      for (int k = 0; k < b.length; k++) {
        b[k] = new int[Math.max(width, a.length > 0 ? a[0].length : 0)];
      }
      return b;
    }
    return a;
  }
}
