package dev.tegula.tgl.lossless;

/**
 * The weighted predictor of format-lossless.md §4.2 for the fast method's kernels: the same
 * arithmetic as {@link WeightedPredictor}, with the state in plain arrays the kernels index
 * themselves, so that the interior of a row runs without calls, fields or the edge rules.
 * {@link #predict} and {@link #update} serve the edge pixels and define what the kernels inline.
 */
final class FastWeighted {
  static final int[] RECIPROCAL = new int[64];

  static {
    for (int i = 0; i < 64; i++) {
      RECIPROCAL[i] = (1 << 24) / (i + 1);
    }
  }

  /** {@link #weight} of x = 0..TABLE_SIZE-1 for the four maximum weights, k at x * 4 + k. */
  private static final int TABLE_SIZE = 1024;
  private static final int[] WEIGHTS = new int[TABLE_SIZE * 4];

  static final int MAX0 = 13;
  static final int MAX1 = 12;
  static final int MAX2 = 12;
  static final int MAX3 = 11;

  int rowLength;
  /** Per column of two row buffers (§4.2): the true error and the four sub-predictor errors. */
  int[] err = new int[0];
  int[] se0 = new int[0];
  int[] se1 = new int[0];
  int[] se2 = new int[0];
  int[] se3 = new int[0];

  // The last prediction of predict(), for update().
  private long sub0;
  private long sub1;
  private long sub2;
  private long sub3;
  private long p8;
  private int cur;
  private int prev;

  FastWeighted(int width) {
    reset(width);
  }

  /** Starts a plane {@code width} wide: every error 0, the buffers reused when large enough. */
  void reset(int width) {
    rowLength = width + 2;
    int size = 2 * rowLength;
    if (err.length < size) {
      err = new int[size];
      se0 = new int[size];
      se1 = new int[size];
      se2 = new int[size];
      se3 = new int[size];
    } else {
      java.util.Arrays.fill(err, 0, size, 0);
      java.util.Arrays.fill(se0, 0, size, 0);
      java.util.Arrays.fill(se1, 0, size, 0);
      java.util.Arrays.fill(se2, 0, size, 0);
      java.util.Arrays.fill(se3, 0, size, 0);
    }
  }

  static {
    int[] max = {MAX0, MAX1, MAX2, MAX3};
    for (int x = 0; x < TABLE_SIZE; x++) {
      for (int k = 0; k < 4; k++) {
        WEIGHTS[x * 4 + k] = weight(x, max[k]);
      }
    }
  }

  /** {@link #weight}(x, maximum weight k), by table for the usual small x. */
  static int weightOf(int x, int k, int maxWeight) {
    return x >= 0 && x < TABLE_SIZE ? WEIGHTS[x * 4 + k] : weight(x, maxWeight);
  }

  /** About 4 + maxWeight · 2^24 / (x + 1) (§4.2). */
  static int weight(int x, int maxWeight) {
    int shift = (31 - Integer.numberOfLeadingZeros(x + 1)) - 5;
    if (shift < 0) {
      shift = 0;
    }
    return 4 + (int) (((long) maxWeight * RECIPROCAL[x >> shift]) >> shift);
  }

  /** §4.2 for pixel (x, y) of a plane {@code width} wide, with §4.1's neighbours. */
  int predict(int x, int y, int width, int n, int w, int ne, int nw, int nn) {
    cur = (y & 1) != 0 ? 0 : rowLength;
    prev = (y & 1) != 0 ? rowLength : 0;
    int posN = prev + x;
    int posNE = x < width - 1 ? posN + 1 : posN;
    int posNW = x > 0 ? posN - 1 : posN;
    int w0 = weight(se0[posN] + se0[posNE] + se0[posNW], MAX0);
    int w1 = weight(se1[posN] + se1[posNE] + se1[posNW], MAX1);
    int w2 = weight(se2[posN] + se2[posNE] + se2[posNW], MAX2);
    int w3 = weight(se3[posN] + se3[posNE] + se3[posNW], MAX3);
    long n8 = (long) n << 3;
    long w8 = (long) w << 3;
    long ne8 = (long) ne << 3;
    long nw8 = (long) nw << 3;
    long nn8 = (long) nn << 3;
    int errW = x == 0 ? 0 : err[cur + x - 1];
    int errN = err[posN];
    int errNW = err[posNW];
    int errNE = err[posNE];
    long sumWN = (long) errN + errW;
    sub0 = w8 + ne8 - n8;
    sub1 = n8 - (((sumWN + errNE) * 8) >> 5);
    sub2 = w8 - (((sumWN + errNW) * 8) >> 5);
    sub3 = n8 - (((long) errNW * 4 + (long) errNE * 3 + (nn8 - n8) * 23 + (nw8 - w8) * 2) >> 5);
    int shift = (31 - Integer.numberOfLeadingZeros(w0 + w1 + w2 + w3)) - 4;
    w0 >>= shift;
    w1 >>= shift;
    w2 >>= shift;
    w3 >>= shift;
    int total = w0 + w1 + w2 + w3;
    long s = (total >> 1) - 1 + sub0 * w0 + sub1 * w1 + sub2 * w2 + sub3 * w3;
    long p = (s * RECIPROCAL[total - 1]) >> 24;
    if (((errN ^ errW) | (errN ^ errNW)) <= 0) {
      long hi = Math.max(w8, Math.max(ne8, n8));
      long lo = Math.min(w8, Math.min(ne8, n8));
      p = p < lo ? lo : (p > hi ? hi : p);
    }
    p8 = p;
    return (int) ((p + 3) >> 3);
  }

  /** §4.2: records the sample of the pixel last predicted, at column x. */
  void update(int value, int x) {
    long v = (long) value << 3;
    err[cur + x] = (int) (p8 - v);
    int at = cur + x;
    int up = prev + x + 1;
    int e = error(sub0, v);
    se0[at] = e;
    se0[up] += e;
    e = error(sub1, v);
    se1[at] = e;
    se1[up] += e;
    e = error(sub2, v);
    se2[at] = e;
    se2[up] += e;
    e = error(sub3, v);
    se3[at] = e;
    se3[up] += e;
  }

  static int error(long sub, long v8) {
    long d = sub - v8;
    return (int) (((d < 0 ? -d : d) + 3) >> 3);
  }
}
