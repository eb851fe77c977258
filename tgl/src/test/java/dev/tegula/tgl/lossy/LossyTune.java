package dev.tegula.tgl.lossy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Quick bpp / PSNR table for tuning encoder settings without the full metric run:
 * {@code LossyTune q1,q2,... img...}, settings from system properties (see {@link #configure}).
 */
public final class LossyTune {
  public static void main(String[] args) throws IOException {
    configure(EncoderSettings.DEFAULT);
    String[] qs = args[0].split(",");
    int tile = Integer.getInteger("tile", 256);
    for (int a = 1; a < args.length; a++) {
      BufferedImage img = ImageIO.read(new File(args[a]));
      long px = (long) img.getWidth() * img.getHeight();
      StringBuilder sb = new StringBuilder(new File(args[a]).getName());
      for (String qq : qs) {
        int q = Integer.parseInt(qq);
        byte[] f = LossyHarness.compress(img, q, tile);
        BufferedImage r = LossyHarness.restore(f);
        double se = 0;
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            int p = img.getRGB(x, y);
            int o = r.getRGB(x, y);
            for (int s = 0; s < 24; s += 8) {
              int d = ((p >> s) & 255) - ((o >> s) & 255);
              se += d * d;
            }
          }
        }
        double psnr = 10 * Math.log10(255.0 * 255 * 3 * px / Math.max(se, 1e-9));
        sb.append(String.format(" q%d %.3fbpp %.2fdB", q, f.length * 8.0 / px, psnr));
      }
      System.out.println(sb);
    }
  }

  static void configure(EncoderSettings s) {
    s.aqGain = Integer.getInteger("aqGain", s.aqGain);
    s.aqOffset16 = Integer.getInteger("aqOffset", s.aqOffset16);
    s.aqMax = Integer.getInteger("aqMax", s.aqMax);
    s.roundDc = Integer.getInteger("roundDc", s.roundDc);
    s.roundLow = Integer.getInteger("roundLow", s.roundLow);
    s.roundHigh = Integer.getInteger("roundHigh", s.roundHigh);
    s.roundChromaLow = Integer.getInteger("roundCLow", s.roundChromaLow);
    s.roundChromaHigh = Integer.getInteger("roundCHigh", s.roundChromaHigh);
    s.filterLuma = Integer.getInteger("filterLuma", s.filterLuma);
    s.filterChroma = Integer.getInteger("filterChroma", s.filterChroma);
    s.filterOffFrom = Integer.getInteger("filterOffFrom", s.filterOffFrom);
    s.chroma444 = Boolean.getBoolean("c444");
    s.chroma444From = Integer.getInteger("c444From", s.chroma444From);
    s.lapping = !Boolean.getBoolean("noLap");

  }
}
