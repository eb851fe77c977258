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
   *
   * @param activity per component, its blocks' masking activity ({@link #activity}); only
   *     psychovisual coding reads it
   */
  static void quantizeAll(EncoderComponent[] comps, int[][] tables, boolean psychovisual,
      EncoderTuning tuning, int lambdaHundredths, int[][] activity) {
    int[] tmp = new int[64];
    if (!psychovisual) {
      for (EncoderComponent c : comps) {
        int[] div = divisors(tables[c.quantTable]);
        for (int off = 0; off < c.coef.length; off += 64) {
          int mean64 = c.coef[off] + 128 * 64;
          quantize(c.coef, off, div, 128, tmp);
          clampAwareDc(c.coef, off, mean64, div[0] / 8);
        }
      }
      return;
    }
    long[][] freq = new long[2][256];
    for (EncoderComponent c : comps) {
      int[] div = divisors(tables[c.quantTable]);
      int[] least = leastNonzero(div, tuning.firstPassThreshold);
      for (int off = 0; off < c.coef.length; off += 64) {
        countRounded(c.coef, off, div, least, freq[c.huffTable], tmp);
      }
    }
    int[][] sizes = {HuffmanOptimizer.build(freq[0]).sizes, HuffmanOptimizer.build(freq[1]).sizes};
    TrellisQuantizer trellis = new TrellisQuantizer();
    for (EncoderComponent c : comps) {
      trellis.setTables(divisors(tables[c.quantTable]), sizes[c.huffTable]);
      int dcStep = tables[c.quantTable][0];
      int[] field = activity[c.index];
      for (int b = 0, off = 0; off < c.coef.length; b++, off += 64) {
        int mean64 = c.coef[off] + 128 * 64;
        trellis.quantize(c.coef, off, blockLambda(c, field[b], tuning, lambdaHundredths));
        clampAwareDc(c.coef, off, mean64, dcStep);
      }
    }
  }

  /**
   * The trellis lambda of a block of {@code c} with masking {@code activity}: lambda (1/256
   * step^2 per bit) times 2^20, scaled for chroma and by the caller's {@code lambdaHundredths}.
   */
  static long blockLambda(EncoderComponent c, int activity, EncoderTuning tuning,
      int lambdaHundredths) {
    int scale16 = c.index == 0 ? 16 : tuning.chromaLambda16;
    int lambda = AdaptiveQuantization.lambda(activity, tuning) * scale16 / 16;
    return ((long) lambda << 20) * lambdaHundredths / 100;
  }

  /**
   * The eroded masking activity of each component's blocks ({@link AdaptiveQuantization}), from
   * the raw coefficients; a chroma block takes the mean of the luminance blocks it covers.
   */
  static int[][] activity(EncoderComponent[] comps) {
    int[][] fields = new int[comps.length][];
    fields[0] = AdaptiveQuantization.activity(comps[0]);
    for (int c = 1; c < comps.length; c++) {
      fields[c] = AdaptiveQuantization.chromaField(fields[0], comps[0], comps[c]);
    }
    return fields;
  }

  /**
   * A block whose AC values all quantized to 0 decodes flat, at 128 + DC * Q / 8 rounded and
   * clamped to 0..255 (T.81 §A.3.1; libjpeg's DC-only shortcut); of its quantized DC and the two
   * beside it, it takes the one whose decoded value is nearest the block's mean. That is the
   * rounded value unless the clamp changes which is nearest, which happens only near black and
   * white: black restored as 1 costs SSIM's luminance term 13 % there, and astronaut's SSIM rose
   * 0.0117 between quality 38.00 and 38.20 where the luma DC step went from 17 to 16. Our decoder
   * is djpeg's to the bit, and other decoders' DC-only blocks round the same way.
   * {@code coef[off..]} holds the quantized zig-zag block, {@code mean64} 64 times the block's
   * mean sample (its unquantized DC, times 8, plus 64 * 128).
   */
  static void clampAwareDc(short[] coef, int off, int mean64, int dcStep) {
    for (int k = 1; k < 64; k++) {
      if (coef[off + k] != 0) {
        return;
      }
    }
    int q = coef[off];
    int best = q;
    int bestError = Math.abs(64 * flatSample(q, dcStep) - mean64);
    for (int c = q - 1; c <= q + 1; c += 2) {
      int error = Math.abs(64 * flatSample(c, dcStep) - mean64);
      if (error < bestError && c >= -MAX_DC && c <= MAX_DC) {
        best = c;
        bestError = error;
      }
    }
    coef[off] = (short) best;
  }

  /** The sample a DC-only block with quantized DC {@code q} decodes to. */
  static int flatSample(int q, int dcStep) {
    int v = Math.floorDiv(q * dcStep + 4, 8) + 128;
    return v < 0 ? 0 : v > 255 ? 255 : v;
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
    int[] natural = ZigZag.NATURAL_ORDER;
    for (int k = 0; k < 64; k++) {
      int n = natural[k];
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
    int[] natural = ZigZag.NATURAL_ORDER;
    for (int k = 0; k < 64; k++) {
      int n = natural[k];
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

  /**
   * Counts the AC symbols (T.81 §F.1.2.2) of the block at {@code coef[off]} as {@link #round}
   * would leave it, without writing it; {@code least} from {@link #leastNonzero}, {@code at} 64
   * ints of workspace. The nonzero positions are listed first without a branch, since which
   * values round to 0 is what a branch predictor cannot guess, then only they are divided.
   */
  static void countRounded(short[] coef, int off, int[] div, int[] least, long[] freq,
      int[] at) {
    int[] order = ZigZag.NATURAL_ORDER;
    int n = 0;
    for (int k = 1; k < 64; k++) {
      int v = coef[off + order[k]];
      int sign = v >> 31;
      at[n] = k;
      n += ((v ^ sign) - sign) >= least[k] ? 1 : 0;
    }
    int last = 0;
    for (int j = 0; j < n; j++) {
      int k = at[j];
      int natural = order[k];
      int v = coef[off + natural];
      int d = div[natural];
      int q = Math.min(((v < 0 ? -v : v) + (d >> 1)) / d, MAX_AC);
      int run = k - last - 1;
      while (run > 15) {
        freq[0xF0]++;
        run -= 16;
      }
      freq[(run << 4) + EntropySink.bitLength(q)]++;
      last = k;
    }
    if (last < 63) {
      freq[0]++;
    }
  }

  /**
   * Per zig-zag position, the least magnitude that {@link #round} with dead zone
   * {@code threshold} leaves nonzero: past the dead zone and at least half a step.
   */
  static int[] leastNonzero(int[] div, int threshold) {
    int[] least = new int[64];
    for (int k = 0; k < 64; k++) {
      int d = div[ZigZag.NATURAL_ORDER[k]];
      long dead = threshold <= 0 ? 0 : ((long) threshold * d + 255) / 256;
      least[k] = (int) Math.max(dead, d - (d >> 1));
    }
    return least;
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
