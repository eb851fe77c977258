package dev.tegula.tgl.lossless;

/**
 * The self-correcting weighted predictor of JPEG XL's modular mode (ISO/IEC 18181-1; libjxl
 * lib/jxl/modular/encoding/context_predict.h), with the parameter set libjxl calls the default
 * lossless8 predictor; format-lossless.md §4.2. Four sub-predictions (W + NE - N, and N, W, N corrected by the recent
 * errors) are averaged with weights that fall with each sub-prediction's error on the N, NE and NW
 * pixels. Everything is integer, in 1/8 sample units.
 *
 * <p>Error memory is two rows: the row being coded and the row above. The error of a pixel is
 * also added to its NE slot of the row above, so that the N slot of the next pixel carries the
 * error of its W neighbour.
 */
final class WeightedPredictor {
  private static final int[] RECIPROCAL = new int[64];

  static {
    for (int i = 0; i < 64; i++) {
      RECIPROCAL[i] = (1 << 24) / (i + 1);
    }
  }

  private static final int P1 = 8;
  private static final int P2 = 8;
  private static final int P3A = 4;
  private static final int P3B = 0;
  private static final int P3C = 3;
  private static final int P3D = 23;
  private static final int P3E = 2;
  private static final int[] MAX_WEIGHT = {13, 12, 12, 11};

  private int rowLength;
  private int[] subError0 = new int[0];
  private int[] subError1 = new int[0];
  private int[] subError2 = new int[0];
  private int[] subError3 = new int[0];
  private int[] error = new int[0];

  /** The four sub-predictions of the current pixel (1/8 units). */
  final long[] sub = new long[4];
  private long prediction;
  private int cur;
  private int prev;

  /** Signed errors (prediction - value, 1/8 units) of the neighbours of the current pixel. */
  int errW;
  int errN;
  int errNW;
  int errNE;

  WeightedPredictor(int width) {
    reset(width);
  }

  /** Starts a plane {@code width} wide: every error 0, the buffers reused when large enough. */
  void reset(int width) {
    rowLength = width + 2;
    int size = 2 * rowLength;
    if (error.length < size) {
      subError0 = new int[size];
      subError1 = new int[size];
      subError2 = new int[size];
      subError3 = new int[size];
      error = new int[size];
    } else {
      java.util.Arrays.fill(subError0, 0, size, 0);
      java.util.Arrays.fill(subError1, 0, size, 0);
      java.util.Arrays.fill(subError2, 0, size, 0);
      java.util.Arrays.fill(subError3, 0, size, 0);
      java.util.Arrays.fill(error, 0, size, 0);
    }
  }

  /** The prediction for pixel (x, y) of a plane {@code width} wide, in sample units. */
  int predict(int x, int y, int width, int n, int w, int ne, int nw, int nn) {
    cur = (y & 1) != 0 ? 0 : rowLength;
    prev = (y & 1) != 0 ? rowLength : 0;
    int posN = prev + x;
    int posNE = x < width - 1 ? posN + 1 : posN;
    int posNW = x > 0 ? posN - 1 : posN;
    int w0 = errorWeight(subError0[posN] + subError0[posNE] + subError0[posNW], MAX_WEIGHT[0]);
    int w1 = errorWeight(subError1[posN] + subError1[posNE] + subError1[posNW], MAX_WEIGHT[1]);
    int w2 = errorWeight(subError2[posN] + subError2[posNE] + subError2[posNW], MAX_WEIGHT[2]);
    int w3 = errorWeight(subError3[posN] + subError3[posNE] + subError3[posNW], MAX_WEIGHT[3]);

    long n8 = (long) n << 3;
    long w8 = (long) w << 3;
    long ne8 = (long) ne << 3;
    long nw8 = (long) nw << 3;
    long nn8 = (long) nn << 3;
    errW = x == 0 ? 0 : error[cur + x - 1];
    errN = error[posN];
    errNW = error[posNW];
    errNE = error[posNE];
    long sumWN = (long) errN + errW;
    sub[0] = w8 + ne8 - n8;
    sub[1] = n8 - (((sumWN + errNE) * P1) >> 5);
    sub[2] = w8 - (((sumWN + errNW) * P2) >> 5);
    sub[3] = n8 - (((long) errNW * P3A + (long) errN * P3B + (long) errNE * P3C
        + (nn8 - n8) * P3D + (nw8 - w8) * P3E) >> 5);

    // Weighted average: weights scaled to a sum of 16..31, then one reciprocal multiply.
    int log = 31 - Integer.numberOfLeadingZeros(w0 + w1 + w2 + w3);
    int shift = log - 4;
    w0 >>= shift;
    w1 >>= shift;
    w2 >>= shift;
    w3 >>= shift;
    int total = w0 + w1 + w2 + w3;
    long s = (total >> 1) - 1 + sub[0] * w0 + sub[1] * w1 + sub[2] * w2 + sub[3] * w3;
    long p = (s * RECIPROCAL[total - 1]) >> 24;
    // Unless the neighbours' errors agree in sign, stay within the range of W, N and NE.
    if (((errN ^ errW) | (errN ^ errNW)) <= 0) {
      long hi = Math.max(w8, Math.max(ne8, n8));
      long lo = Math.min(w8, Math.min(ne8, n8));
      p = p < lo ? lo : (p > hi ? hi : p);
    }
    prediction = p;
    return (int) ((p + 3) >> 3);
  }

  /** Records the true value of the pixel last predicted. */
  void update(int value, int x) {
    long v = (long) value << 3;
    error[cur + x] = (int) (prediction - v);
    record(subError0, sub[0], v, x);
    record(subError1, sub[1], v, x);
    record(subError2, sub[2], v, x);
    record(subError3, sub[3], v, x);
  }

  private void record(int[] errors, long subPrediction, long v, int x) {
    long d = subPrediction - v;
    int e = (int) (((d < 0 ? -d : d) + 3) >> 3);
    errors[cur + x] = e;
    errors[prev + x + 1] += e;
  }

  /** About 4 + maxWeight · 2^24 / (x + 1), without a division. */
  private static int errorWeight(int x, int maxWeight) {
    int shift = (31 - Integer.numberOfLeadingZeros(x + 1)) - 5;
    if (shift < 0) {
      shift = 0;
    }
    return 4 + (int) (((long) maxWeight * RECIPROCAL[x >> shift]) >> shift);
  }
}
