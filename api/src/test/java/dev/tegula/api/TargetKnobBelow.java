package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Measurement, not a test: what a trellis lambda below the encoder's own (x1) does to a JPEG
 * file at fixed tables, SSIM and bytes, for lines {@code PNG target code} (a search's failing
 * file just under its target). Run with the api test classpath: {@code java
 * dev.tegula.api.TargetKnobBelow FILE}.
 */
public class TargetKnobBelow {
  public static void main(String[] args) throws Exception {
    int[] lambdas = {100, 90, 80, 70, 60, 50, 35, 20, 1};
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 3) {
        continue;
      }
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(w[0]))).image();
      double t = Double.parseDouble(w[1]);
      int code = Integer.parseInt(w[2]);
      StringBuilder sb = new StringBuilder(String.format("%s %.2f %d:", Paths.get(w[0])
          .getFileName(), t, code));
      double y0 = Double.NaN;
      double b0 = Double.NaN;
      for (int l : lambdas) {
        byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY,
            TargetSearch.jpegOptions(TargetSearch.withLambda(code, l)));
        double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
        double y = -Math.log(1 - s);
        if (l == 100) {
          y0 = y;
          b0 = b.length;
        }
        double bands = (y - -Math.log(1 - t)) / -Math.log(0.97);
        sb.append(String.format(" x%.2f %.5f (%+.2f bands, %+.1f%% bytes)", l / 100.0, s, bands,
            100 * (b.length / b0 - 1)));
      }
      System.out.println(sb);
    }
  }
}
