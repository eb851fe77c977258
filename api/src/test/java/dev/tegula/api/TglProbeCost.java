package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.tgl.TglEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Measurement, not a test: where the thread CPU of {@link TglProbe} and of one {@link
 * TglMosaicCurve} code goes, against one .tgl encode of the whole image at quality 90 and its
 * SSIM measured in the same rounds (alternated, 2 warm-up rounds, the median of 5; the machine is
 * shared). Per PNG argument: the parts of a probe at -Dcode=8000 (building the mosaic, encoding
 * it, decoding it, {@link TglProbe#innerSsim}, {@link SsimCurve#modelOfMosaic}), then the median
 * and largest ratio of each part over the images.
 */
public class TglProbeCost {
  private static final String[] PARTS = {"mosaic", "encode", "decode", "innerSsim", "model",
      "probe", "mosaicCode"};

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int code = Integer.getInteger("code", 8000);
    List<List<Double>> ratios = new ArrayList<>();
    for (int k = 0; k < PARTS.length; k++) {
      ratios.add(new ArrayList<>());
    }
    for (String a : args) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      if (TglProbe.tilesFor(img, TglProbe.TILE, TglProbe.TILES) == 0) {
        continue;
      }
      long[][] t = new long[PARTS.length][5];
      long[] whole = new long[5];
      for (int rep = -2; rep < 5; rep++) {
        long[] at = new long[PARTS.length + 1];
        at[0] = mx.getCurrentThreadCpuTime();
        Image m = TglProbe.mosaic(img, TglProbe.TILE, TglProbe.TILES);
        at[1] = mx.getCurrentThreadCpuTime();
        byte[] b = TglEncoder.encode(m, Metadata.EMPTY, TargetSearch.tglOptions(code));
        at[2] = mx.getCurrentThreadCpuTime();
        Image d = Tegula.decode(b).image();
        at[3] = mx.getCurrentThreadCpuTime();
        TglProbe.innerSsim(m, d, TglProbe.TILE, TglProbe.MARGIN);
        at[4] = mx.getCurrentThreadCpuTime();
        SsimCurve.modelOfMosaic(m, code, null, false).modelAt(code);
        at[5] = mx.getCurrentThreadCpuTime();
        TglProbe.of(img, code, null, false);
        at[6] = mx.getCurrentThreadCpuTime();
        TglMosaicCurve.of(img, null, TglProbe.TILE, TglProbe.TILES, TglProbe.MARGIN).at(code);
        at[7] = mx.getCurrentThreadCpuTime();
        dev.tegula.metrics.Metrics.ssim(img,
            Tegula.decode(EstimateCost.encodeQ90(img, false)).image());
        long end = mx.getCurrentThreadCpuTime();
        if (rep >= 0) {
          for (int k = 0; k < PARTS.length; k++) {
            t[k][rep] = at[k + 1] - at[k];
          }
          whole[rep] = end - at[7];
        }
      }
      Arrays.sort(whole);
      StringBuilder sb = new StringBuilder(String.format("%s %dx%d: encode q90 + SSIM %.1f ms",
          Paths.get(a).getFileName(), img.width(), img.height(), whole[2] / 1e6));
      for (int k = 0; k < PARTS.length; k++) {
        Arrays.sort(t[k]);
        double r = t[k][2] / (double) whole[2];
        ratios.get(k).add(r);
        sb.append(String.format(", %s %.2f", PARTS[k], r));
      }
      System.out.println(sb);
    }
    for (int k = 0; k < PARTS.length; k++) {
      List<Double> r = ratios.get(k);
      Collections.sort(r);
      System.out.printf("%s: ratio median %.3f, max %.3f%n", PARTS[k], r.get(r.size() / 2),
          r.get(r.size() - 1));
    }
  }
}
