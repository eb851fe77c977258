package dev.tegula.tgl.lossy;

/**
 * Quantization of the lossy mode (docs/format-lossy.md §6): quantizer steps derived from the
 * quality, the per-macroblock scale of adaptive quantization, the encoder's dead-zone rounding and
 * the decoder's biased reconstruction.
 *
 * <p>Steps are kept in 1/16 units of an orthonormal-DCT coefficient ("step16"), so that quality and
 * the adaptive scale can move them in steps finer than the integer tables of JPEG.
 */
final class Quantizer {
  /** Zigzag position to natural (row-major) index, T.81 Figure A.6. */
  static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
    41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22,
    15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Adaptive-quantization levels; level {@link #AQ_NEUTRAL} leaves the steps as they are. */
  static final int AQ_LEVELS = 8;

  static final int AQ_NEUTRAL = 3;

  /** Step multiplier per adaptive-quantization level, in 1/64: 2^((level - 3) / 3). */
  static final int[] AQ_MULT = {32, 40, 51, 64, 81, 102, 128, 161};

  /**
   * The base table, shared by luma and chroma, in zigzag order (§6.1). It is N. Robidoux's smooth
   * table as mozjpeg uses it (jcparam.c, table 3), R, flattened along the diagonal d = row + column:
   * {@code (R * (256 + 24 * (7 - d)) * 27 + 4096) / 8192}. The flattening keeps far more of the
   * high frequencies than any JPEG table: measured on the dev photos it gains 3-4 points of
   * BD-rate on PSNR, SSIM and SSIMULACRA and 0.4 on butteraugli (a linear tilt twice as strong
   * loses again, mostly on butteraugli; a power law 16 (R/16)^0.5 is about as good); the factor
   * 27/32 puts quality 75 where Robidoux's table had it, by SSIM.
   */
  static final int[] BASE_NATURAL = {
    22, 21, 20, 21, 27, 37, 52, 72,
    21, 21, 23, 29, 34, 37, 45, 57,
    20, 23, 26, 31, 40, 52, 70, 93,
    21, 29, 31, 37, 45, 57, 73, 95,
    27, 34, 40, 45, 53, 64, 79, 100,
    37, 37, 52, 57, 64, 75, 89, 107,
    52, 45, 70, 73, 79, 89, 101, 115,
    72, 57, 93, 95, 100, 107, 115, 121
  };

  private static final int[] BASE = toZigzag(BASE_NATURAL);

  private Quantizer() {}

  private static int[] toZigzag(int[] natural) {
    int[] z = new int[64];
    for (int k = 0; k < 64; k++) {
      z[k] = natural[ZIGZAG[k]];
    }
    return z;
  }

  /**
   * The step16 table (zigzag order) of a plane at {@code quality} 0..100 (§6.1), the same for
   * every plane. Scaled as libjpeg scales its tables, so the quality axis reads like a JPEG
   * encoder's. Monotone: a higher quality never gives a larger step.
   */
  static void steps(int quality, int[] out) {
    int q = quality < 1 ? 1 : quality > 100 ? 100 : quality;
    int scale = q < 50 ? 5000 / q : 200 - 2 * q;
    for (int k = 0; k < 64; k++) {
      int s = (BASE[k] * scale * 16 + 50) / 100;
      out[k] = s < 8 ? 8 : s > 4080 ? 4080 : s;
    }
  }

  /**
   * The step16 table at {@code hundredths} 0..10000 (§6.1): linear between the tables of the
   * neighbouring whole qualities, so a whole quality gives exactly {@link #steps}'s table and the
   * scale stays monotone.
   */
  static void stepsHundredths(int hundredths, int[] out) {
    int h = hundredths < 0 ? 0 : hundredths > 10000 ? 10000 : hundredths;
    int whole = h / 100;
    int f = h % 100;
    steps(whole, out);
    if (f == 0) {
      return;
    }
    int[] next = new int[64];
    steps(whole + 1, next);
    for (int k = 0; k < 64; k++) {
      out[k] = (out[k] * (100 - f) + next[k] * f + 50) / 100;
    }
  }

  /** A macroblock's step: {@code step16} scaled by its adaptive level (§6.2), at least 8. */
  static int scaled(int step16, int level) {
    int s = (step16 * AQ_MULT[level] + 32) >> 6;
    return s < 8 ? 8 : s;
  }

  /**
   * Quantizes one block: {@code coef} holds 8x the orthonormal DCT in natural order; the quantized
   * values go to {@code out[off..off+63]} in zigzag order. {@code round64[k]} is the rounding
   * offset in 1/64 of a step (32 = round to nearest; less widens the dead zone).
   */
  static void quantize(int[] coef, int[] step, int[] round64, short[] out, int off) {
    for (int k = 0; k < 64; k++) {
      int c = coef[ZIGZAG[k]];
      int s = step[k];
      // The sign as a mask (0 or -1), not a branch: TeaVM's Wasm compiles a conditional to a
      // jump, which the coefficients' random signs mispredict (session 23: this loop took 5 % of
      // the Wasm encoder's time at 12 MP).
      int sign = c >> 31;
      // coef is 8F and step is 16Q, so F/Q = 2 * coef / step.
      int a = 2 * ((c ^ sign) - sign);
      int q = (a + ((s * round64[k]) >> 6)) / s;
      if (q > 2047) {
        q = 2047;
      }
      out[off + k] = (short) ((q ^ sign) - sign);
    }
  }

  /**
   * A block whose AC values all quantized to 0 decodes flat, at 128 + F / 8 rounded and clamped
   * to 0..255 (§6.3, §5); of its DC value and the two beside it, it takes the one whose decoded
   * value is nearest the block's mean. That is the rounded value unless the clamp changes which
   * is nearest, which happens only near black and white: black restored as 1 costs SSIM's
   * luminance term 13 % there (C1 / (1 + C1) at mean 0), and astronaut's SSIM moved 0.006
   * between two hundredths of quality for the same bytes. {@code coef} is the unquantized block
   * (natural order, 64 times the centred mean at 0), {@code out[off]} its quantized DC.
   */
  static void clampAwareDc(int[] coef, int dcStep, short[] out, int off) {
    for (int k = 1; k < 64; k++) {
      if (out[off + k] != 0) {
        return;
      }
    }
    int q = out[off];
    int mean64 = coef[0] + 128 * 64;
    int best = q;
    int bestError = Math.abs(64 * flatSample(q, dcStep) - mean64);
    for (int c = q - 1; c <= q + 1; c += 2) {
      int error = Math.abs(64 * flatSample(c, dcStep) - mean64);
      if (error < bestError && c >= -2047 && c <= 2047) {
        best = c;
        bestError = error;
      }
    }
    out[off] = (short) best;
  }

  /** The sample a DC-only block with quantized DC {@code q} decodes to (§6.3, §5). */
  static int flatSample(int q, int dcStep) {
    int dc = q * dcStep;
    int f = (dc + (dc < 0 ? -8 : 8)) / 16;
    // the inverse DCT's flat output: 128 + f / 8, rounded half up
    int v = Math.floorDiv(f + 4, 8) + 128;
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }

  /**
   * Dequantizes one block for the inverse DCT: zigzag {@code q[off..off+63]} to natural-order
   * orthonormal coefficients. Nonzero values are pulled towards zero by {@code bias1} (|q| = 1) or
   * {@code bias2} (|q| >= 2) 64ths of a step (§6.3), the centroid the encoder measured.
   */
  static void dequantize(short[] q, int off, int[] step, int bias1, int bias2, int[] out) {
    int dc = q[off] * step[0];
    out[0] = (dc + (dc < 0 ? -8 : 8)) / 16;
    for (int k = 1; k < 64; k++) {
      int v = q[off + k];
      int n = ZIGZAG[k];
      if (v == 0) {
        out[n] = 0;
        continue;
      }
      int s = step[k];
      int a = v < 0 ? -v : v;
      int r = a * s - ((s * (a == 1 ? bias1 : bias2)) >> 6);
      r = (r + 8) >> 4;
      out[n] = v < 0 ? -r : r;
    }
  }
}
