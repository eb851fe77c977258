package dev.tegula.api;

import static dev.tegula.api.TargetSearch.QUALITY;

/**
 * .tgl's second encode, and its third inside a bracket (a failure and a pass after two encodes),
 * read on the real encoder's curve of a sample of the image ({@link TglMosaicCurve}: {@link
 * TglProbe}'s mosaic of 4 tiles of 128x128) as well as on the line fitted through the files ({@link
 * SearchRules.Rule#TGL_MOSAIC}); since session 18 its third after two passes or two failures too
 * ({@link #outside}, {@link SearchRules.Rule#TGL_MOSAIC_OUTSIDE}); since session 19 a read steps
 * past candidates that all lie on one side of the aim ({@link SearchRules.Rule#TGL_MOSAIC_BEYOND});
 * since session 20 a second after a first file far under the aim reads the mosaic alone, and
 * since session 21 every second does ({@link SearchRules.Rule#TGL_SECOND_ON_MOSAIC}; session
 * 20's rule, a no-op since, was retired in session 23), its first placed by a probe without seams;
 * since session 22 a first far from the probe's code is read from it too ({@link #first}, {@link
 * SearchRules.Rule#TGL_FIRST_ON_MOSAIC}).
 * The mosaic is coded at the measured codes and at candidate qualities; its values are mapped onto
 * the image through the measured files (a control variate: the mosaic's level is off, its rise
 * between two codes is nearly the image's), blended with the fitted line's, and the quality is
 * found where that blend reaches the aim.
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
  /**
   * The mosaic's share in the second encode's blend, whose map has one point (slope 1), with
   * {@link SearchRules.Rule#TGL_SECOND_ON_MOSAIC} off.
   */
  static final double SECOND_SHARE = 0.5;
  /**
   * The mosaic's share in a second ({@link SearchRules.Rule#TGL_SECOND_ON_MOSAIC}) and in a first
   * read from the probe's code ({@link #first}): alone. FAR_SHARE until session 23, from when
   * only a second after a first far under the aim read it (session 20's TGL_FAR_SECOND, retired;
   * its figures in docs/target-search.md §5).
   */
  static final double ALONE_SHARE = 1;
  /** The mosaic's share in the third's, whose map runs through two points. */
  static final double THIRD_SHARE = 1;
  /**
   * The mosaic's share in a third after two passes or two failures, whose map runs from the
   * file nearer the aim at slope 1 (through both files it would stretch their noise over the
   * long way left). Measured 30 Nov (session 18), TargetLanding fine scale, .tgl SSIM
   * 0.90-0.99, same cache and session, in the band within 3 encodes on photos, graphics and the
   * colour, grey and other encoders' fit sets (576 searches; 520 without the read): shares 0.3,
   * 0.5, 0.7, 1 gave 525, 528, 530, 529; at 0.7 SsimSearch's two-pass step gain 1 or 1.1
   * instead of 1.05 gave 532 and 532 (within noise, left as it was).
   */
  static final double OUTSIDE_SHARE = 0.7;
  /**
   * With {@link SearchRules.Rule#TGL_FIRST_ON_MOSAIC}: how far (hundredths of quality) the
   * probed estimate's first may lie from the probe's own code before it is read on the mosaic
   * instead ({@link #first}). Why, from main's searches at session 22's start (all 8 sets, 936
   * .tgl SSIM searches; a scratch print of each probe, not kept): the first file's measured
   * -ln(1 - SSIM) against the probed estimate at its code and against the probe's read carried
   * there on the mosaic's rise, median |error| in band widths by the distance between the two
   * codes, tuned-on sets / never tuned on: under 1 quality 1.65 and 1.50 / 1.73 and 1.86; 1-5
   * 1.77-2.29 and 1.32-1.77 / 1.46-2.40 and 1.44-1.62; 5-8 3.87 and 2.07 / 2.82 and 2.06; 8-12
   * 5.06 and 1.83 / 3.72 and 0.99; over 12 8.15 and 2.56 / 7.76 and 2.46 (the probe's own
   * read at its code erred a median 1.3-2.3 band widths at 0.95-0.99 on the decoded-JPEG sets,
   * the estimate 2.8-4.6). Measured 30 Nov (session 22), TargetLanding fine scale, same cache and
   * session, within 3 encodes, tuned on / never tuned on (556 / 335 without): from 3, 4, 5, 6, 8
   * qualities 559 / 339, 559 / 339, 557 / 340, 557 / 340, 557 / 338; by the probe's shift instead
   * (over 0, 4, 6, 10 band widths) 553 / 338, 552 / 338, 556 / 337, 555 / 336; from 6 band widths
   * at share 0.7 of the mosaic 553 / 338, for a positive or a negative shift alone 554 / 338, 558
   * / 334; from 4 qualities and a shift over 3 band widths 559 / 338.
   */
  static final int FIRST_FROM = 400;
  /** Candidate qualities coded on the mosaic, the fitted line's pick first. */
  private static final int PICKS = 3;
  /**
   * Ends whose mosaics lie nearer than this (in -ln(1 - SSIM)), or a map from the mosaic to the
   * image steeper or flatter than these, say more about noise than about the image.
   */
  private static final double MIN_SPAN = 0.005;
  private static final double SLOPE_MIN = 0.25;
  private static final double SLOPE_MAX = 4;
  /**
   * With {@link SearchRules.Rule#TGL_MOSAIC_BEYOND}: a candidate whose blend lies this near the
   * aim (in band widths) ends the read, since the blend's own error is several times larger;
   * and the blend climbing less steeply than this against the fitted line between the two
   * points nearest the aim says more about noise than about the image, so the read does not
   * step past them on it. Measured 30 Nov (session 19), TargetLanding fine scale, .tgl SSIM
   * 0.90-0.99, same cache and session, within 3 encodes on photos, graphics and the colour, grey
   * and other encoders' fit sets (576 searches; 530 without the rule, 1,971 mosaic codes): no
   * stop 547 (2,423 codes), stops at 0.05, 0.1, 0.15, 0.2 band widths 546, 545, 545, 544 (2,187,
   * 1,988, 1,871, 1,788 codes); the stop at 0.1 alone, without the step past, 530 (1,707 codes);
   * floors 0.1, 0.25, 0.5 on the slope (no stop) 547, 547, 548.
   */
  static final double NEAR_ENOUGH = 0.15;
  private static final double BEYOND_SLOPE_MIN = 0.25;

  /**
   * With {@link SearchRules.Rule#TGL_MOSAIC_FAR}: how many times the fitted line's step from the
   * file a read counts from is taken when the mosaic moved against the quality over that step.
   * Measured 1 Dec (session 26), TargetLanding fine scale, .tgl SSIM 0.90-0.99, same cache and
   * session, within 3 encodes, tuned on / never tuned on / fresh (671 / 340 / 46 of 696 / 360 /
   * 48 without): 1.5, 2, 3 times 671 / 340 / 46, 672 / 342 / 46, 672 / 340 / 46.
   */
  static final int FAR_STEP = 2;

  /**
   * With {@link SearchRules.Rule#TGL_BRACKET_CHORD}: the chord's share in a bracket third's
   * blend ({@link #third}), the rest the mosaic mapped through the two files. The chord is the
   * straight line in quality through the bracket's failure and pass. Why: on the blurred sets
   * (fitsm, holdsm) at qualities 5-13, thirds inside a bracket landed over the band one after
   * another (a first under, a second over, the third 0.6-0.8 band widths over the aim, where
   * the mosaic of four 128-pixel tiles had put it at the aim). In session 32's traces
   * (the twelve sets, 147 bracket thirds at a quality) the chord's value at each third's
   * quality lay within half a band width of the measured one 119 times, the mosaic's read 116,
   * their even blend 124. Measured 2 Dec (session 32), TargetLanding ssim -Donly=TGL, fine, the
   * twelve sets, same cache: bracket thirds in the band 125 of 157 without the chord, 126, 131,
   * 129, 133, 129, 126 at shares 0.3, 0.5, 0.6, 0.7, 0.8, 1; searches within 3 encodes 1,114
   * of 1,168 without, 1,114, 1,120, 1,117, 1,121, 1,118, 1,115.
   */
  static final double CHORD_SHARE = 0.7;

  private TglMosaicPick() {}

  /**
   * {@link #FAR_STEP} times the step from quality {@code from} to {@code at}, inside the
   * search's failure and pass.
   */
  private static int farther(FittedCurve model, int from, int at, int failQ, int passQ) {
    int far = from + FAR_STEP * (at - from);
    return Math.max(failQ + model.step, Math.min(passQ - model.step, far));
  }

  /**
   * The second quality after one file ({@code codes[0]}, its -ln(1 - SSIM) {@code ys[0]}): the
   * mosaic's rise from that code, on the file's value, alone ({@link
   * SearchRules.Rule#TGL_SECOND_ON_MOSAIC}: the line's slope after one file is as far off as its
   * level was there) or blended with the line's.
   */
  static int second(FittedCurve model, int q, int failQ, int passQ, double aim,
      SsimCurve curve, int[] codes, double[] ys) {
    double share = curve.rules().on(SearchRules.Rule.TGL_SECOND_ON_MOSAIC)
        ? ALONE_SHARE
        : SECOND_SHARE;
    return pick(model, q, failQ, passQ, aim, curve, codes, ys, 1, share, 0);
  }

  /**
   * The first quality: where {@code q}, the estimate shifted by {@link TglProbe}'s read at its
   * own code {@code probeCode}, lies {@link #FIRST_FROM} or more from that code, the mosaic's
   * rise from the probe's code alone, counted from the probed estimate's value there (as a
   * second is read from a first file); else {@code q}. The probe's mosaic is coded at {@code
   * probeCode} already ({@link SsimCurve#probedShift}), so a read codes only its candidates.
   */
  static int first(FittedCurve model, int q, int failQ, int passQ, double aim, SsimCurve curve,
      int probeCode) {
    int from = probeCode & QUALITY;
    if (Math.abs(q - from) < FIRST_FROM || !sameSide(curve, probeCode, model.codeAt(q))) {
      return q;
    }
    return pick(model, q, failQ, passQ, aim, curve, new int[] {probeCode},
        new double[] {model.predicted(from)}, 1, ALONE_SHARE, 0);
  }

  /**
   * Whether the mosaic's rise between two codes may be read: on one chroma side, or anywhere
   * when the files are grey ({@link SearchRules.Rule#TGL_GREY_ACROSS_JUMP}).
   */
  static boolean sameSide(SsimCurve curve, int a, int b) {
    return TargetSearch.sameSide(a, b)
        || curve.greyFiles() && curve.rules().on(SearchRules.Rule.TGL_GREY_ACROSS_JUMP);
  }

  /**
   * The third quality inside a bracket of two files: the mosaic mapped through both, blended
   * with the chord between them ({@link #CHORD_SHARE}).
   */
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
      if (!sameSide(curve, codes[i], code)) {
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
    boolean beyond = curve.rules().on(SearchRules.Rule.TGL_MOSAIC_BEYOND);
    double nearEnough = beyond ? -NEAR_ENOUGH * Math.log(TargetSearch.SSIM_BAND) : 0;
    boolean mayWiden = known == 1 && curve.rules().on(SearchRules.Rule.TGL_MOSAIC_FAR);
    boolean chord = anchor < 0 && qs[1] != qs[0]
        && curve.rules().on(SearchRules.Rule.TGL_BRACKET_CHORD);
    for (int at = q; ; ) {
      double mapped = ys[from] + (curve.tglMosaicAt(model.codeAt(at)) - m0) * slope;
      if (mayWiden) {
        mayWiden = false;
        int far = farther(model, qs[from], at, failQ, passQ);
        if ((mapped - ys[from]) * (at - qs[from]) <= 0 && far != at
            && sameSide(curve, codes[from], model.codeAt(far))) {
          // the mosaic moved against the quality: its noise outweighs the rise over so short a
          // step, which it is read over again from farther
          at = far;
          continue;
        }
      }
      qs[n] = at;
      x[n] = model.predicted(at);
      v[n] = share * mapped + (1 - share) * x[n];
      if (chord) {
        double line = ys[0] + (at - qs[0]) * (ys[1] - ys[0]) / (qs[1] - qs[0]);
        v[n] = CHORD_SHARE * line + (1 - CHORD_SHARE) * v[n];
      }
      double off = Math.abs(v[n] - aim);
      if (off < bestOff) {
        bestOff = off;
        best = at;
      }
      n++;
      if (bestOff < nearEnough) {
        return best;
      }
      double cross = n < max ? crossing(x, v, n, aim, beyond) : Double.NaN;
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
   * points under and over it; NaN when the points do not rise there, or when they do not
   * straddle the aim and {@code beyond} is off. With {@code beyond} ({@link
   * SearchRules.Rule#TGL_MOSAIC_BEYOND}), points all on one side of the aim are extended past the
   * nearest one on the line through the two nearest: without it a read whose mosaic says the
   * line's pick falls short (the first file and the pick's blend both over the aim, or both
   * under) could only return that pick. Of the 242 second encodes after a first pass on photos,
   * graphics and the fit sets (session 18's traces), the pick's blend lay a median 0.18 and a
   * 90th percentile 1.16 band widths from the aim, 116 of them more than 0.2 (after a first
   * failure 0.09, 0.74, 76 of 228): riaphotographs' decodes at 0.90 and 0.95, whose mosaic put
   * the line's pick 2-3 band widths over the band, were encoded there and landed there.
   */
  static double crossing(double[] x, double[] v, int n, double aim, boolean beyond) {
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
    if (beyond && (lo < 0) != (hi < 0)) {
      return past(x, v, n, aim, lo < 0 ? hi : lo);
    }
    if (lo < 0 || hi < 0 || !(x[hi] > x[lo])) {
      return Double.NaN;
    }
    return x[lo] + (aim - v[lo]) * (x[hi] - x[lo]) / (v[hi] - v[lo]);
  }

  /**
   * The fitted line's value where the line through point {@code near} (the nearest the aim) and
   * the next nearest reaches the aim; NaN when the blend climbs between them less steeply than
   * {@link #BEYOND_SLOPE_MIN} against the line. Bounded by the search's own failure and pass
   * (FittedCurve#lowestAtLeast).
   */
  private static double past(double[] x, double[] v, int n, double aim, int near) {
    int other = -1;
    for (int i = 0; i < n; i++) {
      if (i != near && (other < 0 || Math.abs(v[i] - aim) < Math.abs(v[other] - aim))) {
        other = i;
      }
    }
    if (other < 0 || !(Math.abs(x[near] - x[other]) > 1e-9)) {
      return Double.NaN;
    }
    double slope = (v[near] - v[other]) / (x[near] - x[other]);
    return slope > BEYOND_SLOPE_MIN ? x[near] + (aim - v[near]) / slope : Double.NaN;
  }
}
