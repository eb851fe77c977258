package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement, not a test: {@link TglProbe} against the whole image. Reads lines "PNG code
 * code ..." (codes as TargetLanding traces them, "f" for 4:4:4 below 97) from the file args[0]
 * and prints per code: set, image, code, the estimate ({@link SsimCurve#at}), its model alone
 * ({@link SsimCurve#modelAt}), the whole image's measured -ln(1 - SSIM) (from TargetLanding's
 * -Dcache=FILE when there, else encoded), then per probe shape in -Dshapes=TILE:TILES:MARGIN,...
 * (default 128:4:4, the probe's own) the mosaic's measured and modelled values.
 */
public class TglProbeCheck {
  public static void main(String[] args) throws Exception {
    Map<String, Double> cached = new HashMap<>();
    String cache = System.getProperty("cache");
    if (cache != null && Files.exists(Paths.get(cache))) {
      for (String line : Files.readAllLines(Paths.get(cache))) {
        int a = line.lastIndexOf(' ');
        int b = line.lastIndexOf(' ', a - 1);
        cached.put(line.substring(0, b), Double.parseDouble(line.substring(a + 1)));
      }
    }
    String[] shapes = System.getProperty("shapes", "128:4:4").split(",");
    if (Boolean.getBoolean("time")) {
      time(args, shapes);
      return;
    }
    List<String> lines = Files.readAllLines(Paths.get(args[0]));
    for (String line : lines) {
      String[] w = line.trim().split(" +");
      Path p = Paths.get(w[0]);
      String set = p.getParent().getFileName().toString();
      String name = p.getFileName().toString();
      Image img = Tegula.decode(Files.readAllBytes(p)).image();
      SsimCurve curve = SsimCurve.of(img, false);
      for (int i = 1; i < w.length; i++) {
        int code = w[i].startsWith("f") ? Integer.parseInt(w[i].substring(1))
            | TargetSearch.FULL_CHROMA : Integer.parseInt(w[i]);
        Double ssim = cached.get(set + " " + name + " TGL " + code);
        if (ssim == null || ssim.isNaN()) {
          byte[] b = dev.tegula.tgl.TglEncoder.encode(img, Metadata.EMPTY,
              TargetSearch.tglOptions(code));
          ssim = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
        }
        StringBuilder sb = new StringBuilder(String.format("%s %s %s %.4f %.4f %.4f", set, name,
            w[i], curve.at(code), curve.modelAt(code), SsimCurve.distortion(ssim)));
        for (String s : shapes) {
          String[] t = s.split(":");
          TglProbe pr = TglProbe.of(img, code, null, false, Integer.parseInt(t[0]),
              Integer.parseInt(t[1]), t.length > 2 ? Integer.parseInt(t[2]) : 0);
          sb.append(String.format(" %.4f %.4f", pr.measured, pr.modelled));
        }
        System.out.println(sb);
      }
    }
  }

  /**
   * -Dtime=true: per PNG argument the thread CPU of each probe shape at quality 80 against one
   * .tgl encode at 90 and its SSIM, alternated (2 warm-up rounds, the median of 5), and the
   * median and largest ratio per shape.
   */
  private static void time(String[] files, String[] shapes) throws Exception {
    java.lang.management.ThreadMXBean mx =
        java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.List<java.util.List<Double>> ratios = new java.util.ArrayList<>();
    for (String s : shapes) {
      ratios.add(new java.util.ArrayList<>());
    }
    for (String a : files) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      long[][] probe = new long[shapes.length][5];
      long[] coded = new long[5];
      for (int rep = -2; rep < 5; rep++) {
        for (int k = 0; k < shapes.length; k++) {
          String[] t = shapes[k].split(":");
          long t0 = mx.getCurrentThreadCpuTime();
          TglProbe.of(img, 8000, null, false, Integer.parseInt(t[0]), Integer.parseInt(t[1]),
              t.length > 2 ? Integer.parseInt(t[2]) : 0);
          long t1 = mx.getCurrentThreadCpuTime();
          if (rep >= 0) {
            probe[k][rep] = t1 - t0;
          }
        }
        long t1 = mx.getCurrentThreadCpuTime();
        dev.tegula.metrics.Metrics.ssim(img,
            Tegula.decode(EstimateCost.encodeQ90(img, false)).image());
        long t2 = mx.getCurrentThreadCpuTime();
        if (rep >= 0) {
          coded[rep] = t2 - t1;
        }
      }
      java.util.Arrays.sort(coded);
      StringBuilder sb = new StringBuilder(String.format("%s: encode q90 + SSIM %.1f ms",
          Paths.get(a).getFileName(), coded[2] / 1e6));
      for (int k = 0; k < shapes.length; k++) {
        java.util.Arrays.sort(probe[k]);
        ratios.get(k).add(probe[k][2] / (double) coded[2]);
        sb.append(String.format(", %s %.1f ms (%.2f)", shapes[k], probe[k][2] / 1e6,
            probe[k][2] / (double) coded[2]));
      }
      System.out.println(sb);
    }
    for (int k = 0; k < shapes.length; k++) {
      java.util.Collections.sort(ratios.get(k));
      System.out.printf("%s: ratio median %.2f, max %.2f%n", shapes[k],
          ratios.get(k).get(ratios.get(k).size() / 2),
          ratios.get(k).get(ratios.get(k).size() - 1));
    }
  }
}
