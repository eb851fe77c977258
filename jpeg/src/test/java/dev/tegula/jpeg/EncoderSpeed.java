package dev.tegula.jpeg;

import dev.tegula.core.Image;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Single-thread encode speed on the JVM: {@code EncoderSpeed [quality] [rounds] IMAGE.png...}.
 * Prints, per setting, the best round's megapixels per CPU second over all images (thread CPU
 * time, so that a busy machine disturbs the figure less than wall time would).
 */
public final class EncoderSpeed {
  public static void main(String[] args) throws Exception {
    int quality = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Image[] images = new Image[args.length - 2];
    double mp = 0;
    for (int i = 2; i < args.length; i++) {
      Path p = Paths.get(args[i]);
      images[i - 2] = EncoderImages.load(p);
      mp += images[i - 2].width() * (double) images[i - 2].height() / 1e6;
    }
    JpegEncodeOptions rec = JpegEncodeOptions.ofQuality(quality);
    Object[][] settings = {
      {"recommended (progressive, scan search, trellis)", rec},
      {"psychovisual baseline", rec.withProgressive(false)},
      {"classic baseline, optimized tables (cjpeg -optimize)",
          rec.withPsychovisual(false).withProgressive(false)},
      {"classic baseline, Annex K tables (cjpeg)",
          rec.withPsychovisual(false).withProgressive(false).withOptimizeHuffman(false)},
    };
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    System.out.printf("%d images, %.2f MP, quality %d, best of %d rounds%n", images.length, mp,
        quality, rounds);
    for (Object[] s : settings) {
      JpegEncodeOptions o = (JpegEncodeOptions) s[1];
      double best = Double.MAX_VALUE;
      long bytes = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        bytes = 0;
        for (Image img : images) {
          bytes += JpegEncoder.encode(img, null, o).length;
        }
        best = Math.min(best, (cpu.getCurrentThreadCpuTime() - t0) / 1e9);
      }
      System.out.printf("%-55s %7.1f MP/s  %.3f bpp%n", s[0], mp / best, bytes * 8 / (mp * 1e6));
    }
  }
}
