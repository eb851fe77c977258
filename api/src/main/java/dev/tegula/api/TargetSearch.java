package dev.tegula.api;

import dev.tegula.core.LimitExceededException;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Finds the quality for a target in few encodes: the highest quality whose file fits a size, or
 * the lowest whose SSIM reaches a value.
 *
 * <p>Model: a per-format prior curve g(q) (the median over the developer photo corpus of
 * ln(bytes per pixel), or of -ln(1 - SSIM), at qualities 0-100) mapped onto the image as
 * {@code a + b * g(q)}. The first encode is at the quality the prior alone predicts; it fixes
 * {@code a} (b = 1); the second encode fixes both from two points (a secant on the prior's scale,
 * which follows the curve's bend at high quality). Each next quality is the best the model
 * predicts strictly between the qualities already known to pass and to fail, so no quality is
 * encoded twice. The search stops when a result lands in the band (size within 3% below the
 * target; SSIM within a tenth of the distortion budget 1 - target above it), when the neighbours
 * pass and fail, or after 3 encodes with a passing result; without one it goes on (at most 12
 * encodes) and fails when the extreme quality does not pass either.
 */
final class TargetSearch {
  static final int MAX_ENCODES = 12;
  /** The size band: a file from 97% to 100% of the target lands. */
  static final double SIZE_BAND = 0.97;
  /** Aim slightly under the target so that the model's error rarely overshoots. */
  private static final double SIZE_AIM = 0.99;

  private static final int[] KNOTS = {0, 5, 15, 30, 45, 60, 75, 85, 92, 97, 100};
  // medians over shared/corpus/photos (10 photos), measured with Tegula's encoders at these knots
  private static final double[] JPEG_SIZE = {-4.695, -4.258, -3.383, -2.92, -2.734, -2.491, -2.13,
      -1.7, -1.356, -0.609, -0.161};
  private static final double[] JPEG_SSIM = {0.877, 1.164, 1.737, 2.117, 2.287, 2.511, 2.879,
      3.222, 3.581, 4.722, 5.406};
  private static final double[] TGL_SIZE = {-5.278, -4.756, -3.713, -3.098, -2.768, -2.476,
      -2.084, -1.749, -1.36, -0.814, -0.485};
  private static final double[] TGL_SSIM = {0.894, 1.206, 1.829, 2.238, 2.483, 2.711, 2.979,
      3.244, 3.544, 3.862, 4.053};

  /**
   * The chosen file, its quality, how many encodes it took and its SSIM (NaN if not measured);
   * for a size that even quality 0 exceeds, bytes null, quality -1 and the size of quality 0 in
   * {@code smallest}.
   */
  record Result(byte[] bytes, int quality, int encodes, double ssim, long smallest) {
    Result(byte[] bytes, int quality, int encodes, double ssim) {
      this(bytes, quality, encodes, ssim, bytes == null ? 0 : bytes.length);
    }
  }

  private TargetSearch() {}

  /**
   * The highest quality whose output is at most {@code maxBytes}, or a result without bytes when
   * even quality 0 is larger.
   */
  static Result forSize(ImageFormat format, long pixels, long maxBytes,
      IntFunction<byte[]> encoder) {
    double[] prior = format == ImageFormat.JPEG ? JPEG_SIZE : TGL_SIZE;
    double aim = Math.log(maxBytes * SIZE_AIM / (double) pixels);
    double exact = Math.log(maxBytes / (double) pixels);
    Model model = new Model(prior);
    int passQ = -1; // highest quality known to fit
    byte[] passBytes = null;
    int failQ = 101; // lowest quality known not to fit
    int encodes = 0;
    int q = model.highestAtMost(aim, -1, 101);
    while (true) {
      byte[] out = encoder.apply(q);
      encodes++;
      model.add(q, Math.log(out.length / (double) pixels));
      if (out.length <= maxBytes) {
        passQ = q;
        passBytes = out;
      } else {
        failQ = q;
      }
      if (passBytes != null && (passBytes.length >= SIZE_BAND * maxBytes || passQ + 1 >= failQ
          || encodes >= 3)) {
        return new Result(passBytes, passQ, encodes, Double.NaN);
      }
      if (failQ == 0) {
        return new Result(null, -1, encodes, Double.NaN, out.length);
      }
      if (encodes >= MAX_ENCODES) {
        q = 0; // one last try at the smallest file
      } else {
        // with a file that fits in hand, an overshoot costs nothing: aim at the target itself
        q = model.highestAtMost(passBytes != null ? exact : aim, passQ, failQ);
      }
    }
  }

  /** The lowest quality whose output reaches {@code target} SSIM by {@code scorer}. */
  static Result forSsim(ImageFormat format, double target, IntFunction<byte[]> encoder,
      ToDoubleFunction<byte[]> scorer) {
    double[] prior = format == ImageFormat.JPEG ? JPEG_SSIM : TGL_SSIM;
    double aim = -Math.log(1 - target);
    double band = target + (1 - target) / 10;
    Model model = new Model(prior);
    int passQ = 101; // lowest quality known to reach the target
    byte[] passBytes = null;
    double passSsim = Double.NaN;
    int failQ = -1; // highest quality known to miss it
    int encodes = 0;
    int q = model.lowestAtLeast(aim, -1, 101);
    while (true) {
      byte[] out = encoder.apply(q);
      double ssim = scorer.applyAsDouble(out);
      encodes++;
      if (Double.isNaN(ssim)) {
        throw new IllegalArgumentException("SSIM needs an image of at least 7x7 pixels");
      }
      model.add(q, -Math.log(Math.max(1e-9, 1 - ssim)));
      if (ssim >= target) {
        passQ = q;
        passBytes = out;
        passSsim = ssim;
      } else {
        failQ = q;
      }
      if (passBytes != null && (passSsim <= band || failQ + 1 >= passQ || encodes >= 3)) {
        return new Result(passBytes, passQ, encodes, passSsim);
      }
      if (failQ == 100) {
        throw new LimitExceededException("even quality 100 reaches only SSIM " + round4(ssim)
            + ", below the target " + target + "; lossless output (PNG, .tgl lossless) keeps "
            + "every pixel");
      }
      q = encodes >= MAX_ENCODES ? 100 : model.lowestAtLeast(aim, failQ, passQ);
    }
  }

  private static String round4(double v) {
    long t = (long) (v * 10000 + 0.5);
    return t / 10000 + "." + (10000 + t % 10000 + "").substring(1);
  }

  /**
   * a + b * prior(q) through two measured points: the closest pair around the target when the
   * target is bracketed (interpolation), else the last two; one point fixes a with b = 1.
   */
  private static final class Model {
    private final double[] prior;
    private final double[] ys = new double[101];
    private final boolean[] seen = new boolean[101];
    private int lastQ = -1;
    private int previousQ = -1;
    private double a;
    private double b = 1;

    Model(double[] prior) {
      this.prior = prior;
    }

    void add(int q, double y) {
      ys[q] = y;
      seen[q] = true;
      previousQ = lastQ;
      lastQ = q;
    }

    /** Fits the model for a search between {@code lo} and {@code hi} (known qualities). */
    private void fit(int lo, int hi) {
      int p = lastQ;
      int r = previousQ;
      if (lo >= 0 && hi <= 100 && seen[lo] && seen[hi]) {
        p = lo;
        r = hi;
      }
      b = 1;
      if (p < 0) {
        a = 0; // the prior alone: the corpus median
        return;
      }
      if (r >= 0 && Math.abs(g(r) - g(p)) > 1e-6) {
        double slope = (ys[r] - ys[p]) / (g(r) - g(p));
        // a flat or inverted measurement says more about noise than about the image
        b = slope > 0.2 && slope < 5 ? slope : 1;
      }
      a = ys[p] - b * g(p);
    }

    private double at(int q) {
      return a + b * g(q);
    }

    /** Highest q in (lo, hi) whose prediction is at most y; lo + 1 when none is. */
    int highestAtMost(double y, int lo, int hi) {
      fit(lo, hi);
      for (int q = hi - 1; q > lo; q--) {
        if (at(q) <= y) {
          return q;
        }
      }
      return lo + 1;
    }

    /** Lowest q in (lo, hi) whose prediction is at least y; hi - 1 when none is. */
    int lowestAtLeast(double y, int lo, int hi) {
      fit(lo, hi);
      for (int q = lo + 1; q < hi; q++) {
        if (at(q) >= y) {
          return q;
        }
      }
      return hi - 1;
    }

    private double g(int q) {
      int k = 1;
      while (k < KNOTS.length - 1 && KNOTS[k] < q) {
        k++;
      }
      double t = (q - KNOTS[k - 1]) / (double) (KNOTS[k] - KNOTS[k - 1]);
      return prior[k - 1] + t * (prior[k] - prior[k - 1]);
    }
  }
}
