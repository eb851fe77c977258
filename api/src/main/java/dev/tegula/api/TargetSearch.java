package dev.tegula.api;

import dev.tegula.core.LimitExceededException;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Finds the quality for a target in few encodes: the highest quality whose file fits a size, or
 * the lowest whose SSIM reaches a value.
 *
 * <p>Qualities are in hundredths (0-10000). JPEG sizes are searched on that fine scale (its tables
 * move continuously between whole qualities, {@code JpegEncodeOptions.qualityHundredths}), SSIM
 * targets on whole qualities (see {@link #forSsim}); .tgl sizes on the same fine scale (its tile
 * header carries the quality in hundredths and the quantizer steps move linearly between whole
 * qualities, format-lossy.md §2, §6.1). Above quality ~90 one whole step changes the size by
 * 10-15%, so whole qualities alone often cannot land within 3% of a target.
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
  /** The top of the quality scale in hundredths. */
  static final int TOP = 10000;
  /** The size band: a file from 97% to 100% of the target lands. */
  static final double SIZE_BAND = 0.97;
  /**
   * On the fine scale: aim inside the band, below its middle, so that the model's error rarely
   * overshoots (an overshoot costs an encode, landing low only a little quality).
   */
  private static final double FINE_AIM = 0.985;
  /**
   * On whole qualities the band is often narrower than one step: aim slightly under the target
   * first, and with a file that fits in hand (an overshoot then costs nothing) at the target.
   */
  private static final double WHOLE_AIM = 0.99;

  /** Knots of the priors, in hundredths of quality. */
  private static final int[] KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200, 9700,
      10000};
  /** JPEG's size knots add 96.99, the last quality with 4:2:0 chroma, before 97's jump. */
  private static final int[] JPEG_SIZE_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9699, 9700, 10000};
  // medians over shared/corpus/photos (10 photos), measured with Tegula's encoders at these knots
  private static final double[] JPEG_SIZE = {-4.695, -4.258, -3.383, -2.92, -2.734, -2.491, -2.13,
      -1.7, -1.356, -0.810, -0.609, -0.161};
  private static final double[] JPEG_SSIM = {0.877, 1.164, 1.737, 2.117, 2.287, 2.511, 2.879,
      3.222, 3.581, 4.722, 5.406};
  /**
   * .tgl's size knots add 95 and 98.5, where its curve bends most; remeasured on 28 Nov with the
   * current lossy encoder (the earlier medians, from an older encoder, put quality 100 at -0.485
   * where it now is -0.081, which sent searches near the top far below the band).
   */
  private static final int[] TGL_SIZE_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9500, 9700, 9850, 10000};
  private static final double[] TGL_SIZE = {-5.170, -5.060, -4.007, -3.330, -2.947, -2.623,
      -2.184, -1.807, -1.368, -1.054, -0.777, -0.477, -0.081};
  private static final double[] TGL_SSIM = {0.894, 1.206, 1.829, 2.238, 2.483, 2.711, 2.979,
      3.244, 3.544, 3.862, 4.053};

  /**
   * The chosen file, its quality in hundredths, how many encodes it took and its SSIM (NaN if
   * not measured); for a size that even quality 0 exceeds, bytes null, quality -1 and the size
   * of quality 0 in {@code smallest}.
   */
  record Result(byte[] bytes, int quality, int encodes, double ssim, long smallest) {
    Result(byte[] bytes, int quality, int encodes, double ssim) {
      this(bytes, quality, encodes, ssim, bytes == null ? 0 : bytes.length);
    }
  }

  private TargetSearch() {}

  /** The quality resolution of a size search, hundredths: the fine scale for JPEG and .tgl. */
  static int resolution(ImageFormat format) {
    return 1;
  }

  /**
   * The highest quality whose output is at most {@code maxBytes}, or a result without bytes when
   * even quality 0 is larger. {@code encoder} takes the quality in hundredths.
   */
  static Result forSize(ImageFormat format, long pixels, long maxBytes,
      IntFunction<byte[]> encoder) {
    return forSize(format, resolution(format), pixels, maxBytes, encoder);
  }

  /** {@link #forSize} on qualities that are multiples of {@code step} hundredths. */
  static Result forSize(ImageFormat format, int step, long pixels, long maxBytes,
      IntFunction<byte[]> encoder) {
    boolean jpeg = format == ImageFormat.JPEG;
    boolean fine = step < 100;
    double aim = Math.log(maxBytes * (fine ? FINE_AIM : WHOLE_AIM) / (double) pixels);
    double exact = fine ? aim : Math.log(maxBytes / (double) pixels);
    Model model = jpeg ? new Model(JPEG_SIZE_KNOTS, JPEG_SIZE, step, fine, true)
        : new Model(TGL_SIZE_KNOTS, TGL_SIZE, step, fine, false);
    int passQ = -step; // highest quality known to fit
    byte[] passBytes = null;
    int failQ = TOP + step; // lowest quality known not to fit
    int encodes = 0;
    int q = model.highestAtMost(aim, passQ, failQ);
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
      if (passBytes != null && (passBytes.length >= SIZE_BAND * maxBytes
          || passQ + step >= failQ || encodes >= 3)) {
        return new Result(passBytes, passQ, encodes, Double.NaN);
      }
      if (failQ == 0) {
        return new Result(null, -1, encodes, Double.NaN, out.length);
      }
      q = encodes >= MAX_ENCODES ? 0
          : model.highestAtMost(passBytes != null ? exact : aim, passQ, failQ);
    }
  }

  /** The lowest quality whose output reaches {@code target} SSIM by {@code scorer}. */
  static Result forSsim(ImageFormat format, double target, IntFunction<byte[]> encoder,
      ToDoubleFunction<byte[]> scorer) {
    // whole qualities for both formats: on the photo corpus (targets 0.95, 0.97, 0.99) the fine
    // JPEG scale landed fewer results in the band (16-17 of 30 against 20) at more encodes (89
    // against 66), the SSIM being less regular between whole qualities than the size
    return forSsim(format, 100, target, encoder, scorer);
  }

  /** {@link #forSsim} on qualities that are multiples of {@code step} hundredths. */
  static Result forSsim(ImageFormat format, int step, double target, IntFunction<byte[]> encoder,
      ToDoubleFunction<byte[]> scorer) {
    double[] prior = format == ImageFormat.JPEG ? JPEG_SSIM : TGL_SSIM;
    double aim = -Math.log(1 - target);
    double band = target + (1 - target) / 10;
    Model model = new Model(KNOTS, prior, step, false, format == ImageFormat.JPEG);
    int passQ = TOP + step; // lowest quality known to reach the target
    byte[] passBytes = null;
    double passSsim = Double.NaN;
    int failQ = -step; // highest quality known to miss it
    int encodes = 0;
    int q = model.lowestAtLeast(aim, failQ, passQ);
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
      if (passBytes != null && (passSsim <= band || failQ + step >= passQ || encodes >= 3)) {
        return new Result(passBytes, passQ, encodes, passSsim);
      }
      if (failQ == TOP) {
        throw new LimitExceededException("even quality 100 reaches only SSIM " + round4(ssim)
            + ", below the target " + target + "; lossless output (PNG, .tgl lossless) keeps "
            + "every pixel");
      }
      q = encodes >= MAX_ENCODES ? TOP : model.lowestAtLeast(aim, failQ, passQ);
    }
  }

  private static String round4(double v) {
    long t = (long) (v * 10000 + 0.5);
    return t / 10000 + "." + (10000 + t % 10000 + "").substring(1);
  }

  /**
   * a + b * prior(q) through two measured points: the closest pair around the target when the
   * target is bracketed (interpolation), else the last two; one point fixes a with b = 1.
   * Qualities are hundredths on a grid of {@code step}.
   */
  private static final class Model {
    private final int[] knots;
    private final double[] prior;
    private final int step;
    private final double[] ys = new double[MAX_ENCODES + 1];
    private final int[] qs = new int[MAX_ENCODES + 1];
    private int n;
    private double a;
    private double b = 1;

    /** On the fine scale: between knots, the prior follows the log of the table scale. */
    private final boolean byTableScale;
    private final boolean jpeg;

    Model(int[] knots, double[] prior, int step, boolean byTableScale, boolean jpeg) {
      this.knots = knots;
      this.prior = prior;
      this.step = step;
      this.byTableScale = byTableScale;
      this.jpeg = jpeg;
    }

    void add(int q, double y) {
      qs[n] = q;
      ys[n] = y;
      n++;
    }

    private int indexOf(int q) {
      for (int i = n - 1; i >= 0; i--) {
        if (qs[i] == q) {
          return i;
        }
      }
      return -1;
    }

    /** Fits the model for a search between {@code lo} and {@code hi} (known qualities). */
    private void fit(int lo, int hi) {
      int p = n - 1;
      int r = n - 2;
      int il = indexOf(lo);
      int ih = indexOf(hi);
      if (il >= 0 && ih >= 0) {
        p = il;
        r = ih;
      }
      b = 1;
      if (p < 0) {
        a = 0; // the prior alone: the corpus median
        return;
      }
      if (r >= 0 && Math.abs(g(qs[r]) - g(qs[p])) > 1e-6) {
        double slope = (ys[r] - ys[p]) / (g(qs[r]) - g(qs[p]));
        // a flat or inverted measurement says more about noise than about the image
        b = slope > 0.2 && slope < 5 ? slope : 1;
      }
      a = ys[p] - b * g(qs[p]);
    }

    private double at(int q) {
      return a + b * g(q);
    }

    /** Highest q on the grid in (lo, hi) whose prediction is at most y; lo + step if none is. */
    int highestAtMost(double y, int lo, int hi) {
      fit(lo, hi);
      for (int q = hi - step; q > lo; q -= step) {
        if (at(q) <= y) {
          return q;
        }
      }
      return lo + step;
    }

    /** Lowest q on the grid in (lo, hi) whose prediction is at least y; hi - step if none is. */
    int lowestAtLeast(double y, int lo, int hi) {
      fit(lo, hi);
      for (int q = lo + step; q < hi; q += step) {
        if (at(q) >= y) {
          return q;
        }
      }
      return hi - step;
    }

    /** The prior at q hundredths, linear between the knots. */
    private double g(int q) {
      int k = 1;
      while (k < knots.length - 1 && knots[k] < q) {
        k++;
      }
      double t = (q - knots[k - 1]) / (double) (knots[k] - knots[k - 1]);
      if (byTableScale) {
        // the size follows the tables, which stand still where neighbouring whole qualities
        // share a scale
        double l0 = logScale(knots[k - 1]);
        double l1 = logScale(knots[k]);
        t = l1 > l0 ? (logScale(q) - l0) / (l1 - l0) : t;
      }
      return prior[k - 1] + t * (prior[k] - prior[k - 1]);
    }

    /** The offset keeps the top (scale 0: every step at its floor) finite. */
    private double logScale(int q) {
      return -Math.log((jpeg ? JpegEncodeOptions.tableScaleHundredths(q) : tglScale(q)) + 200);
    }

    /**
     * .tgl's table scale in hundredths of a percent (format-lossy.md §6.1): libjpeg's curve at
     * whole qualities, linear between them as the steps are.
     */
    private static int tglScale(int h) {
      int whole = h / 100;
      int f = h % 100;
      int s0 = tglWholeScale(whole);
      return f == 0 ? s0 : (s0 * (100 - f) + tglWholeScale(whole + 1) * f) / 100;
    }

    private static int tglWholeScale(int quality) {
      int q = quality < 1 ? 1 : quality > 100 ? 100 : quality;
      return 100 * (q < 50 ? 5000 / q : 200 - 2 * q);
    }
  }
}
