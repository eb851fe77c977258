package dev.tegula.api;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.tgl.lossy.LossyCodec;

/**
 * An estimate of one image's SSIM against quality without an encode, for {@link TargetSearch}
 * (thread CPU: a median 0.33 and at most 0.79 of one encode at quality 90 and its SSIM, over
 * the corpus photos, the hold-out and graphics, 29 Nov; TargetCurveCheck -Dtime=true): the shape of
 * the image's own curve, whose bias and slope the real encodes then correct. It follows photos
 * closely; on graphics 4:2:0 chroma flattens the measured curve more than it says. Decoded JPEGs
 * (found by {@link SourceLattice} in the sampled luma DCT) are scored from their coefficients'
 * lattice points, with the output's rounding only as large as the block's error, and take their
 * own correction (SOURCE_BIAS, grey ones GREY_SOURCE_BIAS): their measured curve rises more
 * steeply towards 97 than a photo's. Measured 29 Nov, fine scale, 0.90-0.99, without -> with:
 * JPEG fit sets (not the hold-out) colour 147 -> 153 of 200, grey 68 -> 73 of 120, hold-out
 * 36 -> 42 of 48 (all in <= 3 encodes); photos and graphics are not detected.
 *
 * <p>Those corrections were fitted on cjpeg's decodes. A decoded colour JPEG whose luma table
 * is not libjpeg's Annex K scaling ({@link SourceLattice#annexKScaled}: this encoder's own
 * output, ImageMagick's, flat or perceptually tuned tables) has its 4:2:0 chroma scored as the
 * encoder sees it, after its pre-emphasis ({@link #emphasisedRing}), which undoes most of the
 * blur the decoder's fancy upsampling left on the source's chroma: near the source's own
 * quality a re-encode keeps its chroma lattice, and the plain box loss put -ln(1 - SSIM) up to
 * 1 too low there (this encoder's q70 decodes of rocket and riaphotographs, 64-76). Such images
 * take OTHER_SOURCE_BIAS. Measured 29 Nov (session 13), JPEG, fine scale, 0.90-0.99, same
 * session, before -> after: other encoders' decodes of the corpus photos (othf of
 * scripts/measure-sets, fitted on) 198 -> 208 of 240 in the band, of the hold-out's sources
 * (otho, not fitted) 132 -> 141 of 192, none on the wrong side, encodes 585 -> 584 and 505 ->
 * 497; the colour and grey fit sets, hold-out, photos and graphics unchanged, search for search
 * (Annex K decodes, grey ones and other images keep the path they had); with the caller's
 * fixed 4:2:0 196 -> 206 of 238 and 132 -> 141, fixed 4:4:4 and grey output unchanged (fixed
 * 4:2:2 keeps the Annex K rule, see {@link #estimate}); the estimate's cost
 * on photos within this loaded machine's noise (thread CPU, median of 5). Tried and not kept
 * (othf, otho; colour fit set): the pre-emphasis on every decoded colour JPEG, without a new
 * correction (199, 137; 122), with one refitted on both kinds (204, 139; 120), and with the
 * estimate at every whole quality too (203, 132; 120); the estimate at every whole quality on
 * other tables' colour decodes alone, with this rule (197, 138); on other tables' grey decodes
 * a correction of their own (medians over othg's 30: othg 84 -> 86 of 120, otho 141 -> 139) or
 * the estimate at every whole quality (86, 137); the bracket line's share ({@link
 * SsimSearch#JPEG_BRACKET_LINE}) 0.25, 0.75 or 1 in place of 0.5 on other tables' decodes
 * (othf 207, 208, 208, otho 139, 142, 142: the fit set does not choose). The encoder's exact Cb
 * and Cr tables in place of the averaged chroma formula left the estimate where it was
 * (rocket's q70 decode, 60-96), and so did plain rounding of the lattice-snapped luma in place
 * of the dead zone.
 *
 * <p>This encoder's own decodes (session 14, 29 Nov; JPEG, fine scale, 0.90-0.99, default
 * path). Of the SSIM misses they are 11 of othf's 32, 20 of othg's 36 and 17 of otho's 51. The
 * found steps are exactly the psychovisual luma table of one quality (93-100 % of the found
 * positions; other encoders' tables at most 50 %), yet their curve is not monotone near it: a
 * re-encode on the source's own tables scores -ln(1 - SSIM) a median 1.6 (grey) to 2.0
 * (colour) over this estimate, and one hundredth can move SSIM by more than the band (a 512-px
 * grey astronaut crop from 60: 0.982-0.983 from 56.00 to 57.09, 0.9966 at 57.25). Tried and not
 * kept: a correction by the mean log of the re-encode's luma steps over the source's, from the
 * medians of othf's and othg's own decodes, on top of the other tables' one. With the spike at
 * the source's tables othf 208 -> 210 of 240, othg 84 -> 88 of 120, otho (held out) 141 -> 139
 * of 192 with one search of 10 encodes; without it 210, 88, 140; colour only near the source
 * and grey throughout 211, 88, 141 (497 encodes both), which on this encoder's decodes of five
 * corpus photos from 60 and 80 (qualities not fitted) landed 328 -> 334 of 600 and on 512-px
 * astronaut and flower crops from 60 and 80 117 -> 120 of 240, with the most encodes 7 -> 10.
 * Aiming the fourth and later encodes past the target by the last shortfall (every search of
 * more than 3 encodes in these sets climbs with nothing passing yet) or three times it: othf
 * 208 -> 207, othg 84 -> 82 and 81, most encodes 6 -> 5 and 4.
 *
 * <p>One forward DCT (orthonormal, so by Parseval a coefficient's error is the pixel-domain error
 * energy) of the Y, Cb, Cr, R, G and B blocks of a sample of 16x16 macroblocks (at most 128);
 * then, at every 4th quality to 80, every 2nd to 96 and each above (the rest interpolated in the
 * table scale, so the estimate stands still where the tables do), each coefficient is quantized
 * with the format's step (JPEG: the psychovisual tables' radial formula, QuantTables; .tgl: its
 * base table, format-lossy.md §6.1) and dead zone, and each 8x8 block's SSIM is taken with the
 * block as the window: for a channel x and its error
 * e, {@code l * (2 var + 2 <x,e> + C2) / (2 var + 2 <x,e> + |e|^2 + C2)} (the structure term
 * with {@code var(y) = var + 2 <x,e> + |e|^2}), the luminance term l from the DC's error. The
 * channel errors follow from Y, Cb and Cr (JFIF matrix); 4:2:0 chroma adds its quantization
 * error as uncorrelated energy plus the quality-independent loss of the 2x2 average as both
 * formats' decoders undo it (h2v2 fancy upsampling from the macroblock's chroma and a ring of
 * its neighbours'; the plain 2x2 average's loss, which said less on sharp colour edges,
 * landed fewer SSIM targets: measured 29 Nov, fine scale, 0.90-0.99, box -> fancy, JPEG photos
 * 35 -> 36 of 40, graphics 12 -> 11 of 16, .tgl 25 -> 26 of 31, 8 -> 10 of 14, hold-out JPEG
 * 30 -> 33 of 48, .tgl 39 -> 40 of 47; the one .tgl search in 4 encodes now takes 3). Not
 * modelled: trellis and adaptive quantization (a fixed dead zone instead; a grey original's
 * luma since session 24 with {@link MaskedTrellis}), deblocking, lapping, the 7x7 windows that
 * straddle blocks; the search fits the estimate to its measured points.
 *
 * <p>The same sample, DCT and steps give {@link SizeCurve}'s size estimate ({@link #sizeOf}, which
 * skips the SSIM scoring and the R, G, B transforms).
 *
 * <p>With the caller's fixed chroma or grey output the estimate is of that one side alone, at
 * every grid quality ({@link ChromaSide}, which has the landings: e.g. SSIM targets with 4:4:4
 * fixed on the colour fit set, JPEG 49 -> 136 of 160 against the corpus prior those searches had).
 *
 * <p>.tgl on decoded JPEGs (session 13). Its misses there were not the search's rules but the
 * estimate's shape near the source's quality: of the .tgl SSIM misses (fine, 0.90-0.99, the
 * five sets, default path) 30 were a third encode inside a bracket falling under the target and
 * 29 two passes whose third fell under or stayed over the band, most of them on decoded JPEGs
 * whose first encode sat a median 5-8 band widths over the aim (4:4:4 fixed: 7-8) and whose
 * second then overshot. Inside a bracket the line in the log of the step stayed the better
 * interpolation (its third's error a median 0.22 band widths against 0.40 for the estimate's
 * shape through the ends; blending the shape in where its slope agrees within 1.2, as JPEG's
 * bracket rule does the other way round, moved nothing: hold-out 40 -> 39 of 48). What JPEG
 * has for these images, a source-aware estimate, .tgl lacked for colour, and had for grey only
 * as a median by the quality. Its estimate now takes {@link #TGL_SOURCE_BIAS} (and the grey and
 * 4:4:4 tables) by how .tgl's luma steps compare with the source's ({@link #stepRatio}).
 * Measured 29 Nov, TargetLanding ssim -Donly=TGL -DfineOnly=true -Dcurve=true, same session,
 * before -> after, in the band (encodes in all): default path colour fit set 123 -> 132 of 160
 * (418 -> 388), grey fit set 92 -> 94 of 120 (324 -> 319), hold-out 40 -> 42 of 48 (130 -> 124);
 * 4:4:4 fixed colour fit set 113 -> 129 (429 -> 397), hold-out 39 -> 41 (126 -> 123); 4:2:0
 * fixed 124 -> 133 (419 -> 389), 39 -> 42 (132 -> 124); photos and graphics byte-identical
 * (nothing found there). On decoded JPEGs not fitted on: the corpus photos through cjpeg q75
 * and q85 with retina at q80 and q90 4:4:4 (88 searches) default 66 -> 71, 4:4:4 64 -> 71, 4:2:0
 * 66 -> 71; cjpeg -grayscale q68 and q82 of the photos 63 -> 71 of 80; this encoder's own Annex
 * K output (trellis-quantized) of five photos, colour at 75 and 90 31 -> 34 of 40, grey at 65
 * and 80 33 -> 32 of 40. None under the target; the most encodes per set unchanged (4 on the fit
 * sets, 3 elsewhere; cjpeg grey 4 -> 3), though which searches take them moved: default, 4:4:4
 * and 4:2:0 fixed, 33, 17 and 14 searches took more encodes than before and 74, 47 and 47 fewer
 * (of 384, 248, 239). The estimate's thread CPU against one encode and its SSIM (photos,
 * graphics, two fit-set images; TargetCurveCheck -Dtime=true, two alternated runs each) a
 * median 0.50 -> 0.53, within the runs' noise. Tried and not kept: the estimate of the other
 * images (their first encodes sat a median 0.8-2.9 band widths over the aim on the photos, by
 * target) shifted by -0.05, +0.05, +0.1, +0.15: photos 34, 36, 38, 34 of 40, graphics 13, 13,
 * 10, 12 of 16, hold-out 42, 42, 42, 40 of 48, against 36, 13, 42.
 *
 * <p>Session 16: the corpus medians above (TGL_BIAS and the source corrections) stand in for
 * .tgl's lift only until something better is known: with {@link Rule#TGL_PROBE} the first
 * encode's aim takes the image's own lift, measured by {@link TglProbe} (the real encoder on a
 * mosaic of sampled tiles, compared with this model of the same pixels, {@link #modelOfMosaic}),
 * and a JPEG search's third encode reads {@link MosaicCurve} ({@link #mosaicAt}); since session
 * 17 .tgl's second encode, and its third inside a bracket, read {@link TglMosaicCurve} ({@link
 * #tglMosaicAt}, {@link TglMosaicPick}). Figures:
 * docs/target-search.md §4 and §5.
 */
final class SsimCurve {
  /** Macroblocks sampled: 512 luma blocks keep the estimate well under one encode's time. */
  private static final int MAX_MACROBLOCKS = 128;
  /**
   * The 4:4:4 curves are scored at every grid quality from here, at every 8th below ({@link
   * #fullGridPoint}). .tgl's fill of the jump reaches far down on graphics (gnome_field 0.97:
   * 4:4:4 at 80 is over the target where 4:2:0 at 96.99 is under); JPEG's curve started here
   * (below, it was the 4:2:0 one) until session 27, when its low-top rule ({@link
   * SearchRules.Rule#JPEG_FULL_LOW_TOP}) sent searches below it: the model fitted through a
   * 4:4:4 file at 80 dropped there and the second landed a hundredth under it (rocket 0.95: 80.00
   * then 79.98). Scoring JPEG's 4:4:4 side below 80 too costs a median 0.05 of one encode more
   * (0.02-0.17 on the corpus photos and graphics, same-run A/B); every JPEG search of the ten
   * sets without that rule was the same.
   */
  private static final int JPEG_FULL_FROM = 80;
  private static final int MIN_MACROBLOCKS = 32;
  /** The output's rounding to 8 bits: an error energy of 1/12 per pixel at any quality. */
  private static final double ROUNDING = 1 / 12.0;

  private static final double C1 = 0.01 * 255 * (0.01 * 255);
  private static final double C2 = 0.03 * 255 * (0.03 * 255);
  /** JFIF: R = Y + 1.402 Cr, G = Y - 0.344 Cb - 0.714 Cr, B = Y + 1.772 Cb. */
  private static final double[] CB_TO = {0, -0.344136, 1.772};
  private static final double[] CR_TO = {1.402, -0.714136, 0};
  /** The DCT's basis, {@code COS_T[x * 8 + u]}: frequency u at sample x. */
  private static final double[] COS_T = new double[64];

  static {
    for (int u = 0; u < 8; u++) {
      double cu = u == 0 ? Math.sqrt(0.125) : 0.5;
      for (int x = 0; x < 8; x++) {
        COS_T[x * 8 + u] = cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
      }
    }
  }

  /** -ln(1 - SSIM) at whole qualities 0-100: 4:2:0 chroma. */
  private final double[] sub = new double[101];
  /** The same with 4:4:4 chroma, from {@link #fullFrom}. */
  private final double[] full = new double[101];
  /** .tgl: {@link #sub} and {@link #full} as the model gives them, before the corrections. */
  private final double[] modelSub = new double[101];
  private final double[] modelFull = new double[101];
  /** Every macroblock scored, not a sample: a {@link TglProbe}'s mosaic, which is the sample. */
  private boolean everyMacroblock;
  /** A mosaic's tile side, whose edges its chroma rings do not cross (0: an image). */
  private int seamTile;
  /**
   * Only {@link #modelAt} is read ({@link #modelOfMosaic}): no source lattice, no peaks, and
   * with {@link #subOnly} no 4:4:4 side, whose transforms and scores were 0.2-0.3 of a small
   * image's encode in every probe.
   */
  private boolean modelOnly;
  /** With {@link #modelOnly}: the code read is on the 4:2:0 side, the 4:4:4 one is not made. */
  private boolean subOnly;
  /**
   * Scored only at the grid qualities from this one to {@link #gridTo} (a probe's code needs
   * those around it), else the whole grid.
   */
  private int gridFrom;
  private int gridTo = 100;
  private final boolean jpeg;
  /** Whether to score SSIM (false when only the size estimate is wanted). */
  private boolean scoreSsim = true;
  /** SSIM scored on the 4:2:0 side only, from this grid quality up (0: everywhere). */
  private int ssimFrom;
  /** The size estimate made in the same pass, null when not wanted. */
  private SizeCurve size;
  /** Each sampled block's variance per channel R, G, B (AC energy per pixel). */
  private double[][] variance;
  /**
   * The luma step table of the JPEG the image was decoded from, natural order, 0 where the
   * sample does not show it; null when the image does not look like a decoded JPEG.
   */
  private double[] sourceSteps;
  /** Whether the sampled chroma is zero everywhere (a grey image). */
  private boolean grayColour;
  /** How smooth the sample is, 0-1 ({@link Smoothness}): the weight of the *_SMOOTH_BIAS tables. */
  private double smooth;
  /**
   * A grey original's luma quantization as the JPEG encoder's trellis makes it under its
   * masking ({@link MaskedTrellis}), per sampled block; null: the fixed dead zone.
   */
  private MaskedTrellis trellis;
  /**
   * .tgl, an image that looks like a decoded JPEG ({@link SourceLattice}), colour or grey: the
   * source's luma steps (natural order, 0 unknown), which {@link #TGL_SOURCE_BIAS} and its grey
   * and 4:4:4 tables (and for the size estimate SizeCurve's) are read against; null otherwise.
   */
  private double[] tglSourceSteps;
  /**
   * A decoded colour JPEG whose luma table is not libjpeg's scaled Annex K one (this encoder's
   * own, cameras', other tools'): its 4:2:0 chroma is scored with the encoder's pre-emphasis and
   * corrected by OTHER_SOURCE_BIAS.
   */
  private boolean otherTables;
  /**
   * The rules this estimate was made under ({@link Rule#EMPHASIS_ON_OTHER_TABLES} and
   * {@link Rule#TGL_SOURCE_CORRECTION} shape it); the search on it follows the same.
   */
  private final SearchRules rules;
  /**
   * The largest magnitude seen in the sample per natural position: [0] luma, [1] Cb and [2] Cr
   * at 4:2:0, [3] Cb and [4] Cr at 4:4:4; {@code +Infinity} where the sample does not speak for
   * the whole image (see {@link #peaks}); null before {@link #estimate} or for made-up curves.
   */
  private double[][] peaks;
  /** The image estimated, for {@link #knobProbe} and {@link #probedShift}; null if made up. */
  private Image image;
  private KnobProbe probe;
  private MosaicCurve mosaic;
  /**
   * A mosaic's estimate ({@link #jpegOfMosaic}): the whole image's estimate, whose source lattice
   * it takes (a few tiles may not show the lattice the whole sample shows); null otherwise.
   */
  private SsimCurve latticeOf;
  /** JPEG's probe of its mosaic of 128-pixel tiles, made on first use; null before. */
  private JpegProbe jpegProbe;
  private boolean jpegProbeMade;
  /** .tgl's mosaic curve, made on first use ({@link #tglMosaicAt}); null before. */
  private TglMosaicCurve tglMosaic;
  private boolean tglMosaicMade;
  /** The chroma the curve follows; a fixed side is estimated alone, at every grid quality. */
  private ChromaSide side = ChromaSide.BY_QUALITY;
  /** The caller's fixed chroma (null: the encoders' choice), for {@link #knobProbe}. */
  private JpegEncodeOptions.Subsampling fixedChroma;
  /** Grey output (one component), for {@link #knobProbe}. */
  private boolean greyOutput;

  private SsimCurve(boolean jpeg, SearchRules rules) {
    this.jpeg = jpeg;
    this.rules = rules;
  }

  /**
   * The estimate for an image, both chroma sides; {@code jpeg}: JPEG's tables, else .tgl's.
   * Images smaller than one block in a direction are padded by repeating their edge.
   */
  static SsimCurve of(Image image, boolean jpeg) {
    return of(image, jpeg, null, false);
  }

  /**
   * The estimate for an image encoded with the caller's fixed chroma ({@code fixed}, null for
   * the encoders' choice) or as grey output: then the one side that output reads ({@link
   * ChromaSide}), at every quality.
   */
  static SsimCurve of(Image image, boolean jpeg, JpegEncodeOptions.Subsampling fixed,
      boolean grey) {
    return of(image, jpeg, fixed, grey, SearchRules.DEFAULT);
  }

  /** {@link #of} under {@code rules} (some turned off, for measurements against them). */
  static SsimCurve of(Image image, boolean jpeg, JpegEncodeOptions.Subsampling fixed,
      boolean grey, SearchRules rules) {
    SsimCurve c = new SsimCurve(jpeg, rules);
    c.side = ChromaSide.of(fixed, grey);
    c.fixedChroma = fixed;
    c.greyOutput = grey;
    c.estimate(image);
    c.image = jpeg || rules.on(Rule.TGL_PROBE) || rules.on(Rule.TGL_MOSAIC) ? image : null;
    return c;
  }

  /**
   * .tgl: what the image's own lift ({@link TglProbe} at {@code code}) says the estimate at that
   * code is off by, in -ln(1 - SSIM); 0 for made-up curves and images too small to probe.
   */
  double probedShift(int code) {
    TglProbe p = image == null ? null : TglProbe.of(image, code, fixedChroma, greyOutput, rules);
    if (p != null && tglMosaic() != null) {
      // the probe's mosaic is the mosaic curve's, coded the same way (the same value on all 936
      // searches of session 22's sets): a read from the probe's code need not code it again
      tglMosaic.know(code, p.measured);
    }
    return p == null ? 0 : modelAt(code) + p.lift(code, side.fullAt(code)) - at(code);
  }

  /**
   * JPEG: what the real encoder on a mosaic of this image's tiles ({@link JpegProbe} at {@code
   * code}) says the estimate at that code is off by, in -ln(1 - SSIM), for a search aiming at
   * {@code aim}; 0 for made-up curves and images too small to probe.
   */
  double jpegProbedShift(int code, double aim) {
    JpegProbe p = jpegProbe();
    return p == null ? 0 : p.shift(code, side.fullAt(code), greyFiles(), aim);
  }

  /**
   * JPEG: the real encoder's -ln(1 - SSIM) at {@code code} on {@link JpegProbe}'s mosaic of this
   * image; NaN for made-up curves and images too small to probe.
   */
  double jpegProbeAt(int code) {
    JpegProbe p = jpegProbe();
    return p == null ? Double.NaN : p.at(code);
  }

  /** Whether the search's files carry luma only: a grey image, or grey output. */
  boolean greyFiles() {
    return grayColour || greyOutput;
  }

  /** How many codes {@link JpegProbe}'s mosaic was coded at, for measurements. */
  int jpegProbeCodes() {
    return jpegProbeMade && jpegProbe != null ? jpegProbe.codes() : 0;
  }

  private JpegProbe jpegProbe() {
    if (!jpegProbeMade) {
      jpegProbeMade = true;
      jpegProbe = image == null ? null : JpegProbe.of(image, fixedChroma, greyOutput, rules, this);
    }
    return jpegProbe;
  }

  /**
   * .tgl's model alone ({@link #modelAt}) of every macroblock of {@code mosaic}, for the
   * caller's fixed chroma or grey output as {@link #of}, made only where {@code code} reads it:
   * its value there equals {@link #modelOfMosaic(Image, JpegEncodeOptions.Subsampling,
   * boolean)}'s. Thread CPU of a probe's model at quality 80 against one encode and its SSIM
   * (30 Nov, TglProbeCost, photos, graphics and hold-out): a median 0.15 (0.39-0.46 when both
   * sides were made over the 4:4:4 grid's span with the lattice and the peaks).
   */
  static SsimCurve modelOfMosaic(Image mosaic, int code, JpegEncodeOptions.Subsampling fixed,
      boolean grey) {
    return modelOfMosaic(mosaic, code, fixed, grey, 0);
  }

  /** The same with chroma rings kept inside {@code seamTile}-pixel tiles (0: across them). */
  static SsimCurve modelOfMosaic(Image mosaic, int code, JpegEncodeOptions.Subsampling fixed,
      boolean grey, int seamTile) {
    SsimCurve c = mosaicModel(fixed, grey);
    c.seamTile = seamTile;
    c.modelOnly = true;
    c.subOnly = !c.side.fullAt(code);
    // the grid qualities on both sides of the code, on the 4:4:4 side's coarser grid when that
    // side is read (a grey mosaic reads its 4:2:0 side there, interpolated over the same span),
    // so that the value read is the one the whole grid would give
    c.gridAround(code, !c.subOnly);
    c.estimate(mosaic);
    return c;
  }

  /**
   * Scores only the grid qualities on both sides of {@code code} ({@link #gridFrom}, {@link
   * #gridTo}); {@code sparse}: on the 4:4:4 side's coarser grid ({@link #fullGridPoint}).
   */
  private void gridAround(int code, boolean sparse) {
    int q = code & TargetSearch.QUALITY;
    gridFrom = 0;
    gridTo = 100;
    for (int g = 0; g <= 100; g = next(g)) {
      boolean point = !sparse || fullGridPoint(g);
      if (point && g <= q / 100) {
        gridFrom = g;
      }
      if (point && g >= (q + 99) / 100) {
        gridTo = g;
        break;
      }
    }
  }

  /** The same model at every quality and on both sides, for tests and measurements. */
  static SsimCurve modelOfMosaic(Image mosaic, JpegEncodeOptions.Subsampling fixed,
      boolean grey) {
    return modelOfMosaic(mosaic, fixed, grey, 0);
  }

  /** The same with chroma rings kept inside {@code seamTile}-pixel tiles (0: across them). */
  static SsimCurve modelOfMosaic(Image mosaic, JpegEncodeOptions.Subsampling fixed,
      boolean grey, int seamTile) {
    SsimCurve c = mosaicModel(fixed, grey);
    c.seamTile = seamTile;
    c.estimate(mosaic);
    return c;
  }

  /**
   * JPEG's whole estimate (the lattice of a decoded JPEG and the corrections included) of every
   * macroblock of {@code mosaic}, for the caller's fixed chroma or grey output as {@link #of}:
   * what {@link JpegProbe} compares the real encoder's file of the same mosaic with.
   */
  static SsimCurve jpegOfMosaic(Image mosaic, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules, SsimCurve whole) {
    return jpegOfMosaic(mosaic, fixed, grey, rules, whole, -1);
  }

  /**
   * The same made only at the grid qualities around {@code code} (the whole grid for -1), where
   * it reads the same value there: the whole grid on the mosaic cost a median 1.0 of the image's
   * encode and SSIM, as much as the rest of the probe and more.
   */
  static SsimCurve jpegOfMosaic(Image mosaic, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules, SsimCurve whole, int code) {
    SsimCurve c = new SsimCurve(true, rules);
    c.latticeOf = whole;
    c.side = ChromaSide.of(fixed, grey);
    c.fixedChroma = fixed;
    c.greyOutput = grey;
    c.everyMacroblock = true;
    if (code >= 0) {
      // a 4:4:4 code of the chroma choice reads the 4:4:4 side's sparser grid below 80
      c.gridAround(code, c.side == ChromaSide.BY_QUALITY && c.side.fullAt(code));
    }
    c.estimate(mosaic);
    return c;
  }

  private static SsimCurve mosaicModel(JpegEncodeOptions.Subsampling fixed, boolean grey) {
    SsimCurve c = new SsimCurve(false, SearchRules.DEFAULT);
    c.side = ChromaSide.of(fixed, grey);
    c.everyMacroblock = true;
    return c;
  }

  /**
   * JPEG: the real encoder's -ln(1 - SSIM) on a mosaic of this image's tiles at a code ({@link
   * MosaicCurve}); NaN for .tgl and made-up curves.
   */
  double mosaicAt(int code) {
    if (image == null) {
      return Double.NaN;
    }
    if (mosaic == null) {
      mosaic = new MosaicCurve(image, fixedChroma, greyOutput, rules.on(Rule.JPEG_LARGER_MOSAIC));
    }
    return mosaic.at(code);
  }

  /**
   * .tgl: the real encoder's -ln(1 - SSIM) on a mosaic of this image's tiles at a code ({@link
   * TglMosaicCurve}, {@link TglMosaicPick}'s); NaN for made-up curves and images too small for
   * one tile.
   */
  double tglMosaicAt(int code) {
    return tglMosaic() == null ? Double.NaN : tglMosaic.at(code);
  }

  private TglMosaicCurve tglMosaic() {
    if (!tglMosaicMade) {
      tglMosaicMade = true;
      tglMosaic = image == null ? null : TglMosaicCurve.of(image, fixedChroma,
          TglProbe.TILE, TglProbe.TILES, TglProbe.MARGIN);
    }
    return tglMosaic;
  }

  /** The rules this estimate was made under, which the search on it follows. */
  SearchRules rules() {
    return rules;
  }

  /**
   * JPEG: what the trellis lambda does to this image at a code's tables ({@link KnobProbe}, its
   * last probe kept); null for .tgl and made-up curves.
   */
  KnobProbe knobProbe(int code) {
    if (image == null || !jpeg) {
      return null;
    }
    int base = code & (TargetSearch.FULL_CHROMA | TargetSearch.QUALITY);
    if (probe == null || probe.code != base) {
      probe = KnobProbe.of(image, base, true, sourceSteps == null ? 0 : grayColour ? 2 : 1,
          fixedChroma, greyOutput);
    }
    return probe;
  }

  /**
   * The image's size estimate alone ({@link SizeCurve}), from the same sample and DCT without the
   * SSIM scoring.
   */
  static SizeCurve sizeOf(Image image, boolean jpeg) {
    return sizeOf(image, jpeg, null, false);
  }

  /**
   * JPEG's -ln(1 - SSIM) at 4:2:0 96.99, corrected, from an estimate scored at the grid qualities
   * around it on the 4:2:0 side only: JPEG's size estimate cannot score it in the same pass (the
   * SSIM's lattice snap of a decoded JPEG would move its sizes); NaN for a grey image.
   */
  static double jpegSubTop(Image image, SearchRules rules) {
    SsimCurve c = new SsimCurve(true, rules);
    c.side = ChromaSide.BY_QUALITY;
    c.subOnly = true;
    c.ssimFrom = TargetSearch.JUMP / 100 - 1;
    c.estimate(image);
    return c.grayColour ? Double.NaN : c.at(TargetSearch.JUMP - 1);
  }

  /** The size estimate for the caller's fixed chroma or grey output, as {@link #of}. */
  static SizeCurve sizeOf(Image image, boolean jpeg, JpegEncodeOptions.Subsampling fixed,
      boolean grey) {
    return sizeOf(image, jpeg, fixed, grey, SearchRules.DEFAULT);
  }

  /** {@link #sizeOf} under {@code rules}, which the size estimate carries to its search. */
  static SizeCurve sizeOf(Image image, boolean jpeg, JpegEncodeOptions.Subsampling fixed,
      boolean grey, SearchRules rules) {
    SsimCurve c = new SsimCurve(jpeg, rules);
    c.side = ChromaSide.of(fixed, grey);
    boolean top = !jpeg && c.side == ChromaSide.BY_QUALITY
        && rules.on(Rule.TGL_SIZE_FULL_NEAR_TOP);
    // .tgl's size search reads 4:2:0's SSIM at 96.99 (SizeCurve#subTop): scored at the two
    // grid qualities around it only (a median 0.06 of one encode more than the size alone)
    c.scoreSsim = top;
    c.ssimFrom = top ? TargetSearch.JUMP / 100 - 1 : 0;
    c.size = new SizeCurve(jpeg, fixed, grey, rules);
    c.estimate(image);
    c.size.image = jpeg ? image : null;
    if (top && !c.grayColour) {
      c.size.subTop = c.modelAt(TargetSearch.JUMP - 1);
    }
    return c.size;
  }

  /**
   * {@link #sizeOf} of every macroblock of {@code mosaic} (a probe's mosaic is the sample), made
   * only at the grid qualities around {@code code} (on the 4:4:4 side's grid when the code reads
   * that side) and on the code's side alone: it reads the same value there as the whole grid,
   * which cost more than the mosaic's encode. For measurements (SizeProbeCheck: a size probe
   * on TglProbe's mosaic, session 24, not kept).
   */
  static SizeCurve sizeOfMosaic(Image mosaic, int code, boolean jpeg,
      JpegEncodeOptions.Subsampling fixed, boolean grey, SearchRules rules) {
    SsimCurve c = new SsimCurve(jpeg, rules);
    c.scoreSsim = false;
    c.everyMacroblock = true;
    c.side = ChromaSide.of(fixed, grey);
    c.size = new SizeCurve(jpeg, fixed, grey, rules);
    boolean full = c.side.fullAt(code);
    c.subOnly = !full;
    c.gridAround(code, full);
    // outside the grid's span nothing is estimated: lowest, so that finish's climb keeps the
    // span's own values
    java.util.Arrays.fill(c.size.sub, -1e9);
    java.util.Arrays.fill(c.size.full, -1e9);
    c.estimate(mosaic);
    return c.size;
  }

  /**
   * An estimate given at whole qualities 0-100 ({@code full}: the 4:4:4 side, may be null),
   * for tests of the search on made-up curves.
   */
  static SsimCurve of(boolean jpeg, double[] sub, double[] full) {
    SsimCurve c = new SsimCurve(jpeg, SearchRules.DEFAULT);
    System.arraycopy(sub, 0, c.sub, 0, 101);
    System.arraycopy(full == null ? sub : full, 0, c.full, 0, 101);
    return c;
  }

  /**
   * -ln(1 - SSIM) estimated at a code (hundredths, possibly flagged {@link
   * TargetSearch#FULL_CHROMA}); linear between whole qualities, as the steps are. From 97 on both
   * formats' encoders choose 4:4:4.
   */
  double at(int code) {
    int q = code & TargetSearch.QUALITY;
    boolean f = side.fullAt(code);
    double v = between(f ? full : sub, q);
    if (!jpeg) {
      return v; // corrected in place by estimate()
    }
    int t = sourceSteps == null ? grayColour ? 3 : 0 : grayColour ? 2 : 1;
    // corrections fitted on the old quality scale, read where it had these tables
    int fq = JpegFittedScale.quality(q);
    double smoothBias = smooth
        * between(TGL_KNOTS, greyFiles() ? JPEG_GREY_SMOOTH_BIAS : JPEG_SMOOTH_BIAS, fq);
    return v + smoothBias + (f && q >= TargetSearch.JUMP ? between(JPEG_TOP_KNOTS, TOP_BIAS[t], fq)
        : f && (fq >= JPEG_FULL_KNOTS[0] || side == ChromaSide.FULL)
        ? between(JPEG_FULL_KNOTS, FULL_BIAS[t], fq)
        : between(JPEG_KNOTS, otherTables ? OTHER_SOURCE_BIAS : BIAS[t], fq));
  }

  /**
   * .tgl: -ln(1 - SSIM) at a code as the model alone gives it, without the corrections for what
   * it leaves out (deblocking, lapping, the encoder's sharpening and adaptive quantization).
   */
  double modelAt(int code) {
    int q = code & TargetSearch.QUALITY;
    return between(side.fullAt(code) ? modelFull : modelSub, q);
  }

  /** A curve at whole qualities read at hundredths {@code q}, linear between them. */
  private static double between(double[] c, int q) {
    int w = q / 100;
    int frac = q % 100;
    return frac == 0 ? c[w] : c[w] + (c[w + 1] - c[w]) * frac / 100.0;
  }

  /*
   * What the estimate leaves out, on average: the median over the 10 corpus photos (28 Nov; the
   * 4:2:0 knots shifted on 29 Nov by the photos' median change from the fancy upsampling loss) of
   * measured minus estimated -ln(1 - SSIM) at these qualities (hundredths), JPEG only, with
   * this sample and grid (it depends on both: at quality 0 the estimate is the share of flat
   * blocks). JPEG's 4:4:4 files gain less than the estimate says. (A correction for .tgl,
   * measured on the denser estimate of 28 Nov with the plain 2x2 loss, lowered its hits; on this
   * one it raises them, see TGL_BIAS.)
   */
  private static final int[] JPEG_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9400, 9600, 9699};
  private static final double[] JPEG_BIAS = {0.386, 0.309, 0.098, 0.104, 0.058, 0.076, 0.139,
      0.149, 0.141, 0.138, 0.114, 0.111};
  private static final int[] JPEG_TOP_KNOTS = {9700, 9800, 9900, 9950, 10000};
  /**
   * .tgl's correction, the median over the 10 corpus photos and 4 graphics (29 Nov, with the
   * fancy upsampling loss): its deblocking (below 75) and lapping lift the measured SSIM over the
   * estimate at every quality but the top, where the estimate climbs on while the file's SSIM
   * stands still. Measured 29 Nov, fine scale, 0.90-0.99, without -> with: photos 26 -> 28 of 31
   * in the band, graphics 10 -> 10 of 14, encodes 83 -> 74 and 35 -> 38; at most 3% over the
   * smallest passing file 23 -> 25, 6 -> 5; hold-out (not fitted) 40 -> 44 of 47 (40 -> 44) in
   * 137 -> 117 encodes. Applied at whole qualities and kept non-decreasing.
   */
  private static final int[] TGL_KNOTS = {0, 500, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9400, 9600, 9699, 9800, 9900, 9950, 10000};
  private static final double[] TGL_BIAS = {0.586, 0.518, 0.407, 0.357, 0.330, 0.335, 0.310,
      0.311, 0.303, 0.270, 0.122, 0.063, -0.008, -0.104, -0.125, -0.155};
  /*
   * .tgl's correction for decoded grey JPEGs before session 13 (kept for measurements against
   * it, Rule#TGL_SOURCE_CORRECTION off): TGL_BIAS plus the median measured minus
   * estimated over the grey fit set of GREY_SOURCE_BIAS (29 Nov; grey fit set 86 -> 93 of 120 in
   * the band). For decoded colour JPEGs their own median by the quality (the colour fit set)
   * landed fewer, 160 -> 158 of 190. Both now take TGL_BIAS and a correction by the step ratio
   * (TGL_SOURCE_BIAS).
   */
  private static final double[] TGL_GREY_QUALITY_BIAS = {0.191, 0.158, 0.122, 0.212, 0.275,
      0.345, 0.335, -0.114, -0.327, -0.280, -0.338, -0.307, -0.258, -0.199, -0.160, -0.260};
  /**
   * .tgl's correction of the 4:4:4 side (the encoder's own from 97, the fill of the jump
   * below): the median over the same photos and graphics (29 Nov, session 11). At the top the
   * estimate climbs far past the file: lapping and the output's rounding keep full chroma at
   * 100 near SSIM 0.996 on photos, where the estimate says 0.9999.
   */
  /**
   * What smooth content ({@link Smoothness}, weight 1) adds to .tgl's correction at TGL_KNOTS:
   * measured minus corrected estimate, fitted (least squares through 0 in the weight) over the
   * 10 colour blurred photos of fitsm (TargetCurveCheck's knots, 30 Nov, session 25); the 4:4:4
   * side reads it too (from 97 the encoder's own, where smooth colour files sit under the
   * photos' correction; the fill below 97 not measured). {@link #TGL_GREY_SMOOTH_BIAS}: the same
   * over fitsm's 10 grey ones, whose lift keeps rising at the top.
   */
  private static final double[] TGL_SMOOTH_BIAS = {0.677, 0.815, 1.115, 1.027, 0.887, 0.687,
      0.299, 0.059, -0.318, -0.421, -0.466, -0.507, -0.682, -0.801, -0.784, -0.918};
  private static final double[] TGL_GREY_SMOOTH_BIAS = {0.052, 0.215, 0.652, 0.599, 0.465,
      0.322, 0.007, -0.049, -0.149, -0.093, 0.100, 0.309, 0.450, 0.570, 0.653, 0.674};
  /**
   * The same for JPEG (at TGL_KNOTS), over fitsm's colour and grey files (30 Nov, session 25):
   * no deblocking there, a smaller lift, but the same shape on colour files.
   */
  private static final double[] JPEG_SMOOTH_BIAS = {0.265, 0.262, 0.480, 0.435, 0.425, 0.332,
      0.185, -0.007, -0.201, -0.295, -0.378, -0.466, -0.419, -0.522, -0.455, -0.340};
  private static final double[] JPEG_GREY_SMOOTH_BIAS = {-0.042, 0.027, 0.165, 0.195, 0.187,
      0.175, 0.163, 0.135, 0.134, 0.161, 0.218, 0.299, 0.510, 0.118, 0.056, 0.069};
  private static final int[] TGL_FULL_KNOTS = {0, 1500, 3000, 4500, 6000, 7500, 8500, 9200,
      9400, 9600, 9699, 9800, 9900, 9950, 10000};
  private static final double[] TGL_FULL_BIAS = {0.085, 0.084, 0.109, 0.140, 0.125, 0.092, 0.079,
      0.130, 0.125, -0.022, -0.037, -0.202, -0.611, -0.930, -1.285};
  /**
   * .tgl on a decoded colour JPEG: what measured minus estimated -ln(1 - SSIM) (with TGL_BIAS or
   * TGL_FULL_BIAS) still is, against {@link #stepRatio}, the mean log of .tgl's luma steps over
   * the source's (knots in thousandths). It is a step, not a curve in the quality: finer than
   * the source (ratio under 0) the file sits 0.1-0.3 under the estimate, coarser (0.25-1) 0.1-0.25
   * over it, far finer (at 98-100, 4:4:4) 0.3-0.4 over; the estimate, smooth in the quality,
   * cannot have the kink at the source's own quality. Medians over the colour fit set's sources
   * that SourceLattice finds (cjpeg q70, q80, q88 of the 10 corpus photos and djpeg; its q95 ones
   * have steps too small to find), .tgl at every 3rd quality 20-89 and each from 90
   * (TargetSourceCheck, 29 Nov, session 13), {@link #TGL_SOURCE_BIAS} with 4:2:0 chroma fixed,
   * {@link #TGL_FULL_SOURCE_BIAS} with 4:4:4. The same medians over sources not fitted on (cjpeg
   * q75 and q85 of the same photos, retina at q80 and q90 4:4:4, the hold-out's three decoded
   * colour conformance files) stay within 0.05 of the 4:4:4 table from -2 to 2.25 with the same
   * interquartile widths (0.1-0.15). A correction by the quality instead (the same fit set's
   * medians at TGL_FULL_KNOTS, as session 12 tried) has its kink at one source quality only:
   * 4:4:4 fixed, fit set 113 -> 131 of 160, but sources not fitted on 64 -> 65 of 88 (6 lost).
   *
   * <p>Fitted on cjpeg's Annex K decodes, these tables (and the grey one) are read for any
   * source's steps, other encoders' tables too ({@link SourceLattice#annexKScaled} false): their
   * residuals stay within 0.11 of the tables from ratio -1.5 to 2 (othf's 31 such decodes,
   * scripts/measure-sets, 4:4:4 and 4:2:0; only far finer, 4:4:4 at 98-100 of flat and fine
   * tables, sit 0.23 over), inside the fit set's interquartile widths. A table of their own
   * (those medians added for non-Annex-K colour sources) landed the fit set othf 186 -> 194 of
   * 240 but the held-out otho 145 -> 141 of 192, so it was not kept. Landings,
   * TargetLanding ssim -Donly=TGL -DfineOnly=true -Dcurve=true, same session (29 Nov), rules
   * before session 13 / the correction on Annex K sources only / on all (kept): othf 191 / 191 /
   * 186 of 240 (encodes 610 / 608 / 605, at most 4 / 4 / 4), otho (held out) 138 / 136 / 145 of
   * 192 (521 / 530 / 505, at most 3 / 3 / 6), othg (grey) 83 / 91 / 93 of 120 (326 / 325 / 309,
   * at most 3 / 3 / 5); none under the target. Of othf's loss all is this encoder's own
   * psychovisual output (tg70 12 -> 9 of 20, tg90 18 -> 15; every other kind 161 -> 162 of
   * 200); the searches of 5 and 6 encodes are own output at 70 too (othg astronaut, otho sk_moon,
   * both 0.99, where the file's SSIM is not monotone in the quality).
   */
  private static final int[] TGL_SOURCE_KNOTS = {-3500, -3250, -3000, -2750, -2500, -2250,
      -2000, -1750, -1500, -1250, -1000, -750, -500, -250, 0, 250, 500, 750, 1000, 1250, 1500,
      1750, 2000, 2250, 2500};
  private static final double[] TGL_SOURCE_BIAS = {-0.031, -0.031, -0.031, -0.031, -0.031,
      -0.031, 0.037, -0.056, -0.113, -0.157, -0.161, -0.131, -0.098, -0.122, -0.054, 0.114,
      0.159, 0.192, 0.193, 0.068, -0.001, -0.017, 0.022, -0.008, -0.008};
  private static final double[] TGL_FULL_SOURCE_BIAS = {0.406, 0.306, 0.356, 0.281, 0.066,
      -0.058, -0.135, -0.220, -0.250, -0.319, -0.265, -0.226, -0.216, -0.205, -0.010, 0.223,
      0.235, 0.208, 0.209, 0.096, 0.051, 0.043, 0.038, 0.026, 0.026};
  /**
   * {@link #TGL_SOURCE_BIAS} of decoded grey JPEGs, in place of the grey fit set's median by the
   * quality (TGL_GREY_QUALITY_BIAS) on top of TGL_BIAS: the same kink, deeper (0.5-0.6 under the
   * estimate finer than the source, 0.1 over it just coarser, 0.2 under far coarser). Medians
   * over the grey fit set (cjpeg -grayscale q60, q75, q88 of the corpus photos and djpeg; .tgl
   * at every 3rd quality 20-89 and each from 90; TargetSourceCheck, 29 Nov, session 13).
   * Landings, TargetLanding ssim as above, same session, by the quality -> by the step ratio:
   * grey fit set 92 -> 94 of 120 (encodes 324 -> 319, 4-encode searches 3 -> 1),
   * hold-out 40 -> 42 of 48 (sk_coins, which SourceLattice finds a JPEG in, 0.90 and 0.99; none
   * lost), grey decoded JPEGs not fitted on (cjpeg -grayscale q68 and q82 of the same photos) 63
   * -> 71 of 80 (215 -> 197 encodes, at most 4 -> 3). It carries over less to this encoder's own
   * grey output (trellis-quantized Annex K tables): five photos at 65 and 80 33 -> 32 of 40, a
   * 320-pixel astronaut crop at 70 18 -> 13 of 20 (its colour output gains: 31 -> 34 of 40).
   * Neither the crop's size nor its found steps are why (session 13): the steps are found exactly
   * (all 15 low positions are Annex K at 70, 36 positions in all), the sample is 128 macroblocks
   * at any size, and 20 more 320-pixel grey crops (the 10 corpus photos through the same tables
   * at 65 and 80) land 308 -> 303 of 400 (per crop -5 to +5), the corrected estimate's median
   * error by ratio within 0.16 either way. The crop sits in the fit set's lower quartile: 0.17
   * under the table where its 20 targets fall (ratio 0.3-1.6; the fit set's interquartile range
   * there -0.08 to 0.17 around the median), where the quality's table happened to be 0.05-0.29
   * lower. That table's side lowered by 0.1 (ratio 0.25-1) lost more: 303 -> 297, the crop 13 ->
   * 12. On grey decodes of flat tables (made from 320-pixel crops, 0.96-0.9885) this rule lands
   * 60 -> 99 of 120.
   */
  private static final double[] TGL_GREY_SOURCE_BIAS = {-0.159, 0.085, -0.200, -0.141, -0.243,
      -0.257, -0.510, -0.549, -0.634, -0.603, -0.596, -0.398, -0.505, -0.528, -0.297, 0.095,
      0.145, 0.040, 0.015, -0.114, -0.168, -0.183, -0.188, -0.262, -0.267};
  private static final double[] JPEG_TOP_BIAS = {-0.180, -0.281, -0.229, -0.290, -0.395};
  /** 4:4:4 below 97 (the fill of the jump); below 80 the estimate is the 4:2:0 one. */
  private static final int[] JPEG_FULL_KNOTS = {8000, 8500, 9200, 9400, 9600, 9699};
  private static final double[] JPEG_FULL_BIAS = {-0.142, -0.109, -0.144, -0.149, -0.176,
      -0.178};

  /*
   * The same for decoded JPEGs ({@link SourceLattice}): their measured curve lies under the
   * photos' at middle qualities and climbs faster towards 97, where Tegula's steps near the
   * source's and re-quantizing on the same lattice loses little. JPEG_BIAS etc. plus the median
   * of measured minus estimated at the knots over a fit set of the 10 corpus photos through cjpeg
   * (q70 and q85 4:2:0, q80 4:4:4) and djpeg, with the lattice-snapped estimate (29 Nov).
   */
  private static final double[] SOURCE_BIAS = {0.351, 0.204, 0.063, -0.036, -0.027, 0.046,
      0.194, 0.194, 0.241, 0.288, 0.304, 0.376};
  /**
   * Decoded colour JPEGs whose luma table is not libjpeg's Annex K scaling ({@link
   * SourceLattice#annexKScaled}), scored with the encoder's chroma pre-emphasis: SOURCE_BIAS plus
   * the median measured minus estimated at the knots over the other-encoder fit set (othf's 31
   * such decodes: this encoder's own at 70 and 90, cjpeg with flat, ImageMagick's, PSNR-HVS-M's
   * and DCTune's tables; scripts/measure-sets; 29 Nov, session 13).
   */
  private static final double[] OTHER_SOURCE_BIAS = {0.423, 0.379, 0.122, 0.154, 0.111, 0.134,
      0.234, 0.197, 0.346, 0.340, 0.373, 0.386};
  private static final double[] SOURCE_TOP_BIAS = {-0.220, -0.321, -0.254, -0.295, -0.345};
  private static final double[] SOURCE_FULL_BIAS = {-0.147, -0.174, -0.209, -0.244, -0.271,
      -0.218};
  /*
   * Grey decoded JPEGs (cjpeg -grayscale q60, q75, q88 of the same photos and djpeg, 29 Nov) sit
   * further under the estimate below 97 (no chroma loss at all) and over it from 97.
   */
  private static final double[] GREY_SOURCE_BIAS = {0.011, 0.009, -0.092, -0.191, -0.222,
      -0.214, -0.146, -0.101, -0.159, -0.142, 0.064, 0.146};
  private static final double[] GREY_SOURCE_TOP_BIAS = {0.140, 0.424, 0.276, 0.275, 0.270};
  private static final double[] GREY_SOURCE_FULL_BIAS = {-0.147, -0.099, -0.159, -0.144, 0.064,
      0.142};
  /**
   * Grey originals (no source lattice; session 24). They took the colour photos' JPEG_BIAS,
   * whose +0.06..+0.14 below 97 offsets the 4:2:0 chroma term's overstatement on colour photos:
   * a grey file has no chroma, and its luma alone scores under the model, as the photos' own
   * 4:4:4 correction (-0.14..-0.18) says of luma-dominated files. So a grey image's two sides,
   * one file, were estimated 0.25-0.3 apart, and every first encode of the grey tuning set (the
   * 10 corpus photos' luma, skimage rgb2gray; scripts/measure-sets' fitgo) failed, a median 7.9
   * band widths under its target (measured minus estimated a median -0.13..-0.36 below 97,
   * +0.15..+1.03 from 97, where the photos' correction holds a chroma rounding a grey file does
   * not have). Their luma is scored with the trellis's masked quantization ({@link
   * MaskedTrellis}), and these are the medians of measured minus that model over the grey set
   * (TargetCurveCheck, 30 Nov; both sides now agree within 0.02). Measured (TargetLanding ssim
   * -Donly=JPEG, fine scale, 0.90-0.99, same cache), within 3 encodes, main before -> after:
   * the grey set 38 -> 40 of 40 (encodes 98 -> 85; firsts a median -7.9 -> +0.6 band widths, 27
   * -> 1 of 40 more than 6 off); the five sets tuned on 563 -> 563 of 576, every search the same
   * but graphics' one grey original, skimage_text (firsts -3.6..-10.7 -> -1.2..+1.6); never tuned
   * on 334 -> 338 of 360 (4 won, none lost; encodes 845 -> 836): the hold-out's grey originals'
   * firsts from -1..-34 band widths to -7..+5, its firsts over 6 band widths off 21 -> 7, otho's
   * (high-quality decodes of them show no lattice) 56 -> 35. Grey output (-Dgrey=true; photos,
   * graphics, colour fit set) 200 -> 207 of 216 (8 won, 1 lost; encodes 521 -> 481), hold-out 45
   * -> 47 of 48 (113 -> 110), otho 170 -> 172 of 192 (6 won, 4 lost; 471 -> 459). With the
   * fixed dead zone and its own medians (the first step): the
   * grey set 39 of 40 (81 encodes), never tuned on 338 (840), grey output 207 (478) and 47 (114),
   * but the hold-out's textures still far under (sk_grass -5..-16, sk_gravel -4..-6 band widths;
   * with the masked trellis -7..+3 and -1..-2; its two grey-output losses are graphics whose
   * firsts it moved by under 1.5 band widths). Size searches and .tgl do not read it (the size
   * estimate's firsts on the grey set sit a median 0.2 band widths off).
   */
  private static final double[] GREY_BIAS = {0.001, -0.022, -0.065, -0.117, -0.123, -0.138,
      -0.121, -0.102, -0.079, -0.070, -0.055, -0.037};
  private static final double[] GREY_TOP_BIAS = {-0.046, 0.024, 0.556, 0.613, 0.601};
  private static final double[] GREY_FULL_BIAS = {-0.120, -0.102, -0.079, -0.071, -0.057,
      -0.037};
  /** The corrections of photos, decoded colour JPEGs, decoded grey JPEGs and grey originals. */
  private static final double[][] BIAS = {JPEG_BIAS, SOURCE_BIAS, GREY_SOURCE_BIAS, GREY_BIAS};
  private static final double[][] TOP_BIAS = {JPEG_TOP_BIAS, SOURCE_TOP_BIAS,
      GREY_SOURCE_TOP_BIAS, GREY_TOP_BIAS};
  private static final double[][] FULL_BIAS = {JPEG_FULL_BIAS, SOURCE_FULL_BIAS,
      GREY_SOURCE_FULL_BIAS, GREY_FULL_BIAS};

  /**
   * Linear between knots, held at the ends; values may be fewer than the knots (then the first
   * values.length knots). {@link SizeCurve}'s corrections use it too.
   */
  static double between(int[] knots, double[] values, int q) {
    if (q <= knots[0]) {
      return values[0];
    }
    for (int k = 1; k < Math.min(knots.length, values.length); k++) {
      if (q <= knots[k]) {
        double t = (q - knots[k - 1]) / (double) (knots[k] - knots[k - 1]);
        return values[k - 1] + t * (values[k] - values[k - 1]);
      }
    }
    return values[values.length - 1];
  }

  /**
   * The share of the estimate's own rise by which .tgl's corrected curve climbs across a flat
   * ({@link #riseAcrossFlats}), and the window (qualities either side) that rise is read over.
   */
  static final double FLAT_RISE_SHARE = 0.5;
  static final int FLAT_RISE_WINDOW = 8;

  /**
   * Lets {@code curve} (.tgl's corrected estimate, kept non-decreasing) climb across its flats at
   * {@link #FLAT_RISE_SHARE} of the mean rise per quality of {@code raw} (the uncorrected
   * estimate) within {@link #FLAT_RISE_WINDOW} qualities, from a flat's start until the curve
   * rises past that line again; elsewhere the curve is unchanged.
   *
   * <p>Why: the estimate is scored at grid qualities, and on decoded JPEGs (grey ones most) it
   * can fall from one grid quality to the next where the real encoder's SSIM climbs (astronaut
   * through cjpeg -grayscale at 60: the estimate falls 6 band widths of 0.90 from 16 to 20, the
   * files rise 3.3 band widths from 15.77 to 17.67). Kept non-decreasing, the curve was flat
   * there over 3-7 qualities, and the search read a flat as no rise at all: a second aimed from
   * a first under the band onto the flat's start (15.77 then 15.92, the same SSIM), the line
   * through two files on it, a first at its start. Of the second encodes a mosaic read moved less
   * than a tenth of the way the model's own pick would (11 of 941 .tgl SSIM searches, session
   * 26), every one missed the band, 10 of them by stepping too short. Measured 1 Dec (session
   * 26), TargetLanding fine scale, .tgl SSIM 0.90-0.99, same cache and session, within 3 encodes,
   * tuned on / never tuned on / fresh (663 / 341 / 43 of 696 / 360 / 48 without): shares 0.25,
   * 0.5, 0.75, 1 over 8 qualities 669 / 341 / 45, 671 / 340 / 46, 670 / 343 / 46, 650 / 343 /
   * 45 (at 1 the line outruns the curve where it climbs slower than its mean); 0.5 over 4 or
   * 16 qualities 668 / 342 / 44, 668 / 343 / 45; a floor on every quality's rise, not only
   * from a flat (0.5 over 8), 668 / 339 / 46; the second's mosaic read crossing the aim in the
   * quality instead of the model's value (the coordinate the flat collapses) 654 / 340 / 44.
   * On the api tests' images, never tuned on (TglFlatRiseTest, 1 Dec): decoded JPEGs of a
   * 512-pixel astronaut crop 65 -> 72 of 80 within 3, 210 -> 188 encodes; photo crops and their
   * decodes 302 -> 309 of 320, 662 -> 652.
   */
  static void riseAcrossFlats(double[] curve, double[] raw) {
    double[] kept = curve.clone();
    for (int q = 1; q <= 100; q++) {
      if (kept[q] > kept[q - 1]) {
        continue;
      }
      int flatEnd = q;
      while (flatEnd < 100 && kept[flatEnd + 1] <= kept[q - 1]) {
        flatEnd++;
      }
      for (int k = q; k <= 100; k++) {
        double line = curve[k - 1] + FLAT_RISE_SHARE * meanRise(raw, k);
        if (!(line > kept[k])) {
          break;
        }
        curve[k] = line;
      }
      q = flatEnd;
    }
  }

  /** The mean rise per quality of {@code raw} over {@link #FLAT_RISE_WINDOW} either side of q. */
  private static double meanRise(double[] raw, int q) {
    int lo = Math.max(0, q - FLAT_RISE_WINDOW);
    int hi = Math.min(100, q + FLAT_RISE_WINDOW);
    return Math.max(0, (raw[hi] - raw[lo]) / (hi - lo));
  }

  private void estimate(Image image) {
    int w = image.width();
    int h = image.height();
    byte[] rgba = image.rgba();
    int mbw = (w + 15) / 16;
    int mbh = (h + 15) / 16;
    int total = mbw * mbh;
    // a sixth of a small image's macroblocks (at least MIN_MACROBLOCKS) keeps the estimate
    // cheap against its encode too
    int count = everyMacroblock ? total
        : Math.min(total, Math.min(MAX_MACROBLOCKS, Math.max(MIN_MACROBLOCKS, total / 6)));
    // per luma block: Y, R, G, B coefficients; per macroblock: 4:2:0 Cb and Cr, and per luma
    // block the 4:4:4 Cb and Cr and the 2x2 average's loss
    int blocks = count * 4;
    double[][] y = new double[blocks][64];
    double[][][] rgb = new double[3][blocks][64];
    double[][] cbFull = new double[subOnly ? 0 : blocks][64];
    double[][] crFull = new double[subOnly ? 0 : blocks][64];
    double[] subLoss = new double[blocks * 2];
    double[][] cbSub = new double[count][64];
    double[][] crSub = new double[count][64];
    double[][] px = new double[6][256]; // Y, Cb, Cr, R, G, B of one macroblock
    double[] tmp = new double[64];
    double[] blk = new double[64];
    double[][] ring = new double[2][100]; // 10x10 chroma samples around one macroblock's 8x8
    // whether a decoded JPEG of other tables gets its chroma scored with the JPEG encoder's
    // pre-emphasis (emphasisedChroma); 4:2:2, sharpened along rows only and not fitted, keeps
    // the Annex K rule (with this one its fixed-chroma searches landed 178 -> 170 of othf's 240,
    // 135 -> 133 of otho's 192)
    boolean emphasis = jpeg && scoreSsim && rules.on(Rule.EMPHASIS_ON_OTHER_TABLES)
        && fixedChroma != JpegEncodeOptions.Subsampling.S422;
    for (int i = 0; i < count; i++) {
      int m = sampleAt(i, count, total);
      int x0 = (m % mbw) * 16;
      int y0 = (m / mbw) * 16;
      macroblockPixels(rgba, w, h, x0, y0, px);
      for (int c = 0; c < 2; c++) {
        chromaRing(rgba, w, h, x0 >> 1, y0 >> 1, c, ring[c], 10, seamTile / 2);
      }
      for (int k = 0; k < 4; k++) {
        int bx = (k & 1) * 8;
        int by = (k >> 1) * 8;
        int bi = i * 4 + k;
        dct(px[0], by * 16 + bx, 16, y[bi], tmp);
        for (int c = 0; c < 3 && scoreSsim; c++) {
          dct(px[3 + c], by * 16 + bx, 16, rgb[c][bi], tmp);
        }
        if (!subOnly) {
          dct(px[1], by * 16 + bx, 16, cbFull[bi], tmp);
          dct(px[2], by * 16 + bx, 16, crFull[bi], tmp);
        }
        // what 4:2:0 loses in this block, per chroma plane, whatever the quality
        for (int c = 0; c < 2; c++) {
          subLoss[bi * 2 + c] = fancyLoss(px[1 + c], ring[c], bx, by);
        }
      }
      for (int c = 0; c < 2; c++) {
        double[] pl = px[1 + c];
        for (int yy = 0; yy < 8; yy++) {
          for (int xx = 0; xx < 8; xx++) {
            int p = yy * 32 + xx * 2;
            blk[yy * 8 + xx] = (pl[p] + pl[p + 1] + pl[p + 16] + pl[p + 17]) / 4;
          }
        }
        dct(blk, 0, 8, c == 0 ? cbSub[i] : crSub[i], tmp);
      }
    }
    double[][] var = new double[3][blocks];
    for (int c = 0; c < 3; c++) {
      for (int bi = 0; bi < blocks; bi++) {
        double v = 0;
        for (int k = 1; k < 64; k++) {
          v += rgb[c][bi][k] * rgb[c][bi][k];
        }
        var[c][bi] = v / 64;
      }
    }
    this.variance = var;
    boolean ssimSmooth = scoreSsim && !modelOnly
        && rules.on(jpeg ? Rule.JPEG_SMOOTH_CORRECTION : Rule.TGL_SMOOTH_CORRECTION);
    // .tgl's size estimate takes the same weight (Rule.TGL_SIZE_SMOOTH), 0 without
    boolean sizeSmoothOn = size != null && !jpeg && rules.on(Rule.TGL_SIZE_SMOOTH);
    // before a decoded JPEG's lattice snaps the luma: both formats read the same pixels (a
    // mosaic's estimate its own tiles': the correction is of the content the probe codes)
    double weight = ssimSmooth || sizeSmoothOn ? Smoothness.weight(y) : 0;
    if (ssimSmooth) {
      smooth = weight;
    }
    double sizeSmooth = sizeSmoothOn ? weight : 0;
    grayColour = true;
    for (int i = 0; i < count && grayColour; i++) {
      for (int k = 0; k < 64; k++) {
        grayColour &= Math.abs(cbSub[i][k]) < 1e-6 && Math.abs(crSub[i][k]) < 1e-6;
      }
    }
    if (modelOnly) {
      // the model alone is read, which neither the lattice nor its corrections shape in .tgl
    } else if (scoreSsim) {
      // JPEG snaps to the source's lattice below; .tgl reads a correction against its steps
      double[] found = latticeOf != null ? latticeOf.sourceSteps : SourceLattice.steps(y);
      sourceSteps = jpeg || grayColour ? found : null;
      tglSourceSteps = jpeg ? null : found;
      if (jpeg && sourceSteps != null) {
        // re-quantizing on the source's own lattice loses nothing: the error is measured from
        // the lattice point, not from the decoder's rounding noise around it
        SourceLattice.snap(y, sourceSteps);
        otherTables = emphasis && !grayColour && !SourceLattice.annexKScaled(sourceSteps);
      }
      if (otherTables) {
        // the encoder's pre-emphasis undoes most of the decoder's fancy upsampling blur on the
        // source's own chroma, so its 4:2:0 chroma is scored as the encoder sees it
        emphasisedChroma(rgba, w, h, count, total, subLoss, cbSub, crSub);
      }
    } else if (!jpeg && rules.on(Rule.TGL_SIZE_SOURCE_CORRECTION)) {
      // .tgl's size estimate of a decoded JPEG reads a correction against its steps too
      tglSourceSteps = SourceLattice.steps(y);
    }
    if (jpeg && scoreSsim && grayColour && sourceSteps == null) {
      trellis = MaskedTrellis.of(rgba, w, h, count, total);
    }
    if (scoreSsim && !modelOnly) {
      boolean lattice = sourceSteps != null;
      peaks = new double[][] {peak(y, lattice), peak(cbSub, lattice), peak(crSub, lattice),
          peak(cbFull, lattice), peak(crFull, lattice)};
    }
    double[] lumaQ = new double[64];
    double[] chromaQ = new double[64];
    double[] fullChromaQ = new double[64];
    double[] scores = new double[2];
    // the quantization error of a block's luma, Cb and Cr, reused by every score
    double[][] errors = new double[3][64];
    // each coefficient's sign as +1 or -1, which its quantization error takes without a branch
    double[][][] signs = scoreSsim
        ? new double[][][] {signs(y), signs(cbSub), signs(crSub), signs(cbFull), signs(crFull)}
        : null;
    double[] lumaOffsets = jpeg ? JPEG_OFFSET : TGL_LUMA_OFFSET;
    double[] chromaOffsets = jpeg ? JPEG_OFFSET : TGL_CHROMA_OFFSET;
    int prev = -1;
    int prevFull = -1;
    int prevSizeFull = -1;
    // a fixed 4:4:4 side needs no 4:2:0 one, but a grey image in .tgl has one curve, the 4:2:0
    boolean subAt = side != ChromaSide.FULL || !fixedFullScored();
    for (int q = gridFrom; q <= gridTo; q = next(q)) {
      int scale = scale(q);
      steps(scale, true, lumaQ);
      steps(scale, false, chromaQ);
      // JPEG's 4:4:4 chroma tables are 1.25 times the luma scale
      // (EncoderTuning.chroma444Scale); .tgl's chroma steps are the same at both resolutions
      steps(jpeg ? scale * 5 / 4 : scale, false, fullChromaQ);
      boolean scoreSub = scoreSsim && subAt && q >= ssimFrom;
      boolean scoreFull = scoreSsim && !subOnly && scoresFull(q) && ssimFrom == 0;
      if (scoreSub || scoreFull) {
        score(y, rgb, scoreSub ? cbSub : null, crSub, subLoss, scoreFull ? cbFull : null, crFull,
            signs, lumaQ, chromaQ, fullChromaQ, errors, scores);
      }
      if (scoreSub) {
        sub[q] = distortion(scores[0]);
      }
      if (size != null && subAt) {
        size.sub[q] = size.estimate(y, cbSub, crSub, lumaQ, chromaQ, lumaOffsets,
            chromaOffsets, count * 256L);
      }
      if (scoreFull) {
        full[q] = distortion(scores[1]);
        for (int m = prevFull + 1; prevFull >= 0 && m < q; m++) {
          full[m] = full[prevFull] + scaleShare(prevFull, m, q) * (full[q] - full[prevFull]);
        }
        prevFull = q;
      }
      if (size != null && !subOnly && sizesFull(q)) {
        size.full[q] = size.estimate(y, cbFull, crFull, lumaQ, fullChromaQ, lumaOffsets,
            chromaOffsets, count * 256L);
        for (int m = prevSizeFull + 1; prevSizeFull >= 0 && m < q; m++) {
          size.full[m] = size.full[prevSizeFull]
              + scaleShare(prevSizeFull, m, q) * (size.full[q] - size.full[prevSizeFull]);
        }
        prevSizeFull = q;
      }
      for (int m = prev + 1; prev >= 0 && m < q; m++) {
        double t = scaleShare(prev, m, q);
        sub[m] = sub[prev] + t * (sub[q] - sub[prev]);
        if (size != null) {
          size.sub[m] = size.sub[prev] + t * (size.sub[q] - size.sub[prev]);
        }
      }
      prev = q;
    }
    if (size != null) {
      double[] ratios = null;
      if (tglSourceSteps != null) {
        ratios = new double[101];
        for (int q = 0; q <= 100; q++) {
          ratios[q] = stepRatio(q);
        }
      }
      size.finish(grayColour, ratios, sizeSmooth);
    }
    if (!jpeg && scoreSsim) {
      System.arraycopy(sub, 0, modelSub, 0, 101);
      // a grey image's two sides are one curve
      System.arraycopy(grayColour ? sub : full, 0, modelFull, 0, 101);
      // .tgl's correction at each whole quality, kept non-decreasing where the estimate's rise
      // at the top is smaller than the correction's fall
      for (int q = 0; q <= 100; q++) {
        sub[q] += between(TGL_KNOTS,
            sourceSteps != null && grayColour && !rules.on(Rule.TGL_SOURCE_CORRECTION)
                ? TGL_GREY_QUALITY_BIAS : TGL_BIAS, q * 100)
            + sourceBias(grayColour ? TGL_GREY_SOURCE_BIAS : TGL_SOURCE_BIAS, q)
            + smooth * between(TGL_KNOTS, grayColour ? TGL_GREY_SMOOTH_BIAS : TGL_SMOOTH_BIAS,
                q * 100);
        sub[q] = q > 0 ? Math.max(sub[q], sub[q - 1]) : sub[q];
      }
      if (rules.on(Rule.TGL_FLAT_RISE)) {
        riseAcrossFlats(sub, modelSub);
      }
      for (int q = 0; q <= 100; q++) {
        // a grey image has no chroma to keep: its two sides are one curve
        full[q] = grayColour ? sub[q] : full[q] + between(TGL_FULL_KNOTS, TGL_FULL_BIAS, q * 100)
            + sourceBias(TGL_FULL_SOURCE_BIAS, q)
            + smooth * between(TGL_KNOTS, TGL_SMOOTH_BIAS, q * 100);
        full[q] = q > 0 ? Math.max(full[q], full[q - 1]) : full[q];
      }
      if (!grayColour && rules.on(Rule.TGL_FLAT_RISE)) {
        riseAcrossFlats(full, modelFull);
      }
    }
  }

  /**
   * The 2x2 box averages of chroma plane {@code c} (0 Cb, 1 Cr) at chroma positions {@code gx0 -
   * 1 .. gx0 + n - 2} by {@code gy0 - 1 .. gy0 + n - 2} (n by n), clamped to the image's chroma
   * grid as the upsampler's edges repeat the last sample.
   */
  private static void chromaRing(byte[] rgba, int w, int h, int gx0, int gy0, int c,
      double[] out, int n) {
    chromaRing(rgba, w, h, gx0, gy0, c, out, n, 0);
  }

  /**
   * The same inside the {@code ct}-sample chroma tile holding the ring's middle (0: the whole
   * grid): a mosaic's tile ends where its neighbour begins, a seam the image does not have.
   */
  private static void chromaRing(byte[] rgba, int w, int h, int gx0, int gy0, int c,
      double[] out, int n, int ct) {
    int cw = (w + 1) >> 1;
    int ch = (h + 1) >> 1;
    int loX = ct > 0 ? (gx0 - 1 + n / 2) / ct * ct : 0;
    int loY = ct > 0 ? (gy0 - 1 + n / 2) / ct * ct : 0;
    int hiX = ct > 0 ? Math.min(cw, loX + ct) - 1 : cw - 1;
    int hiY = ct > 0 ? Math.min(ch, loY + ct) - 1 : ch - 1;
    for (int j = 0; j < n; j++) {
      int gy = Math.max(loY, Math.min(hiY, gy0 - 1 + j));
      for (int i = 0; i < n; i++) {
        int gx = Math.max(loX, Math.min(hiX, gx0 - 1 + i));
        double sum = 0;
        for (int d = 0; d < 4; d++) {
          int sx = Math.min(w - 1, 2 * gx + (d & 1));
          int sy = Math.min(h - 1, 2 * gy + (d >> 1));
          int o = (sy * w + sx) * 4;
          double r = rgba[o] & 0xff;
          double g = rgba[o + 1] & 0xff;
          double b = rgba[o + 2] & 0xff;
          sum += c == 0 ? -0.168736 * r - 0.331264 * g + 0.5 * b
              : 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
        out[j * n + i] = sum / 4;
      }
    }
  }

  /**
   * The 16x16 macroblock at (x0, y0), edges repeated: Y, Cb, Cr (T.81 / JFIF, Y centred on 0)
   * and R, G, B centred on 0, into {@code px[0..5]}.
   */
  private static void macroblockPixels(byte[] rgba, int w, int h, int x0, int y0,
      double[][] px) {
    for (int yy = 0; yy < 16; yy++) {
      int sy = Math.min(h - 1, y0 + yy);
      for (int xx = 0; xx < 16; xx++) {
        int sx = Math.min(w - 1, x0 + xx);
        int o = (sy * w + sx) * 4;
        double r = rgba[o] & 0xff;
        double g = rgba[o + 1] & 0xff;
        double b = rgba[o + 2] & 0xff;
        int p = yy * 16 + xx;
        px[0][p] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
        px[1][p] = -0.168736 * r - 0.331264 * g + 0.5 * b;
        px[2][p] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        px[3][p] = r - 128;
        px[4][p] = g - 128;
        px[5][p] = b - 128;
      }
    }
  }

  /**
   * The sampled macroblocks' 4:2:0 chroma as the JPEG encoder sees it after its pre-emphasis
   * ({@link #emphasisedRing}): each block's loss into {@code subLoss} and each macroblock's Cb
   * and Cr coefficients into {@code cbSub}, {@code crSub}, in place of the plain 2x2 average's.
   * A second pass over the same macroblocks, made only for decoded JPEGs of other tables.
   */
  private static void emphasisedChroma(byte[] rgba, int w, int h, int count, int total,
      double[] subLoss, double[][] cbSub, double[][] crSub) {
    int mbw = (w + 15) / 16;
    double[][] px = new double[6][256];
    double[][] sharp = new double[2][100];
    double[] wide = new double[144];
    double[] blk = new double[64];
    double[] tmp = new double[64];
    for (int i = 0; i < count; i++) {
      int m = sampleAt(i, count, total);
      int x0 = (m % mbw) * 16;
      int y0 = (m / mbw) * 16;
      macroblockPixels(rgba, w, h, x0, y0, px);
      for (int c = 0; c < 2; c++) {
        emphasisedRing(rgba, w, h, x0 >> 1, y0 >> 1, c, wide, sharp[c]);
        for (int k = 0; k < 4; k++) {
          subLoss[(i * 4 + k) * 2 + c] = fancyLoss(px[1 + c], sharp[c], (k & 1) * 8,
              (k >> 1) * 8);
        }
        for (int yy = 0; yy < 8; yy++) {
          System.arraycopy(sharp[c], (yy + 1) * 10 + 1, blk, yy * 8, 8);
        }
        dct(blk, 0, 8, c == 0 ? cbSub[i] : crSub[i], tmp);
      }
    }
  }

  /**
   * The 10x10 averages of {@link #chromaRing} with the JPEG encoder's pre-emphasis of
   * subsampled chroma (Downsampler.sharpen at EncoderTuning's 12/16: each average plus 12/64 of
   * four times itself minus its four neighbours; the encoder's integer rounding left out), from
   * the 12x12 averages one further out ({@code wide}).
   */
  private static void emphasisedRing(byte[] rgba, int w, int h, int gx0, int gy0, int c,
      double[] wide, double[] out) {
    chromaRing(rgba, w, h, gx0 - 1, gy0 - 1, c, wide, 12);
    for (int j = 0; j < 10; j++) {
      for (int i = 0; i < 10; i++) {
        int o = (j + 1) * 12 + i + 1;
        double v = wide[o];
        out[j * 10 + i] = v + 12 / 64.0 * (4 * v - wide[o - 1] - wide[o + 1] - wide[o - 12]
            - wide[o + 12]);
      }
    }
  }

  /**
   * The error energy in one 8x8 block (at {@code bx}, {@code by} of the macroblock) of a chroma
   * plane after 2x2 box averaging and the decoders' h2v2 fancy upsampling (jdsample.c: 3/4 the
   * nearer and 1/4 the farther sample on each axis), from the averages {@code ring}.
   */
  private static double fancyLoss(double[] plane, double[] ring, int bx, int by) {
    double loss = 0;
    for (int yy = by; yy < by + 8; yy++) {
      int near = (yy >> 1) + 1;
      int far = (yy & 1) == 0 ? near - 1 : near + 1;
      for (int xx = bx; xx < bx + 8; xx++) {
        int cn = (xx >> 1) + 1;
        int cf = (xx & 1) == 0 ? cn - 1 : cn + 1;
        double v = (3 * (3 * ring[near * 10 + cn] + ring[far * 10 + cn])
            + 3 * ring[near * 10 + cf] + ring[far * 10 + cf]) / 16;
        loss += sq(plane[yy * 16 + xx] - v);
      }
    }
    return loss;
  }

  /** This made-up estimate marked as a decoded JPEG's (lattice unknown), for tests. */
  SsimCurve asDecodedJpeg() {
    sourceSteps = new double[64];
    return this;
  }

  /** The chroma this curve follows. */
  ChromaSide side() {
    return side;
  }

  /** Whether the sampled chroma is zero everywhere (a grey image in colour). */
  boolean grey() {
    return grayColour;
  }

  /** The weight of the smooth content's correction ({@link Smoothness}), for measurements. */
  double smoothness() {
    return smooth;
  }

  /**
   * Per component (luma, Cb, Cr) and natural position, the largest coefficient magnitude the
   * image has there as far as the sample tells; {@code full}: 4:4:4 chroma. A table step at
   * least twice it quantizes every such coefficient to zero, so two tables differing only
   * there give the same pixels. The sample speaks for the image where the values are zero (grey
   * content, chroma) or sit on a decoded JPEG's lattice (its source's step left a position empty
   * or not); elsewhere +Infinity: only equal steps count. Null for made-up curves.
   */
  double[][] peaks(boolean full) {
    return peaks == null ? null : new double[][] {peaks[0], peaks[full ? 3 : 1],
        peaks[full ? 4 : 2]};
  }

  private static double[] peak(double[][] blocks, boolean speaks) {
    double[] m = new double[64];
    for (double[] b : blocks) {
      for (int k = 0; k < 64; k++) {
        // not Math.max, whose checks for NaN and -0.0 (neither occurs: |x| of finite values)
        // were most of this loop
        double v = Math.abs(b[k]);
        m[k] = v > m[k] ? v : m[k];
      }
    }
    for (int k = 0; k < 64 && !speaks; k++) {
      m[k] = m[k] == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return m;
  }

  /**
   * What the step ratio's correction adds at whole quality q to the side {@code code} reads (0
   * for other images and formats), for TargetSourceCheck's measurement of what is left.
   */
  double sourceBiasAt(int q, int code) {
    return sourceBias(grayColour ? TGL_GREY_SOURCE_BIAS : side.fullAt(code)
        ? TGL_FULL_SOURCE_BIAS : TGL_SOURCE_BIAS, q);
  }

  /** .tgl on a decoded JPEG: {@code bias} at whole quality q's step ratio, else 0. */
  private double sourceBias(double[] bias, int q) {
    return tglSourceSteps == null || !rules.on(Rule.TGL_SOURCE_CORRECTION) ? 0
        : between(TGL_SOURCE_KNOTS, bias, (int) Math.round(1000 * stepRatio(q)));
  }

  /**
   * .tgl on a decoded JPEG: the mean over the source's known luma positions of ln(.tgl's
   * luma step at whole quality q / the source's step), under 0 where .tgl quantizes more finely;
   * NaN for other images and formats.
   */
  double stepRatio(int q) {
    if (tglSourceSteps == null) {
      return Double.NaN;
    }
    double[] own = new double[64];
    steps(scale(q), true, own);
    double sum = 0;
    int n = 0;
    for (int k = 0; k < 64; k++) {
      if (tglSourceSteps[k] > 0) {
        sum += Math.log(own[k] / tglSourceSteps[k]);
        n++;
      }
    }
    return sum / n;
  }

  /** The source JPEG's luma steps (natural order, 0 unknown), null if not a decoded JPEG. */
  double[] sourceSteps() {
    return sourceSteps;
  }

  /** Whether the 4:4:4 SSIM is scored at grid quality {@code q} (else interpolated). */
  private boolean scoresFull(int q) {
    return side == ChromaSide.BY_QUALITY ? (jpeg ? fullGridPoint(q) : tglFullAt(q))
        : fixedFullScored();
  }

  /** Whether the 4:4:4 size is estimated at grid quality {@code q} (else interpolated). */
  private boolean sizesFull(int q) {
    return side == ChromaSide.BY_QUALITY ? jpeg || tglFullAt(q) : fixedFullScored();
  }

  /**
   * A fixed side's 4:4:4 curve, at every grid quality: only for fixed 4:4:4, and not for a grey
   * image in .tgl, whose file has no chroma planes (its curve is the 4:2:0 one).
   */
  private boolean fixedFullScored() {
    return side == ChromaSide.FULL && (jpeg || !grayColour);
  }

  /**
   * .tgl's 4:4:4 side at grid quality {@code q}: every grid quality from 80, every 8th below,
   * where only graphics' fills reach and the curve is smooth; none for a grey sample, whose two
   * sides are one curve. Measured 29 Nov (session 11), photos, graphics and hold-out, median
   * thread CPU against one encode (and its SSIM): SSIM estimate 0.35 before the 4:4:4 side, 0.85
   * with it at every grid quality, 0.37 so (every 12th below 80: 0.43, and gnome_field 0.97's
   * fill 14% of the budget over); size estimate 0.32, 0.61, 0.48. Landings as at every grid
   * quality on all five sets.
   */
  private boolean tglFullAt(int q) {
    return !grayColour && fullGridPoint(q);
  }

  /** A grid quality where the 4:4:4 side is estimated ({@link #JPEG_FULL_FROM}). */
  private static boolean fullGridPoint(int q) {
    return q >= JPEG_FULL_FROM || q % 8 == 0;
  }

  /**
   * Where quality {@code m} lies between grid qualities {@code lo} and {@code hi}: in proportion
   * to the table scale, which sets the files' steps.
   */
  private double scaleShare(int lo, int m, int hi) {
    int s0 = scale(lo);
    return s0 == scale(hi) ? 0 : (s0 - scale(m)) / (double) (s0 - scale(hi));
  }

  /** The format's table scale at a whole quality, in hundredths of a percent. */
  private int scale(int quality) {
    return jpeg ? JpegEncodeOptions.tableScaleHundredths(quality * 100)
        : TargetSearch.tglScale(quality * 100);
  }

  /**
   * The next quality estimated: every 4th up to 80, every 2nd to 96 (JPEG: 94), then each (the
   * table steps change fastest at the top); the rest are interpolated. JPEG's 95 is estimated
   * since session 40, when 96 got tables of its own: interpolated between 94 and 96 by the table
   * scale it came out over the file (the size is convex in the scale there: on otho's
   * sk_retina_im85 the estimate at 95 went from 9 % to 14 % over), where it had read 96's
   * estimate, the same tables. Measured (TargetLanding, fine, the twelve sets): within
   * 3 encodes size 749 -> 751 of 759, jump targets 726 -> 730 of 750, SSIM 1,129 -> 1,128 of
   * 1,168.
   */
  private int next(int q) {
    return q < 80 ? q + 4 : q < (jpeg ? 94 : 96) ? q + 2 : q + 1;
  }

  /** -ln(1 - SSIM), the scale the searches fit and compare on (finite at SSIM 1). */
  static double distortion(double ssim) {
    return -Math.log(Math.max(1e-9, 1 - ssim));
  }

  /**
   * The mean SSIM estimate over the sampled blocks and R, G, B, into {@code out}: [0] with 4:2:0
   * chroma ({@code cbSub}, {@code crSub} per macroblock at {@code subChromaQ}, {@code subLoss} per
   * block; not scored when {@code cbSub} is null), [1] with 4:4:4 ({@code cbFull}, {@code crFull}
   * per block at {@code fullChromaQ}; not scored when {@code cbFull} is null). Both sides in one
   * pass, as they share the luma's quantization error (the larger part of the estimate's time).
   * {@code errors}: the caller's room for a block's luma, Cb and Cr quantization error.
   */
  private void score(double[][] y, double[][][] rgb, double[][] cbSub, double[][] crSub,
      double[] subLoss, double[][] cbFull, double[][] crFull, double[][][] signs,
      double[] lumaQ, double[] subChromaQ, double[] fullChromaQ, double[][] errors,
      double[] out) {
    double[] ey = errors[0];
    double[] ecb = errors[1];
    double[] ecr = errors[2];
    double subSum = 0;
    double fullSum = 0;
    int blocks = y.length;
    double cbE = 0;
    double crE = 0;
    // the JFIF weights that are not 0 (R takes no Cb, B no Cr: a term of 0 changes no sum)
    double wrR = CR_TO[0];
    double wbG = CB_TO[1];
    double wrG = CR_TO[1];
    double wbB = CB_TO[2];
    double[] cross = new double[3];
    double[] err = new double[3];
    for (int bi = 0; bi < blocks; bi++) {
      double spread = 0;
      if (trellis == null) {
        quantError(y[bi], signs[0][bi], lumaQ, true, ey);
      } else {
        spread = trellis.error(bi, y[bi], lumaQ, ey);
      }
      double[] xr = rgb[0][bi];
      double[] xg = rgb[1][bi];
      double[] xb = rgb[2][bi];
      // the channels' sums in one loop, each in its own order (the same values): independent
      // chains of additions side by side, where one channel's chain at a time waited on each
      if (cbSub != null) {
        double eyAc = spread;
        double cr = 0;
        double cg = 0;
        double cb = 0;
        for (int k = 1; k < 64; k++) {
          double e = ey[k];
          eyAc += e * e;
          cr += xr[k] * e;
          cg += xg[k] * e;
          cb += xb[k] * e;
        }
        if ((bi & 3) == 0) {
          // one chroma block per macroblock: its error energy spreads over the four luma blocks
          // (each chroma sample covers 2x2 pixels, a quarter of them in each)
          cbE = energy(quantError(cbSub[bi >> 2], signs[1][bi >> 2], subChromaQ, false, ecb));
          crE = energy(quantError(crSub[bi >> 2], signs[2][bi >> 2], subChromaQ, false, ecr));
        }
        // 4:2:0: the channel's error within the block is the luma error (chroma adds
        // uncorrelated energy)
        cross[0] = cr;
        cross[1] = cg;
        cross[2] = cb;
        for (int c = 0; c < 3; c++) {
          double e = eyAc + (sq(CB_TO[c]) * (cbE + subLoss[bi * 2]) + sq(CR_TO[c]) * (crE
              + subLoss[bi * 2 + 1]));
          subSum += blockSsim(rgb[c][bi][0], variance[c][bi], cross[c], e, ey[0]);
        }
      }
      if (cbFull != null) {
        quantError(cbFull[bi], signs[3][bi], fullChromaQ, false, ecb);
        quantError(crFull[bi], signs[4][bi], fullChromaQ, false, ecr);
        double cr = 0;
        double cg = 0;
        double cb = 0;
        double er = spread;
        double eg = spread;
        double eb = spread;
        for (int k = 1; k < 64; k++) {
          double l = ey[k];
          double r = l + wrR * ecr[k];
          double g = l + wbG * ecb[k] + wrG * ecr[k];
          double b = l + wbB * ecb[k];
          cr += xr[k] * r;
          er += r * r;
          cg += xg[k] * g;
          eg += g * g;
          cb += xb[k] * b;
          eb += b * b;
        }
        cross[0] = cr;
        cross[1] = cg;
        cross[2] = cb;
        err[0] = er;
        err[1] = eg;
        err[2] = eb;
        for (int c = 0; c < 3; c++) {
          fullSum += blockSsim(rgb[c][bi][0], variance[c][bi], cross[c], err[c],
              ey[0] + (CB_TO[c] * ecb[0] + CR_TO[c] * ecr[0]));
        }
      }
    }
    out[0] = subSum / (3.0 * blocks);
    out[1] = fullSum / (3.0 * blocks);
  }

  /**
   * One block's SSIM in one channel: {@code x0} its DC coefficient, {@code var} its AC variance,
   * {@code cross} and {@code err} the sums over its AC coefficients of the source times the error
   * and of the error squared, {@code dc} the error's DC coefficient.
   */
  private double blockSsim(double x0, double var, double cross, double err, double dc) {
    // per pixel: a block's 64 samples; the mean is DC / 8
    cross /= 64;
    // a decoded JPEG re-encoded on its own lattice decodes to the same pixels: the output's
    // rounding costs only where the block changes
    err = err / 64 + (!jpeg || sourceSteps == null ? ROUNDING : Math.min(ROUNDING, err / 64));
    double mu = x0 / 8 + 128;
    double muY = mu + dc / 8;
    double l = (2 * mu * muY + C1) / (mu * mu + muY * muY + C1);
    double s = (2 * var + 2 * cross + C2) / (2 * var + 2 * cross + err + C2);
    return l * s;
  }

  private static double energy(double[] e) {
    double s = 0;
    for (double v : e) {
      s += v * v;
    }
    return s;
  }

  /**
   * The error of quantizing a block with steps {@code q}: rounding with the dead zone of the
   * format (JPEG's trellis zeroes small values about as a dead zone of 0.15 of a step would;
   * .tgl's rounding offsets are format-lossy.md §9's), reconstruction at the step's multiple.
   */
  private double[] quantError(double[] coef, double[] sign, double[] q, boolean luma,
      double[] out) {
    double[] offsets = jpeg ? JPEG_OFFSET : luma ? TGL_LUMA_OFFSET : TGL_CHROMA_OFFSET;
    // the reconstruction signed by a multiplication, not a choice on the coefficient's sign:
    // random signs mispredicted that branch (half the estimate's time), and a loop without it
    // can run in vector lanes; the same values (for a negative coefficient -(level * q) - coef
    // is |coef| - level * q)
    for (int k = 0; k < 64; k++) {
      double level = (long) (Math.abs(coef[k]) / q[k] + offsets[k]);
      out[k] = level * q[k] * sign[k] - coef[k];
    }
    return out;
  }

  /** Per block, each coefficient's sign as -1 or 1 (that of -0.0 is -1: the same error). */
  private static double[][] signs(double[][] blocks) {
    double[][] out = new double[blocks.length][64];
    for (int b = 0; b < blocks.length; b++) {
      for (int k = 0; k < 64; k++) {
        out[b][k] = Abs.signOf(blocks[b][k]);
      }
    }
    return out;
  }

  /** Steps in orthonormal-DCT units, natural order, at a table scale in hundredths of a percent. */
  private void steps(int scale, boolean luma, double[] out) {
    double[] jpegBase = luma ? JPEG_LUMA_BASE : JPEG_CHROMA_BASE;
    for (int k = 0; k < 64; k++) {
      double s;
      if (jpeg) {
        // integer rounding as QuantTables does (positive values: truncation of x + 0.5)
        s = Math.max(1, Math.min(255, (long) (jpegBase[k] * scale / 10000.0 + 0.5)));
      } else {
        s = Math.max(0.5, Math.min(255, TGL_BASE[k] * scale / 10000.0));
      }
      out[k] = s;
    }
  }

  /**
   * QuantTables' psychovisual base in 1/8 units, natural order: b (1 + 4 r^p), DC b dc, r the
   * radial frequency over |(7, 7)|; luma b 15, p 1.2, dc 1.1; chroma (Cb 18 and Cr 14 averaged)
   * 16, p 1. Made once: an estimate asks for the steps at every quality of its grid, and in
   * the browser's Wasm Math.pow is a call out to JavaScript (3 % of the estimate's time in a
   * profile of the bench's searches when it ran per quality; the same values either way).
   */
  private static final double[] JPEG_LUMA_BASE = jpegBase(true);
  private static final double[] JPEG_CHROMA_BASE = jpegBase(false);

  private static double[] jpegBase(boolean luma) {
    double[] base = new double[64];
    for (int k = 0; k < 64; k++) {
      int u = k >> 3;
      int v = k & 7;
      double r = Math.sqrt(u * u + v * v) / Math.sqrt(98);
      base[k] = k == 0 ? (luma ? 15 * 1.1 : 16) : luma ? 15 * (1 + 4 * Math.pow(r, 1.2))
          : 16 * (1 + 4 * r);
    }
    return base;
  }

  /** .tgl's base table in natural order (format-lossy.md §6.1), the codec's own. */
  private static final int[] TGL_BASE = LossyCodec.baseTable();

  /** The zigzag position of each natural index (T.81 Figure A.6). */
  private static final int[] ZIGZAG_INDEX = new int[64];

  /** Rounding offsets in steps, natural order: DC to nearest, AC with the format's dead zone. */
  private static final double[] JPEG_OFFSET = new double[64];
  private static final double[] TGL_LUMA_OFFSET = new double[64];
  private static final double[] TGL_CHROMA_OFFSET = new double[64];

  static {
    for (int i = 0; i < 64; i++) {
      ZIGZAG_INDEX[SymbolCount.ZIGZAG[i]] = i;
    }
    for (int k = 0; k < 64; k++) {
      boolean low = ZIGZAG_INDEX[k] <= 5;
      JPEG_OFFSET[k] = k == 0 ? 0.5 : 0.35;
      TGL_LUMA_OFFSET[k] = k == 0 ? 0.5 : (low ? 26 : 22) / 64.0;
      TGL_CHROMA_OFFSET[k] = k == 0 ? 0.5 : (low ? 24 : 20) / 64.0;
    }
  }

  /**
   * The orthonormal 8x8 DCT of {@code src[off..]} with row stride {@code stride}. Each output
   * is a sum over x (then y) in order, the same value as one sum at a time; the eight outputs of
   * a row or column grow side by side, eight independent additions in flight where one sum
   * waited on each of its own (half the time).
   */
  static void dct(double[] src, int off, int stride, double[] out, double[] tmp) {
    for (int y = 0; y < 8; y++) {
      weightedRows(src, off + y * stride, 1, COS_T, tmp, y * 8);
    }
    for (int v = 0; v < 8; v++) {
      weightedRows(COS_T, v, 8, tmp, out, v * 8);
    }
  }

  /**
   * {@code out[o + u]} = the sum over i = 0..7, in order, of {@code w[from + i * step]} times
   * {@code m[i * 8 + u]}: one pass of {@link #dct} (a row of samples against the basis, or a
   * column of the basis against the rows' outputs).
   */
  private static void weightedRows(double[] w, int from, int step, double[] m, double[] out,
      int o) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    for (int i = 0; i < 8; i++) {
      double c = w[from + i * step];
      int r = i * 8;
      s0 += c * m[r];
      s1 += c * m[r + 1];
      s2 += c * m[r + 2];
      s3 += c * m[r + 3];
      s4 += c * m[r + 4];
      s5 += c * m[r + 5];
      s6 += c * m[r + 6];
      s7 += c * m[r + 7];
    }
    out[o] = s0;
    out[o + 1] = s1;
    out[o + 2] = s2;
    out[o + 3] = s3;
    out[o + 4] = s4;
    out[o + 5] = s5;
    out[o + 6] = s6;
    out[o + 7] = s7;
  }

  private static double sq(double v) {
    return v * v;
  }

  /**
   * The i-th of {@code count} samples from {@code total} units in raster order: one from each of
   * count equal runs, at a golden-ratio offset inside its run (a plain stride dividing the row
   * length would sample a few columns only). Also {@link KnobProbe}'s tiles.
   */
  static int sampleAt(int i, int count, int total) {
    double run = total / (double) count;
    double jitter = i * 0.6180339887 - (long) (i * 0.6180339887);
    return Math.min(total - 1, (int) (i * run + jitter * run));
  }
}
