package dev.tegula.tgl.lossless;

/**
 * Normalized least-mean-squares filter in fixed point (format-lossless.md §4.3, §5.1): a linear
 * combination of the caller's inputs whose weights move after every sample by
 * mu · error · input / (1 + |inputs|²). Used twice per plane: to refine the weighted prediction and
 * to estimate the size of the next residual.
 *
 * <p>Weights are Q24 ints; the sums are longs and cannot overflow for inputs below 2^20 (samples
 * are at most 17 bits after the colour transform). Division is by the norm, which is at least 1,
 * and truncates towards zero on the JVM and in WebAssembly alike.
 */
final class Nlms {
  static final int SHIFT = 24;
  private static final int WEIGHT_LIMIT = 1 << 30;

  /** The inputs of the next prediction; the caller fills the first {@link #size} entries. */
  final int[] in;
  private final int size;
  private final int[] weights;
  private final int muNumerator;
  private long sum;
  private long norm;

  /**
   * @param size number of inputs
   * @param initialWeight every weight's starting value (Q24)
   * @param muNumerator step size mu = muNumerator / 4096
   */
  Nlms(int size, int initialWeight, int muNumerator) {
    this.size = size;
    this.in = new int[size];
    this.weights = new int[size];
    this.muNumerator = muNumerator;
    java.util.Arrays.fill(weights, initialWeight);
  }

  /** The weighted sum of the current inputs, Q24. */
  long predict() {
    long s = 0;
    long n = 1;
    int[] x = in;
    int[] w = weights;
    for (int j = 0; j < size; j++) {
      int v = x[j];
      s += (long) w[j] * v;
      n += (long) v * v;
    }
    sum = s;
    norm = n;
    return s;
  }

  /** Moves the weights towards {@code target} (Q24) for the inputs of the last prediction. */
  void update(long target) {
    long g = (target - sum) * muNumerator / norm;
    int[] x = in;
    int[] w = weights;
    for (int j = 0; j < size; j++) {
      long v = w[j] + ((g * x[j]) >> 12);
      w[j] = v > WEIGHT_LIMIT ? WEIGHT_LIMIT : (v < -WEIGHT_LIMIT ? -WEIGHT_LIMIT : (int) v);
    }
  }
}
