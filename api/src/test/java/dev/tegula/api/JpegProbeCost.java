package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Measurement, not a test: the thread CPU of {@link JpegProbe} against one JPEG encode of the
 * whole image at quality 80 and its SSIM measured in the same rounds (alternated, 2 warm-up
 * rounds, the median of 5; the machine is shared). Per PNG argument: the first encode's probe at
 * -Dcode=8000 (the mosaic, its encode, decode and SSIM, and the estimate of the mosaic: {@link
 * JpegProbe#shift}), its estimate alone, and one more mosaic code (the second's reads, {@link
 * JpegProbe#at}); then the median and largest ratio of each over the images.
 */
public class JpegProbeCost {
  private static final String[] PARTS = {"firstProbe", "mosaicEstimate", "mosaicCode"};

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("searches")) {
      searches(args);
      return;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int code = Integer.getInteger("code", 8000);
    List<List<Double>> ratios = new ArrayList<>();
    for (int k = 0; k < PARTS.length; k++) {
      ratios.add(new ArrayList<>());
    }
    for (String a : args) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      SsimCurve curve = SsimCurve.of(img, true);
      if (TglProbe.tilesFor(img, TglProbe.TILE, TglProbe.TILES) == 0) {
        continue;
      }
      long[][] t = new long[PARTS.length][5];
      long[] whole = new long[5];
      for (int rep = -2; rep < 5; rep++) {
        long[] at = new long[PARTS.length + 1];
        at[0] = mx.getCurrentThreadCpuTime();
        JpegProbe p = JpegProbe.of(img, null, false, SearchRules.DEFAULT, curve);
        p.shift(code, false, curve.grey(), JpegProbe.RISE_FULL);
        at[1] = mx.getCurrentThreadCpuTime();
        p.estimated(code);
        at[2] = mx.getCurrentThreadCpuTime();
        p.at(code + 150);
        at[3] = mx.getCurrentThreadCpuTime();
        byte[] b = Tegula.encodeJpeg(img, Metadata.EMPTY, TargetSearch.jpegOptions(8000));
        Metrics.ssim(img, Tegula.decode(b).image());
        long end = mx.getCurrentThreadCpuTime();
        if (rep >= 0) {
          for (int k = 0; k < PARTS.length; k++) {
            t[k][rep] = at[k + 1] - at[k];
          }
          whole[rep] = end - at[3];
        }
      }
      Arrays.sort(whole);
      StringBuilder sb = new StringBuilder(String.format("%s %dx%d: encode q80 + SSIM %.1f ms",
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

  /**
   * -Dsearches=true: per PNG argument, the JPEG SSIM searches at 0.90, 0.95, 0.97 and 0.99 (the
   * encoders' chroma choice) and how many mosaic codes each one's probe made; then the mean per
   * search and the share of searches that made any. -Doff=RULE,... turns rules off (JPEG_KNOB_MOSAIC: without that rule's code at
   * the knob's lambda).
   */
  private static void searches(String[] files) throws Exception {
    CompressOptions o = CompressOptions.lossy(75).withFormat(ImageFormat.JPEG);
    SearchRules rules = SearchRules.DEFAULT;
    for (String r : System.getProperty("off", "").split(",")) {
      rules = r.isEmpty() ? rules : rules.with(SearchRules.Rule.valueOf(r), false);
    }
    int searches = 0;
    int codes = 0;
    int probed = 0;
    for (String a : files) {
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a))).image();
      StringBuilder sb = new StringBuilder(Paths.get(a).getFileName().toString());
      for (double target : new double[] {0.90, 0.95, 0.97, 0.99}) {
        SsimCurve curve = CompressPipeline.ssimCurve(o, img, rules);
        TargetSearch.forSsim(ImageFormat.JPEG, 1, CompressPipeline.chromaChoice(o, img), target,
            c -> CompressPipeline.encodeLossy(img, Metadata.EMPTY, o, c),
            b -> Metrics.ssim(img, Tegula.decode(b).image()), curve);
        int n = curve.jpegProbeCodes();
        sb.append(' ').append(n);
        searches++;
        codes += n;
        probed += n > 0 ? 1 : 0;
      }
      System.out.println(sb);
    }
    System.out.printf("mosaic codes per search %.2f, searches with any %d of %d%n",
        codes / (double) searches, probed, searches);
  }
}
