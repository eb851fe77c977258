package dev.tegula.api;

import dev.tegula.core.Image;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Measurement, not a test: the thread-CPU cost of a per-image estimate against one encode of the
 * same image, alternated (2 warm-up rounds, the median of 5), per image and format, and the median
 * and largest ratio. Shared by {@link TargetSizeCheck} and {@link TargetCurveCheck}.
 */
final class EstimateCost {
  private EstimateCost() {}

  static void print(String[] files, String estimateName, BiConsumer<Image, Boolean> estimate,
      String encodeName, BiConsumer<Image, Boolean> encode) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<Double> ratios = new ArrayList<>();
    for (String a : files) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      for (boolean jpeg : new boolean[] {true, false}) {
        long[] model = new long[5];
        long[] coded = new long[5];
        for (int rep = -2; rep < 5; rep++) {
          long t0 = mx.getCurrentThreadCpuTime();
          estimate.accept(img, jpeg);
          long t1 = mx.getCurrentThreadCpuTime();
          encode.accept(img, jpeg);
          long t2 = mx.getCurrentThreadCpuTime();
          if (rep >= 0) {
            model[rep] = t1 - t0;
            coded[rep] = t2 - t1;
          }
        }
        Arrays.sort(model);
        Arrays.sort(coded);
        double r = model[2] / (double) coded[2];
        ratios.add(r);
        System.out.printf("%s %s: %s %.1f ms, %s %.1f ms, ratio %.2f%n",
            Paths.get(a).getFileName(), jpeg ? "JPEG" : "TGL", estimateName, model[2] / 1e6,
            encodeName, coded[2] / 1e6, r);
      }
    }
    Collections.sort(ratios);
    System.out.printf("ratio median %.2f, max %.2f%n", ratios.get(ratios.size() / 2),
        ratios.get(ratios.size() - 1));
  }

  /** One encode at quality 90 in the given format, the reference both estimates are timed by. */
  static byte[] encodeQ90(Image img, boolean jpeg) {
    return jpeg ? Tegula.encodeJpeg(img, dev.tegula.core.Metadata.EMPTY,
        TargetSearch.jpegOptions(9000))
        : dev.tegula.tgl.TglEncoder.encode(img, dev.tegula.core.Metadata.EMPTY,
            dev.tegula.tgl.TglEncodeOptions.lossyHundredths(9000));
  }
}
