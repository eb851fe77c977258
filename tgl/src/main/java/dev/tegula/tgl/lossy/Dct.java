package dev.tegula.tgl.lossy;

import static dev.tegula.core.dct.IslowDct.*;

import dev.tegula.core.dct.IslowDct;

/**
 * The 8x8 DCT of the lossy mode (docs/format-lossy.md §5). Both directions are the
 * Loeffler-Ligtenberg-Moschytz integer factorisation of libjpeg-turbo ("islow": jfdctint.c,
 * jidctint.c; 13-bit constants, 2 extra bits between passes), so every result is fixed by integer
 * arithmetic and the JVM and WebAssembly agree bit for bit. The constants, the forward transform
 * and the inverse column pass are {@link IslowDct}'s, shared with the JPEG codec; the inverse row
 * pass (its +128 level shift folded into the rounding, its clamp to 0..255) and the sparse
 * variants are this format's own.
 *
 * <p>Units: {@link #forward} returns 8x the orthonormal DCT of the centred samples (as jfdctint
 * does); {@link #inverse} takes the orthonormal coefficients (the dequantized values) and writes
 * samples clamped to 0..255.
 */
final class Dct {
  private Dct() {}

  /**
   * Forward DCT of one block in place: {@code block} holds 64 centred samples (value - 128) in
   * row-major order and receives the coefficients in row-major (natural) order.
   */
  static void forward(int[] block) {
    // jfdctint's pass-1 upscaling, done on the input so that the shared pass has fixed shifts.
    for (int i = 0; i < 64; i++) {
      block[i] <<= PASS1_BITS;
    }
    IslowDct.forwardRows(block, 0, 8, block);
    IslowDct.forwardColumns(block);
  }

  /**
   * Inverse DCT (jidctint.c): {@code coef} holds 64 dequantized coefficients in natural order
   * (it is used as the workspace and left undefined); the 8x8 result goes to
   * {@code out[offset + y * stride + x]}, clamped to 0..255. Columns whose AC terms are all zero
   * take jidctint's shortcut, which is exact.
   */
  static void inverse(int[] coef, int[] out, int offset, int stride) {
    IslowDct.inverseColumns(coef);
    int sh = CONST_BITS + PASS1_BITS + 3;
    int rnd = 1 << (sh - 1);
    for (int r = 0; r < 64; r += 8) {
      int o = offset + (r >> 3) * stride;
      if ((coef[r + 1] | coef[r + 2] | coef[r + 3] | coef[r + 4] | coef[r + 5] | coef[r + 6]
          | coef[r + 7]) == 0) {
        // A row without AC terms is the constant the full pass computes (jidctint's row shortcut).
        int v = clamp((((coef[r] + (128 << (PASS1_BITS + 3))) << CONST_BITS) + rnd) >> sh);
        for (int x = 0; x < 8; x++) {
          out[o + x] = v;
        }
        continue;
      }
      int z2 = coef[r + 2];
      int z3 = coef[r + 6];
      int z1 = (z2 + z3) * FIX_0_541196100;
      int tmp2 = z1 - z3 * FIX_1_847759065;
      int tmp3 = z1 + z2 * FIX_0_765366865;
      // +128 after the shift is folded in as 128 << sh, the level shift back to unsigned samples.
      z2 = coef[r] + (128 << (PASS1_BITS + 3));
      z3 = coef[r + 4];
      int tmp0 = ((z2 + z3) << CONST_BITS) + rnd;
      int tmp1 = ((z2 - z3) << CONST_BITS) + rnd;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp1 + tmp2;
      int tmp12 = tmp1 - tmp2;
      tmp0 = coef[r + 7];
      tmp1 = coef[r + 5];
      tmp2 = coef[r + 3];
      tmp3 = coef[r + 1];
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
      out[o] = clamp((tmp10 + tmp3) >> sh);
      out[o + 7] = clamp((tmp10 - tmp3) >> sh);
      out[o + 1] = clamp((tmp11 + tmp2) >> sh);
      out[o + 6] = clamp((tmp11 - tmp2) >> sh);
      out[o + 2] = clamp((tmp12 + tmp1) >> sh);
      out[o + 5] = clamp((tmp12 - tmp1) >> sh);
      out[o + 3] = clamp((tmp13 + tmp0) >> sh);
      out[o + 4] = clamp((tmp13 - tmp0) >> sh);
    }
  }

  /**
   * {@link #inverse} for a block whose nonzero coefficients all lie in the top-left 4x4 (zigzag
   * positions 0-9 do): the same arithmetic with the known zeros left out, so the same result.
   * Columns 4-7 are zero after the column pass, and rows 4-7 of each column are zero before it.
   */
  static void inverse4x4(int[] coef, int[] out, int offset, int stride) {
    for (int c = 0; c < 4; c++) {
      if (coef[c + 8] == 0 && coef[c + 16] == 0 && coef[c + 24] == 0) {
        int dc = coef[c] << PASS1_BITS;
        for (int i = 0; i < 64; i += 8) {
          coef[c + i] = dc;
        }
        continue;
      }
      int z2 = coef[c + 16];
      int tmp2 = z2 * FIX_0_541196100;
      int tmp3 = tmp2 + z2 * FIX_0_765366865;
      int tmp0 = coef[c] << CONST_BITS;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int t2 = coef[c + 24];
      int t3 = coef[c + 8];
      int z5 = (t2 + t3) * FIX_1_175875602;
      int z1 = t3 * -FIX_0_899976223;
      int z2b = t2 * -FIX_2_562915447;
      int z3 = t2 * -FIX_1_961570560 + z5;
      int z4 = t3 * -FIX_0_390180644 + z5;
      int o0 = z1 + z3;
      int o1 = z2b + z4;
      int o2 = t2 * FIX_3_072711026 + z2b + z3;
      int o3 = t3 * FIX_1_501321110 + z1 + z4;
      int sh = CONST_BITS - PASS1_BITS;
      int rnd = 1 << (sh - 1);
      coef[c] = (tmp10 + o3 + rnd) >> sh;
      coef[c + 56] = (tmp10 - o3 + rnd) >> sh;
      coef[c + 8] = (tmp11 + o2 + rnd) >> sh;
      coef[c + 48] = (tmp11 - o2 + rnd) >> sh;
      coef[c + 16] = (tmp12 + o1 + rnd) >> sh;
      coef[c + 40] = (tmp12 - o1 + rnd) >> sh;
      coef[c + 24] = (tmp13 + o0 + rnd) >> sh;
      coef[c + 32] = (tmp13 - o0 + rnd) >> sh;
    }
    int sh = CONST_BITS + PASS1_BITS + 3;
    int rnd = 1 << (sh - 1);
    for (int r = 0; r < 64; r += 8) {
      int o = offset + (r >> 3) * stride;
      if ((coef[r + 1] | coef[r + 2] | coef[r + 3]) == 0) {
        int v = clamp((((coef[r] + (128 << (PASS1_BITS + 3))) << CONST_BITS) + rnd) >> sh);
        for (int x = 0; x < 8; x++) {
          out[o + x] = v;
        }
        continue;
      }
      int z2 = coef[r + 2];
      int tmp2 = z2 * FIX_0_541196100;
      int tmp3 = tmp2 + z2 * FIX_0_765366865;
      int tmp0 = ((coef[r] + (128 << (PASS1_BITS + 3))) << CONST_BITS) + rnd;
      int tmp10 = tmp0 + tmp3;
      int tmp13 = tmp0 - tmp3;
      int tmp11 = tmp0 + tmp2;
      int tmp12 = tmp0 - tmp2;
      int t2 = coef[r + 3];
      int t3 = coef[r + 1];
      int z5 = (t2 + t3) * FIX_1_175875602;
      int z1 = t3 * -FIX_0_899976223;
      int z2b = t2 * -FIX_2_562915447;
      int z3 = t2 * -FIX_1_961570560 + z5;
      int z4 = t3 * -FIX_0_390180644 + z5;
      int o0 = z1 + z3;
      int o1 = z2b + z4;
      int o2 = t2 * FIX_3_072711026 + z2b + z3;
      int o3 = t3 * FIX_1_501321110 + z1 + z4;
      out[o] = clamp((tmp10 + o3) >> sh);
      out[o + 7] = clamp((tmp10 - o3) >> sh);
      out[o + 1] = clamp((tmp11 + o2) >> sh);
      out[o + 6] = clamp((tmp11 - o2) >> sh);
      out[o + 2] = clamp((tmp12 + o1) >> sh);
      out[o + 5] = clamp((tmp12 - o1) >> sh);
      out[o + 3] = clamp((tmp13 + o0) >> sh);
      out[o + 4] = clamp((tmp13 - o0) >> sh);
    }
  }

  /**
   * The inverse of a block whose AC coefficients are all zero: the constant {@link #inverse}
   * produces for it (its column shortcut and one row pass, same rounding), written directly.
   */
  static void inverseDc(int dc, int[] out, int offset, int stride) {
    int z2 = (dc << PASS1_BITS) + (128 << (PASS1_BITS + 3));
    int sh = CONST_BITS + PASS1_BITS + 3;
    int v = clamp(((z2 << CONST_BITS) + (1 << (sh - 1))) >> sh);
    for (int y = 0; y < 8; y++) {
      int o = offset + y * stride;
      for (int x = 0; x < 8; x++) {
        out[o + x] = v;
      }
    }
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
