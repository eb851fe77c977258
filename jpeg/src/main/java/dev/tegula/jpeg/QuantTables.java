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
