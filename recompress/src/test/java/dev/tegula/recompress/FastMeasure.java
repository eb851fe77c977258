package dev.tegula.recompress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: the content-2 estimator. Per folder: mean saving vs the JPEG's entropy-coded bytes
 * and vs the file, bands of 512 pixel rows, and the coded bits by part (nz, ac, dc, raw).
 * Run: java -cp ... dev.tegula.recompress.FastMeasure DIR...
 */
public final class FastMeasure {
  public static void main(String[] args) throws Exception {
    double sum6 = 0;
    int n6 = 0;
    for (String dir : args) {
      List<Path> files = new ArrayList<>();
      try (var s = Files.list(Path.of(dir))) {
        s.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(files::add);
      }
      double savEcs = 0;
      double savFile = 0;
      double sav0 = 0;
      int count = 0;
      double[] parts = new double[7];
      long codedAll = 0;
      for (Path f : files) {
        byte[] jpeg = Files.readAllBytes(f);
        CoefficientImage img;
        try {
          img = CoefficientFixtures.read(jpeg);
        } catch (RuntimeException e) {
          continue;
        }
        int ecs = CoefficientFixtures.entropyCodedBytes(jpeg);
        BandPlan plan = BandPlan.of(img);
        long size = 0;
        long size0 = 0;
        for (int t = 0; t < plan.bands(); t++) {
          size += FastBandEncoder.encode(img, plan.rowStart(t), plan.rowEnd(t)).length;
          if (System.getProperty("c0") != null) {
            size0 += CoefficientCoder.encode(img, plan.rowStart(t), plan.rowEnd(t)).length;
          }
          double[] c = FastBandEncoder.measureCost(img, plan.rowStart(t), plan.rowEnd(t));
          for (int i = 0; i < 7; i++) {
            parts[i] += c[i] / 8;
          }
        }
        codedAll += size;
        savEcs += 1 - size / (double) ecs;
        savFile += 1 - (size + jpeg.length - ecs) / (double) jpeg.length;
        sav0 += 1 - (size0 + jpeg.length - ecs) / (double) jpeg.length;
        count++;
      }
      double tot = parts[0] + parts[1] + parts[2] + parts[3] + parts[4] + parts[5] + parts[6];
      System.out.printf("  estimated %.0f bytes, coded %d: header %.0f count %.0f dc %.0f interior %.0f"
          + " edge count %.0f edge %.0f raw %.0f%n", tot, codedAll, parts[0], parts[1], parts[2],
          parts[3], parts[4], parts[5], parts[6]);
      System.out.printf("%-40s n=%3d saving ecs %5.2f%% file %5.2f%% (content0 file %5.2f%%)"
          + "%n", dir, count, 100 * savEcs / count,
          100 * savFile / count, 100 * sav0 / count);
      if (!dir.contains("conformance")) {
        sum6 += savFile / count;
        n6++;
      }
    }
    System.out.printf("mean of the photo groups: file %5.2f%%%n", 100 * sum6 / n6);
  }
}
