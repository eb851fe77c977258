package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measurement, not a test: {@link SizeCurve}'s estimate against the measured ln(bytes per pixel)
 * at the size knots, per image, and per knot the median of measured minus estimated (the bias
 * table's source); {@code -Dtime=true}: only the estimate's thread-CPU time against one encode at
 * quality 90 of the same image (after a warm-up, alternated, median of 5; with {@code
 * -Dchroma=444|420|422} or {@code -Dgrey=true} the estimate of that output, as {@link
 * TargetLanding}).
 * {@code java dev.tegula.api.TargetSizeCheck a.png b.png ...}
 */
public class TargetSizeCheck {
  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("time")) {
      // -Dchroma=444|420|422, -Dgrey=true: the estimate of that fixed chroma or grey output
      EstimateCost.print(args, "size estimate", (img, jpeg) -> CompressPipeline.sizeCurve(
          TargetLanding.options(jpeg ? ImageFormat.JPEG : ImageFormat.TGL), img),
          "encode q90", (img, jpeg) -> EstimateCost.encodeQ90(img, jpeg));
      return;
    }
    int[] qs = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200, 9400, 9600, 9699, 9700, 9800,
        9900, 9950, 10000, 6000 | TargetSearch.FULL_CHROMA, 8000 | TargetSearch.FULL_CHROMA,
        9200 | TargetSearch.FULL_CHROMA, 9600 | TargetSearch.FULL_CHROMA,
        9699 | TargetSearch.FULL_CHROMA};
    Map<String, List<Double>> diffs = new TreeMap<>();
    for (String a : args) {
      Path p = Paths.get(a);
      Image img = Tegula.decode(Files.readAllBytes(p)).image();
      double px = (double) img.width() * img.height();
      for (boolean jpeg : new boolean[] {true, false}) {
        SizeCurve c = SsimCurve.sizeOf(img, jpeg);
        StringBuilder sb = new StringBuilder();
        for (int q : qs) {
          if (!jpeg && q > 10000) {
            continue;
          }
          byte[] b = jpeg ? Tegula.encodeJpeg(img, Metadata.EMPTY, TargetSearch.jpegOptions(q))
              : dev.tegula.tgl.TglEncoder.encode(img, Metadata.EMPTY,
                  dev.tegula.tgl.TglEncodeOptions.lossyHundredths(q));
          double m = Math.log(b.length / px);
          sb.append(String.format(" %s%d:%.2f/%.2f", q > 10000 ? "f" : "",
              (q & TargetSearch.QUALITY) / 100, c.at(q), m));
          diffs.computeIfAbsent((jpeg ? "JPEG " : "TGL ") + (100000 + q), k -> new ArrayList<>())
              .add(m - c.at(q));
        }
        System.out.printf("%s %s:%s%n", p.getFileName(), jpeg ? "JPEG" : "TGL", sb);
      }
    }
    for (Map.Entry<String, List<Double>> e : diffs.entrySet()) {
      List<Double> l = e.getValue();
      Collections.sort(l);
      System.out.printf("median measured - model %s: %.3f (min %.3f max %.3f)%n", e.getKey(),
          l.get(l.size() / 2), l.get(0), l.get(l.size() - 1));
    }
  }

}
