package dev.tegula.tgl.lossy;

/**
 * The pixels a prepared tile decodes to at a quality and trim threshold, made from its quantized
 * values without coding them (docs/format-lossy.md §6.3-§8): dequantization with the encode's
 * reconstruction biases, inverse DCT, deblocking and, inside the colour conversion, lapping, the
 * stages {@link TileDecoder} runs after its entropy decoding, in the same order and with the
 * same kernels. A target SSIM search scores trim thresholds on these pixels and codes one.
 */
final class TileReconstruction {
  private TileReconstruction() {}

  /**
   * Pixel (x, y) of the tile goes to {@code out[offset + y * stride + x * 4]} (RGBA, A set to
   * 255; grey fills R, G and B), as {@link LossyCodec#decodeRgba} writes the coded tile.
   */
  static void reconstruct(PreparedLossyTile p, int hundredths, int trimThreshold, byte[] out,
      int offset, int stride, LossyScratch scratch) {
    TileLayout lay = p.layout;
    int quality = hundredths / 100;
    int[][][] steps = TileEncoder.stepTables(hundredths, lay.planes);
    short[][] q = TileEncoder.quantizedPlanes(lay);
    int[] bias = TileEncoder.quantize(p, quality, steps, q, trimThreshold, null);
    int[][] pix = new int[lay.planes][];
    int[] block = new int[64];
    for (int i = 0; i < lay.planes; i++) {
      pix[i] = scratch.plane(i, lay.samples(i));
      reconstructPlane(lay, i, q[i], steps[i], p.levels, bias, pix[i], block);
      TileDecoder.deblock(lay, i, steps[i], p.levels,
          i == 0 ? p.settings.filterLuma(quality) : p.settings.filterChroma(quality), pix[i]);
    }
    ColorTransform.inverse(pix[0], lay.planes > 1 ? pix[1] : null, lay.planes > 1 ? pix[2] : null,
        lay.pw, lay.ph, lay.subsample, p.settings.lapping, lay.width, lay.height, out, offset,
        stride, 4, true);
  }

  /** TileDecoder's per-block inverse, from the quantized values instead of the coded ones. */
  private static void reconstructPlane(TileLayout lay, int i, short[] q, int[][] steps,
      byte[] levels, int[] bias, int[] pix, int[] block) {
    int bw = lay.blocksW[i];
    int pw = lay.planeW[i];
    int t = TileLayout.contextType(i);
    for (int by = 0; by < lay.blocksH[i]; by++) {
      for (int bx = 0; bx < bw; bx++) {
        int off = (by * bw + bx) * 64;
        int[] st = steps[levels[lay.macroblock(i, bx, by)]];
        int last = 0;
        for (int k = 63; k > 0; k--) {
          if (q[off + k] != 0) {
            last = k;
            break;
          }
        }
        if (last > 0) {
          Quantizer.dequantize(q, off, st, bias[2 * t], bias[2 * t + 1], block);
        }
        TileDecoder.inverse(block, DcPredictor.dequantize(q[off], st[0]), last, pix,
            by * 8 * pw + bx * 8, pw);
      }
    }
  }
}
