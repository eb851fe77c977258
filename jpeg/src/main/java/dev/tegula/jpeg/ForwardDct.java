package dev.tegula.jpeg;

/**
 * The forward DCT of T.81 §A.3.3 by the Loeffler-Ligtenberg-Moschytz factorisation in 13-bit fixed
 * point, as libjpeg's jfdctint.c ("islow"), all in 32-bit integers so that every platform gives the
 * same coefficients. The input carries two fractional bits ({@link ColorToYcc}), which take the
 * place of jfdctint's PASS1_BITS: the intermediate values have the same range as libjpeg's and
 * cannot overflow. Output: coefficients times 8 (three fractional bits), natural order.
 */
final class ForwardDct {
  private ForwardDct() {}

  private static final int CONST_BITS = 13;
  private static final int FIX_0_298631336 = 2446;
  private static final int FIX_0_390180644 = 3196;
  private static final int FIX_0_541196100 = 4433;
  private static final int FIX_0_765366865 = 6270;
  private static final int FIX_0_899976223 = 7373;
  private static final int FIX_1_175875602 = 9633;
  private static final int FIX_1_501321110 = 12299;
  private static final int FIX_1_847759065 = 15137;
  private static final int FIX_1_961570560 = 16069;
  private static final int FIX_2_053119869 = 16819;
  private static final int FIX_2_562915447 = 20995;
  private static final int FIX_3_072711026 = 25172;

  private static final int ROUND1 = 1 << (CONST_BITS - 1);
  /** Pass 2 also removes the factor 4 of the input: 32 * F becomes 8 * F. */
  private static final int SHIFT2 = CONST_BITS + 2;
  private static final int ROUND2 = 1 << (SHIFT2 - 1);

  /**
   * Transforms the 8x8 block at {@code in[off]} (rows {@code stride} apart) into
   * {@code out[outOff .. outOff + 63]}; {@code ws} is 64 ints of workspace.
   */
  static void transform(int[] in, int off, int stride, int[] ws, short[] out, int outOff) {
    for (int r = 0; r < 8; r++) {
      int i = off + r * stride;
      int w = r * 8;
      int tmp0 = in[i] + in[i + 7];
      int tmp7 = in[i] - in[i + 7];
      int tmp1 = in[i + 1] + in[i + 6];
      int tmp6 = in[i + 1] - in[i + 6];
      int tmp2 = in[i + 2] + in[i + 5];
      int tmp5 = in[i + 2] - in[i + 5];
      int tmp3 = in[i + 3] + in[i + 4];
      int tmp4 = in[i + 3] - in[i + 4];

      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      ws[w] = tmp10 + tmp11;
      ws[w + 4] = tmp10 - tmp11;
      int z1 = (tmp12 + tmp13) * FIX_0_541196100;
      ws[w + 2] = (z1 + tmp13 * FIX_0_765366865 + ROUND1) >> CONST_BITS;
      ws[w + 6] = (z1 - tmp12 * FIX_1_847759065 + ROUND1) >> CONST_BITS;

      z1 = tmp4 + tmp7;
      int z2 = tmp5 + tmp6;
      int z3 = tmp4 + tmp6;
      int z4 = tmp5 + tmp7;
      int z5 = (z3 + z4) * FIX_1_175875602;
      tmp4 *= FIX_0_298631336;
      tmp5 *= FIX_2_053119869;
      tmp6 *= FIX_3_072711026;
      tmp7 *= FIX_1_501321110;
      z1 *= -FIX_0_899976223;
      z2 *= -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560 + z5;
      z4 = z4 * -FIX_0_390180644 + z5;
      ws[w + 7] = (tmp4 + z1 + z3 + ROUND1) >> CONST_BITS;
      ws[w + 5] = (tmp5 + z2 + z4 + ROUND1) >> CONST_BITS;
      ws[w + 3] = (tmp6 + z2 + z3 + ROUND1) >> CONST_BITS;
      ws[w + 1] = (tmp7 + z1 + z4 + ROUND1) >> CONST_BITS;
    }
    for (int c = 0; c < 8; c++) {
      int tmp0 = ws[c] + ws[c + 56];
      int tmp7 = ws[c] - ws[c + 56];
      int tmp1 = ws[c + 8] + ws[c + 48];
      int tmp6 = ws[c + 8] - ws[c + 48];
      int tmp2 = ws[c + 16] + ws[c + 40];
      int tmp5 = ws[c + 16] - ws[c + 40];
      int tmp3 = ws[c + 24] + ws[c + 32];
      int tmp4 = ws[c + 24] - ws[c + 32];

      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      int o = outOff + c;
      out[o] = (short) ((tmp10 + tmp11 + 2) >> 2);
      out[o + 32] = (short) ((tmp10 - tmp11 + 2) >> 2);
      int z1 = (tmp12 + tmp13) * FIX_0_541196100;
      out[o + 16] = (short) ((z1 + tmp13 * FIX_0_765366865 + ROUND2) >> SHIFT2);
      out[o + 48] = (short) ((z1 - tmp12 * FIX_1_847759065 + ROUND2) >> SHIFT2);

      z1 = tmp4 + tmp7;
      int z2 = tmp5 + tmp6;
      int z3 = tmp4 + tmp6;
      int z4 = tmp5 + tmp7;
      int z5 = (z3 + z4) * FIX_1_175875602;
      tmp4 *= FIX_0_298631336;
      tmp5 *= FIX_2_053119869;
      tmp6 *= FIX_3_072711026;
      tmp7 *= FIX_1_501321110;
      z1 *= -FIX_0_899976223;
      z2 *= -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560 + z5;
      z4 = z4 * -FIX_0_390180644 + z5;
      out[o + 56] = (short) ((tmp4 + z1 + z3 + ROUND2) >> SHIFT2);
      out[o + 40] = (short) ((tmp5 + z2 + z4 + ROUND2) >> SHIFT2);
      out[o + 24] = (short) ((tmp6 + z2 + z3 + ROUND2) >> SHIFT2);
      out[o + 8] = (short) ((tmp7 + z1 + z4 + ROUND2) >> SHIFT2);
    }
  }
}
