package dev.tegula.core.dct;

/**
 * The integer 8x8 DCT that the JPEG codec and the .tgl lossy mode both use: the
 * Loeffler-Ligtenberg-Moschytz factorisation with 13-bit constants of libjpeg's "islow" transform
 * (jfdctint.c, jidctint.c), T.81 §A.3.3. It lives in core because jpeg and tgl depend only on core
 * and the numbers must be one: jpeg's decoder is bit-exact with djpeg, and docs/format-lossy.md §5
 * makes this arithmetic normative for .tgl, so a constant changed in one copy would silently split
 * the formats.
 *
 * <p>Shared here: the constants, the whole forward transform (both encoders run the same
 * jfdctint passes; the JPEG encoder's input already has the two fractional bits that tgl's gets by
 * a shift, see {@link #forwardRows}) and the column pass of the inverse on dequantized
 * coefficients (jpeg dequantizes into the workspace first, which measured faster than its fused
 * dequantizing pass). The inverse row passes stay in their modules: their output stages differ
 * (jpeg: modulo-1024 range-limit table into bytes, as djpeg; tgl: +128 folded into the rounding
 * and a clamp into shorts), and so does their 32-bit wrap-around for out-of-range coefficients
 * (tgl shifts its level shift up with the value, jpeg's row shortcut never shifts up), so one
 * shared row pass would change pixels of damaged or hostile files, and writing the rows to a
 * workspace for a separate output loop would add a pass per block. The sparse variants (DC-only,
 * top-left 4x4) stay for the same reason: each fuses its module's output stage with a butterfly
 * that has the zero terms left out. The constants are compile-time constants, so javac copies
 * them into the users' bytecode: referring to them here costs nothing at run time.
 *
 * <p>All arithmetic is 32-bit integer, so HotSpot and WebAssembly agree bit for bit. Each pass is
 * one static method over primitive arrays that allocates nothing; they are compiled on their own
 * (too large to inline, as the per-module copies were), so their shifts are fixed, not parameters.
 */
public final class IslowDct {
  private IslowDct() {}

  public static final int CONST_BITS = 13;
  /** The extra precision between the two passes of jfdctint/jidctint. */
  public static final int PASS1_BITS = 2;

  public static final int FIX_0_298631336 = 2446;
  public static final int FIX_0_390180644 = 3196;
  public static final int FIX_0_541196100 = 4433;
  public static final int FIX_0_765366865 = 6270;
  public static final int FIX_0_899976223 = 7373;
  public static final int FIX_1_175875602 = 9633;
  public static final int FIX_1_501321110 = 12299;
  public static final int FIX_1_847759065 = 15137;
  public static final int FIX_1_961570560 = 16069;
  public static final int FIX_2_053119869 = 16819;
  public static final int FIX_2_562915447 = 20995;
  public static final int FIX_3_072711026 = 25172;

  /**
   * jfdctint's pass 1: the 1-D DCT of the 8 rows at {@code in[off]} (rows {@code stride} apart)
   * into {@code ws[0..63]}, natural order. The input must already carry PASS1_BITS fractional
   * bits (samples times 4, as the JPEG encoder's colour conversion leaves them): jfdctint's
   * {@code dc << PASS1_BITS} and {@code DESCALE(ac, CONST_BITS - PASS1_BITS)} on the samples are
   * then exactly {@code dc} and {@code DESCALE(ac, CONST_BITS)} on the input, so this pass needs
   * no scaling of its own. Fixed shifts, not a parameter: the pass is too large for the JIT to
   * inline (469 bytes of bytecode), so a parameter would stay a variable shift in the compiled
   * code, measured 3-4% slower. {@code in} may be {@code ws} (with off 0, stride 8): each row is
   * read before it is written.
   */
  public static void forwardRows(int[] in, int off, int stride, int[] ws) {
    final int round = 1 << (CONST_BITS - 1);
    for (int r = 0; r < 8; r++) {
      int i = off + r * stride;
      int w = r << 3;
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
      ws[w + 2] = (z1 + tmp13 * FIX_0_765366865 + round) >> CONST_BITS;
      ws[w + 6] = (z1 - tmp12 * FIX_1_847759065 + round) >> CONST_BITS;

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
      ws[w + 7] = (tmp4 + z1 + z3 + round) >> CONST_BITS;
      ws[w + 5] = (tmp5 + z2 + z4 + round) >> CONST_BITS;
      ws[w + 3] = (tmp6 + z2 + z3 + round) >> CONST_BITS;
      ws[w + 1] = (tmp7 + z1 + z4 + round) >> CONST_BITS;
    }
  }

  /**
   * jfdctint's pass 2, in place on {@code ws[0..63]}: the 1-D DCT of the columns, descaled by
   * PASS1_BITS, leaving the coefficients times 8 (jfdctint's output scale) in natural order.
   */
  public static void forwardColumns(int[] ws) {
    final int shift = CONST_BITS + PASS1_BITS;
    final int round = 1 << (shift - 1);
    final int round1 = 1 << (PASS1_BITS - 1);
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
      ws[c] = (tmp10 + tmp11 + round1) >> PASS1_BITS;
      ws[c + 32] = (tmp10 - tmp11 + round1) >> PASS1_BITS;
      int z1 = (tmp12 + tmp13) * FIX_0_541196100;
      ws[c + 16] = (z1 + tmp13 * FIX_0_765366865 + round) >> shift;
      ws[c + 48] = (z1 - tmp12 * FIX_1_847759065 + round) >> shift;

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
      ws[c + 56] = (tmp4 + z1 + z3 + round) >> shift;
      ws[c + 40] = (tmp5 + z2 + z4 + round) >> shift;
      ws[c + 24] = (tmp6 + z2 + z3 + round) >> shift;
      ws[c + 8] = (tmp7 + z1 + z4 + round) >> shift;
    }
  }

  /**
   * jidctint's pass 1, in place on {@code ws[0..63]}: the 1-D inverse DCT of the columns of
   * dequantized coefficients (natural order), scaled up by PASS1_BITS. A column whose AC terms
   * are all zero takes jidctint's shortcut, which gives the same values.
   */
  public static void inverseColumns(int[] ws) {
    final int shift = CONST_BITS - PASS1_BITS;
    final int round = 1 << (shift - 1);
    for (int c = 0; c < 8; c++) {
      if (ws[c + 8] == 0 && ws[c + 16] == 0 && ws[c + 24] == 0 && ws[c + 32] == 0
          && ws[c + 40] == 0 && ws[c + 48] == 0 && ws[c + 56] == 0) {
        int dc = ws[c] << PASS1_BITS;
        for (int i = 0; i < 64; i += 8) {
          ws[c + i] = dc;
        }
        continue;
      }
      int z2 = ws[c + 16];
      int z3 = ws[c + 48];
      int z1 = (z2 + z3) * FIX_0_541196100;
      int tmp2 = z1 - z3 * FIX_1_847759065;
      int tmp3 = z1 + z2 * FIX_0_765366865;
      z2 = ws[c];
      z3 = ws[c + 32];
      int tmp0 = (z2 + z3) << CONST_BITS;
      int tmp1 = (z2 - z3) << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      tmp0 = ws[c + 56];
      tmp1 = ws[c + 40];
      tmp2 = ws[c + 24];
      tmp3 = ws[c + 8];
      z1 = tmp0 + tmp3;
      z2 = tmp1 + tmp2;
      z3 = tmp0 + tmp2;
      int z4 = tmp1 + tmp3;
      int z5 = (z3 + z4) * FIX_1_175875602;
      tmp0 *= FIX_0_298631336;
      tmp1 *= FIX_2_053119869;
      tmp2 *= FIX_3_072711026;
      tmp3 *= FIX_1_501321110;
      z1 *= -FIX_0_899976223;
      z2 *= -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560 + z5;
      z4 = z4 * -FIX_0_390180644 + z5;
      tmp0 += z1 + z3;
      tmp1 += z2 + z4;
      tmp2 += z2 + z3;
      tmp3 += z1 + z4;
      ws[c] = (tmp10 + tmp3 + round) >> shift;
      ws[c + 56] = (tmp10 - tmp3 + round) >> shift;
      ws[c + 8] = (tmp11 + tmp2 + round) >> shift;
      ws[c + 48] = (tmp11 - tmp2 + round) >> shift;
      ws[c + 16] = (tmp12 + tmp1 + round) >> shift;
      ws[c + 40] = (tmp12 - tmp1 + round) >> shift;
      ws[c + 24] = (tmp13 + tmp0 + round) >> shift;
      ws[c + 32] = (tmp13 - tmp0 + round) >> shift;
    }
  }
}
