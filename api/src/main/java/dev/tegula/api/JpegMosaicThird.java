package dev.tegula.api;

import static dev.tegula.api.TargetSearch.QUALITY;
import static dev.tegula.api.TargetSearch.TOP;

import dev.tegula.api.SearchRules.Rule;

/**
 * JPEG's third encode at a quality read on the real encoder's curve of a sample of the image
 * ({@link SsimCurve#mosaicAt}: {@link KnobProbe}'s mosaic) as well as on the fitted model
 * ({@link #third}; the second's read is {@link JpegMosaicPick}'s).
 */
final class JpegMosaicThird {
  /** {@link #third}'s share of the mosaic's map in the blend with the fitted model. */
  static final double SHARE = 0.7;
  /**
   * {@link #SHARE} inside a bracket (a failing and a passing file) on the larger mosaic
   * ({@link Rule#JPEG_LARGER_MOSAIC}), whose map through the bracket's two files alone put
   * its thirds within half a band width of their measured value 43 times of 53 (MosaicCurve's
   * LARGER_TILE). Measured 30 Nov (session 18),
   * TargetLanding fine scale, same cache and session, JPEG SSIM within 3 encodes on photos,
   * graphics and the colour, grey and other encoders' fit sets, 516 on main: on the larger
   * mosaic, share 0.7 everywhere 519; 1 everywhere 523 (19 won, 12 lost: thirds after two passes
   * or two failures, extrapolated on the mosaic alone, went astray); 1 inside a bracket and 0.7
   * outside 523 (14 won, 7 lost), 0.85 and 0.7 519, 1 and 0.5 517, 1 and 0.85 522; with 24 tiles
   * of 64 pixels (a quarter of the image) instead of 32, 516; 256 tiles of 32 pixels (half) 519.
   */
  static final double SHARE_IN_BRACKET = 1;
  /** {@link #third}'s qualities tried on the mosaic, the model's pick among them. */
  private static final int PICKS = 3;
  /**
   * Ends whose mosaics lie nearer than this (in -ln(1 - SSIM)), or a map from the mosaic to the
   * image steeper or flatter than these, say more about noise than about the image.
   */
  private static final double MIN_SPAN = 0.005;
  private static final double SLOPE_MIN = 0.25;
  private static final double SLOPE_MAX = 4;

  private JpegMosaicThird() {}

  /**
   * JPEG's third quality read on the real encoder's curve of a sample ({@link
   * SsimCurve#mosaicAt}, the mosaic of {@link KnobProbe}): the mosaic's -ln(1 - SSIM) at a
   * quality, mapped onto the image's by the line through the two measured files (mosaic against
   * image), is blended with the fitted model's prediction ({@link #SHARE}), and the
   * quality is found where that blend reaches the aim: the model's pick first, then up to {@link
   * #PICKS} times the model's quality where the mosaic's line (between the two points on
   * either side of the aim, else the two nearest it) crosses the aim, blended as the values are.
   * Of the qualities tried, the one whose blend lies nearest the aim is encoded; {@code q}
   * itself across the jump or when the two files do not give a rising map. Near a decoded
   * JPEG's own quality the mosaic climbs on the stairs of the real integer tables, which the
   * model smooths; on any image it measures what the trellis and the masking do. After two
   * failures or two passes the mosaic's map alone, its crossing of the aim on the quality
   * between the points on either side ({@link SearchRules.Rule#JPEG_ONE_SIDED_ON_MOSAIC}).
   *
   * <p>Why: of the thirds at a quality on the fit sets, photos and graphics (session 16), those
   * inside a bracket sat a median 0.66 band widths off the model's prediction and 0.38 off the
   * mosaic's map (25 against 33 of 58 within half a band width); outside a bracket (two passes
   * or two failures) the map's line put 17 of 30 within half a band width where the search's
   * aim put 10. Measured 29 Nov (session 16), TargetLanding fine scale, same cache and session,
   * JPEG SSIM 0.90-0.99 within 3 encodes, photos + graphics + colour, grey and other encoders'
   * fit sets, 487 of 576 without: shares 0.3, 0.5, 0.6, 0.7, 0.8, 1 gave 488, 492, 494, 495,
   * 492, 488 inside a bracket only, and 493 (0.5), 496, 500, 498, 495 (1) outside it too; at 0.5
   * inside only, 2 or 4 picks 491 and 492 (3: 492); at 0.7 with both, 2 picks 495. Not tuned on
   * (hold-out, otho, othg) 256 -> 272 of 360; with the caller's 4:4:4 (photos, graphics, colour
   * and grey fit sets) 276 -> 284 of 336, grey output 269 -> 281 of 336. Tried and not kept:
   * the same blend for the second encode (through the first file, the map's slope 1): 161 ->
   * 203 of 472 second files in the band and 3 % fewer encodes, but 490 within 3 (graphics 14 ->
   * 11): its closer brackets put more thirds under the target (with this rule's 0.7: 494; only
   * after a first file more than 3 or 6 band widths off: 490, 495); the third aimed where the
   * search aims it after two failures (short of the aim) instead of at the aim: 495; a shift of
   * the first estimate by the mosaic's measured minus estimated value (a control variate:
   * correlation 0.66 with the estimate's error, median error on the fit sets 3.3 -> 2.6 band
   * widths, on photos 1.6 -> 2.5): 481. Cost: the mosaic encoded and scored at up to five codes
   * (each a median 0.18 and at most 0.36 of the image's encode and score, thread CPU, corpus,
   * graphics and hold-out images at quality 80) in the searches that reach a third encode at a
   * quality (about one in eight).
   */
  static int third(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int[] codes, double[] ys) {
    int code = model.codeAt(q);
    if (!TargetSearch.sameSide(codes[0], code) || !TargetSearch.sameSide(codes[1], code)) {
      return q;
    }
    double m0 = curve.mosaicAt(codes[0]);
    double m1 = curve.mosaicAt(codes[1]);
    // two failures or two passes
    boolean oneSided = (failQ >= 0) == (passQ > TOP)
        && curve.rules().on(Rule.JPEG_ONE_SIDED_ON_MOSAIC);
    // on the larger mosaic a bracket's third is read on the mosaic alone, and so is a third
    // after two files on one side, where the mosaic foretold it better than the model through them
    boolean bracket = failQ >= 0 && passQ <= TOP && curve.rules().on(Rule.JPEG_LARGER_MOSAIC);
    double share = bracket || oneSided ? SHARE_IN_BRACKET : SHARE;
    double slope = (ys[1] - ys[0]) / (m1 - m0);
    if (!(Math.abs(m1 - m0) > MIN_SPAN && slope > SLOPE_MIN
        && slope < SLOPE_MAX)) {
      return q;
    }
    // each point: its quality (-1 for the two measured), the model's prediction, the map's
    int max = 2 + PICKS;
    int[] qs = new int[max];
    double[] x = new double[max];
    double[] m = new double[max];
    double[] hundredths = new double[max];
    for (int i = 0; i < 2; i++) {
      qs[i] = -1;
      x[i] = model.predicted(codes[i] & QUALITY);
      m[i] = ys[i];
      hundredths[i] = codes[i] & QUALITY;
    }
    int n = 2;
    int best = q;
    double bestOff = Double.POSITIVE_INFINITY;
    for (int at = q; ; ) {
      qs[n] = at;
      hundredths[n] = at;
      x[n] = model.predicted(at);
      m[n] = ys[0] + (curve.mosaicAt(model.codeAt(at)) - m0) * slope;
      double off = Math.abs(share * m[n] + (1 - share) * x[n] - aim);
      if (off < bestOff) {
        bestOff = off;
        best = at;
      }
      n++;
      double cross = n < max ? crossing(x, m, n, aim) : Double.NaN;
      if (Double.isNaN(cross)) {
        return best;
      }
      // outside a bracket the crossing on the quality itself: the model, the other abscissa,
      // is flat where the image's stairs climb
      double onQuality = oneSided ? TglMosaicPick.crossing(hundredths, m, n, aim, false)
          : Double.NaN;
      int candidate = Double.isNaN(onQuality)
          ? model.lowestAtLeast(share * cross + (1 - share) * aim, failQ, passQ)
          : TargetSearch.qualityAtLeast(onQuality, failQ, passQ, model.step);
      int next = TargetSearch.newTables(model, candidate, failQ, passQ, true, curve);
      for (int i = 2; i < n && next >= 0; i++) {
        next = qs[i] == next ? -1 : next;
      }
      if (next < 0) {
        return best;
      }
      at = next;
    }
  }

  /**
   * The model's value x where the mosaic's map m reaches the aim, on the line through the two of
   * the first n points nearest the aim on either side of it, else the two nearest it (NaN when
   * they do not rise).
   */
  private static double crossing(double[] x, double[] m, int n, double aim) {
    int lo = -1;
    int hi = -1;
    for (int i = 0; i < n; i++) {
      if (m[i] < aim && (lo < 0 || m[i] > m[lo])) {
        lo = i;
      }
      if (m[i] >= aim && (hi < 0 || m[i] < m[hi])) {
        hi = i;
      }
    }
    if (lo < 0 || hi < 0) {
      lo = -1;
      hi = -1;
      for (int i = 0; i < n; i++) {
        if (lo < 0 || Math.abs(m[i] - aim) < Math.abs(m[lo] - aim)) {
          hi = lo;
          lo = i;
        } else if ((hi < 0 || Math.abs(m[i] - aim) < Math.abs(m[hi] - aim))
            && Math.abs(x[i] - x[lo]) > 1e-9) {
          hi = i;
        }
      }
      if (hi < 0 || Math.abs(x[hi] - x[lo]) < 1e-9 || (m[hi] - m[lo]) / (x[hi] - x[lo]) <= 0) {
        return Double.NaN;
      }
    }
    if (Math.abs(m[hi] - m[lo]) < 1e-9) {
      return Double.NaN;
    }
    return x[lo] + (aim - m[lo]) * (x[hi] - x[lo]) / (m[hi] - m[lo]);
  }
}
