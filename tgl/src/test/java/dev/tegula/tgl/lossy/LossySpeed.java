package dev.tegula.tgl.lossy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Single-thread timing of the lossy codec over 256x256 tiles of one image, as the container will
 * call it: {@code LossySpeed IMAGE [quality] [rounds]}. Prints the best round's MP/s.
 */
public final class LossySpeed {
  public static void main(String[] args) throws IOException {
    BufferedImage img = ImageIO.read(new File(args[0]));
    int quality = args.length > 1 ? Integer.parseInt(args[1]) : 75;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int w = img.getWidth();
    int h = img.getHeight();
    int ts = 256;
    int nx = (w + ts - 1) / ts;
    int ny = (h + ts - 1) / ts;
    byte[][] tiles = new byte[nx * ny][];
    byte[][] coded = new byte[nx * ny][];
    for (int ty = 0; ty < ny; ty++) {
      for (int tx = 0; tx < nx; tx++) {
        int tw = Math.min(ts, w - tx * ts);
        int th = Math.min(ts, h - ty * ts);
        tiles[ty * nx + tx] = LossyHarness.samples(img, tx * ts, ty * ts, tw, th, 3);
      }
    }
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    double mp = w * (double) h / 1e6;
    double bestEnc = 1e9;
    double bestDec = 1e9;
    long bytes = 0;
    byte[] out = new byte[ts * ts * 3];
    boolean encOnly = Boolean.getBoolean("encodeOnly");
    boolean decOnly = Boolean.getBoolean("decodeOnly");
    for (int r = 0; r < rounds; r++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      bytes = 0;
      for (int ty = 0; ty < ny; ty++) {
        for (int tx = 0; tx < nx; tx++) {
          int tw = Math.min(ts, w - tx * ts);
          int th = Math.min(ts, h - ty * ts);
          coded[ty * nx + tx] = LossyCodec.encode(tiles[ty * nx + tx], tw, th, 3, quality);
          bytes += coded[ty * nx + tx].length;
        }
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      for (int rep = encOnly ? 0 : decOnly ? 5 : 1; rep > 0; rep--)
      for (int ty = 0; ty < ny; ty++) {
        for (int tx = 0; tx < nx; tx++) {
          int tw = Math.min(ts, w - tx * ts);
          int th = Math.min(ts, h - ty * ts);
          byte[] c = coded[ty * nx + tx];
          LossyCodec.decode(c, 0, c.length, tw, th, 3, out);
        }
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      bestEnc = Math.min(bestEnc, (t1 - t0) / 1e9);
      bestDec = Math.min(bestDec, (t2 - t1) / 1e9 / (encOnly ? 1 : decOnly ? 5 : 1));
    }
    // CRC32 of every coded tile and every decoded tile: two builds that should agree compare these.
    java.util.zip.CRC32 codedCrc = new java.util.zip.CRC32();
    java.util.zip.CRC32 pixelCrc = new java.util.zip.CRC32();
    for (int ty = 0; ty < ny; ty++) {
      for (int tx = 0; tx < nx; tx++) {
        int tw = Math.min(ts, w - tx * ts);
        int th = Math.min(ts, h - ty * ts);
        byte[] c = coded[ty * nx + tx];
        codedCrc.update(c);
        LossyCodec.decode(c, 0, c.length, tw, th, 3, out);
        pixelCrc.update(out, 0, tw * th * 3);
      }
    }
    System.out.printf(
        "%dx%d q%d %.3f bpp (thread CPU time): encode %.1f MP/s, decode %.1f MP/s"
            + " (crc coded %08x, pixels %08x)%n", w, h, quality,
        bytes * 8.0 / (w * (double) h), mp / bestEnc, mp / bestDec, codedCrc.getValue(),
        pixelCrc.getValue());
  }
}
