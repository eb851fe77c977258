package dev.tegula.jpeg;

/**
 * Quantization tables (T.81 §A.3.4, §B.2.4.1), natural order, 8-bit values 1-255 so that every
 * file stays baseline-compatible.
 *
 * <p>Classic tables are the examples of T.81 Annex K.1 (Tables K.1, K.2) scaled as libjpeg's
 * {@code jpeg_quality_scaling} does, giving cjpeg's files for the same quality.
 */
final class QuantTables {
  private QuantTables() {}

  static final int[] ANNEX_K_LUMA = {
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99
  };

  static final int[] ANNEX_K_CHROMA = {
    17, 18, 24, 47, 99, 99, 99, 99,
    18, 21, 26, 66, 99, 99, 99, 99,
    24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99
  };

  /*
   * Psychovisual base tables, 1/8 units. Smooth in the radial frequency r = |(u, v)| / |(7, 7)|,
   * value = b (1 + a r^p) with DC = b dc: luminance b 14, a 5, p 1.5, dc 1.1; Cb b 18, a 6, p 1,
   * dc 1; Cr b 14, a 6, p 1, dc 1. Against Annex K they spend more bits on the high luminance
   * frequencies, where K's steep steps blur texture, and fewer on the low chroma ones; found by
   * rate-distortion runs (SSIM and butteraugli) over the developer photo corpus.
   */
  static final int[] PSY_LUMA = {
    123, 130, 163, 205, 256, 313, 376, 445,
    130, 142, 172, 213, 263, 319, 382, 450,
    163, 172, 198, 235, 282, 337, 398, 465,
    205, 213, 235, 269, 313, 365, 424, 490,
    256, 263, 282, 313, 354, 403, 460, 524,
    313, 319, 337, 365, 403, 450, 504, 566,
    376, 382, 398, 424, 460, 504, 556, 615,
    445, 450, 465, 490, 524, 566, 615, 672
  };

  static final int[] PSY_CB = {
    144, 231, 319, 406, 493, 580, 668, 755,
    231, 267, 339, 420, 504, 589, 675, 761,
    319, 339, 391, 459, 534, 614, 696, 779,
    406, 420, 459, 514, 580, 653, 729, 809,
    493, 504, 534, 580, 638, 703, 773, 848,
    580, 589, 614, 653, 703, 761, 826, 895,
    668, 675, 696, 729, 773, 826, 885, 949,
    755, 761, 779, 809, 848, 895, 949, 1008
  };

  static final int[] PSY_CR = {
    112, 180, 248, 316, 384, 451, 519, 587,
    180, 208, 264, 327, 392, 458, 525, 592,
    248, 264, 304, 357, 416, 478, 541, 606,
    316, 327, 357, 400, 451, 508, 567, 629,
    384, 392, 416, 451, 496, 547, 602, 659,
    451, 458, 478, 508, 547, 592, 642, 696,
    519, 525, 541, 567, 602, 642, 688, 738,
    587, 592, 606, 629, 659, 696, 738, 784
  };

  /**
   * Psychovisual tables: [luma] or [luma, Cb, Cr], separate chroma tables because the eye is
   * less sensitive to blue-yellow than to red-green detail. Scaled with libjpeg's quality curve.
   */
  static int[][] psychovisual(int quality, int components, boolean fullChroma,
      EncoderTuning t) {
    int scale = ijgScale(quality);
    if (components == 1) {
      return new int[][] {scaled8(t.lumaBase, scale)};
    }
    int chroma = fullChroma ? scale * t.chroma444Scale / 16 : scale;
    return new int[][] {scaled8(t.lumaBase, scale), scaled8(t.cbBase, chroma),
        scaled8(t.crBase, chroma)};
  }

  static int[] scaled8(int[] base8, int percent) {
    int[] t = new int[64];
    for (int i = 0; i < 64; i++) {
      t[i] = clamp((base8[i] * percent + 400) / 800);
    }
    return t;
  }

  /** libjpeg's percentage scale for a quality 0-100 (0 is treated as 1). */
  static int ijgScale(int quality) {
    int q = Math.max(1, Math.min(100, quality));
    return q < 50 ? 5000 / q : 200 - 2 * q;
  }

  /** Tables for 1 or 3 components: [luma] or [luma, chroma] (Cb and Cr share table 1). */
  static int[][] classic(int quality, int components) {
    int scale = ijgScale(quality);
    int[][] t = new int[components == 1 ? 1 : 2][];
    t[0] = scaled(ANNEX_K_LUMA, scale);
    if (components > 1) {
      t[1] = scaled(ANNEX_K_CHROMA, scale);
    }
    return t;
  }

  static int[] scaled(int[] base, int percent) {
    int[] t = new int[64];
    for (int i = 0; i < 64; i++) {
      t[i] = clamp((base[i] * percent + 50) / 100);
    }
    return t;
  }

  static int clamp(int v) {
    return v < 1 ? 1 : Math.min(v, 255);
  }
}
