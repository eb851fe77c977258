package dev.tegula.transform;

import dev.tegula.core.Image;

/**
 * Shrinking by whole factors: each output pixel is the exact mean of its fx by fy input block,
 * colour weighted by alpha (the mean of premultiplied colour divided by the mean alpha), rounded
 * half up. For 8-bit sources this equals round(sum / n) computed in 8 bits; no filter is as
 * faithful when the grid divides evenly.
 */
final class BoxDownscaler {
  private BoxDownscaler() {}

  static Image downscale(Image src, int fx, int fy, boolean linear) {
    if (fx < 1 || fy < 1 || src.width() % fx != 0 || src.height() % fy != 0) {
      throw new IllegalArgumentException("box factors " + fx + "x" + fy + " do not divide "
          + src.width() + "x" + src.height());
    }
    int inW = src.width();
    int outW = inW / fx;
    int outH = src.height() / fy;
    long n = (long) fx * fy;
    SampleRows rows = new SampleRows(src, linear);
    int[] in = new int[inW * 4];
    // per output pixel of the current output row: sum of alpha, sums of colour times alpha
    long[] sums = new long[outW * 4];
    byte[] out8 = new byte[Math.multiplyExact(Math.multiplyExact(outW, outH), 4)];
    short[] out16 = src.has16BitSamples() ? new short[out8.length] : null;
    char[] fromLinear = linear ? LinearLight.toSrgb16() : null;
    for (int oy = 0; oy < outH; oy++) {
      java.util.Arrays.fill(sums, 0);
      for (int dy = 0; dy < fy; dy++) {
        rows.load(oy * fy + dy, in);
        for (int x = 0; x < inW; x++) {
          int i = x * 4;
          int o = (x / fx) * 4;
          long a = in[i + 3];
          sums[o] += in[i] * a;
          sums[o + 1] += in[i + 1] * a;
          sums[o + 2] += in[i + 2] * a;
          sums[o + 3] += a;
        }
      }
      for (int ox = 0; ox < outW; ox++) {
        int o = ox * 4;
        long sa = sums[o + 3];
        int alpha = (int) ((2 * sa + n) / (2 * n));
        SampleRows.store(mean(sums[o], sa), mean(sums[o + 1], sa), mean(sums[o + 2], sa), alpha,
            fromLinear, out8, out16, (oy * outW + ox) * 4);
      }
    }
    return new Image(outW, outH, out8, out16);
  }

  private static int mean(long weighted, long alphaSum) {
    // half up exactly, also when the divisor is odd
    return alphaSum == 0 ? 0 : (int) ((2 * weighted + alphaSum) / (2 * alphaSum));
  }
}
