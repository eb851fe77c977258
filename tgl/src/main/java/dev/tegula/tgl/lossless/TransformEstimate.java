package dev.tegula.tgl.lossless;

/**
 * The fast encoder's choice of colour transform (format-lossless.md §8): instead of coding the
 * tile with each candidate, it sums an estimate of the bits of each candidate's planes under the
 * clamped-gradient predictor (log2 of each residual's size, in units of the residuals' common
 * divisor) over every eighth pair of rows. The
 * estimate picks the transform the real coder also prefers on almost every tile, at a small
 * fraction of the cost of coding it.
 */
final class TransformEstimate {
  private TransformEstimate() {}

  private static final int ROW_STEP = 8;

  static ColourTransform best(int[] samples, int width, int height, int channels,
      ColourTransform[] candidates) {
    if (width < 2 || height < 2) {
      return ColourTransform.YCOCG_R;
    }
    int[] above = new int[3 * width];
    int[] row = new int[3 * width];
    ColourTransform best = candidates[0];
    long bestCost = Long.MAX_VALUE;
    for (ColourTransform t : candidates) {
      // Per plane: bits of the residuals, how many are not zero, and their common divisor, as a
      // plane whose samples share a step is coded in units of it (§4.6).
      long[] bits = new long[3];
      long[] nonzero = new long[3];
      int[] divisor = new int[3];
      for (int y = 1; y < height; y += ROW_STEP) {
        transformRow(t, samples, (y - 1) * width, width, channels, above);
        transformRow(t, samples, y * width, width, channels, row);
        for (int x = 1; x < width; x++) {
          for (int k = 0; k < 3; k++) {
            int n = above[3 * x + k];
            int w = row[3 * x - 3 + k];
            int nw = above[3 * x - 3 + k];
            int g = n + w - nw;
            int lo = Math.min(n, w);
            int hi = Math.max(n, w);
            int r = row[3 * x + k] - (g < lo ? lo : (g > hi ? hi : g));
            if (r != 0) {
              r = r < 0 ? -r : r;
              bits[k] += 32 - Integer.numberOfLeadingZeros(r);
              nonzero[k]++;
              if (divisor[k] != 1) {
                divisor[k] = gcd(divisor[k], r);
              }
            }
          }
        }
      }
      long cost = 0;
      for (int k = 0; k < 3; k++) {
        int d = Math.max(1, divisor[k]);
        cost += bits[k] - nonzero[k] * (31 - Integer.numberOfLeadingZeros(d));
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
      }
    }
    return best;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static void transformRow(ColourTransform t, int[] samples, int firstPixel, int width,
      int channels, int[] out) {
    for (int x = 0, at = firstPixel * channels; x < width; x++, at += channels) {
      t.forwardPixel(samples[at], samples[at + 1], samples[at + 2], out, 3 * x);
    }
  }
}
