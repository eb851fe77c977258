package dev.tegula.cli.eval;

import dev.tegula.metrics.BdRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Corpus-level numbers of an evaluation: mean curves per codec and BD-rates between codecs. */
final class Summary {
  /** The quality metrics the report charts and compares, with how each is read. */
  enum Metric {
    PSNR("psnr", "PSNR (dB)", 2, r -> r.metrics().psnr()),
    SSIM("ssim", "SSIM", 4, r -> r.metrics().ssim()),
    MS_SSIM("msssim", "MS-SSIM", 4, r -> r.metrics().msSsim());

    final String id;
    final String label;
    final int decimals;
    final ToDoubleFunction<EvalResult> value;

    Metric(String id, String label, int decimals, ToDoubleFunction<EvalResult> value) {
      this.id = id;
      this.label = label;
      this.decimals = decimals;
      this.value = value;
    }
  }

  /**
   * Means over the images measured at one setting. A metric's mean counts only the images where
   * it is finite (MS-SSIM needs 161 pixels a side; lossless PSNR is infinite).
   */
  record Point(String codec, int quality, int images, double bpp, double psnr, double psnrLuma,
      double ssim, double ssimLuma, double msSsim, double encodeMs, double decodeMs) {
    double value(Metric m) {
      return switch (m) {
        case PSNR -> psnr;
        case SSIM -> ssim;
        case MS_SSIM -> msSsim;
      };
    }
  }

  /** Mean BD-rate of {@code test} against {@code anchor} over {@code images} images. */
  record Bd(String anchor, String test, double percent, int images) {}

  private final List<EvalResult> results;

  Summary(List<EvalResult> results) {
    this.results = results;
  }

  /** Codec names in the order they first appear. */
  List<String> codecs() {
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> names.add(r.codec()));
    return new ArrayList<>(names);
  }

  boolean lossless(String codec) {
    return results.stream().anyMatch(r -> r.codec().equals(codec) && r.lossless());
  }

  /** Image names in the order they first appear. */
  List<String> images() {
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> names.add(r.image()));
    return new ArrayList<>(names);
  }

  List<EvalResult> of(String image) {
    return results.stream().filter(r -> r.image().equals(image)).toList();
  }

  /** The codec's mean point per quality, by increasing quality (one point if lossless). */
  List<Point> curve(String codec) {
    Map<Integer, List<EvalResult>> byQuality = new TreeMap<>();
    for (EvalResult r : results) {
      if (r.codec().equals(codec)) {
        byQuality.computeIfAbsent(r.quality(), q -> new ArrayList<>()).add(r);
      }
    }
    List<Point> points = new ArrayList<>();
    byQuality.forEach((q, rs) -> points.add(new Point(codec, q, rs.size(),
        mean(rs, EvalResult::bpp), mean(rs, r -> r.metrics().psnr()),
        mean(rs, r -> r.metrics().psnrLuma()), mean(rs, r -> r.metrics().ssim()),
        mean(rs, r -> r.metrics().ssimLuma()), mean(rs, r -> r.metrics().msSsim()),
        mean(rs, EvalResult::encodeMs), mean(rs, EvalResult::decodeMs))));
    return points;
  }

  /**
   * BD-rate of every lossy codec against every other, computed per image from its own
   * rate-quality points and averaged over the images where it is defined.
   */
  List<Bd> bdRates(Metric metric) {
    List<String> lossy = codecs().stream().filter(c -> !lossless(c)).toList();
    List<Bd> out = new ArrayList<>();
    for (String anchor : lossy) {
      for (String test : lossy) {
        if (anchor.equals(test)) {
          continue;
        }
        double sum = 0;
        int n = 0;
        for (String image : images()) {
          double bd = BdRate.percent(points(image, anchor, metric), points(image, test, metric));
          if (Double.isFinite(bd)) {
            sum += bd;
            n++;
          }
        }
        out.add(new Bd(anchor, test, n == 0 ? Double.NaN : sum / n, n));
      }
    }
    return out;
  }

  private List<BdRate.Point> points(String image, String codec, Metric metric) {
    List<BdRate.Point> points = new ArrayList<>();
    for (EvalResult r : results) {
      if (r.image().equals(image) && r.codec().equals(codec)) {
        points.add(new BdRate.Point(r.bpp(), metric.value.applyAsDouble(r)));
      }
    }
    return points;
  }

  /** Mean over the finite values; NaN when there are none, +inf when all are +inf. */
  static double mean(List<EvalResult> rs, ToDoubleFunction<EvalResult> f) {
    double sum = 0;
    int n = 0;
    int infinite = 0;
    for (EvalResult r : rs) {
      double v = f.applyAsDouble(r);
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      } else if (v == Double.POSITIVE_INFINITY) {
        infinite++;
      }
    }
    if (n == 0) {
      return infinite > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return sum / n;
  }

  /** Per codec and quality, for the summary table. */
  Map<String, List<Point>> curves() {
    Map<String, List<Point>> curves = new LinkedHashMap<>();
    for (String codec : codecs()) {
      curves.put(codec, curve(codec));
    }
    return curves;
  }
}
