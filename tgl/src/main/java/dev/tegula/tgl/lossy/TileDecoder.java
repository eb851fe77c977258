package dev.tegula.tgl.lossy;

import dev.tegula.core.TruncatedInputException;

/**
 * Decodes one tile (docs/format-lossy.md §2-§8): header, adaptive-quantization map, coefficients
 * per plane with dequantization and inverse DCT as each block arrives, deblocking, colour.
 * Every decoded value is bounded by construction, so damaged data yields a wrong picture or a
 * {@link dev.tegula.core.TegulaException}, never another exception or a long loop.
 */
final class TileDecoder {
  private TileDecoder() {}

  /**
   * Pixel (x, y) goes to {@code out[outOffset + y * stride + x * step]}; see
   * {@link ColorTransform#inverse} for {@code step} and {@code opaque}.
   */
  static void decode(byte[] data, int offset, int length, int width, int height, int channels,
      byte[] out, int outOffset, int stride, int step, boolean opaque, LossyScratch scratch) {
    decode(data, offset, length, width, height, channels, out, null, outOffset, stride, step,
        opaque, scratch);
  }

  /**
   * As above into packed pixels ({@link ColorTransform#inversePacked}): pixel (x, y) goes to
   * {@code out[outOffset + y * stride + x]}.
   */
  static void decodePacked(byte[] data, int offset, int length, int width, int height,
      int channels, int[] out, int outOffset, int stride, boolean opaque, LossyScratch scratch) {
    decode(data, offset, length, width, height, channels, null, out, outOffset, stride, 1, opaque,
        scratch);
  }

  private static void decode(byte[] data, int offset, int length, int width, int height,
      int channels, byte[] out, int[] packed, int outOffset, int stride, int step, boolean opaque,
      LossyScratch scratch) {
    LossyTileHeader header = LossyTileHeader.parse(data, offset, length);
    int hundredths = header.qualityHundredths();
    boolean lapping = (data[offset + 1] & LossyCodec.FLAG_LAPPING) != 0;
    int filterLuma = data[offset + 4] & 0xFF;
    int filterChroma = data[offset + 5] & 0xFF;
    int[] bias = new int[4];
    for (int j = 0; j < 4; j++) {
      bias[j] = data[offset + 6 + j];
    }
    TileLayout lay = new TileLayout(width, height, channels, !header.fullChroma());
    int[][][] steps = TileEncoder.stepTables(hundredths, lay.planes);

    ModelDecoder dec = new ModelDecoder(data, offset + LossyCodec.HEADER_SIZE,
        length - LossyCodec.HEADER_SIZE);
    byte[] levels = new byte[lay.mbw * lay.mbh];
    for (int m = 0; m < levels.length; m++) {
      levels[m] = (byte) CoefficientCoder.decodeLevel(dec, TileEncoder.previousLevel(levels, m, lay.mbw));
    }
    int[][] pix = new int[lay.planes][];
    int[] block = new int[64];
    for (int i = 0; i < lay.planes; i++) {
      // Every sample of the plane is written by its block's inverse DCT before it is read.
      pix[i] = scratch.plane(i, lay.samples(i));
      decodePlane(dec, lay, i, steps[i], levels, bias, pix[i], block);
      deblock(lay, i, steps[i], levels, i == 0 ? filterLuma : filterChroma, pix[i]);
    }
    // Lapping (§8.2) is applied row by row inside the colour conversion.
    int[] cb = lay.planes > 1 ? pix[1] : null;
    int[] cr = lay.planes > 1 ? pix[2] : null;
    if (packed != null) {
      ColorTransform.inversePacked(pix[0], cb, cr, lay.pw, lay.ph, lay.subsample, lapping, width,
          height, packed, outOffset, stride, opaque);
    } else {
      ColorTransform.inverse(pix[0], cb, cr, lay.pw, lay.ph, lay.subsample, lapping, width, height,
          out, outOffset, stride, step, opaque);
    }
    if (dec.overrun() > 0) {
      throw new TruncatedInputException("lossy tile data ends " + dec.overrun()
          + " bytes early", offset + length);
    }
  }

  /** Plane i's deblocking (§8) at {@code strength} (0: none), in place. */
  static void deblock(TileLayout lay, int i, int[][] steps, byte[] levels, int strength,
      int[] pix) {
    if (strength > 0) {
      DeblockingFilter.filter(pix, lay.planeW[i], lay.planeH[i], lay.mbShift[i], lay.mbw,
          thresholds(lay, i, steps, levels, strength));
    }
  }

  /**
   * A block's inverse DCT into the plane at {@code at}: DC only when {@code last} (the zigzag
   * position of its last nonzero AC value) is 0, else {@code block} (natural order, dequantized)
   * with its DC set to {@code dcF}, over the top-left 4x4 when every nonzero value lies there.
   */
  static void inverse(int[] block, int dcF, int last, int[] pix, int at, int pw) {
    if (last == 0) {
      Dct.inverseDc(dcF, pix, at, pw);
      return;
    }
    block[0] = dcF;
    // zigzag positions up to 9 lie in the top-left 4x4
    if (last <= 9) {
      Dct.inverse4x4(block, pix, at, pw);
    } else {
      Dct.inverse(block, pix, at, pw);
    }
  }

  /** Per macroblock edge threshold (§8): strength x the first AC step, 1/512. */
  static int[] thresholds(TileLayout lay, int plane, int[][] steps, byte[] levels, int strength) {
    int[] alpha = new int[levels.length];
    for (int m = 0; m < levels.length; m++) {
      alpha[m] = (steps[levels[m]][1] * strength) >> 9;
    }
    return alpha;
  }

  private static void decodePlane(ModelDecoder dec, TileLayout lay, int i,
      int[][] steps, byte[] levels, int[] bias, int[] pix, int[] block) {
    int bw = lay.blocksW[i];
    int bh = lay.blocksH[i];
    int pw = lay.planeW[i];
    int t = TileLayout.contextType(i);
    int bias1 = bias[2 * t];
    int bias2 = bias[2 * t + 1];
    // Coefficients are only read back as the above / left context of the next blocks, so two
    // block rows (this one and the one above) suffice: the plane's worth would cost 2 bytes per
    // sample (issue 8's memory bound).
    // The 64 zeros at the end stand in for a missing neighbour (see CoefficientCoder.decodeAc).
    int none = 2 * bw * 64;
    short[] q = new short[none + 64];
    // Per block, the far-edge values (§7.3) that the blocks below and to the right predict from.
    int[] edgeB = new int[bw * bh];
    int[] edgeR = new int[bw * bh];
    byte[] nz = new byte[bw * bh];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        int b = by * bw + bx;
        int off = ((by & 1) * bw + bx) * 64;
        int[] st = steps[levels[lay.macroblock(i, bx, by)]];
        int aOff = by > 0 ? (((by - 1) & 1) * bw + bx) * 64 : none;
        int lOff = bx > 0 ? off - 64 : none;
        int shift = (by > 0) != (bx > 0) ? 1 : 0;
        // decodeAc writes only the nonzero positions; the slot still holds a block two rows up.
        java.util.Arrays.fill(q, off, off + 64, (short) 0);
        int ac = CoefficientCoder.decodeAc(dec, t, q, off, aOff, lOff, shift,
            CoefficientCoder.nzBucket(nz, bw, bx, by), st, bias1, bias2, block);
        nz[b] = (byte) ac;
        // The block's AC values are known: predict its DC from the edges (§7.3).
        boolean any = nz[b] != 0;
        int evenV = any ? DcPredictor.even(block, 8) : 0;
        int oddV = any ? DcPredictor.odd(block, 8) : 0;
        int evenU = any ? DcPredictor.even(block, 1) : 0;
        int oddU = any ? DcPredictor.odd(block, 1) : 0;
        int a = by > 0 ? edgeB[b - bw] - (evenV + oddV) : 0;
        int l = bx > 0 ? edgeR[b - 1] - (evenU + oddU) : 0;
        int predQ = DcPredictor.predictQ(DcPredictor.predict(a, by > 0, l, bx > 0), st[0]);
        int dc = predQ + CoefficientCoder.decodeDc(dec, t,
            DcPredictor.bucket(a, by > 0, l, bx > 0, st[0]));
        // Valid streams stay within +-2048 (8-bit samples, step16 >= 8); damaged ones are clamped.
        dc = dc < -2048 ? -2048 : dc > 2048 ? 2048 : dc;
        q[off] = (short) dc;
        int dcF = DcPredictor.dequantize(dc, st[0]);
        edgeB[b] = (dcF << 12) + (evenV - oddV);
        edgeR[b] = (dcF << 12) + (evenU - oddU);
        inverse(block, dcF, any ? Math.max(1, ac >> 8) : 0, pix, by * 8 * pw + bx * 8, pw);
      }
    }
  }
}
