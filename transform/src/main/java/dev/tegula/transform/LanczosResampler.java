package dev.tegula.transform;

import dev.tegula.core.Image;

/**
 * Separable Lanczos-3 resampling: each input row is filtered horizontally once into a ring of
 * rows, and each output row is the vertical filter over the ring. Colour is premultiplied by alpha
 * before filtering (so transparent pixels, whatever colour they hold, do not bleed into their
 * neighbours) and divided by it again afterwards. The working precision is 16 bits per sample
 * (premultiplied colour carries 24), so 16-bit sources keep their precision.
 */
final class LanczosResampler {
  /** Premultiplied colour of white at full alpha. */
  private static final int MAX_P = (int) ((65535L * 65535 + 128) >> 8);

  private LanczosResampler() {}

  static Image resize(Image src, int outW, int outH, boolean linear) {
    return resize(src, outW, outH, src.width(), src.height(), linear);
  }

  /** {@link #resize} of the region [0, extentW) x [0, extentH) of {@code src}'s pixels. */
  static Image resize(Image src, int outW, int outH, double extentW, double extentH,
      boolean linear) {
    int inW = src.width();
    int inH = src.height();
    ResampleWeights wx = ResampleWeights.lanczos3(inW, extentW, outW);
    ResampleWeights wy = ResampleWeights.lanczos3(inH, extentH, outH);
    SampleRows rows = new SampleRows(src, linear);
    int ring = wy.taps;
    int[] in = new int[inW * 4];
    int[][] filtered = new int[ring][outW * 4];
    long[] acc = new long[outW * 4];
    byte[] out8 = new byte[Math.multiplyExact(Math.multiplyExact(outW, outH), 4)];
    short[] out16 = src.has16BitSamples() ? new short[out8.length] : null;
    char[] fromLinear = linear ? LinearLight.toSrgb16() : null;
    int loaded = 0; // input rows [0, loaded) have been filtered into the ring
    for (int y = 0; y < outH; y++) {
      int first = wy.start[y];
      int n = wy.count[y];
      while (loaded < first + n) {
        rows.load(loaded, in);
        premultiply(in, inW);
        horizontal(in, wx, filtered[loaded % ring]);
        loaded++;
      }
      vertical(filtered, ring, wy, y, outW, acc, fromLinear, out8, out16, y * outW * 4);
    }
    return new Image(outW, outH, out8, out16);
  }

  /** Colour times alpha, kept at 24 bits so that unpremultiplying loses nothing visible. */
  static void premultiply(int[] px, int width) {
    for (int i = 0, n = width * 4; i < n; i += 4) {
      long a = px[i + 3];
      px[i] = (int) ((px[i] * a + 128) >> 8);
      px[i + 1] = (int) ((px[i + 1] * a + 128) >> 8);
      px[i + 2] = (int) ((px[i + 2] * a + 128) >> 8);
    }
  }

  private static void horizontal(int[] in, ResampleWeights w, int[] out) {
    int taps = w.taps;
    int[] k = w.weights;
    for (int x = 0; x < w.outSize; x++) {
      int s = w.start[x] * 4;
      int n = w.count[x];
      int kb = x * taps;
      long r = 0;
      long g = 0;
      long b = 0;
      long a = 0;
      for (int t = 0; t < n; t++) {
        long wt = k[kb + t];
        int p = s + t * 4;
        r += in[p] * wt;
        g += in[p + 1] * wt;
        b += in[p + 2] * wt;
        a += in[p + 3] * wt;
      }
      int o = x * 4;
      // clamped as Pillow clamps between its passes: less ringing at hard edges
      int alpha = clamp((a + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, 65535);
      out[o] = clamp((r + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, MAX_P);
      out[o + 1] = clamp((g + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, MAX_P);
      out[o + 2] = clamp((b + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, MAX_P);
      out[o + 3] = alpha;
    }
  }

  /** Output row {@code y}: the ring rows weighted, summed in {@code acc} one row at a time. */
  private static void vertical(int[][] ring, int ringSize, ResampleWeights w, int y, int outW,
      long[] acc, char[] fromLinear, byte[] out8, short[] out16, int base) {
    int first = w.start[y];
    int n = w.count[y];
    int kb = y * w.taps;
    int len = outW * 4;
    java.util.Arrays.fill(acc, 0);
    for (int t = 0; t < n; t++) {
      int[] row = ring[(first + t) % ringSize];
      long wt = w.weights[kb + t];
      for (int i = 0; i < len; i++) {
        acc[i] += row[i] * wt;
      }
    }
    for (int o = 0; o < len; o += 4) {
      int alpha = clamp((acc[o + 3] + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, 65535);
      int maxP = (int) ((65535L * alpha + 128) >> 8);
      int pr = clamp((acc[o] + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, maxP);
      int pg = clamp((acc[o + 1] + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, maxP);
      int pb = clamp((acc[o + 2] + ResampleWeights.ONE / 2) >> ResampleWeights.BITS, maxP);
      SampleRows.store(unpremultiply(pr, alpha), unpremultiply(pg, alpha),
          unpremultiply(pb, alpha), alpha, fromLinear, out8, out16, base + o);
    }
  }

  static int unpremultiply(int p, int alpha) {
    if (alpha == 0) {
      return 0;
    }
    return Math.min(65535, (int) (((long) p * 256 + alpha / 2) / alpha));
  }

  private static int clamp(long v, int max) {
    return v < 0 ? 0 : v > max ? max : (int) v;
  }
}
