package dev.tegula.tgl.lossy;

import dev.tegula.tgl.RangeEncoder;

/**
 * Encodes one tile (docs/format-lossy.md §2-§8): colour transform, forward DCT, adaptive
 * quantization, dequantization-bias measurement, then the header and the range-coded
 * coefficients. Encoder-only choices (dead zone, AQ strength, filter strength) live in
 * {@link EncoderSettings}; the decoder learns everything it needs from the header.
 */
final class TileEncoder {
  private TileEncoder() {}

  /** {@code hundredths}: the quality in hundredths (§6.1); encoder choices follow its whole part. */
  static byte[] encode(byte[] samples, int width, int height, int channels, int hundredths,
      EncoderSettings cfg) {
    return encode(samples, width, height, channels, hundredths, cfg, null);
  }

  /** {@code fullChroma}: true 4:4:4, false 4:2:0, null the settings' choice by quality. */
  static byte[] encode(byte[] samples, int width, int height, int channels, int hundredths,
      EncoderSettings cfg, Boolean fullChroma) {
    return encode(prepare(samples, width, height, channels,
        cfg.subsample(hundredths / 100, fullChroma), cfg), hundredths);
  }

  /**
   * The part of an encode no quality changes: colour transform, lapping, forward DCT and the AQ
   * levels, for {@code subsample} (4:2:0) or full chroma.
   */
  static PreparedLossyTile prepare(byte[] samples, int width, int height, int channels,
      boolean subsample, EncoderSettings cfg) {
    TileLayout lay = new TileLayout(width, height, channels, subsample);
    short[][] pix = new short[lay.planes][];
    for (int i = 0; i < lay.planes; i++) {
      pix[i] = new short[lay.samples(i)];
    }
    ColorTransform.forward(samples, width, height, channels, lay.subsample, pix[0],
        lay.planes > 1 ? pix[1] : null, lay.planes > 1 ? pix[2] : null, lay.pw, lay.ph);

    if (cfg.lapping) {
      for (int i = 0; i < lay.planes; i++) {
        LappingFilter.invert(pix[i], lay.planeW[i], lay.planeH[i]);
      }
    }
    int[] block = new int[64];
    short[] band = new short[lay.planeW[0] * 8];
    for (int i = 0; i < lay.planes; i++) {
      forwardPlane(pix[i], lay.planeW[i], lay.blocksW[i], lay.blocksH[i], band, block);
    }
    short[][] coef = pix;

    byte[] levels = new byte[lay.mbw * lay.mbh];
    if (cfg.aqGain() > 0) {
      AdaptiveQuantizer.levels(coef[0], lay.blocksW[0], lay.mbw, lay.mbh, cfg.aqGain(),
          cfg.aqOffset16, cfg.aqMax, levels);
    } else {
      java.util.Arrays.fill(levels, (byte) Quantizer.AQ_NEUTRAL);
    }
    return new PreparedLossyTile(lay, coef, levels, cfg);
  }

  /** The tile at a quality in hundredths; {@code p}'s coefficients are only read. */
  static byte[] encode(PreparedLossyTile p, int hundredths) {
    return encode(p, hundredths, PreparedLossyTile.NO_TRIM, null);
  }

  /**
   * The tile at a quality in hundredths with each block's trailing values dropped up to
   * {@link BudgetTrim} bucket {@code trimThreshold} ({@link PreparedLossyTile#NO_TRIM} for
   * none); with {@code savings}, what trims of the values kept would save is added there
   * ({@link BudgetTrim#savings}), counted in the same pass.
   */
  static byte[] encode(PreparedLossyTile p, int hundredths, int trimThreshold, long[] savings) {
    EncoderSettings cfg = p.settings;
    TileLayout lay = p.layout;
    byte[] levels = p.levels;
    int quality = hundredths / 100;
    int[][][] steps = stepTables(hundredths, lay.planes);
    short[][] q = quantizedPlanes(lay);
    int[] bias = quantize(p, quality, steps, q, trimThreshold, savings);
    RangeEncoder enc = new RangeEncoder(lay.pw * lay.ph / 4 + 64);
    CoefficientCoder coder = new CoefficientCoder();
    for (int m = 0; m < levels.length; m++) {
      coder.encodeLevel(enc, levels[m], previousLevel(levels, m, lay.mbw));
    }
    for (int i = 0; i < lay.planes; i++) {
      codePlane(enc, coder, lay, i, q[i], steps[i], levels, bias);
    }
    byte[] body = enc.finish();
    coder.record();

    byte[] out = new byte[LossyCodec.HEADER_SIZE + body.length];
    out[0] = LossyCodec.VERSION;
    out[1] = (byte) ((lay.subsample || lay.channels == 1 ? 0 : LossyCodec.FLAG_444)
        | (cfg.lapping ? LossyCodec.FLAG_LAPPING : 0));
    out[2] = (byte) (hundredths >> 8);
    out[3] = (byte) hundredths;
    out[4] = (byte) cfg.filterLuma(quality);
    out[5] = (byte) cfg.filterChroma(quality);
    for (int j = 0; j < 4; j++) {
      out[6 + j] = (byte) bias[j];
    }
    System.arraycopy(body, 0, out, LossyCodec.HEADER_SIZE, body.length);
    return out;
  }

  /**
   * Quantizes every block of {@code p} into {@code q}, trimmed to {@code trimThreshold}, and with
   * {@code savings} counts what trims of the values kept would save. Returns the reconstruction
   * biases the header carries (§6.3), measured on the values kept.
   */
  static int[] quantize(PreparedLossyTile p, int quality, int[][][] steps, short[][] q,
      int trimThreshold, long[] savings) {
    TileLayout lay = p.layout;
    short[][] coef = p.coefficients;
    byte[] levels = p.levels;
    int[] block = new int[64];
    int[] round = new int[64];
    long[] biasSum = new long[4];
    long[] biasCount = new long[4];
    for (int i = 0; i < lay.planes; i++) {
      p.settings.rounding(i, quality, round);
      int t = TileLayout.contextType(i);
      for (int by = 0; by < lay.blocksH[i]; by++) {
        for (int bx = 0; bx < lay.blocksW[i]; bx++) {
          int off = (by * lay.blocksW[i] + bx) * 64;
          int[] st = steps[i][levels[lay.macroblock(i, bx, by)]];
          for (int k = 0; k < 64; k++) {
            block[k] = coef[i][off + k];
          }
          Quantizer.quantize(block, st, round, q[i], off);
          if (trimThreshold >= 0) {
            BudgetTrim.trim(q[i], off, block, st, trimThreshold);
          }
          if (savings != null) {
            BudgetTrim.savings(q[i], off, block, st, savings);
          }
          Quantizer.clampAwareDc(block, st[0], q[i], off);
          measureBias(block, st, q[i], off, biasSum, biasCount, 2 * t);
        }
      }
    }
    int[] bias = new int[4];
    for (int j = 0; j < 4; j++) {
      // Reconstruct at the mean of what each class came from: bias = |q| - mean(|c| / step).
      int b = biasCount[j] == 0 ? 0 : (int) (biasSum[j] / biasCount[j]);
      bias[j] = b < -32 ? -32 : b > 63 ? 63 : b;
    }
    return bias;
  }

  /** Empty planes for {@link #quantize}'s values, one per plane of the layout. */
  static short[][] quantizedPlanes(TileLayout lay) {
    short[][] q = new short[lay.planes][];
    for (int i = 0; i < lay.planes; i++) {
      q[i] = new short[lay.samples(i)];
    }
    return q;
  }

  static int[][][] stepTables(int hundredths, int planes) {
    int[][][] steps = new int[planes][Quantizer.AQ_LEVELS][64];
    int[] base = new int[64];
    for (int i = 0; i < planes; i++) {
      Quantizer.stepsHundredths(hundredths, base);
      for (int l = 0; l < Quantizer.AQ_LEVELS; l++) {
        for (int k = 0; k < 64; k++) {
          steps[i][l][k] = Quantizer.scaled(base[k], l);
        }
      }
    }
    return steps;
  }

  /** The level conditioning macroblock m's context: left, else above, else neutral. */
  static int previousLevel(byte[] levels, int m, int mbw) {
    if (m % mbw != 0) {
      return levels[m - 1];
    }
    return m >= mbw ? levels[m - mbw] : Quantizer.AQ_NEUTRAL;
  }

  /**
   * The DCT of every block, in place: {@code plane} (raster order, {@code pw = 8 bw} wide) becomes
   * its blocks' coefficients (block order, 64 a block). A row of blocks spans the same stretch of
   * the array in both orders, so each is copied to {@code band} (8 rows) before its coefficients
   * overwrite it: a separate coefficient plane was 2 bytes a sample more to allocate, which the
   * browser's Wasm pays dearly at 12 MP (session 23). Shorts hold the coefficients: lapping
   * leaves samples in -256..511, so centred ones within 384, and 8x an orthonormal coefficient is
   * at most 64 * 384 = 24576 (the DC; an AC term's cosines sum to at most 4 sqrt(2) per
   * direction, 8 * 384 * 32 / 4).
   */
  private static void forwardPlane(short[] plane, int pw, int bw, int bh, short[] band,
      int[] block) {
    int span = 8 * pw;
    for (int by = 0; by < bh; by++) {
      int base = by * span;
      System.arraycopy(plane, base, band, 0, span);
      for (int bx = 0; bx < bw; bx++) {
        int src = bx * 8;
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            block[y * 8 + x] = band[src + y * pw + x] - 128;
          }
        }
        Dct.forward(block);
        int off = base + bx * 64;
        for (int k = 0; k < 64; k++) {
          plane[off + k] = (short) block[k];
        }
      }
    }
  }

  /** Accumulates, per class (|q| = 1, |q| >= 2), |q| - |c| / step in 1/64 step. */
  private static void measureBias(int[] coef, int[] step, short[] q, int off, long[] sum,
      long[] count, int cls) {
    for (int k = 1; k < 64; k++) {
      int v = q[off + k];
      if (v == 0) {
        continue;
      }
      int a = v < 0 ? -v : v;
      int c = coef[Quantizer.ZIGZAG[k]];
      long ac = c < 0 ? -(long) c : c;
      long ratio64 = (ac * 128) / step[k];
      int j = cls + (a == 1 ? 0 : 1);
      sum[j] += a * 64L - ratio64;
      count[j]++;
    }
  }

  private static void codePlane(RangeEncoder enc, CoefficientCoder coder, TileLayout lay, int i,
      short[] q, int[][] steps, byte[] levels, int[] bias) {
    int bw = lay.blocksW[i];
    int bh = lay.blocksH[i];
    int t = TileLayout.contextType(i);
    int[] edgeB = new int[bw * bh];
    int[] edgeR = new int[bw * bh];
    byte[] nz = new byte[bw * bh];
    int[] f = new int[64];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        int b = by * bw + bx;
        int off = b * 64;
        int[] st = steps[levels[lay.macroblock(i, bx, by)]];
        int aOff = by > 0 ? off - bw * 64 : -1;
        int lOff = bx > 0 ? off - 64 : -1;
        nz[b] = (byte) coder.encodeAc(enc, t, q, off, aOff, lOff,
            CoefficientCoder.nzBucket(nz, bw, bx, by));
        // The decoder's dequantized AC values drive the DC prediction (§7.3).
        Quantizer.dequantize(q, off, st, bias[2 * t], bias[2 * t + 1], f);
        int a = by > 0 ? edgeB[b - bw] - DcPredictor.near(f, 8) : 0;
        int l = bx > 0 ? edgeR[b - 1] - DcPredictor.near(f, 1) : 0;
        int predQ = DcPredictor.predictQ(DcPredictor.predict(a, by > 0, l, bx > 0), st[0]);
        coder.encodeDc(enc, t, q[off] - predQ, DcPredictor.bucket(a, by > 0, l, bx > 0, st[0]));
        int dcF = DcPredictor.dequantize(q[off], st[0]);
        edgeB[b] = (dcF << 12) + DcPredictor.far(f, 8);
        edgeR[b] = (dcF << 12) + DcPredictor.far(f, 1);
      }
    }
  }
}
