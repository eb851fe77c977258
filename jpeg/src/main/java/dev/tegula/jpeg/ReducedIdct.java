package dev.tegula.jpeg;

import static dev.tegula.core.dct.IslowDct.CONST_BITS;
import static dev.tegula.core.dct.IslowDct.FIX_0_765366865;
import static dev.tegula.core.dct.IslowDct.FIX_0_899976223;
import static dev.tegula.core.dct.IslowDct.FIX_1_847759065;
import static dev.tegula.core.dct.IslowDct.FIX_2_562915447;
import static dev.tegula.core.dct.IslowDct.PASS1_BITS;
import static dev.tegula.jpeg.Idct.RANGE_LIMIT;
import static dev.tegula.jpeg.Idct.dequant;

/**
 * Dequantization and inverse DCT of an 8x8 block to 4x4, 2x2 or 1x1 samples, for a decode at
 * 1/2, 1/4 or 1/8 of the image's size: bit-exact with libjpeg-turbo's {@code jpeg_idct_4x4},
 * {@code jpeg_idct_2x2} and {@code jpeg_idct_1x1} (jidctred.c), which djpeg's {@code -scale}
 * uses. Each 8-to-4 (8-to-2) step of the Loeffler-Ligtenberg-Moschytz transform produces the
 * averages of two (four) adjacent outputs of the full one, so the result is close to a box
 * average of the full decode for a fraction of its work; T.81 §A.3.3 leaves the IDCT's precision
 * to the decoder. Coefficient row 4 (and rows 2 and 6 for 2x2) does not contribute, as in
 * jidctred.c. Range limiting as {@link Idct}'s.
 */
final class ReducedIdct {
  private static final int FIX_0_211164243 = 1730;
  private static final int FIX_0_509795579 = 4176;
  private static final int FIX_0_601344887 = 4926;
  private static final int FIX_0_720959822 = 5906;
  private static final int FIX_0_850430095 = 6967;
  private static final int FIX_1_061594337 = 8697;
  private static final int FIX_1_272758580 = 10426;
  private static final int FIX_1_451774981 = 11893;
  private static final int FIX_2_172734803 = 17799;
  private static final int FIX_3_624509785 = 29692;

  /** Workspace between the passes (4 rows of 8, as jidctred.c's); one per decode. */
  private final int[] ws = new int[32];

  /** jpeg_idct_4x4: the block at {@code coef[off..off+63]} to 4x4 samples at {@code out[o]}. */
  void transform4(short[] coef, int off, int[] quant, byte[] out, int o, int stride) {
    final int[] w = ws;
    // A local: TeaVM checks Idct is initialized at every read of its static field.
    final byte[] limit = RANGE_LIMIT;
    for (int col = 0; col < 8; col++) {
      if (col == 4) {
        continue; // the second pass does not read it
      }
      int c = off + col;
      if ((coef[c + 8] | coef[c + 16] | coef[c + 24] | coef[c + 40] | coef[c + 48]
          | coef[c + 56]) == 0) {
        int dc = dequant(coef[c], quant[col]) << PASS1_BITS;
        w[col] = dc;
        w[col + 8] = dc;
        w[col + 16] = dc;
        w[col + 24] = dc;
        continue;
      }
      int tmp0 = dequant(coef[c], quant[col]) << (CONST_BITS + 1);
      int tmp2 = dequant(coef[c + 16], quant[col + 16]) * FIX_1_847759065
          + dequant(coef[c + 48], quant[col + 48]) * -FIX_0_765366865;
      int tmp10 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int z1 = dequant(coef[c + 56], quant[col + 56]);
      int z2 = dequant(coef[c + 40], quant[col + 40]);
      int z3 = dequant(coef[c + 24], quant[col + 24]);
      int z4 = dequant(coef[c + 8], quant[col + 8]);
      tmp0 = z1 * -FIX_0_211164243 + z2 * FIX_1_451774981 + z3 * -FIX_2_172734803
          + z4 * FIX_1_061594337;
      tmp2 = z1 * -FIX_0_509795579 + z2 * -FIX_0_601344887 + z3 * FIX_0_899976223
          + z4 * FIX_2_562915447;
      final int shift = CONST_BITS - PASS1_BITS + 1;
      final int round = 1 << (shift - 1);
      w[col] = (tmp10 + tmp2 + round) >> shift;
      w[col + 24] = (tmp10 - tmp2 + round) >> shift;
      w[col + 8] = (tmp12 + tmp0 + round) >> shift;
      w[col + 16] = (tmp12 - tmp0 + round) >> shift;
    }
    final int shift = CONST_BITS + PASS1_BITS + 3 + 1;
    final int round = 1 << (shift - 1);
    for (int row = 0; row < 4; row++) {
      int r = row << 3;
      int p = o + row * stride;
      if ((w[r + 1] | w[r + 2] | w[r + 3] | w[r + 5] | w[r + 6] | w[r + 7]) == 0) {
        byte v = limit[((w[r] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
        out[p] = v;
        out[p + 1] = v;
        out[p + 2] = v;
        out[p + 3] = v;
        continue;
      }
      int tmp0 = w[r] << (CONST_BITS + 1);
      int tmp2 = w[r + 2] * FIX_1_847759065 + w[r + 6] * -FIX_0_765366865;
      int tmp10 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int z1 = w[r + 7];
      int z2 = w[r + 5];
      int z3 = w[r + 3];
      int z4 = w[r + 1];
      tmp0 = z1 * -FIX_0_211164243 + z2 * FIX_1_451774981 + z3 * -FIX_2_172734803
          + z4 * FIX_1_061594337;
      tmp2 = z1 * -FIX_0_509795579 + z2 * -FIX_0_601344887 + z3 * FIX_0_899976223
          + z4 * FIX_2_562915447;
      out[p] = limit[((tmp10 + tmp2 + round) >> shift) & 1023];
      out[p + 3] = limit[((tmp10 - tmp2 + round) >> shift) & 1023];
      out[p + 1] = limit[((tmp12 + tmp0 + round) >> shift) & 1023];
      out[p + 2] = limit[((tmp12 - tmp0 + round) >> shift) & 1023];
    }
  }

  /** jpeg_idct_2x2: the block to 2x2 samples at {@code out[o]}. */
  void transform2(short[] coef, int off, int[] quant, byte[] out, int o, int stride) {
    final int[] w = ws;
    // A local: TeaVM checks Idct is initialized at every read of its static field.
    final byte[] limit = RANGE_LIMIT;
    for (int col = 0; col < 8; col++) {
      if (col == 2 || col == 4 || col == 6) {
        continue; // the second pass does not read them
      }
      int c = off + col;
      if ((coef[c + 8] | coef[c + 24] | coef[c + 40] | coef[c + 56]) == 0) {
        int dc = dequant(coef[c], quant[col]) << PASS1_BITS;
        w[col] = dc;
        w[col + 8] = dc;
        continue;
      }
      int tmp10 = dequant(coef[c], quant[col]) << (CONST_BITS + 2);
      int tmp0 = dequant(coef[c + 56], quant[col + 56]) * -FIX_0_720959822
          + dequant(coef[c + 40], quant[col + 40]) * FIX_0_850430095
          + dequant(coef[c + 24], quant[col + 24]) * -FIX_1_272758580
          + dequant(coef[c + 8], quant[col + 8]) * FIX_3_624509785;
      final int shift = CONST_BITS - PASS1_BITS + 2;
      final int round = 1 << (shift - 1);
      w[col] = (tmp10 + tmp0 + round) >> shift;
      w[col + 8] = (tmp10 - tmp0 + round) >> shift;
    }
    final int shift = CONST_BITS + PASS1_BITS + 3 + 2;
    final int round = 1 << (shift - 1);
    for (int row = 0; row < 2; row++) {
      int r = row << 3;
      int p = o + row * stride;
      if ((w[r + 1] | w[r + 3] | w[r + 5] | w[r + 7]) == 0) {
        byte v = limit[((w[r] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
        out[p] = v;
        out[p + 1] = v;
        continue;
      }
      int tmp10 = w[r] << (CONST_BITS + 2);
      int tmp0 = w[r + 7] * -FIX_0_720959822 + w[r + 5] * FIX_0_850430095
          + w[r + 3] * -FIX_1_272758580 + w[r + 1] * FIX_3_624509785;
      out[p] = limit[((tmp10 + tmp0 + round) >> shift) & 1023];
      out[p + 1] = limit[((tmp10 - tmp0 + round) >> shift) & 1023];
    }
  }

  /** jpeg_idct_1x1: the block's mean, its DC over 8. */
  static void transform1(short[] coef, int off, int[] quant, byte[] out, int o) {
    out[o] = RANGE_LIMIT[((dequant(coef[off], quant[0]) + 4) >> 3) & 1023];
  }
}
