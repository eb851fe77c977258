package dev.tegula.api;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.lossy.LossyCodec;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Finds the quality for a target in few encodes: the best quality whose file fits a size, or the
 * lowest whose SSIM reaches a value.
 *
 * <p>Qualities are in hundredths (0-10000), on the fine scale of both formats: JPEG's tables
 * ({@code JpegEncodeOptions.qualityHundredths}) and .tgl's quantizer steps (format-lossy.md §2,
 * §6.1) move continuously between whole qualities. Above quality ~90 one whole step changes the
 * size by 10-15%, so whole qualities alone often cannot land within 3% of a target.
 *
 * <p><b>The JPEG ladder and its jump.</b> JPEG's own quality scale keeps 4:2:0 chroma below 97
 * and switches to 4:4:4 from 97 on, where a colour photo's file grows by 10-45% at once: no
 * quality of that scale gives a size between 4:2:0 at 96.99 and 4:4:4 at 97. For a size target
 * in that jump (4:4:4 at 97 measured over it) the search goes on with 4:4:4 below 97, whose files
 * fill the jump; such a result is flagged {@link #FULL_CHROMA} in its code. "Best quality that
 * fits" is the highest SSIM, found as the largest file that fits on a ladder along which SSIM
 * rises: 4:2:0 up to 96.99, then 4:4:4 from the quality where its file outgrows 4:2:0 at 96.99
 * (image-dependent) to 100. Why 4:4:4 below 97 rather than 4:2:0 above it (both
 * fill the jump; measured 28 Nov at 1/4, 1/2 and 3/4 of the jump, equal sizes): on the 10
 * corpus photos 4:4:4 has the higher SSIM at 27 of 30 points (by 0.0005-0.03; flower.png is the
 * exception, by 0.001); outside them it wins on colour photos and graphics (retina, room,
 * gnome_field +0.017, terminal) and loses by 0.002-0.004 on decoded 4:2:0 JPEGs, whose chroma
 * is already halved, and by 0.001 on hopper and ihc; on grey content the jump is ~1% and both
 * are equal within 0.0002.
 * 4:2:2 is below 4:4:4 at every such point of the corpus photos but chelsea. Grey output (one
 * component) has no chroma choice. When the probe at 97 comes before any 4:2:0 file near 96.99,
 * a target just under 4:2:0 at 96.99 can also end on 4:4:4 below 97, in the band but below the
 * ladder's 4:4:4 start (3 of 88 JPEG searches on the corpus, hold-out and graphics: hubble 500
 * KB, motorcycle 200 KB, hopper 100 KB). When the first file is 4:4:4 above 97 and the fit
 * through it puts 97 over the target by more than the band, the search goes into the fill
 * without probing 97 (hubble 500 KB: 4 encodes -> 3, nothing else changed on photos, hold-out and
 * graphics).
 *
 * <p><b>SSIM targets and the jump.</b> SSIM here averages R, G and B at full resolution, so it
 * jumps at 97 too (0.989 to 0.992 on a typical photo, 0.965 to 0.996 on hubble_deep_field). A
 * target that 4:2:0 misses up to 96.99 while 4:4:4 at 97 passes it by more than the band is in
 * that jump: the search goes on with 4:4:4 below 97, whose SSIM fills it with files smaller than
 * 4:4:4 at 97. "The lowest quality that reaches the target" is then: on 4:2:0 up to 96.99, else
 * on 4:4:4 below 97, else 4:4:4 from 97. The fill needs the jump to show by the second encode
 * (4:4:4 at 97 and 4:2:0 at 96.99 measured); when it shows only on the third, the result stays
 * 4:4:4 at 97. On the image's own curve ({@link SsimCurve}) the search need not measure the
 * jump: when the curve, fitted to the encodes so far (or before the first), puts 4:2:0 at 96.99
 * under the aim by more than {@link SsimSearch#JUMP_MARGIN}, or 4:2:0 at 96.99 measured fails,
 * it goes on on the 4:4:4 ladder (4:4:4 below 97, then from 97) without probing 97 (measured
 * 29 Nov, fine scale, 0.90-0.99: JPEG photos 29 -> 35 of 40 in the band, graphics 11 -> 12 of
 * 16, hold-out 30 -> 30 of 48; at most 3% larger than the smallest passing file 29 -> 33, 8 ->
 * 9, 40 -> 39: on hopper 0.99 the curve wrongly said 4:2:0 misses, and 4:4:4 at 96.30 is 6.5%
 * larger than 4:2:0 at 96.76).
 *
 * <p><b>.tgl's jump.</b> .tgl's encoder switches to full chroma at 97 too (since 29 Nov, session
 * 11; format-lossy.md §9), so its searches fill the same jump the same way: codes flagged {@link
 * #FULL_CHROMA} encode with {@link #tglOptions}, the estimates carry .tgl's 4:4:4 side, and
 * {@link FittedCurve} fits each side on its own points. .tgl's SSIM search takes the 4:4:4
 * ladder earlier, unless the curve puts 4:2:0 at 96.99 {@link SsimSearch#TGL_JUMP_MARGIN} over
 * the aim (session 27): near its top 4:2:0 buys SSIM with far more bytes than 4:4:4 below 97,
 * whose file is then the smaller one. A grey image has no chroma planes in
 * .tgl, hence no jump: its searches have no chroma choice. Measured the same session, fine
 * scale, on the targets 4:2:0 could reach before: size photos, graphics, hold-out, colour fit
 * set 38, 14, 32, 134 -> 38, 14, 32, 133 in the band, SSIM 30, 12, 39, 124 -> 30, 12, 40, 123
 * (grey fit set unchanged, 77 and 92); targets only full chroma reaches: 28 size (27 land) and
 * 11 SSIM (7 land).
 *
 * <p><b>Bands.</b> A size lands when the file is within 3% below the target
 * ({@code 0.97 target <= bytes <= target}). An SSIM target lands when the distortion
 * {@code 1 - SSIM} is within 3% below the budget {@code 1 - target}, the same band on the
 * quantity the target bounds ({@code target <= SSIM <= target + 0.03 (1 - target)}).
 *
 * <p><b>Model ({@link FittedCurve}).</b> A per-format prior curve g(q) (the median over the
 * developer photo corpus of ln(bytes per pixel), or of -ln(1 - SSIM)), between knots following the
 * log of the format's table scale, mapped onto the image as {@code a + b * g(q)}. The first encode
 * is at the quality the prior alone predicts; it fixes {@code a} with b = 1 for sizes (the prior
 * shifted through the image's own point), and for SSIM b with the prior's bottom held (the prior
 * scaled through it: images of flat content, grey scans and decoded JPEGs, climb in SSIM 2-4 times
 * as steeply as photos); every later one fits a and b through two measured points (the bracket
 * around the target when both ends are measured, else the last two), so encode 2 is a secant and
 * encode 3 an interpolation. For .tgl SSIM on the fine scale two points fix a line in the log of
 * the step scale ({@code -ln(1 - SSIM)} against {@code -ln(scale + 200)}) instead of the prior's
 * shape: flat content bends far more than the corpus median, whose shape through a wide bracket
 * puts encode 3 under the target (measured 28 Nov, fine scale, targets 0.90/0.95/0.97/0.99: photos
 * 24 -> 25 of 31 in the band, hold-out 20 -> 25 of 47, graphics 7 -> 9 of 14, same encodes; for
 * JPEG the same line gave photos 26 -> 26 of 40, hold-out 24 -> 23 of 48, so JPEG keeps the prior).
 * JPEG points are fitted per chroma side of the jump (its height varies from image to image,
 * 0.004-0.37 in ln bytes); 4:4:4 below 97 has its own prior. Each next quality is the best the
 * model predicts strictly between the qualities known to pass and to fail, aiming at 98.5% of the
 * target (a distortion of 98.5% of the budget), so that the model's error rarely overshoots. The
 * search stops when a result lands, when the neighbours pass and fail, or after 3 encodes with a
 * passing result (an SSIM search whose pass is far over the band goes on, up to 6: {@link
 * SsimSearch#farOver}); without one it goes on (at most 12 encodes) and fails when the extreme
 * quality does not pass either.
 *
 * <p><b>The caller's fixed chroma or grey output.</b> Both searches run on the image's own
 * curve of that one chroma side ({@link ChromaSide}: no jump, one fit; session 12, where they
 * had the corpus prior before), e.g. 4:4:4 fixed on the colour fit set, size JPEG 96 -> 129 of
 * 129 and .tgl 138 -> 153 of 159, SSIM 49 -> 136 and 48 -> 113 of 160; hold-out sizes 18 -> 26
 * of 28 and 30 -> 36 of 37, SSIM 16 -> 39 and 18 -> 39 of 48.
 *
 * <p><b>JPEG's second knob.</b> Where the quality's integer tables step over the band, the
 * trellis lambda at fixed tables moves size and SSIM nearly continuously: when a search takes
 * it and at which lambda is {@link TrellisKnob}'s. The curve each next quality is read from,
 *
 * <p><b>The two searches.</b> {@link SizeSearch} (the best quality that fits a size) and {@link
 * SsimSearch} (the lowest quality that reaches an SSIM) run one search each, round by round;
 * this class holds what they share: the codes, the ladder's jump, the bands, the tables' checks.
 */
final class TargetSearch {
  static final int MAX_ENCODES = 12;
  /** The top of the quality scale in hundredths. */
  static final int TOP = 10000;
  /** The size band: a file from 97% to 100% of the target lands. */
  static final double SIZE_BAND = 0.97;
  /** The SSIM band: a distortion 1 - SSIM from 97% to 100% of the budget 1 - target lands. */
  static final double SSIM_BAND = 0.97;
  /**
   * A flag on a code: 4:4:4 chroma below quality 97 (JPEG; .tgl's full-resolution chroma), where
   * a target inside the jump is filled; the quality is {@code code & QUALITY}.
   */
  static final int FULL_CHROMA = 1 << 14;
  static final int QUALITY = FULL_CHROMA - 1;
  /**
   * A JPEG code's trellis lambda ({@link JpegEncodeOptions#lambdaHundredths}) sits above the
   * quality and the chroma flag; 0 there is the encoder's own (x1.00), so every code without it
   * encodes as before.
   */
  static final int LAMBDA_SHIFT = 15;
  /**
   * The first quality with 4:4:4 chroma, in hundredths: JPEG's and .tgl's encoders both switch
   * there (TargetSearchTest checks that they agree), so one jump serves both searches.
   */
  static final int JUMP = JpegEncodeOptions.FULL_CHROMA_FROM_QUALITY * 100;
  /**
   * Aim inside the band, below its middle, so that the model's error rarely overshoots (an
   * overshoot costs an encode, landing low only a little quality).
   */
  static final double FINE_AIM = 0.985;

  /**
   * The chosen file, its code (quality in hundredths, for JPEG possibly with {@link #FULL_CHROMA}),
   * how many encodes it took and its SSIM (NaN if not measured); for a size that even quality 0
   * exceeds, bytes null, code -1 and the size of quality 0 in {@code smallest}.
   */
  record Result(byte[] bytes, int code, int encodes, double ssim, long smallest) {
    Result(byte[] bytes, int code, int encodes, double ssim) {
      this(bytes, code, encodes, ssim, bytes == null ? 0 : bytes.length);
    }

    /** The same file, found after {@code spent} encodes. */
    Result after(int spent) {
      return new Result(bytes, code, spent, ssim, smallest);
    }

    /** The quality in hundredths, -1 without a result. */
    int quality() {
      return code < 0 ? code : code & QUALITY;
    }

    /** A result with 4:4:4 chroma below quality 97 (inside the jump). */
    boolean fullBelow() {
      return code >= 0 && (code & FULL_CHROMA) != 0;
    }

    /** The JPEG trellis lambda in hundredths of the encoder's own (100 unless the knob moved). */
    int lambda() {
      return lambdaOf(code);
    }
  }

  /** A code's trellis lambda in hundredths, {@link JpegEncodeOptions#DEFAULT_LAMBDA} if none. */
  static int lambdaOf(int code) {
    int l = code < 0 ? 0 : code >>> LAMBDA_SHIFT;
    return l == 0 ? JpegEncodeOptions.DEFAULT_LAMBDA : l;
  }

  /** The code of {@code code}'s quality and chroma with the trellis lambda {@code lambda}. */
  static int withLambda(int code, int lambda) {
    int base = code & (FULL_CHROMA | QUALITY);
    return lambda == JpegEncodeOptions.DEFAULT_LAMBDA ? base : base | lambda << LAMBDA_SHIFT;
  }

  private TargetSearch() {}

  /**
   * .tgl's table scale in hundredths of a percent (format-lossy.md §6.1): libjpeg's curve at
   * whole qualities, linear between them as the steps are.
   */
  static int tglScale(int h) {
    int whole = h / 100;
    int f = h % 100;
    int s0 = tglWholeScale(whole);
    return f == 0 ? s0 : (s0 * (100 - f) + tglWholeScale(whole + 1) * f) / 100;
  }

  /**
   * Minus the mean log of the 64 steps .tgl's table has at {@code h} hundredths (neutral AQ
   * level, floor included; docs/format-lossy.md §6.1). Near the top the floor of 8/16 holds the
   * low frequencies while the scale falls on: from 98 to 99 the scale halves, from 99 to 100
   * the steps still above the floor fall to it, and this mean moves about ln 2 in each, where
   * the table scale's log with FittedCurve's offset moves 0.41 and 0.69.
   */
  static double tglStepLog(int h) {
    return -meanLog(LossyCodec.steps(h < 0 ? 0 : h > TOP ? TOP : h));
  }

  /**
   * Minus the mean log of JPEG's integer luma steps at {@code h} hundredths ({@link
   * JpegEncodeOptions#psychovisualTables}; the luma table is the same on both chroma sides):
   * they stand still or jump where the table scale moves smoothly.
   */
  static double jpegStepLog(int h) {
    return -meanLog(JpegEncodeOptions.psychovisualTables(h, false)[0]);
  }

  private static double meanLog(int[] steps) {
    double sum = 0;
    for (int s : steps) {
      sum += Math.log(s);
    }
    return sum / steps.length;
  }

  private static int tglWholeScale(int quality) {
    int q = quality < 1 ? 1 : quality > 100 ? 100 : quality;
    return 100 * (q < 50 ? 5000 / q : 200 - 2 * q);
  }

  /**
   * The JPEG options of a code: {@link JpegEncodeOptions#ofQualityHundredths}, 4:4:4 if flagged
   * {@link #FULL_CHROMA}.
   */
  static JpegEncodeOptions jpegOptions(int code) {
    JpegEncodeOptions o = JpegEncodeOptions.ofQualityHundredths(code & QUALITY)
        .withLambdaHundredths(lambdaOf(code));
    return (code & FULL_CHROMA) != 0 ? o.withSubsampling(JpegEncodeOptions.Subsampling.S444) : o;
  }

  /**
   * The .tgl options of a code: {@link TglEncodeOptions#lossyHundredths}, full chroma if flagged
   * {@link #FULL_CHROMA}, else the encoder's choice by quality.
   */
  static TglEncodeOptions tglOptions(int code) {
    TglEncodeOptions o = TglEncodeOptions.lossyHundredths(code & QUALITY);
    return (code & FULL_CHROMA) != 0 ? o.withChroma(TglEncodeOptions.Chroma.FULL) : o;
  }

  /**
   * The best quality whose output is at most {@code maxBytes}, or a result without bytes when
   * even quality 0 is larger. {@code encoder} takes a code: the quality in hundredths, possibly
   * flagged {@link #FULL_CHROMA} (encode with {@link #jpegOptions} or {@link #tglOptions}).
   */
  static Result forSize(ImageFormat format, long pixels, long maxBytes,
      IntFunction<byte[]> encoder) {
    return forSize(format, 1, true, pixels, maxBytes, encoder);
  }

  /**
   * {@link #forSize} on qualities that are multiples of {@code step} hundredths; {@code
   * chromaChoice}: colour output with the encoder's chroma choice, whose jump at 97 the search
   * may fill with 4:4:4 below 97.
   */
  static Result forSize(ImageFormat format, int step, boolean chromaChoice, long pixels,
      long maxBytes, IntFunction<byte[]> encoder) {
    return forSize(format, step, chromaChoice, pixels, maxBytes, encoder, null);
  }

  /**
   * {@link #forSize} with the image's own estimated size curve ({@link SizeCurve}) in place of
   * the corpus prior, when {@code curve} is not null (fine scale only), under the rules it
   * carries ({@link SizeCurve#rules}).
   */
  static Result forSize(ImageFormat format, int step, boolean chromaChoice, long pixels,
      long maxBytes, IntFunction<byte[]> encoder, SizeCurve curve) {
    return forSize(format, step, chromaChoice, pixels, maxBytes, encoder, curve, true);
  }

  /**
   * {@link #forSize} on the image's own curve; {@code lambdaKnob}: a JPEG search may also move
   * the trellis lambda ({@link TrellisKnob#sizeKnob}), false for the quality alone.
   */
  static Result forSize(ImageFormat format, int step, boolean chromaChoice, long pixels,
      long maxBytes, IntFunction<byte[]> encoder, SizeCurve curve, boolean lambdaKnob) {
    return new SizeSearch(format, step, chromaChoice, pixels, maxBytes, encoder, curve,
        lambdaKnob).run();
  }

  /**
   * Whether a search whose three encodes left a pass outside the band and a failure on its other
   * side, with qualities between them ({@code bracket}; the callers have returned already when
   * none lie between), spends a fourth encode there ({@link Rule#FOURTH_IN_BRACKET}; with
   * the image's own curve only). Measured 29 Nov (session 14), TargetLanding fine scale, same
   * cache and session, in band before -> after (encodes): SSIM on photos, graphics and the
   * colour, grey and other encoders' fit sets 949 -> 1,030 of 1,152 (2,875 -> 3,022); not fitted
   * on (hold-out, otho, othg) 544 -> 608 of 720 (1,875 -> 1,999); size on all eight sets 1,401 ->
   * 1,433 of 1,446 (2,888 -> 2,929). Landings within 3 encodes are the same either way. Asking
   * also for a pass over 1.05, 1.1, 1.2 or 1.4 times its failure's bytes (SSIM) landed 1,001,
   * 977, 959 and 949 of the fit sets' 1,152 (the fourth encode lands about half the time wherever
   * the pass is); aiming the fourth 0.01 or 0.02 higher in -ln(1 - SSIM) landed fewer (973, 964
   * with the 1.1 condition, against 977).
   */
  static boolean fourthInBracket(int encodes, boolean ownCurve, SearchRules rules,
      boolean bracket) {
    return encodes == 3 && ownCurve && rules.on(Rule.FOURTH_IN_BRACKET) && bracket;
  }

  /**
   * The lowest quality whose output reaches {@code target} SSIM by {@code scorer}; {@code
   * encoder} takes a code (possibly flagged {@link #FULL_CHROMA}: encode with {@link
   * #jpegOptions} or {@link #tglOptions}).
   */
  static Result forSsim(ImageFormat format, double target, IntFunction<byte[]> encoder,
      ToDoubleFunction<byte[]> scorer) {
    return forSsim(format, 1, true, target, encoder, scorer);
  }

  /**
   * {@link #forSsim} on qualities that are multiples of {@code step} hundredths; {@code
   * chromaChoice}: colour output with the encoder's chroma choice, whose SSIM jump at 97 the
   * search may fill with 4:4:4 below 97.
   */
  static Result forSsim(ImageFormat format, int step, boolean chromaChoice, double target,
      IntFunction<byte[]> encoder, ToDoubleFunction<byte[]> scorer) {
    return forSsim(format, step, chromaChoice, target, encoder, scorer, null);
  }

  /**
   * {@link #forSsim} with the image's own estimated curve ({@link SsimCurve}) in place of the
   * corpus prior, when {@code curve} is not null (fine scale only), under the rules it was made
   * under ({@link SsimCurve#rules}).
   */
  static Result forSsim(ImageFormat format, int step, boolean chromaChoice, double target,
      IntFunction<byte[]> encoder, ToDoubleFunction<byte[]> scorer, SsimCurve curve) {
    return forSsim(format, step, chromaChoice, target, encoder, scorer, curve, true);
  }

  /**
   * {@link #forSsim} on the image's own curve; {@code lambdaKnob}: a JPEG search may also move
   * the trellis lambda ({@link TrellisKnob#ssimKnob}), false for the quality alone.
   */
  static Result forSsim(ImageFormat format, int step, boolean chromaChoice, double target,
      IntFunction<byte[]> encoder, ToDoubleFunction<byte[]> scorer, SsimCurve curve,
      boolean lambdaKnob) {
    return forSsim(format, step, chromaChoice, target, encoder, scorer, curve, lambdaKnob, null);
  }

  /**
   * {@link #forSsim} whose search may trim a pass over the band into it with {@code trimmer}
   * ({@link SearchRules.Rule#JPEG_SSIM_TRIM}, {@link SearchRules.Rule#TGL_SSIM_TRIM}; null:
   * never).
   */
  static Result forSsim(ImageFormat format, int step, boolean chromaChoice, double target,
      IntFunction<byte[]> encoder, ToDoubleFunction<byte[]> scorer, SsimCurve curve,
      boolean lambdaKnob, SsimTrimmer trimmer) {
    return new SsimSearch(format, step, chromaChoice, target, encoder, scorer, curve, lambdaKnob)
        .trimmingWith(trimmer).run();
  }

  /**
   * The lowest quality on the search's scale (a multiple of {@code step}) at least {@code
   * hundredths}, strictly between the failure {@code failQ} and the pass {@code passQ}.
   */
  static int qualityAtLeast(double hundredths, int failQ, int passQ, int step) {
    int q = (int) Math.ceil(hundredths / step - 1e-9) * step;
    return Math.max(failQ + step, Math.min(passQ - step, q));
  }

  /**
   * Whether two codes (JPEG or .tgl) lie on one side of the chroma jump (4:2:0, 4:4:4 below or
   * from 97).
   */
  static boolean sameSide(int a, int b) {
    return (a & FULL_CHROMA) == (b & FULL_CHROMA) && (a & QUALITY) >= JUMP == (b & QUALITY) >= JUMP;
  }

  /**
   * JPEG: the quality nearest {@code q} in (failQ, passQ) whose tables are neither the failure's
   * nor the pass's (their files, already measured, would come back: the encoder's choices all
   * follow from the tables, {@link JpegEncodeOptions#psychovisualTables}); -1 when none is. Near
   * a grey decoded JPEG's own quality the tables stand still over several hundredths, where the
   * search spent its third encode on its second's file (7 of 120 searches of the grey fit set).
   * Qualities past the failure's tables fail too; those with the pass's tables are the pass.
   */
  static int newTables(FittedCurve model, int q, int failQ, int passQ, boolean havePass,
      SsimCurve curve) {
    int step = model.step;
    if (failQ >= 0) {
      int failCode = model.codeAt(failQ);
      while (q + step < passQ && sameFile(model.codeAt(q), failCode, curve)) {
        q += step;
      }
      if (sameFile(model.codeAt(q), failCode, curve)) {
        return havePass ? -1 : q;
      }
    }
    if (havePass && passQ <= TOP) {
      int passCode = model.codeAt(passQ);
      while (q > failQ && sameFile(model.codeAt(q), passCode, curve)) {
        q -= step;
      }
      if (q <= failQ || failQ >= 0 && sameFile(model.codeAt(q), model.codeAt(failQ), curve)) {
        return -1;
      }
    }
    return q;
  }

  /**
   * Whether two JPEG codes give the same pixels: the same trellis lambda, the same chroma side
   * and quantization tables equal wherever a coefficient of the image may be nonzero ({@link
   * SsimCurve#peaks}; with {@code curve} null, equal everywhere).
   */
  static boolean sameFile(int a, int b, SsimCurve curve) {
    return sameFile(a, b, curve, curve == null ? ChromaSide.BY_QUALITY : curve.side());
  }

  /** {@link #sameFile} for encodes of chroma {@code side} (the caller's fixed chroma). */
  static boolean sameFile(int a, int b, SsimCurve curve, ChromaSide side) {
    if (lambdaOf(a) != lambdaOf(b)) {
      return false;
    }
    boolean fa = side.fullAt(a);
    boolean fb = side.fullAt(b);
    if (fa != fb) {
      return false;
    }
    int[][] ta = JpegEncodeOptions.psychovisualTables(a & QUALITY, fa);
    int[][] tb = JpegEncodeOptions.psychovisualTables(b & QUALITY, fb);
    double[][] peaks = curve == null ? null : curve.peaks(fa);
    for (int c = 0; c < ta.length; c++) {
      for (int k = 0; k < 64; k++) {
        // a step at least twice the largest value rounds every value there to zero
        if (ta[c][k] != tb[c][k]
            && (peaks == null || 2 * peaks[c][k] >= Math.min(ta[c][k], tb[c][k]))) {
          return false;
        }
      }
    }
    return true;
  }

  static String round4(double v) {
    long t = (long) (v * 10000 + 0.5);
    return t / 10000 + "." + (10000 + t % 10000 + "").substring(1);
  }
}

