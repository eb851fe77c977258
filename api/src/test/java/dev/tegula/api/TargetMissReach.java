package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Measurement, not a test: whether a JPEG SSIM target that a search missed is reachable with the
 * trellis lambda, the search's second knob. Reads lines {@code PNG target quality} (the lowest
 * quality in hundredths whose file reaches the target, as TargetLanding's miss line gives it) and
 * scans the lambda at that quality's tables from x1 to x4 in steps of x1.04, printing the lowest
 * SSIM still at least the target, where it lies in the band (% of the budget 1 - target) and
 * whether the SSIM fell monotonically with the lambda. Run with the api test classpath: {@code
 * java dev.tegula.api.TargetMissReach FILE}.
 */
public class TargetMissReach {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Paths.get(args[0]));
    for (String line : lines) {
      String[] w = line.trim().split("\\s+");
      if (w.length < 3) {
        continue;
      }
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(w[0]))).image();
      double t = Double.parseDouble(w[1]);
      int q = Integer.parseInt(w[2]);
      double best = Double.NaN;
      int bestLambda = -1;
      double prev = Double.POSITIVE_INFINITY;
      int rises = 0;
      double atMax = Double.NaN;
      for (double l = 1; l <= 4.0001; l *= 1.04) {
        int lambda = (int) Math.round(100 * l);
        byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY,
            TargetSearch.jpegOptions(TargetSearch.withLambda(q, lambda)));
        double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
        rises += s > prev + 1e-6 ? 1 : 0;
        prev = s;
        atMax = s;
        if (s >= t && (Double.isNaN(best) || s < best)) {
          best = s;
          bestLambda = lambda;
        }
      }
      double err = 100 * (best - t) / (1 - t);
      System.out.printf("%s %.2f q%d: lowest passing x%.2f SSIM %.5f (%.2f%% of the budget)%s;"
          + " at x4 %.5f; %d rises%n", Paths.get(w[0]).getFileName(), t, q, bestLambda / 100.0,
          best, err, err <= 3 ? " REACHABLE" : "", atMax, rises);
    }
  }
}
