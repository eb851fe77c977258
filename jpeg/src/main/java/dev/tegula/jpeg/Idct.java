package dev.tegula.jpeg;

import static dev.tegula.core.dct.IslowDct.*;

import dev.tegula.core.dct.IslowDct;

/**
 * Dequantization and 8x8 inverse DCT (T.81 §A.3.3), bit-exact with libjpeg-turbo's
 * {@code jpeg_idct_islow} (jidctint.c): the Loeffler-Ligtenberg-Moschytz algorithm in 32-bit
 * fixed point with CONST_BITS 13 and PASS1_BITS 2, the column pass first, the all-zero-AC
 * shortcuts of both passes (which give the same values as the full computation), and the output
 * range limiting of jdmaster.c's post-IDCT table: the descaled value is taken modulo 1024, then
 * -128..127 become 0..255, 128..511 clamp to 255 and -512..-129 clamp to 0.
 *
 * <p>Dequantization multiplies each coefficient by its quantizer read as a 16-bit signed value
 * ({@code ISLOW_MULT_TYPE} is {@code short}). Arithmetic is 32-bit: for any data an 8-bit encoder
 * can produce (dequantized values within 16 bits) that is exactly libjpeg-turbo's result, C or
 * SIMD; only for impossible coefficient magnitudes do the C code's 64-bit intermediates and the
 * SIMD code's 16-bit lanes go their own ways.
 */
final class Idct {
  /** jdmaster.c post-IDCT range limit table, indexed by (value & 1023). */
  static final byte[] RANGE_LIMIT = new byte[1024];

  static {
    for (int i = 0; i < 1024; i++) {
      int v;
      if (i < 128) {
        v = i + 128;
      } else if (i < 512) {
        v = 255;
      } else if (i < 896) {
        v = 0;
      } else {
        v = i - 896;
      }
      RANGE_LIMIT[i] = (byte) v;
    }
  }

  /** Workspace of the column pass; one per decoder instance, never shared between threads. */
  private final int[] ws = new int[64];

  /**
   * Transforms the block at {@code coef[off..off+63]} (natural order, quantized) with the
   * quantizers {@code quant} (natural order) into 8x8 samples at {@code out[outOff]}, rows
   * {@code stride} bytes apart. The block's sparsity is found by looking at it.
   */
  void transform(short[] coef, int off, int[] quant, byte[] out, int outOff, int stride) {
    transform(coef, off, quant, out, outOff, stride, classify(coef, off));
  }

  /**
   * As {@link #transform(short[], int, int[], byte[], int, int)}, told an upper bound of the
   * zig-zag index of the block's last nonzero coefficient: 0 means DC only, up to 9 means every
   * nonzero coefficient lies in the top-left 4x4 (zig-zag 0-9 do), where the transform drops terms
   * that are zero, giving bit for bit the full transform's result.
   */
  void transform(
      short[] coef, int off, int[] quant, byte[] out, int outOff, int stride, int lastK) {
    if (lastK == 0) {
      int dc = dequant(coef[off], quant[0]) << PASS1_BITS;
      byte v = RANGE_LIMIT[((dc + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
      for (int r = 0; r < 8; r++) {
        int o = outOff + r * stride;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = v;
        out[o + 4] = v;
        out[o + 5] = v;
        out[o + 6] = v;
        out[o + 7] = v;
      }
    } else if (lastK <= 9) {
      sparse4x4(coef, off, quant, out, outOff, stride);
    } else {
      full(coef, off, quant, out, outOff, stride);
    }
  }

  /** 0 if only DC is nonzero, 9 if all nonzero coefficients are in the top-left 4x4, else 63. */
  static int classify(short[] coef, int off) {
    for (int r = 4; r < 8; r++) {
      int o = off + r * 8;
      if ((coef[o] | coef[o + 1] | coef[o + 2] | coef[o + 3] | coef[o + 4] | coef[o + 5]
          | coef[o + 6] | coef[o + 7]) != 0) {
        return 63;
      }
    }
    int right = 0;
    int left = coef[off + 1] | coef[off + 2] | coef[off + 3];
    for (int r = 0; r < 4; r++) {
      int o = off + r * 8;
      right |= coef[o + 4] | coef[o + 5] | coef[o + 6] | coef[o + 7];
      if (r > 0) {
        left |= coef[o] | coef[o + 1] | coef[o + 2] | coef[o + 3];
      }
    }
    if (right != 0) {
      return 63;
    }
    return left != 0 ? 9 : 0;
  }

  /**
   * jpeg_idct_islow for a block whose nonzero coefficients all lie in rows 0-3 and columns 0-3:
   * the same operations with the terms of the zero inputs left out.
   */
  private void sparse4x4(short[] coef, int off, int[] quant, byte[] out, int outOff, int stride) {
    final int[] ws = this.ws;
    final byte[] range = RANGE_LIMIT;
    final int round1 = 1 << (CONST_BITS - PASS1_BITS - 1);
    final int shift1 = CONST_BITS - PASS1_BITS;
    // Pass 1: columns 0-3 (rows 4-7 are zero); columns 4-7 of the workspace are zero.
    for (int col = 0; col < 4; col++) {
      int c = off + col;
      int in0 = dequant(coef[c], quant[col]);
      int in1 = dequant(coef[c + 8], quant[col + 8]);
      int in2 = dequant(coef[c + 16], quant[col + 16]);
      int in3 = dequant(coef[c + 24], quant[col + 24]);
      int z1 = in2 * FIX_0_541196100;
      int tmp2 = z1;
      int tmp3 = z1 + in2 * FIX_0_765366865;
      int tmp0 = in0 << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int z5 = (in3 + in1) * FIX_1_175875602;
      int o2 = in3 * FIX_3_072711026;
      int o3 = in1 * FIX_1_501321110;
      int zz1 = in1 * -FIX_0_899976223;
      int zz2 = in3 * -FIX_2_562915447;
      int zz3 = in3 * -FIX_1_961570560 + z5;
      int zz4 = in1 * -FIX_0_390180644 + z5;
      int o0 = zz1 + zz3;
      int o1 = zz2 + zz4;
      o2 += zz2 + zz3;
      o3 += zz1 + zz4;
      ws[col] = (tmp10 + o3 + round1) >> shift1;
      ws[col + 56] = (tmp10 - o3 + round1) >> shift1;
      ws[col + 8] = (tmp11 + o2 + round1) >> shift1;
      ws[col + 48] = (tmp11 - o2 + round1) >> shift1;
      ws[col + 16] = (tmp12 + o1 + round1) >> shift1;
      ws[col + 40] = (tmp12 - o1 + round1) >> shift1;
      ws[col + 24] = (tmp13 + o0 + round1) >> shift1;
      ws[col + 32] = (tmp13 - o0 + round1) >> shift1;
    }
    // Pass 2: rows with inputs 0-3 only.
    final int shift = CONST_BITS + PASS1_BITS + 3;
    final int round = 1 << (shift - 1);
    for (int row = 0; row < 8; row++) {
      int w = row << 3;
      int o = outOff + row * stride;
      int w0 = ws[w];
      int w1 = ws[w + 1];
      int w2 = ws[w + 2];
      int w3 = ws[w + 3];
      if ((w1 | w2 | w3) == 0) {
        byte v = range[((w0 + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = v;
        out[o + 4] = v;
        out[o + 5] = v;
        out[o + 6] = v;
        out[o + 7] = v;
        continue;
      }
      int z1 = w2 * FIX_0_541196100;
      int tmp2 = z1;
      int tmp3 = z1 + w2 * FIX_0_765366865;
      int tmp0 = w0 << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int z5 = (w3 + w1) * FIX_1_175875602;
      int o2 = w3 * FIX_3_072711026;
      int o3 = w1 * FIX_1_501321110;
      int zz1 = w1 * -FIX_0_899976223;
      int zz2 = w3 * -FIX_2_562915447;
      int zz3 = w3 * -FIX_1_961570560 + z5;
      int zz4 = w1 * -FIX_0_390180644 + z5;
      int o0 = zz1 + zz3;
      int o1 = zz2 + zz4;
      o2 += zz2 + zz3;
      o3 += zz1 + zz4;
      out[o] = range[((tmp10 + o3 + round) >> shift) & 1023];
      out[o + 7] = range[((tmp10 - o3 + round) >> shift) & 1023];
      out[o + 1] = range[((tmp11 + o2 + round) >> shift) & 1023];
      out[o + 6] = range[((tmp11 - o2 + round) >> shift) & 1023];
      out[o + 2] = range[((tmp12 + o1 + round) >> shift) & 1023];
      out[o + 5] = range[((tmp12 - o1 + round) >> shift) & 1023];
      out[o + 3] = range[((tmp13 + o0 + round) >> shift) & 1023];
      out[o + 4] = range[((tmp13 - o0 + round) >> shift) & 1023];
    }
  }

  /** jpeg_idct_islow, all terms. */
  private void full(short[] coef, int off, int[] quant, byte[] out, int outOff, int stride) {
    final int[] ws = this.ws;
    final byte[] range = RANGE_LIMIT;

    // Pass 1, IslowDct's column pass shared with .tgl. jidctint dequantizes inside this pass;
    // dequantizing first gives the same 32-bit products and measured 9-12% faster on full blocks.
    for (int k = 0; k < 64; k++) {
      ws[k] = dequant(coef[off + k], quant[k]);
    }
    IslowDct.inverseColumns(ws);

    // Pass 2: rows from the workspace to samples, descaled by PASS1_BITS + 3 more.
    final int shift = CONST_BITS + PASS1_BITS + 3;
    final int round = 1 << (shift - 1);
    for (int row = 0; row < 8; row++) {
      int w = row << 3;
      int o = outOff + row * stride;
      if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0 && ws[w + 5] == 0
          && ws[w + 6] == 0 && ws[w + 7] == 0) {
        byte v = range[((ws[w] + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) & 1023];
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = v;
        out[o + 4] = v;
        out[o + 5] = v;
        out[o + 6] = v;
        out[o + 7] = v;
        continue;
      }
      // Even part
      int z2 = ws[w + 2];
      int z3 = ws[w + 6];
      int z1 = (z2 + z3) * FIX_0_541196100;
      int tmp2 = z1 + z3 * -FIX_1_847759065;
      int tmp3 = z1 + z2 * FIX_0_765366865;
      int tmp0 = (ws[w] + ws[w + 4]) << CONST_BITS;
      int tmp1 = (ws[w] - ws[w + 4]) << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      // Odd part
      tmp0 = ws[w + 7];
      tmp1 = ws[w + 5];
      tmp2 = ws[w + 3];
      tmp3 = ws[w + 1];
      z1 = tmp0 + tmp3;
      z2 = tmp1 + tmp2;
      z3 = tmp0 + tmp2;
      int z4 = tmp1 + tmp3;
      int z5 = (z3 + z4) * FIX_1_175875602;
      tmp0 = tmp0 * FIX_0_298631336;
      tmp1 = tmp1 * FIX_2_053119869;
      tmp2 = tmp2 * FIX_3_072711026;
      tmp3 = tmp3 * FIX_1_501321110;
      z1 = z1 * -FIX_0_899976223;
      z2 = z2 * -FIX_2_562915447;
      z3 = z3 * -FIX_1_961570560 + z5;
      z4 = z4 * -FIX_0_390180644 + z5;
      tmp0 += z1 + z3;
      tmp1 += z2 + z4;
      tmp2 += z2 + z3;
      tmp3 += z1 + z4;
      out[o] = range[((tmp10 + tmp3 + round) >> shift) & 1023];
      out[o + 7] = range[((tmp10 - tmp3 + round) >> shift) & 1023];
      out[o + 1] = range[((tmp11 + tmp2 + round) >> shift) & 1023];
      out[o + 6] = range[((tmp11 - tmp2 + round) >> shift) & 1023];
      out[o + 2] = range[((tmp12 + tmp1 + round) >> shift) & 1023];
      out[o + 5] = range[((tmp12 - tmp1 + round) >> shift) & 1023];
      out[o + 3] = range[((tmp13 + tmp0 + round) >> shift) & 1023];
      out[o + 4] = range[((tmp13 - tmp0 + round) >> shift) & 1023];
    }
  }

  /** Coefficient times quantizer, the quantizer read as a 16-bit signed value as jidctint.c does. */
  static int dequant(int coef, int q) {
    return coef * (short) q;
  }
}
