package dev.tegula.jpeg;

/**
 * Converts rows of full-resolution component samples to RGBA8 as djpeg writes them: YCbCr to RGB
 * with libjpeg-turbo's jdcolor.c tables (FIX(1.40200), FIX(1.77200), -FIX(0.71414),
 * -FIX(0.34414) in 16-bit fixed point with ONE_HALF rounding, T.871 §7), grayscale replicated,
 * RGB copied, CMYK to RGB as libjpeg-turbo's cmyk.h {@code cmyk_to_rgb} (R = C * K / 255 rounded),
 * and YCCK first to CMYK as jdcolor.c {@code ycck_cmyk_convert}.
 */
final class ColorConverter {
  static final int GRAY = 0;
  static final int YCBCR = 1;
  static final int RGB = 2;
  static final int CMYK = 3;
  static final int YCCK = 4;

  private static final int SCALEBITS = 16;
  private static final int ONE_HALF = 1 << (SCALEBITS - 1);

  static final int FIX_1_40200 = 91881; // FIX(1.40200) = (int) (1.40200 * 65536 + 0.5)
  static final int FIX_1_77200 = 116130;
  static final int FIX_0_71414 = 46802;
  static final int FIX_0_34414 = 22554;

  static final int[] CR_R = new int[256];
  static final int[] CB_B = new int[256];
  static final int[] CR_G = new int[256];
  static final int[] CB_G = new int[256];

  static {
    final int fixCrR = FIX_1_40200;
    final int fixCbB = FIX_1_77200;
    final int fixCrG = FIX_0_71414;
    final int fixCbG = FIX_0_34414;
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fixCrR * x + ONE_HALF) >> SCALEBITS;
      CB_B[i] = (fixCbB * x + ONE_HALF) >> SCALEBITS;
      CR_G[i] = -fixCrG * x;
      CB_G[i] = -fixCbG * x + ONE_HALF;
    }
  }

  private ColorConverter() {}

  private static int clamp(int v) {
    return v < 0 ? 0 : (v > 255 ? 255 : v);
  }

  /** C * K / 255 rounded to nearest, as (int) (c * k / 255.0 + 0.5) in integers. */
  static int mulDiv255(int c, int k) {
    return (2 * c * k + 255) / 510;
  }

  /**
   * Converts {@code width} pixels of one row: component n's samples are at
   * {@code arrays[n][offsets[n] + x]}; pixel x goes to {@code out[x]}, packed R | G << 8 |
   * B << 16 | A << 24.
   */
  static void convert(int space, byte[][] arrays, int[] offsets, int width, int[] out) {
    switch (space) {
      case GRAY: {
        byte[] g = arrays[0];
        int gi = offsets[0];
        for (int x = 0; x < width; x++) {
          int v = g[gi + x] & 0xFF;
          out[x] = v * 0x010101 | 0xFF000000;
        }
        break;
      }
      case YCBCR: {
        byte[] ya = arrays[0];
        byte[] cba = arrays[1];
        byte[] cra = arrays[2];
        int yi = offsets[0];
        int cbi = offsets[1];
        int cri = offsets[2];
        for (int x = 0; x < width; x++) {
          int y = ya[yi + x] & 0xFF;
          int cb = (cba[cbi + x] & 0xFF) - 128;
          int cr = (cra[cri + x] & 0xFF) - 128;
          // The jdcolor.c table entries, computed: Cr_r_tab, Cb_g_tab + Cr_g_tab, Cb_b_tab.
          int r = y + ((FIX_1_40200 * cr + ONE_HALF) >> SCALEBITS);
          int g = y + ((ONE_HALF - FIX_0_34414 * cb - FIX_0_71414 * cr) >> SCALEBITS);
          int b = y + ((FIX_1_77200 * cb + ONE_HALF) >> SCALEBITS);
          out[x] = ((r & ~255) == 0 ? r : (r < 0 ? 0 : 255))
              | ((g & ~255) == 0 ? g : (g < 0 ? 0 : 255)) << 8
              | ((b & ~255) == 0 ? b : (b < 0 ? 0 : 255)) << 16
              | 0xFF000000;
        }
        break;
      }
      case RGB: {
        byte[] ra = arrays[0];
        byte[] ga = arrays[1];
        byte[] ba = arrays[2];
        int ri = offsets[0];
        int gi = offsets[1];
        int bi = offsets[2];
        for (int x = 0; x < width; x++) {
          out[x] = (ra[ri + x] & 0xFF) | (ga[gi + x] & 0xFF) << 8 | (ba[bi + x] & 0xFF) << 16
              | 0xFF000000;
        }
        break;
      }
      case CMYK: {
        byte[] ca = arrays[0];
        byte[] ma = arrays[1];
        byte[] ya = arrays[2];
        byte[] ka = arrays[3];
        int ci = offsets[0];
        int mi = offsets[1];
        int yi = offsets[2];
        int ki = offsets[3];
        for (int x = 0; x < width; x++) {
          int k = ka[ki + x] & 0xFF;
          out[x] = mulDiv255(ca[ci + x] & 0xFF, k) | mulDiv255(ma[mi + x] & 0xFF, k) << 8
              | mulDiv255(ya[yi + x] & 0xFF, k) << 16 | 0xFF000000;
        }
        break;
      }
      default: { // YCCK
        byte[] ya = arrays[0];
        byte[] cba = arrays[1];
        byte[] cra = arrays[2];
        byte[] ka = arrays[3];
        int yi = offsets[0];
        int cbi = offsets[1];
        int cri = offsets[2];
        int ki = offsets[3];
        for (int x = 0; x < width; x++) {
          int y = ya[yi + x] & 0xFF;
          int cb = cba[cbi + x] & 0xFF;
          int cr = cra[cri + x] & 0xFF;
          int k = ka[ki + x] & 0xFF;
          int c = clamp(255 - (y + CR_R[cr]));
          int m = clamp(255 - (y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS)));
          int yy = clamp(255 - (y + CB_B[cb]));
          out[x] = mulDiv255(c, k) | mulDiv255(m, k) << 8 | mulDiv255(yy, k) << 16
              | 0xFF000000;
        }
        break;
      }
    }
  }
}
