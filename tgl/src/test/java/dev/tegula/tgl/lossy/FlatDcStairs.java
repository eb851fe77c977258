package dev.tegula.tgl.lossy;

import dev.tegula.tgl.RangeEncoder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Measurement, not a test: where a lossy file's bytes stop rising with quality. Per hundredth
 * (4:2:0, 512x512 tiles as the container's default), the tiles' bytes, the bytes with every DC
 * residual coded as 0 (what the AC values, levels and signs cost), and the nonzero DC residuals
 * of flat blocks (every AC value 0) and of the others, with the blocks of each, over all planes.
 * {@code java dev.tegula.tgl.lossy.FlatDcStairs IMAGE.png FROM TO BY}. Session 24: on
 * hubble_deep_field the AC part rises at every hundredth while the flat blocks' DC residuals
 * come and go as the steps' grid slides past the dark sky's level (docs/target-search.md §5).
 */
public final class FlatDcStairs {
  public static void main(String[] args) throws Exception {
    BufferedImage img = ImageIO.read(new File(args[0]));
    int from = Integer.parseInt(args[1]);
    int to = Integer.parseInt(args[2]);
    int by = Integer.parseInt(args[3]);
    int channels = LossyHarness.isGrey(img) ? 1 : 3;
    List<PreparedLossyTile> tiles = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y += 512) {
      for (int x = 0; x < img.getWidth(); x += 512) {
        int w = Math.min(512, img.getWidth() - x);
        int h = Math.min(512, img.getHeight() - y);
        tiles.add(TileEncoder.prepare(LossyHarness.samples(img, x, y, w, h, channels), w, h,
            channels, true, EncoderSettings.DEFAULT));
      }
    }
    System.out.println("hundredths bytes acBytes flatDc/flatBlocks otherDc/otherBlocks");
    for (int q = from; q <= to; q += by) {
      long bytes = 0;
      long[] sum = new long[5];
      for (PreparedLossyTile p : tiles) {
        bytes += TileEncoder.encode(p, q).length;
        long[] t = withoutDc(p, q);
        for (int j = 0; j < sum.length; j++) {
          sum[j] += t[j];
        }
      }
      System.out.printf("%d %d %d %d/%d %d/%d%n", q, bytes, sum[0], sum[1], sum[2], sum[3],
          sum[4]);
    }
  }

  /**
   * The tile's body coded as TileEncoder codes it but with every DC residual 0, then the nonzero
   * residuals and blocks, flat and other.
   */
  private static long[] withoutDc(PreparedLossyTile p, int hundredths) {
    TileLayout lay = p.layout;
    int[][][] steps = TileEncoder.stepTables(hundredths, lay.planes);
    int[] round = new int[64];
    int[] block = new int[64];
    short[][] q = new short[lay.planes][];
    for (int i = 0; i < lay.planes; i++) {
      q[i] = new short[lay.samples(i)];
      p.settings.rounding(i, hundredths / 100, round);
      for (int b = 0; b < lay.blocksW[i] * lay.blocksH[i]; b++) {
        int off = b * 64;
        int[] st = steps[i][p.levels[lay.macroblock(i, b % lay.blocksW[i], b / lay.blocksW[i])]];
        for (int k = 0; k < 64; k++) {
          block[k] = p.coefficients[i][off + k];
        }
        Quantizer.quantize(block, st, round, q[i], off);
        Quantizer.clampAwareDc(block, st[0], q[i], off);
      }
    }
    byte[] file = TileEncoder.encode(p, hundredths);
    int[] bias = {file[6], file[7], file[8], file[9]};
    RangeEncoder enc = new RangeEncoder(lay.pw * lay.ph / 4 + 64);
    CoefficientCoder coder = new CoefficientCoder();
    for (int m = 0; m < p.levels.length; m++) {
      coder.encodeLevel(enc, p.levels[m], TileEncoder.previousLevel(p.levels, m, lay.mbw));
    }
    long[] out = new long[5];
    int[] f = new int[64];
    for (int i = 0; i < lay.planes; i++) {
      int bw = lay.blocksW[i];
      int bh = lay.blocksH[i];
      int t = TileLayout.contextType(i);
      int[] edgeB = new int[bw * bh];
      int[] edgeR = new int[bw * bh];
      byte[] nz = new byte[bw * bh];
      for (int by = 0; by < bh; by++) {
        for (int bx = 0; bx < bw; bx++) {
          int b = by * bw + bx;
          int off = b * 64;
          int[] st = steps[i][p.levels[lay.macroblock(i, bx, by)]];
          nz[b] = (byte) coder.encodeAc(enc, t, q[i], off, by > 0 ? off - bw * 64 : -1,
              bx > 0 ? off - 64 : -1, CoefficientCoder.nzBucket(nz, bw, bx, by));
          Quantizer.dequantize(q[i], off, st, bias[2 * t], bias[2 * t + 1], f);
          int a = by > 0 ? edgeB[b - bw] - DcPredictor.near(f, 8) : 0;
          int l = bx > 0 ? edgeR[b - 1] - DcPredictor.near(f, 1) : 0;
          int pred = DcPredictor.predictQ(DcPredictor.predict(a, by > 0, l, bx > 0), st[0]);
          coder.encodeDc(enc, t, 0, DcPredictor.bucket(a, by > 0, l, bx > 0, st[0]));
          int j = nz[b] == 0 ? 1 : 3;
          out[j] += q[i][off] != pred ? 1 : 0;
          out[j + 1]++;
          int dc = DcPredictor.dequantize(q[i][off], st[0]);
          edgeB[b] = (dc << 12) + DcPredictor.far(f, 8);
          edgeR[b] = (dc << 12) + DcPredictor.far(f, 1);
        }
      }
    }
    out[0] = enc.finish().length;
    return out;
  }
}
