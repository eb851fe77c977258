package dev.tegula.metrics;

/**
 * Piecewise cubic Hermite interpolation that preserves monotonicity (Fritsch and Carlson 1980, with
 * Fritsch and Butland's weighted harmonic mean for the inner slopes and Moler's shape-preserving
 * three-point end slopes), as scipy's {@code PchipInterpolator} builds it, with exact integrals.
 */
final class Pchip {
  private final double[] x;
  private final double[] y;
  private final double[] d;

  /** @param x strictly increasing, at least two points */
  Pchip(double[] x, double[] y) {
    int n = x.length;
    if (n < 2 || y.length != n) {
      throw new IllegalArgumentException("PCHIP needs two or more points");
    }
    for (int i = 1; i < n; i++) {
      if (!(x[i] > x[i - 1])) {
        throw new IllegalArgumentException("x must increase strictly");
      }
    }
    this.x = x.clone();
    this.y = y.clone();
    this.d = slopes(this.x, this.y);
  }

  private static double[] slopes(double[] x, double[] y) {
    int n = x.length;
    double[] h = new double[n - 1];
    double[] m = new double[n - 1];
    for (int k = 0; k < n - 1; k++) {
      h[k] = x[k + 1] - x[k];
      m[k] = (y[k + 1] - y[k]) / h[k];
    }
    double[] d = new double[n];
    if (n == 2) {
      d[0] = m[0];
      d[1] = m[0];
      return d;
    }
    for (int k = 1; k < n - 1; k++) {
      if (Math.signum(m[k]) != Math.signum(m[k - 1]) || m[k] == 0 || m[k - 1] == 0) {
        d[k] = 0;
      } else {
        double w1 = 2 * h[k] + h[k - 1];
        double w2 = h[k] + 2 * h[k - 1];
        d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
      }
    }
    d[0] = endSlope(h[0], h[1], m[0], m[1]);
    d[n - 1] = endSlope(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
    return d;
  }

  private static double endSlope(double h0, double h1, double m0, double m1) {
    double e = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
    if (Math.signum(e) != Math.signum(m0)) {
      return 0;
    }
    if (Math.signum(m0) != Math.signum(m1) && Math.abs(e) > 3 * Math.abs(m0)) {
      return 3 * m0;
    }
    return e;
  }

  /** The integral from {@code a} to {@code b}, both within [x0, xn]. */
  double integrate(double a, double b) {
    if (a > b) {
      return -integrate(b, a);
    }
    double sum = 0;
    for (int k = 0; k < x.length - 1; k++) {
      double lo = Math.max(a, x[k]);
      double hi = Math.min(b, x[k + 1]);
      if (hi > lo) {
        sum += segmentIntegral(k, hi - x[k]) - segmentIntegral(k, lo - x[k]);
      }
    }
    return sum;
  }

  /** ∫ from x[k] to x[k] + t of segment k's cubic y + d·s + c2·s² + c3·s³. */
  private double segmentIntegral(int k, double t) {
    double h = x[k + 1] - x[k];
    double m = (y[k + 1] - y[k]) / h;
    double c2 = (3 * m - 2 * d[k] - d[k + 1]) / h;
    double c3 = (d[k] + d[k + 1] - 2 * m) / (h * h);
    return t * (y[k] + t * (d[k] / 2 + t * (c2 / 3 + t * c3 / 4)));
  }
}
