package dev.tegula.tgl.lossless;

/**
 * Reversible colour transforms of R, G, B into three planes (format-lossless.md §3). Every
 * transform puts a full-range plane first (G or a luma) and differences after it, which the later
 * planes' prediction refers back to. Integer lifting steps, exactly invertible.
 *
 * <p>The encoder picks one per tile by a quick cost estimate; each is best on some content.
 */
final class ColourTransform {
  private ColourTransform() {}

  /** G, R, B unchanged (reordered so that G comes first). */
  static final int GRB = 0;
  /** G, R - G, B - G ("subtract green"). */
  static final int SUBTRACT_GREEN = 1;
  /** YCoCg-R: Co = R - B, t = B + (Co >> 1), Cg = G - t, Y = t + (Cg >> 1). */
  static final int YCOCG = 2;
  /** G, R - G, B - ((R + G) >> 1). */
  static final int GREEN_RED = 3;
  /** G, B - G, R - ((B + G) >> 1). */
  static final int GREEN_BLUE = 4;
  static final int COUNT = 5;

  /** Splits interleaved RGB(A) samples into planes; planes beyond the third are copied as is. */
  static void forward(int transform, int[] samples, int channels, int pixels, int[][] planes) {
    int[] a = planes[0];
    int[] b = planes[1];
    int[] c = planes[2];
    int[] px = new int[3];
    for (int i = 0, at = 0; i < pixels; i++, at += channels) {
      forwardPixel(transform, samples[at], samples[at + 1], samples[at + 2], px, 0);
      a[i] = px[0];
      b[i] = px[1];
      c[i] = px[2];
    }
    for (int k = 3; k < channels; k++) {
      int[] d = planes[k];
      for (int i = 0, at = k; i < pixels; i++, at += channels) {
        d[i] = samples[at];
      }
    }
  }

  /** Transforms one pixel into {@code out[at..at+2]}. */
  static void forwardPixel(int transform, int r, int g, int b, int[] out, int at) {
    switch (transform) {
      case GRB -> {
        out[at] = g;
        out[at + 1] = r;
        out[at + 2] = b;
      }
      case SUBTRACT_GREEN -> {
        out[at] = g;
        out[at + 1] = r - g;
        out[at + 2] = b - g;
      }
      case YCOCG -> {
        int co = r - b;
        int t = b + (co >> 1);
        int cg = g - t;
        out[at] = t + (cg >> 1);
        out[at + 1] = co;
        out[at + 2] = cg;
      }
      case GREEN_RED -> {
        out[at] = g;
        out[at + 1] = r - g;
        out[at + 2] = b - ((r + g) >> 1);
      }
      default -> {
        out[at] = g;
        out[at + 1] = b - g;
        out[at + 2] = r - ((b + g) >> 1);
      }
    }
  }

  /**
   * Joins planes back into interleaved samples. Returns the first pixel index whose R, G or B
   * falls outside 0..max (possible only for damaged data), or -1.
   */
  static int inverse(int transform, int[][] planes, int channels, int pixels, int max,
      int[] out) {
    int[] a = planes[0];
    int[] b = planes[1];
    int[] c = planes[2];
    int bad = -1;
    for (int i = 0, at = 0; i < pixels; i++, at += channels) {
      int r;
      int g;
      int bl;
      switch (transform) {
        case GRB -> {
          g = a[i];
          r = b[i];
          bl = c[i];
        }
        case SUBTRACT_GREEN -> {
          g = a[i];
          r = b[i] + g;
          bl = c[i] + g;
        }
        case YCOCG -> {
          int t = a[i] - (c[i] >> 1);
          g = c[i] + t;
          bl = t - (b[i] >> 1);
          r = b[i] + bl;
        }
        case GREEN_RED -> {
          g = a[i];
          r = b[i] + g;
          bl = c[i] + ((r + g) >> 1);
        }
        default -> {
          g = a[i];
          bl = b[i] + g;
          r = c[i] + ((bl + g) >> 1);
        }
      }
      if (bad < 0 && ((r | g | bl) < 0 || r > max || g > max || bl > max)) {
        bad = i;
      }
      out[at] = r;
      out[at + 1] = g;
      out[at + 2] = bl;
    }
    for (int k = 3; k < channels; k++) {
      int[] d = planes[k];
      for (int i = 0, at = k; i < pixels; i++, at += channels) {
        out[at] = d[i];
      }
    }
    return bad;
  }

  /** Smallest and largest value plane {@code k} can hold under a transform, for samples 0..max. */
  static int low(int transform, int k, int max) {
    return k == 0 || k >= 3 || transform == GRB ? 0 : -max;
  }

  static int high(int transform, int k, int max) {
    return max;
  }

  /** Order of preference when estimates tie. */
  private static final int[] CANDIDATES = {SUBTRACT_GREEN, YCOCG, GREEN_RED, GREEN_BLUE, GRB};

  /**
   * The encoder's choice: the transform whose planes have the smallest estimated cost under a
   * clamped-gradient predictor, on every other row pair of the tile. The estimate (sum of residual
   * bit lengths) ignores the context modelling but ranks transforms well enough.
   */
  static int choose(int[] samples, int width, int height, int channels) {
    long best = Long.MAX_VALUE;
    int choice = SUBTRACT_GREEN;
    int[] prevRow = new int[3 * width];
    int[] curRow = new int[3 * width];
    for (int t : CANDIDATES) {
      long cost = 0;
      for (int y = 1; y < height; y += 2) {
        transformRow(t, samples, channels, (y - 1) * width, width, prevRow);
        transformRow(t, samples, channels, y * width, width, curRow);
        for (int x = 1; x < width; x++) {
          for (int k = 0; k < 3; k++) {
            int w = curRow[3 * (x - 1) + k];
            int n = prevRow[3 * x + k];
            int nw = prevRow[3 * (x - 1) + k];
            int lo = Math.min(w, n);
            int hi = Math.max(w, n);
            int grad = w + n - nw;
            int pred = grad < lo ? lo : (grad > hi ? hi : grad);
            int r = curRow[3 * x + k] - pred;
            cost += 32 - Integer.numberOfLeadingZeros(r < 0 ? -r : r);
          }
        }
      }
      if (cost < best) {
        best = cost;
        choice = t;
      }
    }
    return choice;
  }

  private static void transformRow(int t, int[] samples, int channels, int firstPixel, int width,
      int[] out) {
    for (int x = 0, at = firstPixel * channels; x < width; x++, at += channels) {
      forwardPixel(t, samples[at], samples[at + 1], samples[at + 2], out, 3 * x);
    }
  }
}
