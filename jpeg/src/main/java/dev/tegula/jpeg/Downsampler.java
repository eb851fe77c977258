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
}
