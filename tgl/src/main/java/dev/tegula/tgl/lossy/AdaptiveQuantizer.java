package dev.tegula.tgl.lossy;

/**
 * Encoder side of adaptive quantization (docs/format-lossy.md §6.2): picks one level per 16x16
 * macroblock from how much texture it has. Texture masks quantization noise, so busy macroblocks
 * get coarser steps and flat ones (where blocking and banding show) finer ones. The rule is x264's
 * variance AQ (encoder/ratecontrol.c: step proportional to E^(0.17 strength), E the macroblock's AC
 * energy), quantized to the eight levels the format signals. Only the chosen levels are coded, so
 * a later encoder may choose them differently without a format change.
 */
final class AdaptiveQuantizer {
  /** log2 of x264's reference energy (2^14.43) in 1/16 units. */
  private static final int REF_LOG16 = 231;

  private AdaptiveQuantizer() {}

  /**
   * Fills {@code levels[mby * mbw + mbx]} from the luma coefficients {@code coef} (8x the
   * orthonormal DCT, natural order, 64 per block, {@code bw} blocks per row). {@code gain} is the
   * strength in 1/256 level per 1/16 log2 step; 0 disables AQ.
   */
  static void levels(short[] coef, int bw, int mbw, int mbh, int gain, int offset16, int maxLevel,
      byte[] levels) {
    for (int my = 0; my < mbh; my++) {
      for (int mx = 0; mx < mbw; mx++) {
        long energy = 0;
        for (int b = 0; b < 4; b++) {
          int off = ((2 * my + (b >> 1)) * bw + 2 * mx + (b & 1)) * 64;
          for (int k = 1; k < 64; k++) {
            long c = coef[off + k];
            energy += c * c;
          }
        }
        // Sum of c^2 over the blocks = 64 x the pixel variance sum (Parseval, c = 8F).
        int lg = log2x16((energy >> 6) + 1);
        int level = Quantizer.AQ_NEUTRAL
            + (((lg - REF_LOG16 - offset16) * gain + 128) >> 8);
        levels[my * mbw + mx] = (byte) (level < 0 ? 0 : level > maxLevel ? maxLevel : level);
      }
    }
  }

  /** log2(v) in 1/16 units, mantissa linearly interpolated (integer, so encoders agree). */
  static int log2x16(long v) {
    if (v <= 1) {
      return 0;
    }
    int e = 63 - Long.numberOfLeadingZeros(v);
    long frac = e >= 4 ? (v >> (e - 4)) & 15 : (v << (4 - e)) & 15;
    return e * 16 + (int) frac;
  }
}
