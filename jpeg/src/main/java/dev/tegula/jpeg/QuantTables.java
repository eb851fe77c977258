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
   * Psychovisual base tables, 1/8 units. Smooth in the radial frequency r = |(u, v)| / |(7, 7)|:
   * value = b (1 + a r^p), DC = b dc. Luminance b 15, a 4, p 1.2, dc 1.1; Cb b 18, a 4, p 1,
   * dc 1; Cr b 14, a 4, p 1, dc 1 (the eye resolves red-green detail better than blue-yellow).
   * Against Annex K they are much flatter: finer at high frequencies, where K's steep steps blur
   * texture, coarser at the low chroma ones. Chosen by rate-distortion runs (SSIM, butteraugli)
   * over the developer photo corpus; see JpegEncoder.
   */
  static final int[] PSY_LUMA = {
    132, 151, 190, 235, 282, 331, 383, 437,
    151, 166, 201, 242, 288, 337, 388, 441,
    190, 201, 227, 263, 305, 351, 400, 452,
    235, 242, 263, 294, 331, 374, 421, 470,
    282, 288, 305, 331, 365, 405, 448, 495,
    331, 337, 351, 374, 405, 441, 481, 526,
    383, 388, 400, 421, 448, 481, 519, 561,
    437, 441, 452, 470, 495, 526, 561, 600
  };

  static final int[] PSY_CB = {
    144, 202, 260, 319, 377, 435, 493, 551,
    202, 226, 274, 328, 384, 441, 498, 555,
    260, 274, 309, 354, 404, 457, 512, 568,
    319, 328, 354, 391, 435, 483, 534, 587,
    377, 384, 404, 435, 473, 517, 564, 613,
    435, 441, 457, 483, 517, 555, 598, 645,
    493, 498, 512, 534, 564, 598, 638, 680,
    551, 555, 568, 587, 613, 645, 680, 720
  };

  static final int[] PSY_CR = {
    112, 157, 203, 248, 293, 338, 384, 429,
    157, 176, 213, 255, 299, 343, 387, 432,
    203, 213, 240, 275, 314, 356, 398, 441,
    248, 255, 275, 304, 338, 376, 416, 457,
    293, 299, 314, 338, 368, 402, 438, 477,
    338, 343, 356, 376, 402, 432, 465, 501,
    384, 387, 398, 416, 438, 465, 496, 529,
    429, 432, 441, 457, 477, 501, 529, 560
  };

  /**
   * Psychovisual tables: [luma] or [luma, Cb, Cr], separate chroma tables because the eye is
   * less sensitive to blue-yellow than to red-green detail. Scaled with libjpeg's quality curve
   * at {@link #effectiveQuality}, for a quality in hundredths (see {@link #between}).
   */
  static int[][] psychovisual(int hundredths, int components, boolean fullChroma,
      EncoderTuning t) {
    int q = hundredths / 100;
    int f = hundredths % 100;
    int scale = psychovisualScale(hundredths);
    if (components == 1) {
      return new int[][] {scaled8(t.lumaBase, scale)};
    }
    int chroma = fullChroma ? between(wholeScale(q, t.chroma444Scale), q < 100
        ? wholeScale(q + 1, t.chroma444Scale) : 0, f) : scale;
    return new int[][] {scaled8(t.lumaBase, scale), scaled8(t.cbBase, chroma),
        scaled8(t.crBase, chroma)};
  }

  /** The luma (and 4:2:0 chroma) scale in hundredths of a percent at a fine quality. */
  static int psychovisualScale(int hundredths) {
    int q = hundredths / 100;
    return between(wholeScale(q, 16), q < 100 ? wholeScale(q + 1, 16) : 0, hundredths % 100);
  }

  /**
   * A whole quality's scale in hundredths of a percent: libjpeg's at {@link #effectiveQuality},
   * or where that equals the quality below's (26, 31, ..., 96), halfway to the next effective
   * quality's, so that every whole quality has its own tables and the fine scale never stands
   * still for a whole unit. The other qualities keep their tables and bytes exactly.
   */
  static int wholeScale(int quality) {
    return wholeScale(quality, 16);
  }

  /**
   * {@link #wholeScale} with libjpeg's percentage scaled by {@code sixteenths} / 16 before it
   * is taken to hundredths (4:4:4 chroma: {@code EncoderTuning.chroma444Scale}), as the whole
   * percent formulas rounded it.
   */
  private static int wholeScale(int quality, int sixteenths) {
    int e = effectiveQuality(quality);
    int s = ijgScale(e) * sixteenths / 16 * 100;
    return sharesTheQualityBelow(quality) ? (s + ijgScale(e + 1) * sixteenths / 16 * 100) / 2 : s;
  }

  /** Whether the effective quality, rounded down, is the quality below's too. */
  static boolean sharesTheQualityBelow(int quality) {
    return quality > 1 && quality < 100
        && effectiveQuality(quality) == effectiveQuality(quality - 1);
  }

  /**
   * A scale in hundredths of a percent, {@code f} hundredths of the way from the whole quality's
   * scale {@code s0} to the next one's {@code s1} (both hundredths of a percent). Linear between
   * the whole qualities' own scales rather than libjpeg's formula at the fraction, so that a
   * whole quality keeps its integer-rounded scale and its exact bytes; the scales never grow with
   * the quality, so neither does any step.
   */
  static int between(int s0, int s1, int f) {
    return s0 + (s1 - s0) * f / 100;
  }

  /** A base table in 1/8 units scaled by {@code scale100} hundredths of a percent. */
  static int[] scaled8(int[] base8, int scale100) {
    int[] t = new int[64];
    for (int i = 0; i < 64; i++) {
      t[i] = clamp((base8[i] * scale100 + 40000) / 80000);
    }
    return t;
  }

  /**
   * The quality on libjpeg's curve that our tables use for a quality asked for: q + (100 - q) / 5
   * from 25 on, 1.6 q below. The flatter tables need finer steps for the same look, and with this
   * shift a quality gives about the SSIM of cjpeg at the same quality (measured on the developer
   * corpus: within 0.01 from 20 to 95), at fewer bytes.
   */
  static int effectiveQuality(int quality) {
    return quality < 25 ? quality * 8 / 5 : (4 * quality + 100) / 5;
  }

  /** libjpeg's percentage scale for a quality 0-100 (0 is treated as 1). */
  static int ijgScale(int quality) {
    int q = Math.max(1, Math.min(100, quality));
    return q < 50 ? 5000 / q : 200 - 2 * q;
  }

  /** Tables for 1 or 3 components: [luma] or [luma, chroma] (Cb and Cr share table 1). */
  static int[][] classic(int hundredths, int components) {
    int q = hundredths / 100;
    int scale = between(ijgScale(q) * 100, q < 100 ? ijgScale(q + 1) * 100 : 0,
        hundredths % 100);
    int[][] t = new int[components == 1 ? 1 : 2][];
    t[0] = scaled(ANNEX_K_LUMA, scale);
    if (components > 1) {
      t[1] = scaled(ANNEX_K_CHROMA, scale);
    }
    return t;
  }

  /** A base table scaled by {@code scale100} hundredths of a percent. */
  static int[] scaled(int[] base, int scale100) {
    int[] t = new int[64];
    for (int i = 0; i < 64; i++) {
      t[i] = clamp((base[i] * scale100 + 5000) / 10000);
    }
    return t;
  }

  static int clamp(int v) {
    return v < 1 ? 1 : Math.min(v, 255);
  }
}
