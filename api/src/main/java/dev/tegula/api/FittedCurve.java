package dev.tegula.api;

import static dev.tegula.api.TargetSearch.FULL_CHROMA;
import static dev.tegula.api.TargetSearch.JUMP;
import static dev.tegula.api.TargetSearch.MAX_ENCODES;
import static dev.tegula.api.TargetSearch.QUALITY;
import static dev.tegula.api.TargetSearch.TOP;
import static dev.tegula.api.TargetSearch.tglScale;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * The curve a {@link TargetSearch} reads its next quality from: a per-format prior g(q) (the
 * corpus median below, or the image's own estimate, {@link SsimCurve} or {@link SizeCurve}) fitted
 * through the search's measured points as a + b * g(q): the closest pair around the target when
 * the target is bracketed (interpolation), else the last two; one point fixes a with b = 1.
 * Qualities are hundredths on a grid of {@code step}; points are fitted per side of the chroma
 * jump (4:2:0, or 4:4:4 from 97) when that side has a point (JPEG, and .tgl colour with the
 * encoder's chroma choice).
 */
final class FittedCurve {
  /**
   * JPEG's size knots add 94 and 96 and 96.99 (the last quality with 4:2:0 chroma, before 97's
   * jump), and 98, 99, 99.5 above it, where the curve bends and then stands still (from 99.5 on
   * every step is at its floor); measured on 28 Nov with the current encoder. The values at 96
   * were measured again on 3 Dec (session 40), when 96 got tables of its own (it had 95's).
   */
  private static final int[] JPEG_SIZE_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9400, 9600, 9699, 9700, 9800, 9900, 9950, 10000};
  // medians over shared/corpus/photos (10 photos), measured with Tegula's encoders at these knots
  private static final double[] JPEG_SIZE = {-4.695, -4.258, -3.383, -2.92, -2.734, -2.491, -2.13,
      -1.7, -1.356, -1.144, -0.899, -0.810, -0.609, -0.405, -0.116, -0.107, -0.107};
  /** 4:4:4 below 97 at the same knots (the same photos, 28 Nov): the ladder inside the jump. */
  private static final double[] JPEG_FULL_SIZE = {-4.476, -4.035, -3.247, -2.789, -2.599, -2.349,
      -1.973, -1.559, -1.181, -0.961, -0.715, -0.609, -0.609, -0.405, -0.116, -0.107, -0.107};
  /** -ln(1 - SSIM) at the size knots, the same photos, remeasured on 28 Nov. */
  private static final double[] JPEG_SSIM = {0.831, 1.164, 1.737, 2.117, 2.287, 2.511, 2.879,
      3.222, 3.581, 3.786, 3.964, 4.042, 4.721, 4.981, 5.671, 5.713, 5.713};
  /**
   * -ln(1 - SSIM) of 4:4:4 below 97 at the same knots (the same photos, 28 Nov; at 75 it meets
   * 4:2:0, below it follows the 4:2:0 curve): the ladder that fills an SSIM target's jump.
   */
  private static final double[] JPEG_FULL_SSIM = {0.831, 1.164, 1.737, 2.117, 2.287, 2.511, 2.952,
      3.408, 3.921, 4.292, 4.563, 4.721, 4.721, 4.981, 5.671, 5.713, 5.713};
  /**
   * .tgl's size knots add 95, 98.5, 99 and 99.5, where its curve bends most; remeasured on 28 Nov
   * with the current lossy encoder.
   */
  private static final int[] TGL_SIZE_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9500, 9700, 9850, 9900, 9950, 10000};
  private static final double[] TGL_SIZE = {-5.170, -5.060, -4.007, -3.330, -2.947, -2.623,
      -2.184, -1.807, -1.368, -1.054, -0.777, -0.477, -0.314, -0.222, -0.081};
  /** -ln(1 - SSIM) at the size knots, the same photos, remeasured on 28 Nov. */
  private static final double[] TGL_SSIM = {0.984, 1.036, 1.720, 2.131, 2.411, 2.660, 2.950,
      3.273, 3.604, 3.787, 3.946, 4.080, 4.136, 4.174, 4.200};
  /**
   * .tgl with full-resolution chroma at the same knots (the same photos, 29 Nov, session 11):
   * the encoder's own choice from 97 on, and the ladder inside the jump below it.
   */
  private static final double[] TGL_FULL_SIZE = {-4.997, -4.891, -3.840, -3.172, -2.764,
      -2.379, -1.962, -1.541, -1.071, -0.743, -0.418, -0.058, 0.139, 0.251, 0.418};
  private static final double[] TGL_FULL_SSIM = {0.973, 1.034, 1.739, 2.194, 2.492, 2.763, 3.165,
      3.649, 4.213, 4.577, 4.843, 5.132, 5.321, 5.486, 5.538};

  /** ln(0.975 / 0.985): a prediction this far under the aim still lands. */
  private static final double LAND_MARGIN = Math.log(0.975 / 0.985);
  private static final double MIN_SCALE = 0.5;
  private static final double MAX_SCALE = 4;
  /**
   * The points a search can measure: {@link TargetSearch#MAX_ENCODES}, then quality 0, and after
   * a JPEG size search filled the jump down to 4:4:4 at 0 without a fit, 4:2:0 at 0 as well.
   */
  private static final int MAX_POINTS = MAX_ENCODES + 2;
  private final int[] knots;
  private final double[] prior;
  final int step;
  private final double[] ys = new double[MAX_POINTS];
  private final int[] codes = new int[MAX_POINTS];
  private int n;
  private double a;
  private double b = 1;
  /** The side of the jump the current fit is for, -1 when none. */
  private int fitSide = -1;

  /** On the fine scale: between knots, the prior follows the log of the table scale. */
  private final boolean byTableScale;
  private final boolean jpeg;
  /**
   * Fit each side of the chroma jump on its own points (not on an image's own curve of one
   * chroma side: the caller's fixed chroma or grey output has no jump).
   */
  private final boolean bySide;
  /** The image's own estimated size curve in place of the prior, null if none. */
  SizeCurve sizeCurve;
  /** Positions below JUMP are 4:4:4 (the jump is being filled). */
  boolean fullBelow;
  /**
   * The prior of codes flagged {@link TargetSearch#FULL_CHROMA} on the same knots, null if none.
   */
  double[] fullPrior;
  /** SSIM: one point scales the prior from its bottom instead of shifting it. */
  boolean scaleFromBottom;
  /**
   * .tgl SSIM on the fine scale: two points fix a line in the log of the step scale instead of
   * the prior's shape. Inside a bracket, blending in the image's own estimated shape fitted
   * through both ends (as JPEG does the other way round, {@link SsimSearch#JPEG_BRACKET_LINE})
   * did not pay: 29 Nov (session 10), same session, shape shares 0, 0.25, 0.5: graphics 12, 10,
   * 10 of 14, photos 30, 30, 29 of 31, fit sets 253, 249, 253 of 310, hold-out 43, 41, 41 of 47
   * (terminal 0.95, the graphics miss it aimed at: its third fell 0.061 under the line and 0.047
   * under the shape; the curve bows below both there).
   */
  boolean lineInStep;
  /**
   * .tgl sizes on the image's own curve: a bracket (both ends measured) fixes that line too;
   * outside one the estimate's shape stays. Near the top, where .tgl's coder gains most over
   * the symbol entropy the estimate counts, the estimate bends differently from the file.
   */
  boolean lineInBracket;
  /**
   * Outside a bracket, the estimate shifted through the measured end nearest the target alone
   * (b = 1) instead of through the last two points: a JPEG size search's third after two
   * passes ({@link SearchRules.Rule#JPEG_SIZE_ONE_SIDED_SHIFT}), whose second fell short of
   * the band because the image climbed less than the estimate between the two; above them it
   * climbs as the estimate again, and the line through them overshoots.
   */
  boolean shiftFromEnd;
  /**
   * .tgl's bracket line ({@link #lineInBracket}) runs in minus the mean log of the steps each
   * quality's table really has ({@link TargetSearch#tglStepLog}; {@link
   * SearchRules.Rule#TGL_SIZE_STEP_LINE}) instead of the log of the table scale.
   */
  boolean bracketOnSteps;
  /** The current fit is that line: {@code a + b * logScale(q)}. */
  private boolean onLine;
  /** That line runs in {@link TargetSearch#tglStepLog} ({@link #bracketOnSteps}). */
  private boolean onSteps;
  /**
   * With the image's own curve, outside a bracket: when the two latest points climb less than
   * {@link #FLAT_LINE} of the estimate's slope between them, the line runs from the point
   * farthest from the latest instead (SsimSearch's thirdAtAim).
   */
  boolean widenFlatLine;
  private static final double FLAT_LINE = 0.2;
  /** The image's own estimated curve in place of the prior, null if none. */
  SsimCurve curve;
  /**
   * Added to the image's own curve before anything is measured ({@link TglProbe}'s correction
   * of it); a measured point shifts the curve itself.
   */
  double shift;
  /**
   * Inside a bracket, the share of the line in the log of the step through its ends in the
   * prediction (the rest the fitted estimate's), 0 for none.
   */
  double lineShare;
  /**
   * The line is blended in only when the bracket's slope against the estimate's is off by more
   * than this (in its ln), 0 for always.
   */
  double lineFrom;
  /**
   * The blended line runs in the tables each quality really has ({@link #tablesLog}) instead of
   * the log of the table scale: JPEG SSIM on a decoded JPEG, see {@link
   * SsimSearch#JPEG_BRACKET_LINE}.
   */
  boolean lineOnTables;
  /** The current fit blends in that line: {@code lineA + lineB * logScale(q)}. */
  private boolean mixed;
  private double lineA;
  private double lineB;

  /** {@link #tablesLog} by quality, for the search's scans over many qualities. */
  private final java.util.Map<Integer, Double> tablesLogs = new java.util.HashMap<>();
  /** {@link #stepLog} by quality. */
  private final java.util.Map<Integer, Double> stepLogs = new java.util.HashMap<>();

  private FittedCurve(int[] knots, double[] prior, int step, boolean byTableScale, boolean jpeg,
      boolean bySide) {
    this.knots = knots;
    this.prior = prior;
    this.step = step;
    this.byTableScale = byTableScale;
    this.jpeg = jpeg;
    this.bySide = bySide;
  }

  /**
   * The size curve of a format: the corpus prior, which an image's own estimate may replace;
   * {@code chromaJump}: .tgl colour with the encoder's chroma choice, whose curve jumps at 97
   * (without it, .tgl's chroma is one resolution throughout: grey, or fixed by the caller).
   */
  static FittedCurve ofSize(boolean jpeg, int step, boolean fine, boolean chromaJump) {
    FittedCurve c = jpeg ? new FittedCurve(JPEG_SIZE_KNOTS, JPEG_SIZE, step, fine, true, true)
        : new FittedCurve(TGL_SIZE_KNOTS, TGL_SIZE, step, fine, false, chromaJump);
    c.fullPrior = jpeg ? JPEG_FULL_SIZE : chromaJump ? TGL_FULL_SIZE : null;
    return c;
  }

  /** The SSIM curve of a format, -ln(1 - SSIM): the corpus prior, as {@link #ofSize}. */
  static FittedCurve ofSsim(boolean jpeg, int step, boolean fine, boolean chromaJump) {
    FittedCurve c = jpeg ? new FittedCurve(JPEG_SIZE_KNOTS, JPEG_SSIM, step, fine, true, true)
        : new FittedCurve(TGL_SIZE_KNOTS, TGL_SSIM, step, fine, false, chromaJump);
    c.fullPrior = jpeg ? JPEG_FULL_SSIM : chromaJump ? TGL_FULL_SSIM : null;
    return c;
  }

  void add(int code, double y) {
    codes[n] = code;
    ys[n] = y;
    n++;
  }

  /**
   * The slope a fit through one point takes against the estimate (1: the estimate shifted);
   * other than 1 for one pick only ({@link #pickSize(double, int, int, boolean, boolean,
   * boolean, double)}, {@link SearchRules.Rule#TGL_SIZE_JUMP_SLOPE}).
   */
  private double onePointSlope = 1;

  /** The measured y at {@code code}, NaN if not measured. */
  double measured(int code) {
    int i = indexOf(code);
    return i >= 0 ? ys[i] : Double.NaN;
  }

  /** The last measured code below the jump without {@link TargetSearch#FULL_CHROMA}, -1 if none. */
  int lastSubCode() {
    for (int i = n - 1; i >= 0; i--) {
      if (codes[i] < JUMP) {
        return codes[i];
      }
    }
    return -1;
  }

  /** The code measured last, -1 before any. */
  int lastCode() {
    return n > 0 ? codes[n - 1] : -1;
  }

  int codeAt(int q) {
    return fullBelow && q < JUMP ? q | FULL_CHROMA : q;
  }

  /** 1 for 4:4:4 codes (97 and up, or flagged 4:4:4 below) when fitted by side, else 0. */
  private int side(int code) {
    return bySide && code >= JUMP && !oneSided() ? 1 : 0;
  }

  /** Whether the image's own curve in use is of one chroma side (fixed chroma, grey output). */
  private boolean oneSided() {
    return curve != null && curve.side() != ChromaSide.BY_QUALITY
        || sizeCurve != null && sizeCurve.side != ChromaSide.BY_QUALITY;
  }

  private int indexOf(int code) {
    for (int i = n - 1; i >= 0; i--) {
      if (codes[i] == code) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Fits the model for codes on {@code side} in a search between positions {@code lo} and
   * {@code hi}: the bracket when both ends are measured and on that side, else the last two
   * points of that side, else of any side.
   */
  private void fit(int lo, int hi, int side) {
    int il = lo >= 0 ? indexOf(codeAt(lo)) : -1;
    int ih = hi <= TOP ? indexOf(codeAt(hi)) : -1;
    int p = -1;
    int r = -1;
    boolean bracket = false;
    if (il >= 0 && ih >= 0 && side(codes[il]) == side && side(codes[ih]) == side) {
      p = il;
      r = ih;
      bracket = true;
    } else {
      for (int i = n - 1; i >= 0 && r < 0; i--) {
        if (side(codes[i]) == side) {
          if (p < 0) {
            p = i;
          } else {
            r = i;
          }
        }
      }
      if (p < 0) {
        p = n - 1;
        r = n - 2;
      }
    }
    b = p >= 0 && r < 0 ? onePointSlope : 1;
    fitSide = side;
    onLine = false;
    mixed = false;
    if (p < 0) {
      a = shift; // the prior alone: the corpus median (or the estimate, probed)
      return;
    }
    int end = il >= 0 ? il : ih;
    if (shiftFromEnd && !bracket && (il >= 0) != (ih >= 0) && side(codes[end]) == side) {
      // the line through two files on one side climbs too little: see shiftFromEnd
      a = ys[end] - g(codes[end]);
      return;
    }
    if (r < 0 && scaleFromBottom && g(codes[p]) - prior[0] > 0.5) {
      // one SSIM point: the curve scaled from the bottom of the scale, where every image is
      // about as bad, through it; images of flat content climb 2-4 times as steeply as photos
      double s = (ys[p] - prior[0]) / (g(codes[p]) - prior[0]);
      b = Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
    if (r >= 0 && !bracket && widenFlatLine && curve != null && flat(p, r)) {
      // the two latest sit on one stair of a decoded JPEG's curve, whose line would send the
      // next encode to the end of the scale: the line from the farthest point on this side
      r = farthest(p, side);
    }
    onSteps = false;
    if (r >= 0 && (lineInStep || lineInBracket && bracket)) {
      // distortion follows a power of the quantizer step (a line in its log) more closely
      // than the corpus median's shape: on flat content the curve bends far more than the
      // prior, and the prior through a wide bracket predicts too low a quality
      onSteps = bracketOnSteps && lineInBracket && bracket;
      double xp = lineAxis(codes[p]);
      double xr = lineAxis(codes[r]);
      double slope = Math.abs(xr - xp) > 1e-9 ? (ys[r] - ys[p]) / (xr - xp) : 0;
      if (slope > 0) {
        onLine = true;
        b = slope;
        a = ys[p] - b * xp;
        return;
      }
    }
    boolean shapeOff = true; // the estimate's slope is off by more than lineFrom
    if (r >= 0 && Math.abs(g(codes[r]) - g(codes[p])) > 1e-6) {
      double slope = (ys[r] - ys[p]) / (g(codes[r]) - g(codes[p]));
      // a flat or inverted measurement says more about noise than about the image
      b = slope > 0.2 && slope < 5 ? slope : 1;
      shapeOff = slope <= 0 || Math.abs(Math.log(slope)) > lineFrom;
    }
    a = ys[p] - b * g(codes[p]);
    mixed = bracket && lineShare > 0 && shapeOff;
    if (mixed) {
      double xp = lineX(codes[p]);
      double xr = lineX(codes[r]);
      lineB = Math.abs(xr - xp) > 1e-9 ? (ys[r] - ys[p]) / (xr - xp) : 0;
      lineA = ys[p] - lineB * xp;
      mixed = lineB > 0;
    }
  }

  /** Whether points p and r climb less than {@link #FLAT_LINE} of the estimate between them. */
  private boolean flat(int p, int r) {
    double dg = g(codes[r]) - g(codes[p]);
    return !(Math.abs(dg) > 1e-6 && (ys[r] - ys[p]) / dg > FLAT_LINE);
  }

  /** The point on {@code side} whose quality lies farthest from point p's. */
  private int farthest(int p, int side) {
    int far = -1;
    double best = -1;
    double xp = logScale(codes[p] & QUALITY);
    for (int i = 0; i < n; i++) {
      double d = Math.abs(logScale(codes[i] & QUALITY) - xp);
      if (i != p && side(codes[i]) == side && d > best) {
        far = i;
        best = d;
      }
    }
    return far;
  }

  private double at(int code) {
    double v = a + b * (onLine ? lineAxis(code) : g(code));
    return mixed ? v + lineShare * (lineA + lineB * lineX(code) - v) : v;
  }

  /**
   * The size search's next position: the highest in (lo, hi) predicted at most {@code y}, or
   * with a chroma choice, 97 itself (4:4:4) when the prediction puts {@code y} inside the jump
   * and this is not the last encode: only its size says whether the jump must be filled.
   */
  int pickSize(double y, int lo, int hi, boolean chromaChoice, boolean last) {
    return pickOnFit(y, lo, hi, chromaChoice, last);
  }

  /**
   * {@link #pickSize(double, int, int, boolean, boolean)} with {@link #shiftFromEnd} and the
   * one-point slope ({@link #onePointSlope}) set for this pick alone; both are as they were
   * after it.
   */
  int pickSize(double y, int lo, int hi, boolean chromaChoice, boolean last,
      boolean shiftFromEndHere, double onePointSlopeHere) {
    boolean shiftBefore = shiftFromEnd;
    double slopeBefore = onePointSlope;
    shiftFromEnd = shiftFromEndHere;
    onePointSlope = onePointSlopeHere;
    try {
      return pickOnFit(y, lo, hi, chromaChoice, last);
    } finally {
      shiftFromEnd = shiftBefore;
      onePointSlope = slopeBefore;
    }
  }

  private int pickOnFit(double y, int lo, int hi, boolean chromaChoice, boolean last) {
    int q = lo + step;
    fitSide = -1;
    for (int c = hi - step; c > lo; c -= step) {
      int code = codeAt(c);
      if (side(code) != fitSide) {
        fit(lo, hi, side(code));
      }
      if (at(code) <= y) {
        q = c;
        break;
      }
    }
    if (chromaChoice && !fullBelow && q < JUMP && q >= JUMP - step && JUMP < hi && !last
        && at(codeAt(q)) < y + LAND_MARGIN) {
      // unless 96.99 itself is predicted to land, or the next result is the last: then
      // knowing whether the jump must be filled no longer helps
      return JUMP;
    }
    return q;
  }

  /**
   * Whether 4:4:4 at 97 is predicted above {@code y} by the fit through the 4:4:4 points
   * measured above 97; false without one.
   */
  boolean overAtJump(double y) {
    boolean measured = false;
    for (int i = 0; i < n; i++) {
      measured |= codes[i] > JUMP && codes[i] <= TOP;
    }
    if (!measured) {
      return false;
    }
    fit(-1, TOP + 1, 1);
    return at(JUMP) > y;
  }

  /**
   * The prediction at position q (4:2:0 below the jump unless filling it), fitted to the
   * points of its side in a search between {@code lo} and {@code hi}.
   */
  double predictOn(int q, int lo, int hi) {
    int code = codeAt(q);
    fit(lo, hi, side(code));
    return at(code);
  }

  /** The current fit's prediction at position q (after {@link #lowestAtLeast} chose it). */
  double predicted(int q) {
    return at(codeAt(q));
  }

  /** Lowest q on the grid in (lo, hi) whose prediction is at least y; hi - step if none is. */
  int lowestAtLeast(double y, int lo, int hi) {
    fitSide = -1;
    for (int q = lo + step; q < hi; q += step) {
      int code = codeAt(q);
      if (side(code) != fitSide) {
        fit(lo, hi, side(code));
      }
      if (at(code) >= y) {
        return q;
      }
    }
    return hi - step;
  }

  /** The prior at a code, linear between the knots (or in the log of the table scale). */
  private double g(int code) {
    if (curve != null) {
      return curve.at(code);
    }
    if (sizeCurve != null) {
      return sizeCurve.at(code);
    }
    int q = code & QUALITY;
    int[] ks = knots;
    // JPEG's prior carries its jump at 97; .tgl's full-chroma prior covers the whole scale
    boolean full = (code & FULL_CHROMA) != 0 || !jpeg && q >= JUMP;
    double[] ps = full && fullPrior != null ? fullPrior : prior;
    int k = 1;
    while (k < ks.length - 1 && ks[k] < q) {
      k++;
    }
    double t = (q - ks[k - 1]) / (double) (ks[k] - ks[k - 1]);
    if (byTableScale) {
      // the size follows the tables' scale, which falls faster over some whole qualities
      // than over others
      double l0 = logScale(ks[k - 1]);
      double l1 = logScale(ks[k]);
      t = l1 > l0 ? (logScale(q) - l0) / (l1 - l0) : t;
    }
    return ps[k - 1] + t * (ps[k] - ps[k - 1]);
  }

  /** Where a code sits on the blended line. */
  private double lineX(int code) {
    return lineOnTables ? tablesLog(code) : logScale(code & QUALITY);
  }

  /** {@link TargetSearch#jpegStepLog} of a code's quality, memoized. */
  private double tablesLog(int code) {
    int q = code & QUALITY;
    Double v = tablesLogs.get(q);
    if (v == null) {
      v = TargetSearch.jpegStepLog(q);
      tablesLogs.put(q, v);
    }
    return v;
  }

  /** Where a code sits on the line of {@link #onLine}. */
  private double lineAxis(int code) {
    return onSteps ? stepLog(code & QUALITY) : logScale(code & QUALITY);
  }

  /** {@link TargetSearch#tglStepLog}, memoized: a pick scans every quality of a bracket. */
  private double stepLog(int q) {
    Double v = stepLogs.get(q);
    if (v == null) {
      v = TargetSearch.tglStepLog(q);
      stepLogs.put(q, v);
    }
    return v;
  }

  /** The offset keeps the top (scale 0: every step at its floor) finite. */
  private double logScale(int q) {
    return -Math.log((jpeg ? JpegEncodeOptions.tableScaleHundredths(q) : tglScale(q)) + 200);
  }
}
