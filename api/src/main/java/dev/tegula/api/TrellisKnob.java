package dev.tegula.api;

import static dev.tegula.api.TargetSearch.FINE_AIM;
import static dev.tegula.api.TargetSearch.withLambda;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.api.TargetSearch.Result;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * JPEG's second rate knob for {@link TargetSearch}: the trellis lambda ({@link
 * JpegEncodeOptions#lambdaHundredths}) at the tables of a file in hand. When a search takes it
 * (the rules below), which lambda (from the image's {@link KnobProbe}, else from the SSIM the
 * search's files bought per byte or a constant for sizes), and on a decoded JPEG whose first file
 * passes near the aim, the secant on the lambda's own measured slope ({@link #ssimSecant}).
 *
 * <p><b>Why a second knob.</b> JPEG's tables are integers: one hundredth of quality can move a step
 * by a whole unit and SSIM or size by several band widths (astronaut at 0.90: 38.00 -> 38.01 moves
 * the luma DC step 17 -> 16 and SSIM 0.892 -> 0.904; no quality lands), and near a decoded JPEG's
 * own quality SSIM climbs in stairs. At fixed tables the trellis lambda ({@link
 * JpegEncodeOptions#lambdaHundredths}) moves both nearly continuously: measured 29 Nov (session 10)
 * on 26 images at qualities 20-96, x0.8-x2.5 takes 0.10-0.25 of ln bytes per ln lambda off photos
 * and graphics (x1.5: 4-8% smaller), 0.01 off a decoded JPEG above its own quality (nothing left to
 * drop); at x1-x4 SSIM per byte is 0.8-1.2 times the quality's on photos (x0-x0.7 buys SSIM at half
 * of it per byte, so the searches lower it only from a failure just under the target, {@link
 * #ssimBelow}), up to 10 times it on decoded JPEGs near their quality, and on gnome_field a larger
 * lambda raises SSIM. A search code carries the lambda ({@link TargetSearch#withLambda}); {@code
 * CompressResult.lambdaHundredths} reports it so that quality, chroma and lambda reproduce the
 * file. The SSIM search's third encode takes the pass's tables with the lambda predicted from its
 * two encodes ({@link #ssimKnob}) when nothing lies between the pass and the failure, or on a
 * decoded JPEG when the pass is within {@link #SSIM_KNOB_SPAN} of the aim; on a decoded JPEG whose
 * first file passes within {@link #SECANT_SPAN} of the aim, the second and third encodes are that
 * file's tables with a guessed lambda and then the lambda the two measurements' own slope puts at
 * the aim ({@link #ssimSecant}); the size search takes the failing file's tables when the two are
 * neighbours ({@link #sizeKnob}); after two encodes whose failure lies just under the target,
 * nearer than any pass lies over the band, the SSIM search's third is that failure's tables with
 * the lambda lowered ({@link #ssimBelow}). A knob file is kept only on the right side and smaller
 * (SSIM) or larger (size) than the file in hand. Measured 29 Nov, fine scale, same session, before
 * -> after, JPEG SSIM: colour fit set 156 -> 164 of 200 in the band, grey 77 -> 84 of 120, photos
 * 38 and graphics 13 of 40 and 16 unchanged (no knob used), hold-out (not tuned on) 41 -> 43 of 48;
 * 85 searches took the knob (106 knob encodes at x1.04-x2.40, median x1.12), 73 landed; against the
 * quality alone it won 24 and lost 7; encodes 920 -> 920 over fit sets and hold-out; sizes
 * unchanged (the neighbour case did not occur). Tried and not kept: the knob's third encode on
 * every image instead of a quality (photos 38 -> 36, graphics 13 -> 7, fit sets 156 -> 142 and 77
 * -> 64: its move per ln lambda varies 30-fold between images, the bracket's quality slope does not
 * predict it on photos), on every image within 0.12 of the aim (graphics 13 -> 8); for sizes, the
 * knob when the failing file is within 3%, 6% or 10% of the aim (grey fit set 56 -> 54, 53, 52;
 * colour 155 -> 155, 152, 148). .tgl has no such knob: its quality hundredths already move its 1/16
 * steps by a fraction of a unit.
 *
 * <p><b>The knob's probe.</b> Where the knob is taken, its lambda comes from a {@link KnobProbe}
 * of the image at the file's tables (the encoder's own trellis and masking on a mosaic of
 * sampled tiles at x1 and x1.6: this image's own ln bytes and -ln(1 - SSIM) per ln lambda) in
 * place of the bracket's SSIM per byte and the fixed {@link #SIZE_KNOB_K}; the probe predicts
 * the whole image's move better than either (median |ln(measured / predicted)| 0.08-0.22 for
 * size against 0.36-1.67 for the constant, 0.14-0.26 for SSIM once scaled against the
 * bracket's 0.35-0.85; see KnobProbe). With it the SSIM search's third
 * encode takes the knob on any image whose pass is within {@link #PROBE_SPAN} of the aim and
 * whose probe reaches the aim by {@link #KNOB_MAX}, and the size search's when the failing file
 * is at most {@link #SIZE_PROBE_SPAN} over the target (with a fitting file under the band, or
 * none yet); a probe that says the lambda raises SSIM
 * (gnome_field) ends the search on the pass instead of spending an encode. Measured 29 Nov
 * (session 10), fine scale, same session, without -> with the probe: SSIM colour fit set 164 ->
 * 168 of 200 in the band, grey 84 -> 89 of 120, photos 38 and graphics 13 of 40 and 16
 * unchanged (the knob took 8 of their third encodes, all landed as before), hold-out (not tuned
 * on) 43 -> 42 of 48 (conf_gray 0.95: x1.11 gave 3.1% of the budget where x1.19 landed; one
 * search 3 -> 2 encodes); sizes: photos 37 -> 38 of 38 (hubble 200 KB 3.6% -> 1.0% under),
 * grey fit set 56 -> 60 of 60, colour 155 and graphics 12 of 13 unchanged, hold-out 33 -> 34
 * of 34 (camera 100 KB 3.5% -> 2.1%); none on the wrong side, encodes per search unchanged or
 * fewer; the files that changed are a median 0.2% larger (SSIM) and 0.05% (size). .tgl
 * unchanged (no probe).
 *
 * <p><b>Below x1.</b> Of the 86 JPEG SSIM misses at the start of session 11 (photos, graphics,
 * hold-out and the fit sets), 36 had measured a failing file less than a band width (0.03 in
 * -ln(1 - SSIM)) under the target: near a decoded JPEG's own quality the next hundredth's tables
 * often step SSIM over the whole band. The lambda lowered at the failure's tables ({@link
 * #ssimBelow}) fills that step: x0.9 raised SSIM by 0.2-2.6 band widths on the decoded JPEGs
 * measured, for 0.1-3.1% more bytes. Measured 29 Nov (session 11), fine scale, 0.90-0.99, same
 * session, without -> with: photos 39 and graphics 14 of 40 and 16 unchanged, colour fit set 121 ->
 * 128 of 160 in the band, grey 88 -> 95 of 120, hold-out (not tuned on) 36 -> 39 of 48; 18 searches
 * won, 1 lost (keong_macan_g60 0.90: x0.87 overshot to 3.5% of the budget); none on the wrong side;
 * searches taking a fourth encode 4 -> 2 (the grey fit set's two now land in three); the 52 files
 * that changed are a median 0.65% nearer the smallest passing file on the fine ladder (files at
 * most 3% over it: colour fit set 150 -> 151, grey 104 -> 106, hold-out 43 -> 44, the rest
 * unchanged); the knob starts from the failure nearest the target, not the last (astronaut_q88
 * 0.95, whose second file fell further under than its first: 127 -> 128 of the colour fit set,
 * nothing else changed); on the 192-256 pixel crops of TargetCurveProbe (photos and synthetic
 * graphics, no decoded JPEG) 20 -> 21 of 30. Sizes and .tgl unchanged (not on this path). Of the
 * misses left, all but one (sk_retina 0.90) have a file in the band at the lowest passing quality's
 * tables with some lambda x1-x4 (TargetMissReach).
 *
 * <p>Tried in session 11 on top of it and not kept (same sets, same session): the knob below x1
 * also from a first encode just under the target (hold-out 39 -> 38, colour fit set 127 -> 128,
 * the rest unchanged) or after three failures (one search took five encodes); {@link
 * #PROBE_SHARE} 0.8, 0.85, 0.9, 0.95 (colour fit set 129, 130, 128, 129 of 160 against 127,
 * grey 96, 94, 93, 90 against 95, graphics 14, 14, 13, 13; 0.8's five wins were all at the
 * band's edge, 3.01-3.13% of the budget to 2.4-2.8%, for one loss, hubble_deep_field_g88 0.97
 * 0.83% -> 8.86%); JPEG's step gain after two misses 1.35 and 1.5 (grey fit set 94 and 95,
 * one more fourth encode each).
 */
final class TrellisKnob {
  /**
   * JPEG size, with the knob ({@link #sizeKnob}): ln bytes the trellis lambda takes off per ln
   * of its scale, the median over 28 knob encodes of the corpus photos, graphics and fit sets at
   * x1.1-x2.4 (29 Nov, session 10; 0.01-0.44: a decoded JPEG above its own quality has almost
   * nothing left for the trellis to drop, flat-field graphics most).
   */
  static final double SIZE_KNOB_K = 0.19;
  /**
   * JPEG SSIM, with the knob ({@link #ssimKnob}): -ln(1 - SSIM) the trellis lambda takes off per
   * ln of its scale, per unit of the SSIM the two measurements buy per ln byte (clamped to
   * {@link #KNOB_SLOPE_MIN}-{@link #KNOB_SLOPE_MAX}). Measured 29 Nov (session 10) on 171 knob
   * encodes (x1.06-x4): the move per ln lambda over the move per ln byte is 0.8-1.2 on photos,
   * 1.5-10 on decoded JPEGs near their own quality, negative on gnome_field (a larger lambda
   * raises its SSIM); these constants gave the most landings on the fit sets in a replay
   * (k 0.10-0.20, slope caps 2-8, spans 0.03-0.08) and in real runs (span 0.04/0.05/0.06, cap
   * 3/4, k 0.13/0.16: fit sets 238/244/243, 240, 239 of 320).
   */
  static final double SSIM_KNOB_K = 0.13;
  static final double KNOB_SLOPE_MIN = 1.0;
  static final double KNOB_SLOPE_MAX = 3;
  /**
   * JPEG SSIM on a decoded JPEG's curve ({@link SourceLattice} found one): after two encodes, a
   * pass this close to the aim (in -ln(1 - SSIM); the band is 0.03 wide) takes the knob for the
   * third encode instead of a quality in the bracket, whose SSIM climbs in stairs there. On
   * other images the quality's third landed more often (photos and graphics 51 -> 43 of 56
   * with the knob on every image at any distance).
   */
  static final double SSIM_KNOB_SPAN = 0.05;
  /**
   * JPEG SSIM on an image's own curve, after two encodes: a pass this close to the aim (in -ln(1
   * - SSIM); the band is 0.03 wide) whose {@link KnobProbe} puts the aim within {@link #KNOB_MAX}
   * takes the knob for the third encode, on any image, at the lambda the probe predicts for
   * {@link #PROBE_SHARE} of the distance. Measured 29 Nov (session 10), fine scale, 0.90-0.99,
   * same session (share 0.7): spans 0.08, 0.1, 0.12 gave the fit sets 253, 256, 255 of 320 in
   * the band (248 before), photos 38 of 40 at each (38), graphics 13, 13, 12 of 16 (13).
   */
  static final double PROBE_SPAN = 0.1;
  /**
   * Two passes nearer each other than this in -ln(1 - SSIM), one band width, lie on a plateau
   * ({@link #onPlateau}, {@link Rule#JPEG_KNOB_ON_PLATEAU}): the quality's slope between them is
   * too small to aim a third by.
   */
  static final double PLATEAU = -Math.log(0.97);

  /**
   * Whether a search's first two encodes ({@code ys}, -ln(1 - SSIM)) both passed and lie less
   * than {@link #PLATEAU} apart.
   */
  static boolean onPlateau(boolean failed, double[] ys) {
    return !failed && Math.abs(ys[0] - ys[1]) < PLATEAU;
  }

  /**
   * The share of the distance to the aim a probed knob encode is aimed at: the probe's mosaic
   * moves less than the whole image over small lambdas (its slope is fitted over x1-x1.6), and
   * a knob file that crosses the target is lost while one short of the band is still a smaller
   * pass. Measured as {@link #PROBE_SPAN} (span 0.1): shares 0.6, 0.7, 0.75, 0.8, 1 gave the fit
   * sets 250, 256, 257, 255, 246 of 320, photos 38 at each, graphics 12, 13, 13, 13, 12 of 16.
   */
  static final double PROBE_SHARE = 0.75;
  /**
   * JPEG size on an image's own curve, after two encodes: a failing file at most this share over
   * the target, with a fitting one under the band, takes the knob at its tables for the third
   * encode, at the lambda its {@link KnobProbe} puts at {@link #SIZE_PROBE_SHARE} of the way to
   * the aim. Measured 29 Nov (session 10), fine scale, 20-500 KB, same session: spans (shares)
   * 0.03 (1), 0.06 (1), 0.1 (1), 0.04 (0.9), 0.06 (0.9), 0.06 (0.8), 0.1 (0.8) gave photos 37,
   * 37, 37, 37, 38, 38, 38 of 38 in the band (37 before), graphics 12 of 13 at each (12), colour
   * fit set 155, 154, 154, 155, 155, 155, 155 of 158 (155), grey fit set 59 of 60 at each (56).
   * The same when nothing fits after two encodes and the failure is this close (the knob's file
   * fits or the search goes on): grey fit set 59 -> 60 of 60 (bliznaca_g60 20 KB), nothing else
   * changed, no search took a fourth encode. The share again 2 Dec (session 30, the twelve sets,
   * with {@link Rule#SIZE_KNOB_AGAIN}, 759 searches), 0.85 -> 0.80 / 0.75: within 3 encodes 732
   * -> 734 / 733, in the band at any count 750 -> 752 / 752, encodes 1,534 -> 1,535 / 1,536; at
   * 0.80 98 results changed, 93 of them nearer the target (the 110 results on a knob file a
   * median 1.33 -> 1.23 % under; hold-out sk_brick 100 KB, othg keong_macan_tg70 20 KB and holdsm
   * sk_retina_s2c 20 KB, all never tuned on, from 3.1 % under into the band; otho sk_grass_q75s
   * 50 KB from 0.2 % under to a knob file just over and a fourth encode).
   */
  static final double SIZE_PROBE_SPAN = 0.06;
  static final double SIZE_PROBE_SHARE = 0.80;
  /** The largest trellis lambda a search uses, in hundredths: x4 (x8 reaches little further). */
  static final int KNOB_MAX = 400;
  private static final double LN_KNOB_MAX = Math.log(KNOB_MAX / 100.0);

  private TrellisKnob() {}

  /**
   * What an SSIM search's knob encodes for and aims at: the search's encoder of codes, the SSIM of
   * a file against the source, the target, the aim in -ln(1 - SSIM) and the band's top SSIM.
   */
  record SsimGoal(IntFunction<byte[]> encoder, ToDoubleFunction<byte[]> scorer, double target,
      double aim, double band) {
    /** The file at {@code code} and its SSIM, as the search's {@code encodes}-th. */
    Result measure(int code, int encodes) {
      byte[] out = encoder.apply(code);
      return new Result(out, code, encodes, scorer.applyAsDouble(out));
    }

    /** The knob's file when it reaches the target in fewer bytes than the pass, else the pass. */
    Result better(Result knob, Result pass) {
      return knob.ssim() >= target && (pass.bytes() == null
          || knob.bytes().length < pass.bytes().length) ? knob : pass.after(knob.encodes());
    }
  }

  /**
   * SSIM, the pass's tables after at most two encodes: the knob takes the next encode when
   * nothing lies between the pass and the failure ({@code closed}), or after two on a decoded
   * JPEG whose pass is within {@link #SSIM_KNOB_SPAN} of the aim.
   */
  static boolean ssimAtBracket(int encodes, boolean closed, boolean decodedJpeg, double passSsim,
      double aim) {
    return encodes < 3 && (closed
        || encodes == 2 && decodedJpeg && SsimCurve.distortion(passSsim) - aim < SSIM_KNOB_SPAN);
  }

  /**
   * SSIM, the pass's tables after two encodes on any image: the knob takes the third when the
   * pass is within {@link #PROBE_SPAN} of the aim, or the two passes lie on a {@code plateau}
   * ({@link Rule#JPEG_KNOB_ON_PLATEAU}), and its {@link KnobProbe} puts {@link #PROBE_SHARE} of
   * that distance within {@link #KNOB_MAX}.
   */
  static boolean ssimProbed(int encodes, SsimCurve curve, int passCode, double passSsim,
      double aim, boolean plateau, SearchRules rules) {
    return rules.on(Rule.KNOB_PROBE) && encodes == 2
        && (SsimCurve.distortion(passSsim) - aim < PROBE_SPAN
            || plateau && rules.on(Rule.JPEG_KNOB_ON_PLATEAU))
        && curve.knobProbe(passCode) != null
        && curve.knobProbe(passCode).lnLambdaForSsim(
            PROBE_SHARE * (SsimCurve.distortion(passSsim) - aim)) <= LN_KNOB_MAX;
  }

  /**
   * SSIM on a decoded JPEG: a first file passing within {@link #SECANT_SPAN} of the aim takes the
   * knob for the next encodes ({@link #ssimSecant}); with {@link Rule#JPEG_LARGER_MOSAIC},
   * on any image within {@link #SECANT_SPAN_WIDE}.
   */
  static boolean ssimSecantFirst(int encodes, boolean decodedJpeg, double passSsim, double aim,
      SearchRules rules) {
    double need = SsimCurve.distortion(passSsim) - aim;
    return encodes == 1 && (rules.on(Rule.JPEG_LARGER_MOSAIC) ? need < SECANT_SPAN_WIDE
        : decodedJpeg && need < SECANT_SPAN);
  }

  /**
   * Size, after two encodes: the failing file is at most {@link #SIZE_PROBE_SPAN} over the
   * target and its tables have a {@link KnobProbe}.
   */
  static boolean sizeProbed(SizeCurve curve, int failCode, long failLen, long maxBytes,
      SearchRules rules) {
    return rules.on(Rule.KNOB_PROBE) && failLen <= (1 + SIZE_PROBE_SPAN) * maxBytes
        && curve.knobProbe(failCode) != null;
  }

  /**
   * Size, nothing fitting yet: the failing file's code with the lambda its probe puts at {@link
   * #SIZE_PROBE_SHARE} of the way to the aim; -1 when that is beyond {@link #KNOB_MAX}.
   */
  static int sizeProbedCode(SizeCurve curve, int failCode, long failLen, long maxBytes) {
    double need = Math.log(failLen / (FINE_AIM * maxBytes));
    double ln = curve.knobProbe(failCode).lnLambdaForSize(need * SIZE_PROBE_SHARE);
    return ln <= LN_KNOB_MAX ? withLambda(failCode, knobLambda(ln)) : -1;
  }

  /**
   * The size search's last encode on the second knob: the failing file's tables with the trellis
   * lambda that should shrink it to the aim (its {@link KnobProbe}'s, else {@link #SIZE_KNOB_K});
   * the larger of it and the fitting file in hand when it fits, else the file in hand. {@code
   * onlyProbed}: null, without an encode, when the probe does not put the aim within {@link
   * #KNOB_MAX}.
   */
  static Result sizeKnob(IntFunction<byte[]> encoder, long maxBytes, Result pass, int failCode,
      long failLen, SizeCurve curve, boolean onlyProbed, SearchRules rules) {
    double need = Math.log(failLen / (FINE_AIM * maxBytes));
    KnobProbe probe =
        curve == null || !rules.on(Rule.KNOB_PROBE) ? null : curve.knobProbe(failCode);
    double ln = probe == null ? Double.NaN : probe.lnLambdaForSize(need * SIZE_PROBE_SHARE);
    if (onlyProbed && !(ln <= LN_KNOB_MAX)) {
      return null;
    }
    int lambda = knobLambda(Double.isNaN(ln) ? need / SIZE_KNOB_K : ln);
    int code = withLambda(failCode, lambda);
    byte[] out = encoder.apply(code);
    int spent = pass.encodes() + 1;
    int again = out.length > maxBytes && rules.on(Rule.SIZE_KNOB_AGAIN)
        && out.length <= (1 + KNOB_AGAIN_SPAN) * maxBytes
        && pass.bytes().length < TargetSearch.SIZE_BAND * maxBytes
        ? knobAgain(failLen, lambda, out.length, maxBytes) : -1;
    if (again > lambda) {
      // the knob's file is just over and the file in hand far under: once more on the same
      // tables, the lambda on the secant through the two files at them
      code = withLambda(failCode, again);
      out = encoder.apply(code);
      spent++;
    }
    return out.length <= maxBytes && out.length > pass.bytes().length
        ? new Result(out, code, spent, Double.NaN) : pass.after(spent);
  }

  /**
   * {@link Rule#SIZE_KNOB_AGAIN}: at most this much over the target, the knob's file takes a
   * second lambda (a fourth encode at most: the knob is at most the third).
   */
  static final double KNOB_AGAIN_SPAN = 0.03;

  /**
   * The lambda in hundredths that the secant in ln bytes against ln lambda through the failing
   * file's tables at x1 ({@code failLen}) and at {@code lambda} ({@code len}) puts at the aim,
   * at most {@link #KNOB_MAX}; -1 when the lambda did not shrink the file.
   */
  static int knobAgain(long failLen, int lambda, long len, long maxBytes) {
    double lnLambda = Math.log(lambda / 100.0);
    double slope = (Math.log(len) - Math.log(failLen)) / lnLambda;
    if (!(slope < 0) || lnLambda <= 0) {
      return -1;
    }
    double more = (Math.log(FINE_AIM * maxBytes) - Math.log(len)) / slope;
    return knobLambda(lnLambda + more);
  }

  /** The lambda in hundredths for a move of {@code lnLambda} in its log, above x1.00. */
  static int knobLambda(double lnLambda) {
    double l = Math.exp(Math.max(0, Math.min(LN_KNOB_MAX, lnLambda)));
    return Math.max(JpegEncodeOptions.DEFAULT_LAMBDA + 1, (int) (100 * l + 0.5));
  }

  /**
   * The SSIM search's last encode on the second knob: the passing file's tables with the trellis
   * lambda that should bring its SSIM down to the aim: its {@link KnobProbe}'s for {@link
   * #PROBE_SHARE} of the way when the curve has one (on colour images, with {@link
   * Rule#JPEG_THIRD_FROM_FILES}, blended with what the search's files bought per byte: {@link
   * KnobProbe#lnLambdaForSsim(double, double)}; none when the probe says the lambda does not
   * lower SSIM: the pass, without an encode; with {@link Rule#JPEG_KNOB_MOSAIC} aimed at
   * {@link #knobShare} of the way and read on {@link JpegProbe}'s mosaic too, {@link
   * #mosaicRead}); else, as before the probe, how far the lambda
   * moves -ln(1 - SSIM) is {@link #SSIM_KNOB_K} times the SSIM bought per byte, taken from the
   * bracket's two files (within {@link #KNOB_SLOPE_MIN}-{@link #KNOB_SLOPE_MAX}: one hundredth
   * of quality that moves a DC step changes SSIM far more than the lambda does per byte). The
   * knob's file when it reaches the target (it is smaller than the pass), else the pass.
   */
  static Result ssimKnob(SsimGoal goal, Result pass, double[] ys, long[] lens, SsimCurve curve,
      SearchRules rules) {
    int encodes = pass.encodes();
    double passY = -Math.log(Math.max(1e-9, 1 - pass.ssim()));
    KnobProbe probe =
        curve == null || !rules.on(Rule.KNOB_PROBE) ? null : curve.knobProbe(pass.code());
    int lambda;
    if (probe != null) {
      double move = (rules.on(Rule.JPEG_KNOB_MOSAIC)
          ? knobShare(-Math.log(1 - goal.target()), encodes, ys) : PROBE_SHARE)
          * (passY - goal.aim());
      double ln = rules.on(Rule.JPEG_THIRD_FROM_FILES) ? probe.lnLambdaForSsim(move,
          ssimPerLnByte(passY, pass.bytes().length, encodes, ys, lens))
          : probe.lnLambdaForSsim(move);
      if (Double.isNaN(ln)) {
        // the lambda does not lower this image's SSIM here: the pass is the result
        return pass;
      }
      lambda = knobLambda(ln);
      if (rules.on(Rule.JPEG_KNOB_MOSAIC)) {
        lambda = mosaicRead(curve, pass.code(), lambda, move);
      }
    } else {
      double slope = ssimPerLnByte(passY, pass.bytes().length, encodes, ys, lens);
      slope = !(slope > 0) ? KNOB_SLOPE_MAX
          : Math.max(KNOB_SLOPE_MIN, Math.min(KNOB_SLOPE_MAX, slope));
      lambda = knobLambda((passY - goal.aim()) / (SSIM_KNOB_K * slope));
    }
    return goal.better(goal.measure(withLambda(pass.code(), lambda), encodes + 1), pass);
  }

  /**
   * With {@link Rule#JPEG_KNOB_MOSAIC}, the share of the way to the aim a probed knob third is
   * aimed at after a failure ({@link #knobShare}; {@link #PROBE_SHARE} before session 20 on any
   * search). Why two: at the 120 probed knob thirds of main's JPEG SSIM searches on all eight sets
   * (session 20, the whole image coded at the pass's tables at 13 lambdas x1-x3), the whole image
   * moved more than the knob's read predicted, in the ln of the ratio a median 0.51 (spread 0.31)
   * where a failure came before the pass (35 thirds on the sets tuned on) and 0.18 (0.28) after two
   * passes (38); on the never-tuned sets 0.42 and -0.02. Most of it lies at small lambdas (under
   * x1.06: 0.5), where KnobProbe's power of ln lambda through x1.6 undershoots even the whole
   * image's own move at x1.05 by 0.19; a search whose first file failed is mostly a decoded JPEG
   * whose second file passed near the band (median 1.06 band widths to the aim) and needs such a
   * lambda. {@link JpegProbe}'s mosaic (4 tiles of 128x128) read at the knob's lambda moved like
   * the whole image with a spread of 0.31 (the knob's read 0.32, correlated 0.32; blended in the
   * log at {@link #MOSAIC_KNOB_SHARE} 0.5: 0.25), medians 0.24 and 0.02. TargetLanding within 3
   * encodes on the sets tuned on (photos, graphics, fitc, fitg, othf), same cache and session, 544
   * on main; (after a failure, after passes, the probe's share of the mosaic read): 0.6, 0.75, no
   * read 547; 0.6, 0.9, no read 545; 0.6, 0.9 and 0.3 / 0.5 / 0.7: 547, 547, 546; 0.6, 0.8, 0.5:
   * 547; 0.7, 0.9, 0.5: 546; 0.55, 0.9, 0.3: 545.
   */
  static final double SHARE_AFTER_FAILURE = 0.6;
  /** {@link #SHARE_AFTER_FAILURE} after two passes. */
  static final double SHARE_AFTER_PASSES = 0.9;

  /**
   * The share of the way to the aim a probed knob third is aimed at with {@link
   * Rule#JPEG_KNOB_MOSAIC}: {@link #SHARE_AFTER_FAILURE} when one of the search's {@code encodes}
   * measurements ({@code ys}, -ln(1 - SSIM)) lies under the target's ({@code targetY}), else
   * {@link #SHARE_AFTER_PASSES}.
   */
  static double knobShare(double targetY, int encodes, double[] ys) {
    for (int i = 0; i < encodes; i++) {
      if (ys[i] < targetY) {
        return SHARE_AFTER_FAILURE;
      }
    }
    return SHARE_AFTER_PASSES;
  }

  /**
   * The probe's share, in the log, of the knob third's predicted move when {@link JpegProbe}'s
   * mosaic reads it too ({@link Rule#JPEG_KNOB_MOSAIC}; the mosaic's share is the rest): the
   * least spread against the whole image's move on the sets tuned on (0.25 in the ln of the
   * ratio; 0.27 at 0.25 or 0.75 of the probe, 0.31 on the mosaic alone, 0.32 on the probe alone).
   */
  static final double MOSAIC_KNOB_SHARE = 0.5;

  /**
   * The lambda of the knob third read on {@link JpegProbe}'s mosaic as well: the probe picked
   * {@code lambda} to move -ln(1 - SSIM) by {@code move}; the mosaic's measured move from x1 to
   * that lambda, on the probe's power of ln lambda, blended in the log with the probe's by
   * {@link #MOSAIC_KNOB_SHARE}, is solved for {@code move}. {@code lambda} itself when the image
   * has no mosaic (under two 128-pixel tiles) or the mosaic does not move.
   */
  static int mosaicRead(SsimCurve curve, int passCode, int lambda, double move) {
    double m0 = curve.jpegProbeAt(withLambda(passCode, JpegEncodeOptions.DEFAULT_LAMBDA));
    if (Double.isNaN(m0)) {
      return lambda;
    }
    double moved = m0 - curve.jpegProbeAt(withLambda(passCode, lambda));
    double ln = mosaicLnLambda(Math.log(lambda / 100.0), move, moved);
    return Double.isNaN(ln) ? lambda : knobLambda(ln);
  }

  /**
   * The ln lambda where the probe's move (reaching {@code move} at {@code lnLambda}) blended in
   * the log with the mosaic's ({@code moved} at {@code lnLambda}), both as the same power of ln
   * lambda, reaches {@code move}: the probe's ln lambda scaled by (move / moved) to the
   * mosaic's share over the power. NaN when the mosaic did not move.
   */
  static double mosaicLnLambda(double lnLambda, double move, double moved) {
    if (!(moved > 1e-6) || !(move > 0) || !(lnLambda > 0)) {
      return Double.NaN;
    }
    return lnLambda
        * Math.pow(move / moved, (1 - MOSAIC_KNOB_SHARE) / KnobProbe.SSIM_POWER);
  }

  /**
   * The -ln(1 - SSIM) the quality bought per ln byte between the pass ({@code passY}, {@code
   * passLen} bytes) and the measurement nearest it in SSIM of another size; NaN when there is
   * none.
   */
  static double ssimPerLnByte(double passY, long passLen, int encodes, double[] ys, long[] lens) {
    int near = -1;
    for (int i = 0; i < encodes; i++) {
      if (lens[i] != passLen
          && (near < 0 || Math.abs(ys[i] - passY) < Math.abs(ys[near] - passY))) {
        near = i;
      }
    }
    return near < 0 ? Double.NaN : (passY - ys[near]) / Math.log(passLen / (double) lens[near]);
  }

  /**
   * JPEG SSIM after two encodes: a failing file at most this far under the target (in -ln(1 -
   * SSIM); the band is 0.03 wide), nearer than any pass lies over the band, takes the knob below
   * x1 at its tables for the third encode ({@link #ssimBelow}). Measured 29 Nov (session 11),
   * fine scale, 0.90-0.99, same session, with {@link #BELOW_SCALE} 0.6, 0.75, 0.9, 1: spans
   * 0.015 gave (from the last failure; the nearest one later added one on the colour fit set)
   * photos + graphics + colour and grey fit sets 269, 272, 272, 272 of 336 in the band
   * (262 without the knob below), 0.02 270, 274, 274, 274, 0.03 267, 272, 275, 275 (at 1 one more
   * search took a fourth encode on the colour fit set and on the hold-out), 0.045 265, 271, 273,
   * 272, 0.06 266, 272, 273, 273 (from 0.045 at 0.9 graphics lost one). A wider span only
   * inside a bracket (a pass in hand, so a missing knob file costs no encode), 0.045, 0.06,
   * 0.09: colour fit set 125, 125, 124 of 160 against 127; only with nothing passing yet, 0.045
   * and 0.06: colour fit set 129 of 160 against 128 but graphics 14 -> 13 of 16, one search
   * taking a fourth encode. Without "nearer than any pass" the
   * same counts; with "less than half as far": grey fit set 95 -> 94.
   */
  static final double BELOW_SPAN = 0.03;
  /**
   * The whole image's -ln(1 - SSIM) gain per ln lambda below x1 over what its {@link KnobProbe}
   * says the lambda takes off above x1 (x1 to x1.6, scaled). Measured 29 Nov (session 11) on 21
   * files at a failing search's tables (13 of the fit sets just under a target, 8 photos,
   * graphics and fit-set files at 60-96): at x0.9 the ratio was 0.18-1.09, median 0.75 (0.18 on
   * a decoded JPEG above its own quality, where the trellis has little left to zero); x0.9 raised
   * SSIM by 0.2-2.6 band widths for 0.1-3.1% more bytes on the decoded JPEGs, 0.3 on astronaut.
   * 0.9 (see {@link #BELOW_SPAN}) undershoots the aim a little, so the third more often lands
   * low in the band than over it.
   */
  static final double BELOW_SCALE = 0.9;
  /**
   * The lowest lambda the knob below x1 takes: from x0.6 down SSIM rises 7-40 times less per ln
   * lambda than from x1 to x0.9 (the same 13 files), so the probe's slope does not hold there;
   * a failure that would need more is left to the quality.
   */
  static final int BELOW_MIN = 60;

  /**
   * Whether a failing file with SSIM {@code failSsim} lies within {@link #BELOW_SPAN} under the
   * target and nearer it than the pass ({@code passSsim}, NaN if none) lies over the band's top.
   */
  static boolean ssimBelowNear(double target, double band, double failSsim, double passSsim,
      SearchRules rules) {
    double under = SsimCurve.distortion(target) - SsimCurve.distortion(failSsim);
    return rules.on(Rule.KNOB_BELOW_X1) && rules.on(Rule.KNOB_PROBE) && under < BELOW_SPAN
        && (Double.isNaN(passSsim)
            || under < SsimCurve.distortion(passSsim) - SsimCurve.distortion(band));
  }

  /**
   * The knob below x1: the failing file's tables with the lambda its {@link KnobProbe} (scaled
   * by {@link #BELOW_SCALE}) puts at the aim (with {@link Rule#JPEG_BELOW_MOSAIC} read on {@link
   * JpegProbe}'s mosaic too, {@link #belowMosaicRead}). A lambda under the encoder's own keeps
   * more of the small coefficients the trellis would zero, raising SSIM for a few percent more
   * bytes. Returns
   * the smaller passing file of it and the pass in hand; a result without bytes when its file
   * missed and nothing passes (the encode spent, the search goes on); null, without an encode,
   * when the probe does not put the aim within {@link #BELOW_MIN}.
   */
  static Result ssimBelow(SsimGoal goal, Result pass, int failCode, double failSsim,
      SsimCurve curve) {
    KnobProbe probe = curve.knobProbe(failCode);
    double need = goal.aim() - SsimCurve.distortion(failSsim);
    if (probe == null || !(probe.ssimSlope > 1e-3)) {
      return null;
    }
    double ln = -need / (BELOW_SCALE * probe.ssimSlope);
    if (ln < Math.log(BELOW_MIN / 100.0)) {
      return null;
    }
    int lambda = belowLambda(ln);
    if (curve.rules().on(Rule.JPEG_BELOW_MOSAIC)) {
      lambda = belowMosaicRead(curve, failCode, lambda, need);
    }
    return goal.better(goal.measure(withLambda(failCode, lambda), pass.encodes() + 1), pass);
  }

  /** The lambda in hundredths for a move of {@code lnLambda} in its log, below x1.00. */
  static int belowLambda(double lnLambda) {
    return Math.max(BELOW_MIN, Math.min(JpegEncodeOptions.DEFAULT_LAMBDA - 1,
        (int) (100 * Math.exp(lnLambda) + 0.5)));
  }

  /**
   * With {@link Rule#JPEG_BELOW_MOSAIC}, the share of the need the knob below x1's blended read
   * aims at ({@link #belowMosaicLnLambda}): the probe alone, scaled by {@link #BELOW_SCALE},
   * overstates the whole image's rise (at the 118 below-x1 thirds of main's runs on all eight
   * sets, the whole image's rise from x1 to x0.9 over the probe's was a median -0.18 in the ln,
   * spread 0.43; over {@link JpegProbe}'s mosaic's +0.08, spread 0.34), so its thirds landed low
   * in the band (a median 0.35 of it); blended half and half with the mosaic the read is about
   * right on the median, and this keeps the undershoot. TargetLanding on all eight sets, same
   * cache and session, within 3 encodes with the rule (tuned on / never tuned on; 557 / 330
   * without): 0.8 557 / 331, 0.9 559 / 332, 1 557 / 332.
   */
  static final double BELOW_MOSAIC_AIM = 0.9;

  /**
   * With {@link Rule#JPEG_BELOW_MOSAIC}, the knob below x1's lambda read on {@link JpegProbe}'s
   * mosaic as well, as {@link #mosaicRead} reads the knob above x1: the probe picked {@code
   * lambda} to raise -ln(1 - SSIM) by {@code need}; the mosaic's measured rise from x1 to that
   * lambda blended in the log with the probe's by {@link #MOSAIC_KNOB_SHARE} ({@link
   * #belowMosaicLnLambda}). {@code lambda} itself when the image has no mosaic (under two
   * 128-pixel tiles) or the mosaic does not rise.
   */
  static int belowMosaicRead(SsimCurve curve, int failCode, int lambda, double need) {
    double m0 = curve.jpegProbeAt(withLambda(failCode, JpegEncodeOptions.DEFAULT_LAMBDA));
    if (Double.isNaN(m0)) {
      return lambda;
    }
    double rose = curve.jpegProbeAt(withLambda(failCode, lambda)) - m0;
    double ln = belowMosaicLnLambda(Math.log(lambda / 100.0), need, rose);
    return Double.isNaN(ln) ? lambda : belowLambda(ln);
  }

  /**
   * The ln lambda (below 0) where the probe's rise (reaching {@code need} at {@code lnLambda})
   * blended in the log with the mosaic's ({@code rose} at {@code lnLambda}), both linear in ln
   * lambda as {@link #ssimBelow}'s probe is, reaches {@link #BELOW_MOSAIC_AIM} of {@code need}:
   * the probe's ln lambda scaled by (need / rose) to the mosaic's share, and by the aim. NaN when
   * the mosaic did not rise.
   */
  static double belowMosaicLnLambda(double lnLambda, double need, double rose) {
    if (!(rose > 1e-6) || !(need > 0) || !(lnLambda < 0)) {
      return Double.NaN;
    }
    return BELOW_MOSAIC_AIM * lnLambda * Math.pow(need / rose, 1 - MOSAIC_KNOB_SHARE);
  }

  /**
   * JPEG SSIM on a decoded JPEG's curve: a first file that passes within this much of the aim
   * (in -ln(1 - SSIM)) is followed by the knob at its tables ({@link #ssimSecant}). Measured 29
   * Nov (session 10), same session, on top of {@link #SSIM_KNOB_SPAN}: 0.05, 0.07, 0.1 gave the
   * fit sets 244, 248, 248 of 320 in the band (244 without); on every image at 0.1, photos 38
   * -> 34 of 40.
   */
  static final double SECANT_SPAN = 0.07;
  /**
   * {@link #SECANT_SPAN} with {@link Rule#JPEG_LARGER_MOSAIC}, on any image: since the probe
   * (session 10) the secant's first knob encode comes from {@link KnobProbe}, no longer a guess,
   * and its second from the two files' own slope. Of the first files of the fit sets' searches
   * passing within 0.07 (session 18, traces of main) all 49 landed within 3 encodes; of those
   * passing 0.07-0.1 over the aim, which took a quality second, 28 of 32.
   * Measured 30 Nov (session 18), TargetLanding fine scale, same cache and session, within 3
   * encodes on those sets (516 on main): 0.085 and 0.1 on decoded JPEGs 518, 518; on every image
   * 0.07, 0.085, 0.1 517, 519, 519 (0.085: 33 searches changed, 3 won, none lost, encodes
   * 1,452 -> 1,452; 7 of them on photos, which landed as before).
   */
  static final double SECANT_SPAN_WIDE = 0.085;
  /**
   * The power of ln lambda the secant's third runs on with {@link Rule#JPEG_SECANT_POWER}: each
   * secant's own three files (x1, the second's lambda, the third's) fitted as a power put the
   * local power at 0.8-2.2, a median near {@link KnobProbe#SSIM_POWER}, but 1.6-2.2 where the
   * thirds went under. Replayed on those fitted curves, main's 57 secant thirds land 53 at power
   * 1.23 (as in the real run), 55 at 1.3, 56 at 1.4, 57 at 1.5 and 1.6, 56 at 1.7 (a mean
   * distance from the aim of 0.16, 0.15, 0.16, 0.18, 0.20, 0.24 band widths): the least power
   * that lands them all.
   */
  static final double SECANT_POWER = 1.5;

  /**
   * The ln lambda where a move of -ln(1 - SSIM) growing as the {@code power} of ln lambda,
   * {@code moved} at ln lambda {@code ln2}, reaches {@code need}; NaN when it did not move.
   */
  static double secantLnLambda(double need, double moved, double ln2, double power) {
    double c = moved / Math.pow(ln2, power);
    return c > 0 ? Math.pow(need / c, 1 / power) : Double.NaN;
  }

  /**
   * The first guess of -ln(1 - SSIM) per ln lambda there (decoded JPEGs near their own quality
   * measured 0.2-0.8); 0.45 gave 245 of 320 at a span of 0.1.
   */
  private static final double SECANT_C = 0.3;

  /**
   * The knob from the first (passing) file: its tables with a guessed lambda; then, unless that
   * lands, with the lambda that the two measurements' own slope puts at the aim (the smallest file
   * reaching the target of the three). With {@link Rule#JPEG_THIRD_FROM_FILES} that slope is of
   * the move against ln lambda to {@link KnobProbe}'s power, as the probe's own prediction is,
   * where the rule before session 17 drew a straight line in ln lambda: its thirds had missed the
   * way that line errs on a convex curve (3 of 11 searches on photos, graphics and the fit sets
   * whose second file missed: short of the aim when the third lay under the second's lambda, past
   * it when over). Measured 30 Nov (session 17), TargetLanding within 3 encodes on those sets, same
   * cache and session: 513 -> 516 of 576 (bliznaca_g88 0.95, flower_q75s 0.99,
   * hubble_deep_field_q75s 0.97), none lost; power 1.4: the same. With {@link
   * Rule#JPEG_SECANT_POWER} the steeper {@link #SECANT_POWER}. Null when the second file shows
   * the knob cannot reach the aim by {@link #KNOB_MAX} (the search goes on with the quality, the
   * knob's encode counted).
   */
  static Result ssimSecant(SsimGoal goal, Result pass, SsimCurve curve, SearchRules rules) {
    double y1 = -Math.log(Math.max(1e-9, 1 - pass.ssim()));
    double need = y1 - goal.aim();
    KnobProbe probe = rules.on(Rule.KNOB_PROBE) ? curve.knobProbe(pass.code()) : null;
    double ln = probe == null ? Double.NaN : probe.lnLambdaForSsim(PROBE_SHARE * need);
    int l2 = knobLambda(Double.isNaN(ln) ? need / SECANT_C : ln);
    Result second = goal.measure(withLambda(pass.code(), l2), 2);
    double s2 = second.ssim();
    if (s2 >= goal.target() && s2 <= goal.band()) {
      return second;
    }
    double y2 = -Math.log(Math.max(1e-9, 1 - s2));
    double ln2 = Math.log(l2 / 100.0);
    // the move grows as a power of ln lambda (KnobProbe's), not along the chord from x1
    double pw = !rules.on(Rule.JPEG_THIRD_FROM_FILES) ? 1
        : rules.on(Rule.JPEG_SECANT_POWER) ? SECANT_POWER : KnobProbe.SSIM_POWER;
    double ln3 = secantLnLambda(need, y1 - y2, ln2, pw);
    if (!(ln3 <= LN_KNOB_MAX)) {
      return null;
    }
    int l3 = knobLambda(ln3);
    if (l3 == l2) {
      l3 = s2 >= goal.target() ? l2 + 1 : l2 - 1;
    }
    Result best = goal.better(second, pass);
    if (l3 > JpegEncodeOptions.DEFAULT_LAMBDA) {
      best = goal.better(goal.measure(withLambda(pass.code(), l3), 3), best);
    }
    return best.after(3);
  }
}
