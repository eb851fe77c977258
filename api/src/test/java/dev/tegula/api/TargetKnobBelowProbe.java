package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Measurement, not a test: how well a mosaic probe ({@link KnobProbe#mosaic}) predicts what a
 * trellis lambda below x1 does to the whole image's -ln(1 - SSIM) at fixed tables, against the
 * probe above x1 the searches use. Lines {@code PNG target code}; prints per ln lambda: the
 * search's probe (x1.6, scaled), the mosaic at x0.8 (raw), the whole image at x0.9 and x0.8.
 */
public class TargetKnobBelowProbe {
  public static void main(String[] args) throws Exception {
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 3) {
        continue;
      }
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(w[0]))).image();
      int code = Integer.parseInt(w[2]);
      SsimCurve curve = SsimCurve.of(img, true);
      KnobProbe up = curve.knobProbe(code);
      Image m = KnobProbe.mosaic(img);
      double m1 = y(m, code, 100);
      double m08 = y(m, code, 80);
      double w1 = y(img, code, 100);
      double w09 = y(img, code, 90);
      double w08 = y(img, code, 80);
      System.out.printf("%s %s %d decoded=%s: up %.3f | mosaic x0.8 %.3f | whole x0.9 %.3f"
          + " x0.8 %.3f%n", Paths.get(w[0]).getFileName(), w[1], code,
          curve.sourceSteps() != null, up == null ? Double.NaN : up.ssimSlope,
          (m08 - m1) / -Math.log(0.8), (w09 - w1) / -Math.log(0.9), (w08 - w1) / -Math.log(0.8));
    }
  }

  private static double y(Image img, int code, int lambda) {
    byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY,
        TargetSearch.jpegOptions(TargetSearch.withLambda(code, lambda)));
    return -Math.log(1 - dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image()));
  }
}
