package dev.tegula.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Bjøntegaard delta rate (VCEG-M33, 2001; the piecewise cubic form of VCEG-AL22 and current
 * JVET practice): how much more (positive) or less (negative) rate the test codec needs than the
 * anchor for the same quality, averaged over the quality range both curves cover. log10(rate) is
 * interpolated as a function of quality with {@link Pchip}, both interpolants are integrated over
 * the common range, and the mean difference Δ gives (10^Δ − 1)·100 %.
 */
public final class BdRate {
  private BdRate() {}

  /** One rate-quality point: rate (e.g. bits per pixel, positive) and quality (e.g. PSNR). */
  public record Point(double rate, double quality) {}

  /**
   * The BD-rate in percent, or NaN when it is undefined: fewer than two usable points on a curve
   * (points with a non-finite quality, such as a lossless PSNR, or a non-positive rate are not
   * usable) or no common quality range.
   */
  public static double percent(List<Point> anchor, List<Point> test) {
    Pchip a = curve(anchor);
    Pchip t = curve(test);
    if (a == null || t == null) {
      return Double.NaN;
    }
    double[] qa = qualities(anchor);
    double[] qt = qualities(test);
    double lo = Math.max(qa[0], qt[0]);
    double hi = Math.min(qa[qa.length - 1], qt[qt.length - 1]);
    if (!(hi > lo)) {
      return Double.NaN;
    }
    double delta = (t.integrate(lo, hi) - a.integrate(lo, hi)) / (hi - lo);
    return (Math.pow(10, delta) - 1) * 100;
  }

  /** log10(rate) over quality, from the usable points sorted by quality; null if under two. */
  private static Pchip curve(List<Point> points) {
    List<Point> usable = usable(points);
    if (usable.size() < 2) {
      return null;
    }
    double[] q = new double[usable.size()];
    double[] r = new double[usable.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] = usable.get(i).quality();
      r[i] = Math.log10(usable.get(i).rate());
    }
    return new Pchip(q, r);
  }

  private static double[] qualities(List<Point> points) {
    List<Point> usable = usable(points);
    double[] q = new double[usable.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] = usable.get(i).quality();
    }
    return q;
  }

  /**
   * Finite points sorted by quality; of points with equal quality only the cheapest is kept, since
   * interpolation needs distinct qualities and the dearer point is dominated anyway.
   */
  private static List<Point> usable(List<Point> points) {
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    List<Point> sorted = new ArrayList<>();
    for (Point p : points) {
      if (p != null && Double.isFinite(p.quality()) && p.rate() > 0 && Double.isFinite(p.rate())) {
        sorted.add(p);
      }
    }
    sorted.sort(BdRate::byQualityThenRate);
    List<Point> out = new ArrayList<>();
    for (Point p : sorted) {
      if (out.isEmpty() || p.quality() > out.get(out.size() - 1).quality()) {
        out.add(p);
      }
    }
    return out;
  }

  private static int byQualityThenRate(Point a, Point b) {
    int c = Double.compare(a.quality(), b.quality());
    return c != 0 ? c : Double.compare(a.rate(), b.rate());
  }
}
