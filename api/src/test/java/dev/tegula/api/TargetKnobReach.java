package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Measurement, not a test: how far JPEG's trellis lambda ({@code JpegEncodeOptions
 * .lambdaHundredths}) moves the file at fixed tables. Per image and quality (20-96): bits per
 * pixel, -ln(1 - SSIM) y, the quality's own SSIM per ln byte over +-1 (measS) and the size
 * estimate's (estS), and at lambda x0.8, x1.25, x1.6, x2.5 the ln bytes (k) and y (c) it takes
 * off per ln lambda. Run with the api test classpath: {@code java dev.tegula.api.TargetKnobReach
 * PNG...}.
 */
public class TargetKnobReach {
  public static void main(String[] a) throws Exception {
    int[] qs = {2000, 4000, 6000, 7500, 8500, 9200, 9600};
    int[] lams = {80, 125, 160, 250};
    for (String f : a) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(f))).image();
      long px = (long) img.width() * img.height();
      SsimCurve sc = SsimCurve.of(img, true);
      SizeCurve zc = SsimCurve.sizeOf(img, true);
      for (int q : qs) {
        StringBuilder sb = new StringBuilder();
        double[] r0 = enc(img, q, 100);
        // estimate's local slope dy/dlnB over +-1 whole quality
        double ey = sc.at(q + 100) - sc.at(q - 100);
        double eb = zc.at(q + 100) - zc.at(q - 100);
        double[] qp = enc(img, q + 100, 100);
        double[] qm = enc(img, q - 100, 100);
        sb.append(String.format("%s q%d bpp %.4f B %d y %.4f estS %.3f measS %.3f", Paths.get(f).getFileName(), q,
            8.0 * r0[0] / px, (long) r0[0], r0[1], eb != 0 ? ey / eb : Double.NaN,
            (qp[1] - qm[1]) / Math.log(qp[0] / qm[0])));
        for (int l : lams) {
          double[] r = enc(img, q, l);
          double dl = Math.log(l / 100.0);
          sb.append(String.format(" | x%.2f k %.3f c %.3f", l / 100.0, -Math.log(r[0] / r0[0]) / dl,
              -(r[1] - r0[1]) / dl));
        }
        System.out.println(sb);
      }
    }
  }
  static double[] enc(Image img, int q, int l) {
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(q).withLambdaHundredths(l);
    byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY, o);
    double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
    return new double[] {b.length, -Math.log(1 - s)};
  }
}
