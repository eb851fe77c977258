package dev.tegula.tgl.lossy;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Thread-CPU timing of the decoder's reconstruction kernels on one decoded 512x512 tile of an
 * image (its top-left corner, q75), best of 100-200 runs, for comparing kernel variants with less
 * noise than a whole decode: {@code KernelSpeed IMAGE}; {@code KernelSpeed IMAGE tile} times the
 * whole tile decode instead. The planes are the decoded tile converted
 * back to YCbCr 4:2:0, so they have a decoded picture's statistics.
 */
public final class KernelSpeed {
  public static void main(String[] args) throws Exception {
    BufferedImage img = ImageIO.read(new File(args[0]));
    int w = 512;
    int h = 512;
    byte[] px = LossyHarness.samples(img, 0, 0, w, Math.min(h, img.getHeight()), 3);
    h = Math.min(h, img.getHeight());
    byte[] coded = LossyCodec.encode(px, w, h, 3, 75);
    byte[] out = new byte[w * h * 3];
    LossyCodec.decode(coded, 0, coded.length, w, h, 3, out);
    int ph = (h + 15) & ~15;
    short[] ys = new short[w * ph];
    short[] cbs = new short[w * ph / 4];
    short[] crs = new short[w * ph / 4];
    ColorTransform.forward(out, w, h, 3, true, ys, cbs, crs, w, ph);
    int[] y = widen(ys);
    int[] cb = widen(cbs);
    int[] cr = widen(crs);
    int[] alpha = new int[(w / 16) * (ph / 16)];
    // A q75-like threshold: step 40 (1/16) at the header's strength 18.
    java.util.Arrays.fill(alpha, (40 * 18) >> 9);
    int[] work = new int[y.length];
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    if (args.length > 1 && args[1].equals("tile")) {
      // The whole tile decode, straight to RGBA as the container calls it: best single run.
      byte[] rgba = new byte[w * h * 4];
      for (int round = 0; round < 5; round++) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 300; rep++) {
          long t0 = cpu.getCurrentThreadCpuTime();
          LossyCodec.decodeRgba(coded, 0, coded.length, w, h, 3, rgba, w, 0, 0, true);
          best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf("tile decode %.2f ns/px%n", best / (double) (w * h));
      }
      return;
    }
    for (int round = 0; round < 6; round++) {
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 200; rep++) {
        System.arraycopy(y, 0, work, 0, y.length);
        long t0 = cpu.getCurrentThreadCpuTime();
        DeblockingFilter.filter(work, w, ph, 4, w / 16, alpha);
        best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
      }
      byte[] rgba = new byte[w * h * 4];
      long bestLap = Long.MAX_VALUE;
      long bestNoLap = Long.MAX_VALUE;
      for (int rep = 0; rep < 100; rep++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        ColorTransform.inverse(y, cb, cr, w, ph, true, true, w, h, rgba, 0, w * 4, 4, true);
        long t1 = cpu.getCurrentThreadCpuTime();
        ColorTransform.inverse(y, cb, cr, w, ph, true, false, w, h, rgba, 0, w * 4, 4, true);
        long t2 = cpu.getCurrentThreadCpuTime();
        bestLap = Math.min(bestLap, t1 - t0);
        bestNoLap = Math.min(bestNoLap, t2 - t1);
      }
      System.out.printf("colour+lapping %.2f ns/px, colour alone %.2f%n",
          bestLap / (double) (w * h), bestNoLap / (double) (w * h));
      System.out.printf("deblocking %.2f ns/sample%n", best / (double) y.length);
    }
  }

  private static int[] widen(short[] s) {
    int[] r = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = s[i];
    }
    return r;
  }
}
