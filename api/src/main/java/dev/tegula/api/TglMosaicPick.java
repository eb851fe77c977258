package dev.tegula.api;

import static dev.tegula.api.TargetSearch.QUALITY;

/**
 * .tgl's second encode, and its third inside a bracket (a failure and a pass after two encodes),
 * read on the real encoder's curve of a sample of the image ({@link TglMosaicCurve}: {@link
 * TglProbe}'s mosaic of 4 tiles of 128x128) as well as on the line fitted through the files
 * ({@link SearchRules.Rule#TGL_MOSAIC}); since session 18 its third after two passes or two
 * failures too ({@link #outside}, {@link SearchRules.Rule#TGL_MOSAIC_OUTSIDE}). The mosaic is
 * coded at the measured codes and at candidate qualities; its values are mapped onto the image
 * through the measured files (a control variate: the mosaic's level is off, its rise between two
 * codes is nearly the image's), blended with the fitted line's, and the quality is found where
 * that blend reaches the aim.
 *
 * <p>Why: of the thirds inside a bracket on photos, graphics and the fit sets (154, session 16's
 * traces), the fitted line put 115 within half a band width of their measured -ln(1 - SSIM), the
 * mosaic mapped through the bracket's two ends 137 (90th percentile of the error 1.83 -> 0.58
 * band widths); blends with the line were worse (0.7: 128). Of the 486 second encodes, the
 * first file's value moved by the mosaic's rise between the two codes put 357 within half a band
 * width where the search's aim (the model's prediction) put 196 (median error 0.69 -> 0.25 band
 * widths). Other mosaics: 8 tiles of 128 (at most half the image) 144 and 392, 2 tiles 121,
 * 8 tiles of 64 114 (mosaic alone).
 *
 * <p>Measured 30 Nov (session 17), TargetLanding fine scale, .tgl SSIM 0.90-0.99, same cache
 * and session, in the band within 3 encodes, photos + graphics + colour, grey and other
 * encoders' fit sets (576 searches; in all 498 without): the third alone 510 (2 or 4 candidates:
 * 510, 511; blended 0.7 or 0.5 with the line: 508, 506), with the second too at shares 1, 0.7,
 * 0.5 of the mosaic 518, 518, 520 (graphics 12, 14, 14 of 16); the same on thirds outside a
 * bracket (two passes or two failures) at 0.3, 0.5, 1: 521, 522, 519 (not kept: no gain for its
 * cost). With 8 tiles of 128: the third alone 515, with the second 525 (at 1 or 0.5), at 1.7
 * times the cost per mosaic code.
 *
 * <p>Cost, thread CPU against one encode at quality 90 and its SSIM (corpus photos, graphics and
 * hold-out, medians of 5): one mosaic code a median 0.25, at most 0.43 (images of 0.1-0.26
 * megapixels, where the mosaic is up to half the image), 0.03-0.10 on images of 0.65-2
 * megapixels. A search codes it at 0-7 codes (the measured ones and up to 3 candidates at each
 * of the two encodes): on the fit sets a mean 0.70, median 0.56 and at most 2.87 encodes' CPU
 * per search, where it saves 0.11 encodes per search (1,430 -> 1,365).
 */
final class TglMosaicPick {
  /** The mosaic's share in the second encode's blend, whose map has one point (slope 1). */
  static final double SECOND_SHARE = 0.5;
  /** The mosaic's share in the third's, whose map runs through two points. */
  static final double THIRD_SHARE = 1;
  /**
   * The mosaic's share in a third after two passes or two failures, whose map runs from the
   * file nearer the aim at slope 1 (through both files it would stretch their noise over the
   * long way left). Measured 30 Nov (session 18), TargetLanding fine scale, .tgl SSIM
   * 0.90-0.99, same cache and session, in the band within 3 encodes on photos, graphics and the
   * colour, grey and other encoders' fit sets (576 searches; 520 without the read): shares 0.3,
   * 0.5, 0.7, 1 gave 525, 528, 530, 529; at 0.7 TargetSearch's two-pass step gain 1 or 1.1
   * instead of 1.05 gave 532 and 532 (within noise, left as it was).
   */
  static final double OUTSIDE_SHARE = 0.7;
  /** Candidate qualities coded on the mosaic, the fitted line's pick first. */
  private static final int PICKS = 3;
  /**
   * Ends whose mosaics lie nearer than this (in -ln(1 - SSIM)), or a map from the mosaic to the
   * image steeper or flatter than these, say more about noise than about the image.
   */
  private static final double MIN_SPAN = 0.005;
  private static final double SLOPE_MIN = 0.25;
  private static final double SLOPE_MAX = 4;

  private TglMosaicPick() {}

  /**
   * The second quality after one file ({@code codes[0]}, its -ln(1 - SSIM) {@code ys[0]}): the
   * mosaic's rise from that code, on the file's value, blended with the line's.
   */
  static int second(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int[] codes, double[] ys) {
    return pick(model, q, failQ, passQ, aim, curve, codes, ys, 1, SECOND_SHARE, 0);
  }

  /** The third quality inside a bracket of two files: the mosaic mapped through both. */
  static int third(FittedCurve model, int q, int failQ, int passQ, double aim, SsimCurve curve,
      int[] codes, double[] ys) {
    return pick(model, q, failQ, passQ, aim, curve, codes, ys, 2, THIRD_SHARE, -1);
  }

  /**
   * The third quality after two passes or two failures ({@link
   * SearchRules.Rule#TGL_MOSAIC_OUTSIDE}): the mosaic's rise from the file nearer the aim, on that
   * file's value, blended with the line's. The line through two files on one side extrapolates
   * their noise: when they lie close together (often a second that moved little after a first pass)
   * its slope is too flat and the third overshoots the band (session 17's thirds after two passes
   * on photos, graphics and the fit sets: of the 23 whose step past the second, in the log of the
   * step, was more than 1.1 times the two files' span, 9 landed; of the other 72, 63). Read at
   * those thirds, the mosaic's rise from the nearer file, blended 0.5 with the line, put 82 of 95
   * thirds after two passes within half a band width of their measured -ln(1 - SSIM) (the line: 71;
   * the mosaic mapped through both files, session 17's read for brackets, 64), and 37 of 45 after
   * two failures (29, 25).
   */
  static int outside(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int[] codes, double[] ys) {
    int near = Math.abs(ys[1] - aim) <= Math.abs(ys[0] - aim) ? 1 : 0;
    return pick(model, q, failQ, passQ, aim, curve, codes, ys, 2, OUTSIDE_SHARE, near);
  }

  /**
   * Among the fitted line's pick {@code q} and up to {@link #PICKS} - 1 qualities where the
   * blend's line between the points so far crosses the aim, the one whose blend lies nearest the
   * aim; {@code q} itself across the chroma jump, on an image too small for the mosaic, or when
   * two files do not give a rising map. {@code known}: how many measured codes {@code codes}
   * and {@code ys} hold (1 or 2); {@code anchor}: the file whose value the mosaic's rise (at
   * slope 1) is counted from, or -1 for the map through both files.
   */
  private static int pick(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int[] codes, double[] ys, int known, double share, int anchor) {
    int code = model.codeAt(q);
    for (int i = 0; i < known; i++) {
      if (!TargetSearch.sameSide(codes[i], code)) {
        return q;
      }
    }
    int from = Math.max(0, anchor);
    double m0 = curve.tglMosaicAt(codes[from]);
    if (Double.isNaN(m0)) {
      return q;
    }
    double slope = 1;
    if (anchor < 0) {
      double m1 = curve.tglMosaicAt(codes[1]);
      slope = (ys[1] - ys[0]) / (m1 - m0);
      if (!(Math.abs(m1 - m0) > MIN_SPAN && slope > SLOPE_MIN && slope < SLOPE_MAX)) {
        return q;
      }
    }
    // each point: its quality, the fitted line's value x and the blend's v; the measured first
    int max = known + PICKS;
    int[] qs = new int[max];
    double[] x = new double[max];
    double[] v = new double[max];
    for (int i = 0; i < known; i++) {
      qs[i] = codes[i] & QUALITY;
      x[i] = model.predicted(qs[i]);
      v[i] = ys[i];
    }
    int n = known;
    int best = q;
    double bestOff = Double.POSITIVE_INFINITY;
    for (int at = q; ; ) {
      double mapped = ys[from] + (curve.tglMosaicAt(model.codeAt(at)) - m0) * slope;
      qs[n] = at;
      x[n] = model.predicted(at);
      v[n] = share * mapped + (1 - share) * x[n];
      double off = Math.abs(v[n] - aim);
      if (off < bestOff) {
        bestOff = off;
        best = at;
      }
      n++;
      double cross = n < max ? crossing(x, v, n, aim) : Double.NaN;
      if (Double.isNaN(cross)) {
        return best;
      }
      int next = model.lowestAtLeast(cross, failQ, passQ);
      for (int i = known; i < n; i++) {
        if (qs[i] == next) {
          return best;
        }
      }
      at = next;
    }
  }

  /**
   * The fitted line's value where the blend reaches the aim, on the line through the nearest
   * points under and over it (NaN when the points do not straddle the aim or do not rise).
   */
  private static double crossing(double[] x, double[] v, int n, double aim) {
    int lo = -1;
    int hi = -1;
    for (int i = 0; i < n; i++) {
      if (v[i] < aim && (lo < 0 || v[i] > v[lo])) {
        lo = i;
      }
      if (v[i] >= aim && (hi < 0 || v[i] < v[hi])) {
        hi = i;
      }
    }
    if (lo < 0 || hi < 0 || !(x[hi] > x[lo])) {
      return Double.NaN;
    }
    return x[lo] + (aim - v[lo]) * (x[hi] - x[lo]) / (v[hi] - v[lo]);
  }
}
