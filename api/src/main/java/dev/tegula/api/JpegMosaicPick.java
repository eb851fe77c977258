package dev.tegula.api;

import static dev.tegula.api.TargetSearch.QUALITY;

/**
 * JPEG's second encode read on the real encoder's curve of a sample of the image ({@link
 * JpegProbe}'s mosaic of 4 tiles of 128x128) as well as on the model shifted through the first
 * file: the mosaic's rise from the first file's code, on that file's value (a control variate:
 * the mosaic's level is off, its rise between two codes is nearly the image's), blended with the
 * model's, and the quality is found where that blend reaches the aim.
 *
 * <p>Why: of the 437 second encodes at a quality that main's JPEG SSIM searches made on photos,
 * graphics and the fit sets (session 19, main 3f2681f), the model shifted through the first file
 * put 146 within half a band width of their measured -ln(1 - SSIM) (median 0.75 band widths
 * off, 90th percentile 3.1), the first file's value moved by this mosaic's rise between the two
 * codes 282 (0.32, 1.2), by MosaicCurve's larger mosaic of 64-pixel tiles 262 (0.35, 1.6),
 * blended 0.7 with the model 273 (0.35, 1.6). Within 3 encodes, TargetLanding fine scale, same
 * cache and session, the 576 searches tuned on: 526 without, shares 0.7, 0.85, 1 gave 530, 531,
 * 533 (without {@link SearchRules.Rule#JPEG_PROBE}); with it, 2 or 4 candidates instead of 3
 * gave 541 and 545 against 544.
 */
final class JpegMosaicPick {
  /** The mosaic's share in the blend (0.7 and 0.85 landed fewer: see {@link #second}). */
  static final double SHARE = 1;
  /** Candidate qualities coded on the mosaic, the model's pick first. */
  private static final int PICKS = 3;

  private JpegMosaicPick() {}

  /**
   * The second quality after one file ({@code code0}, its -ln(1 - SSIM) {@code y0}): among the
   * model's pick {@code q} and up to {@link #PICKS} - 1 qualities where the blend's line between
   * the points so far crosses the aim ({@link TglMosaicPick#crossing}; stepping past them when
   * they all lie on one side of it only after a first pass or on grey files, {@link
   * SearchRules.Rule#JPEG_SECOND_BEYOND}: a colour decode's first failure far under the band is
   * where the mosaic rises less than the image; each moved off the known files' tables), the one
   * whose blend lies nearest the aim; {@code q} itself across the chroma jump or on an image too
   * small for the mosaic.
   */
  static int second(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int code0, double y0) {
    if (!TargetSearch.sameSide(code0, model.codeAt(q))) {
      return q;
    }
    double m0 = curve.jpegProbeAt(code0);
    if (Double.isNaN(m0)) {
      return q;
    }
    int max = 1 + PICKS;
    int[] qs = new int[max];
    double[] x = new double[max];
    double[] v = new double[max];
    qs[0] = code0 & QUALITY;
    x[0] = model.predicted(qs[0]);
    v[0] = y0;
    int n = 1;
    int best = q;
    double bestOff = Double.POSITIVE_INFINITY;
    boolean beyond = curve.rules().on(SearchRules.Rule.JPEG_SECOND_BEYOND)
        && (failQ < 0 || curve.greyFiles());
    for (int at = q; ; ) {
      double mapped = y0 + curve.jpegProbeAt(model.codeAt(at)) - m0;
      qs[n] = at;
      x[n] = model.predicted(at);
      v[n] = SHARE * mapped + (1 - SHARE) * x[n];
      double off = Math.abs(v[n] - aim);
      if (off < bestOff) {
        bestOff = off;
        best = at;
      }
      n++;
      double cross = n < max ? TglMosaicPick.crossing(x, v, n, aim, beyond) : Double.NaN;
      if (Double.isNaN(cross)) {
        return best;
      }
      int next = TargetSearch.newTables(model, model.lowestAtLeast(cross, failQ, passQ), failQ,
          passQ, passQ <= TargetSearch.TOP, curve);
      for (int i = 1; i < n && next >= 0; i++) {
        next = qs[i] == next ? -1 : next;
      }
      if (next < 0 || !TargetSearch.sameSide(code0, model.codeAt(next))) {
        return best;
      }
      at = next;
    }
  }
}
