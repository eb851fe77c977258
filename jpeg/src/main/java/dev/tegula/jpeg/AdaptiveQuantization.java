package dev.tegula.jpeg;

/**
 * Adaptive quantization: how much its surroundings mask each block's quantization error, turned
 * into the block's trellis lambda, which is its zeroing threshold in rate-distortion form: the
 * larger lambda, the more small coefficients {@link TrellisQuantizer} finds not worth their bits.
 *
 * <p>Texture hides error; flat areas and the flat side of an edge do not. The activity of a block
 * is its summed |AC| (times 8); it is "eroded" over the 3x3 neighbourhood, a weighted mean of the
 * four least active blocks there, as jpegli's fuzzy erosion does on its pixel-domain masking map,
 * so that a block next to a flat one counts as little masked. Lambda grows linearly with the
 * eroded activity, up to a cap. Chroma blocks use the mean field of the luminance blocks they
 * cover. Measured on the developer corpus the masking is mild: stronger masking (or none)
 * scores worse on SSIM and butteraugli alike.
 */
final class AdaptiveQuantization {
  private AdaptiveQuantization() {}

  /** The eroded activity per block of {@code y} (raw coefficients, natural order, times 8). */
  static int[] activity(EncoderComponent y) {
    int bw = y.blocksWide;
    int bh = y.blocksHigh;
    int[] act = new int[bw * bh];
    short[] c = y.coef;
    for (int b = 0, off = 0; b < act.length; b++, off += 64) {
      int s = 0;
      for (int k = 1; k < 64; k++) {
        int v = c[off + k];
        s += v < 0 ? -v : v;
      }
      act[b] = s;
    }
    int[] field = new int[bw * bh];
    int[] n = new int[9];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        int cnt = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int yy = Math.min(bh - 1, Math.max(0, by + dy));
          for (int dx = -1; dx <= 1; dx++) {
            int xx = Math.min(bw - 1, Math.max(0, bx + dx));
            n[cnt++] = act[yy * bw + xx];
          }
        }
        // the four smallest of nine, by partial selection
        for (int i = 0; i < 4; i++) {
          int m = i;
          for (int j = i + 1; j < 9; j++) {
            if (n[j] < n[m]) {
              m = j;
            }
          }
          int t = n[i];
          n[i] = n[m];
          n[m] = t;
        }
        field[by * bw + bx] = (5 * n[0] + 3 * n[1] + 2 * n[2] + 2 * n[3]) / 12;
      }
    }
    return field;
  }

  /** The field for a chroma component: the mean over the luminance blocks each block covers. */
  static int[] chromaField(int[] luma, EncoderComponent y, EncoderComponent c) {
    int fh = y.h / c.h;
    int fv = y.v / c.v;
    int[] f = new int[c.blocksWide * c.blocksHigh];
    for (int by = 0; by < c.blocksHigh; by++) {
      for (int bx = 0; bx < c.blocksWide; bx++) {
        int s = 0;
        for (int v = 0; v < fv; v++) {
          for (int h = 0; h < fh; h++) {
            s += luma[(by * fv + v) * y.blocksWide + bx * fh + h];
          }
        }
        f[by * c.blocksWide + bx] = s / (fh * fv);
      }
    }
    return f;
  }

  /** The trellis lambda of a block of eroded activity {@code activity}. */
  static int lambda(int activity, EncoderTuning t) {
    long f16 = Math.min(16 + 16L * activity / t.maskingActivity, t.maskingMax16);
    return (int) ((t.lambda * f16) >> 4);
  }
}
