package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Measurement, not a test ({@code -Dtime=true}: only the timing, thread CPU, after a warm-up, the
 * estimate alternated with one encode at quality 90 and its SSIM, median of 5, per image):
 * {@link SsimCurve}'s estimate against the measured -ln(1 - SSIM) at a
 * few qualities, and its thread-CPU time against one encode and SSIM of the same image.
 * {@code java dev.tegula.api.TargetCurveCheck a.png b.png ...}. With {@code -Dchroma=444|420|422}
 * or {@code -Dgrey=true} (as {@link TargetLanding}): the curve and the encodes of that fixed
 * chroma or grey output at every knot, also the size estimate ({@link SizeCurve}) against the
 * measured ln(bytes per pixel), and the medians of measured minus estimated per knot.
 */
public class TargetCurveCheck {
  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String chroma = System.getProperty("chroma");
    boolean grey = Boolean.getBoolean("grey");
    boolean fixed = chroma != null || grey;
    if (Boolean.getBoolean("time")) {
      EstimateCost.print(args, "estimate", (img, jpeg) -> CompressPipeline.ssimCurve(
          TargetLanding.options(jpeg ? ImageFormat.JPEG : ImageFormat.TGL), img),
          "encode q90 + SSIM", (img, jpeg) -> dev.tegula.metrics.Metrics.ssim(img,
              Tegula.decode(EstimateCost.encodeQ90(img, jpeg)).image()));
      return;
    }
    int[] qs = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200, 9400, 9600, 9699, 9700, 9800,
        9900, 9950, 10000, 8000 | TargetSearch.FULL_CHROMA, 8500 | TargetSearch.FULL_CHROMA,
        9200 | TargetSearch.FULL_CHROMA, 9400 | TargetSearch.FULL_CHROMA,
        9600 | TargetSearch.FULL_CHROMA, 9699 | TargetSearch.FULL_CHROMA};
    if (fixed) {
      qs = java.util.Arrays.copyOf(qs, 17);
    }
    java.util.Map<String, java.util.List<Double>> diffs = new java.util.TreeMap<>();
    for (String a : args) {
      Path p = Paths.get(a);
      Image decoded = Tegula.decode(Files.readAllBytes(p)).image();
      Image img = grey ? dev.tegula.transform.Grayscale.convert(decoded) : decoded;
      for (boolean jpeg : new boolean[] {true, false}) {
        CompressOptions o = TargetLanding.options(jpeg ? ImageFormat.JPEG : ImageFormat.TGL);
        if (jpeg && !Boolean.parseBoolean(System.getProperty("jpeg", "true"))
            || !jpeg && (!Boolean.parseBoolean(System.getProperty("tgl", "true"))
                || "422".equals(chroma))) {
          continue;
        }
        long t0 = mx.getCurrentThreadCpuTime();
        SsimCurve c = CompressPipeline.ssimCurve(o, img);
        SizeCurve sc = fixed ? CompressPipeline.sizeCurve(o, img) : null;
        long t1 = mx.getCurrentThreadCpuTime();
        StringBuilder sb = new StringBuilder();
        long encode = 0;
        for (int q : qs) {
          if (!jpeg && q > 10000) {
            continue;
          }
          long e0 = mx.getCurrentThreadCpuTime();
          byte[] b = fixed ? CompressPipeline.encodeLossy(img, Metadata.EMPTY, o, q)
              : jpeg ? Tegula.encodeJpeg(img, Metadata.EMPTY, TargetSearch.jpegOptions(q))
              : dev.tegula.tgl.TglEncoder.encode(img, Metadata.EMPTY,
                  dev.tegula.tgl.TglEncodeOptions.lossyHundredths(q));
          double s = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
          encode = Math.max(encode, mx.getCurrentThreadCpuTime() - e0);
          double m = -Math.log(Math.max(1e-9, 1 - s));
          sb.append(String.format(" %d:%.2f/%.2f", q / 100, c.at(q), m));
          diffs.computeIfAbsent((jpeg ? "JPEG " : "TGL ") + (100000 + q),
                  k -> new java.util.ArrayList<>())
              .add(m - c.at(q));
          if (sc != null) {
            double lnBpp = Math.log(b.length / ((double) img.width() * img.height()));
            diffs.computeIfAbsent((jpeg ? "JPEG size " : "TGL size ") + (100000 + q),
                    k -> new java.util.ArrayList<>())
                .add(lnBpp - sc.at(q));
          }
        }
        System.out.printf("%s %s model %.0f ms, slowest encode+SSIM %.0f ms:%s%n",
            p.getFileName(), jpeg ? "JPEG" : "TGL", (t1 - t0) / 1e6, encode / 1e6, sb);
      }
    }
    for (java.util.Map.Entry<String, java.util.List<Double>> e : diffs.entrySet()) {
      java.util.List<Double> l = e.getValue();
      java.util.Collections.sort(l);
      System.out.printf("median measured - model %s: %.3f%n", e.getKey(), l.get(l.size() / 2));
    }
  }

}
