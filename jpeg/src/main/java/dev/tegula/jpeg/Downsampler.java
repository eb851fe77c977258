package dev.tegula.jpeg;

/**
 * Chroma downsampling by box averaging (T.81 §A.1.1 sampling factors), as libjpeg's jcsample.c
 * {@code h2v1_downsample} / {@code h2v2_downsample}: the rounding bias alternates between
 * neighbouring outputs so that the averages are not pushed one way. Works on the two-fractional-bit
 * samples of {@link ColorToYcc}.
 */
final class Downsampler {
  private Downsampler() {}

  /**
   * Averages {@code h} x {@code v} (each 1 or 2) boxes of {@code in} ({@code inStride} per row,
   * {@code outRows * v} rows) into {@code out} ({@code outWidth} per row, {@code outRows} rows).
   */
  static void downsample(int[] in, int inStride, int h, int v, int[] out, int outWidth,
      int outRows) {
    if (h == 1 && v == 1) {
      for (int r = 0; r < outRows; r++) {
        System.arraycopy(in, r * inStride, out, r * outWidth, outWidth);
      }
      return;
    }
    for (int r = 0; r < outRows; r++) {
      int i0 = r * v * inStride;
      int i1 = v == 2 ? i0 + inStride : i0;
      int o = r * outWidth;
      if (h == 2 && v == 2) {
        for (int x = 0, bias = 1; x < outWidth; x++, bias ^= 3) {
          int i = 2 * x;
          out[o + x] = (in[i0 + i] + in[i0 + i + 1] + in[i1 + i] + in[i1 + i + 1] + bias) >> 2;
        }
      } else if (h == 2) {
        for (int x = 0, bias = 0; x < outWidth; x++, bias ^= 1) {
          int i = 2 * x;
          out[o + x] = (in[i0 + i] + in[i0 + i + 1] + bias) >> 1;
        }
      } else {
        for (int x = 0, bias = 0; x < outWidth; x++, bias ^= 1) {
          out[o + x] = (in[i0 + x] + in[i1 + x] + bias) >> 1;
        }
      }
    }
  }

  /**
   * Pre-emphasis of downsampled chroma: out = in + s/16 * (in - mean of its neighbours along the
   * subsampled directions, clamped to the sample range. Decoders upsample chroma with a triangle filter (libjpeg's fancy
   * upsampling), which on top of the box average blurs colour edges; boosting what the two
   * filters attenuate brings the decoded chroma closer to the source.
   */
  static void sharpen(int[] in, int[] out, int w, int rows, int fh, int fv, int s) {
    for (int y = 0; y < rows; y++) {
      int o = y * w;
      int up = (y == 0 ? y : y - 1) * w;
      int down = (y == rows - 1 ? y : y + 1) * w;
      for (int x = 0; x < w; x++) {
        int c = in[o + x];
        int lap = 0;
        int n = 0;
        if (fh == 2) {
          lap += 2 * c - in[o + Math.max(0, x - 1)] - in[o + Math.min(w - 1, x + 1)];
          n += 2;
        }
        if (fv == 2) {
          lap += 2 * c - in[up + x] - in[down + x];
          n += 2;
        }
        // round half away from zero, then divide by 16 * n exactly in integers
        int num = lap * s;
        int den = 16 * n;
        int v = c + (num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den));
        // the DCT's range, and all a decoder can show anyway
        out[o + x] = v < -512 ? -512 : Math.min(v, 511);
      }
    }
  }
}
