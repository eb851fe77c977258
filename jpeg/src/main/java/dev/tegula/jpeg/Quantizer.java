package dev.tegula.jpeg;

/**
 * Quantization (T.81 §A.3.4): each DCT coefficient divided by its table entry and rounded,
 * turning blocks of raw coefficients (natural order, times 8, as {@link ForwardDct} leaves them)
 * into zig-zag ordered quantized values in place.
 *
 * <p>Classic coding rounds to nearest, as libjpeg. Psychovisual coding runs two passes: plain
 * rounding with a small dead zone gives the symbol statistics of a first Huffman table, whose
 * code lengths then price the rate-distortion choices of {@link TrellisQuantizer}, block by
 * block with the lambda of {@link AdaptiveQuantization}.
 */
final class Quantizer {
  private Quantizer() {}

  /**
   * Quantizes every component in place; {@code lambdaHundredths} scales every block's trellis
   * lambda ({@link JpegEncodeOptions#lambdaHundredths}) after its masking, so that 100 leaves
   * each block's lambda, and the file, exactly as it was.
   */
  static void quantizeAll(EncoderComponent[] comps, int[][] tables, boolean psychovisual,
      EncoderTuning tuning, int lambdaHundredths) {
    int[] tmp = new int[64];
    if (!psychovisual) {
      for (EncoderComponent c : comps) {
        int[] div = divisors(tables[c.quantTable]);
        for (int off = 0; off < c.coef.length; off += 64) {
          quantize(c.coef, off, div, 128, tmp);
        }
      }
      return;
    }
    int[] lumaActivity = AdaptiveQuantization.activity(comps[0]);
    long[][] freq = new long[2][256];
    for (EncoderComponent c : comps) {
      int[] div = divisors(tables[c.quantTable]);
      for (int off = 0; off < c.coef.length; off += 64) {
        round(c.coef, off, div, tuning.firstPassThreshold, tmp);
        TrellisQuantizer.countAc(tmp, freq[c.huffTable]);
      }
    }
    int[][] sizes = {HuffmanOptimizer.build(freq[0]).sizes, HuffmanOptimizer.build(freq[1]).sizes};
    TrellisQuantizer trellis = new TrellisQuantizer();
    for (EncoderComponent c : comps) {
      trellis.setTables(divisors(tables[c.quantTable]), sizes[c.huffTable]);
      int[] field = c.index == 0 ? lumaActivity
          : AdaptiveQuantization.chromaField(lumaActivity, comps[0], c);
      int scale16 = c.index == 0 ? 16 : tuning.chromaLambda16;
      for (int b = 0, off = 0; off < c.coef.length; b++, off += 64) {
        int lambda = AdaptiveQuantization.lambda(field[b], tuning) * scale16 / 16;
        trellis.quantize(c.coef, off, ((long) lambda << 20) * lambdaHundredths / 100);
      }
    }
  }

  /** AC magnitudes beyond 10 bits and DC beyond 11 have no Huffman category in 8-bit JPEG. */
  static final int MAX_AC = 1023;
  static final int MAX_DC = 2047;

  /**
   * Quantizes the block at {@code coef[off]} in place with rounding to nearest.
   *
   * @param div 8 * table value per natural index
   * @param tmp 64 ints of workspace
   */
  static void quantize(short[] coef, int off, int[] div, int[] tmp) {
    for (int k = 0; k < 64; k++) {
      int n = ZigZag.NATURAL_ORDER[k];
      int v = coef[off + n];
      int d = div[n];
      int a = v < 0 ? -v : v;
      int q = (a + (d >> 1)) / d;
      int max = k == 0 ? MAX_DC : MAX_AC;
      if (q > max) {
        q = max;
      }
      tmp[k] = v < 0 ? -q : q;
    }
    for (int k = 0; k < 64; k++) {
      coef[off + k] = (short) tmp[k];
    }
  }

  /**
   * Quantizes with a dead zone: an AC coefficient whose magnitude is below {@code threshold}/256
   * of its step becomes 0, the rest round to nearest (threshold 128: plain rounding). The zig-zag
   * result goes to {@code zz}; {@code coef} is not changed.
   */
  static void round(short[] coef, int off, int[] div, int threshold, int[] zz) {
    for (int k = 0; k < 64; k++) {
      int n = ZigZag.NATURAL_ORDER[k];
      int v = coef[off + n];
      int d = div[n];
      int a = v < 0 ? -v : v;
      int q;
      if (k > 0 && a * 256L < (long) threshold * d) {
        q = 0;
      } else {
        q = (a + (d >> 1)) / d;
        int max = k == 0 ? MAX_DC : MAX_AC;
        if (q > max) {
          q = max;
        }
      }
      zz[k] = v < 0 ? -q : q;
    }
  }

  /** {@link #round} in place. */
  static void quantize(short[] coef, int off, int[] div, int threshold, int[] tmp) {
    round(coef, off, div, threshold, tmp);
    for (int k = 0; k < 64; k++) {
      coef[off + k] = (short) tmp[k];
    }
  }

  static int[] divisors(int[] table) {
    int[] d = new int[64];
    for (int i = 0; i < 64; i++) {
      d[i] = 8 * table[i];
    }
    return d;
  }
}
