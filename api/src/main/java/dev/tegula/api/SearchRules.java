package dev.tegula.api;

/**
 * Which of the target searches' later rules ({@link Rule}) are on: every one in {@link
 * #DEFAULT}, which is what the library runs. Each can be turned off to give the rule it
 * replaced, so that a measurement (TargetLanding) or a test can compare the two on the same
 * images.
 *
 * <p>An estimate ({@link SsimCurve}, {@link SizeCurve}) is made under one set of rules and
 * carries it; the search on that estimate, and the knob helpers it calls ({@link TrellisKnob}),
 * follow the same set. An immutable value rather than switches in static fields, so that two
 * searches in one JVM (the server, tests running in parallel) never see each other's.
 *
 * <p>A set of switches over an enum, so that a new rule is one constant and its switch, and
 * a measurement turns rules off by name ({@code DEFAULT.with(Rule.FAR_PASS, false)}).
 */
final class SearchRules {
  /** The rules a measurement can switch off, each with the rule it replaced. */
  enum Rule {
    /**
     * Whether JPEG's trellis knob asks the image's {@link KnobProbe} where the lambda lands; off:
     * the knob's rules before the probe (its slope guessed from the measured files, no probed third
     * encode).
     */
    KNOB_PROBE,

    /**
     * Whether the SSIM search takes the knob below x1 from a failure just under the target ({@link
     * TrellisKnob#ssimBelow}, which needs {@link #KNOB_PROBE} too); off: no such encode, the search
     * goes on with the quality.
     */
    KNOB_BELOW_X1,

    /**
     * Whether a decoded JPEG's bracket line ({@link SsimSearch#JPEG_BRACKET_LINE}) runs in minus
     * the mean log of the luma steps each quality's integer tables really have; off: in the log of
     * the smooth table scale, the rule before session 12.
     */
    BRACKET_LINE_ON_TABLES,

    /**
     * Whether JPEG SSIM searches on images other than decoded JPEGs blend in the line through a
     * bracket's ends ({@link SsimSearch#JPEG_OTHER_BRACKET_LINE}); off: their brackets on the
     * estimate's shape alone, the rule before session 10.
     */
    OTHER_BRACKET_LINE,

    /**
     * Whether .tgl's SSIM estimate of a decoded JPEG takes the corrections by the step ratio
     * (SsimCurve's TGL_SOURCE_BIAS and its grey and 4:4:4 tables); off: the rules before session 13
     * (no such correction; grey sources the grey fit set's median by the quality).
     */
    TGL_SOURCE_CORRECTION,

    /**
     * Whether a decoded colour JPEG whose luma table is not libjpeg's Annex K scaling has its 4:2:0
     * chroma scored with the JPEG encoder's pre-emphasis and its own correction (SsimCurve's
     * OTHER_SOURCE_BIAS); off: estimated and corrected as an Annex K one, the rule before session
     * 13.
     */
    EMPHASIS_ON_OTHER_TABLES,

    /**
     * Whether .tgl's size estimate of a decoded JPEG takes the correction by the step ratio ({@link
     * SizeCurve}'s TGL_SUB_SOURCE_BIAS and its 4:4:4 and grey tables); off: the corpus photos'
     * median alone, the rule before session 14.
     */
    TGL_SIZE_SOURCE_CORRECTION,

    /**
     * Whether a search whose three encodes left a pass outside the band (SSIM over it, size under
     * it) and a failure on its other side spends a fourth encode between them; off: it returns that
     * pass after three, the rule before session 14.
     */
    FOURTH_IN_BRACKET,

    /**
     * Whether a .tgl SSIM search with nothing passing after two encodes aims its third at the
     * band's middle, as a third over the band now costs a fourth encode as one under it does, and
     * draws a line flat between its two latest points from the farthest one (with {@link
     * #FOURTH_IN_BRACKET} only); off: past the target by a share of the last shortfall
     * (SsimSearch's TGL_MARGIN), every line through the two latest, the rules before session 15.
     */
    TGL_THIRD_AT_AIM,

    /**
     * Whether a JPEG SSIM search reads its third quality (after two encodes at a quality) on the
     * real encoder's curve of a mosaic of the image's tiles ({@link MosaicCurve}, {@link
     * JpegMosaicThird#third}), blended with the model fitted through the two; off: on the fitted
     * model alone, the rule before session 16.
     */
    JPEG_MOSAIC_THIRD,

    /**
     * Whether a .tgl SSIM search on the image's own curve places its first encode by the image's
     * own lift ({@link TglProbe}: the real encoder on a mosaic of sampled tiles) in place of the
     * corpus median's; off: the estimate alone, the rule before session 16.
     */
    TGL_PROBE,

    /**
     * Whether a JPEG SSIM search's third encode leans on what its own two files measured: the
     * probed knob's lambda from {@link KnobProbe}'s SSIM slope blended with the SSIM its files
     * bought per byte times the probe's size slope ({@link KnobProbe#lnLambdaForSsim(double,
     * double)}, colour images), the secant of a decoded JPEG's two knob files to the probe's power
     * of ln lambda ({@link TrellisKnob#ssimSecant}), and after two passes a third stepping short of
     * the aim (SsimSearch's JPEG_PASS_STEP_GAIN); off: the probe's SSIM slope alone, a straight
     * secant in ln lambda and the third aimed at the aim, the rules before session 17.
     */
    JPEG_THIRD_FROM_FILES,

    /**
     * Whether an SSIM search whose pass still lies far over the band after its third (or fourth)
     * encode, by bytes, goes on between that pass and its failure (SsimSearch's farOver); off: it
     * returns that pass, the rule before session 17.
     */
    FAR_PASS,

    /**
     * Whether a .tgl SSIM search reads its second encode, and its third inside a bracket (a failure
     * and a pass after two encodes), on the real encoder's curve of a mosaic of the image's tiles
     * as well as on the line fitted through its files ({@link TglMosaicPick}); off: on the fitted
     * line alone, the rule before session 17.
     */
    TGL_MOSAIC,

    /**
     * Whether a .tgl SSIM search whose first two encodes both pass or both fail reads its third on
     * the mosaic's rise from the file nearer the aim, blended with the line through the two ({@link
     * TglMosaicPick#outside}); off: on that line alone, the rule before session 18.
     */
    TGL_MOSAIC_OUTSIDE,

    /**
     * Whether a JPEG SSIM search reads its mosaic third ({@link #JPEG_MOSAIC_THIRD}) on a larger
     * mosaic of the image ({@link MosaicCurve#LARGER_TILE}-pixel tiles, up to a third of the image)
     * and, inside a bracket, on that mosaic alone (JpegMosaicThird.SHARE_IN_BRACKET), and
     * whether a first file passing within {@link TrellisKnob#SECANT_SPAN_WIDE} of the aim takes the
     * knob's secant on any image; off: {@link KnobProbe}'s mosaic blended {@link #MOSAIC_SHARE}
     * with the model everywhere and the secant on decoded JPEGs within {@link
     * TrellisKnob#SECANT_SPAN}, the rules before session 18.
     */
    JPEG_LARGER_MOSAIC,

    /**
     * Whether .tgl's reads on the mosaic ({@link #TGL_MOSAIC}, {@link #TGL_MOSAIC_OUTSIDE}) step
     * past their candidates when every one lies on one side of the aim, and stop at a candidate
     * whose blend lies within {@link TglMosaicPick#NEAR_ENOUGH} band widths of it; off: a read
     * whose candidates do not straddle the aim returns the fitted line's pick, and every read
     * codes its candidates until they repeat, the rules before session 19.
     */
    TGL_MOSAIC_BEYOND,

    /**
     * Whether a JPEG SSIM search on a decoded JPEG places its first encode by the image's own
     * offset from the estimate, measured by {@link JpegProbe} (the real encoder on a mosaic of 4
     * tiles of 128x128 at the estimate's first aim, calibrated by quality) when that offset is at
     * least {@link JpegProbe#MIN_SHIFT}; off: the estimate alone, the rule before session 19.
     */
    JPEG_PROBE,

    /**
     * Whether a JPEG SSIM search reads its second encode on {@link JpegProbe}'s mosaic ({@link
     * JpegMosaicPick}): the mosaic's rise from the first file's code (its share of the blend with
     * the model, {@link JpegMosaicPick#SHARE}, is 1); off: the model shifted through the first
     * file alone, the rule before session 19.
     */
    JPEG_PROBE_SECOND,

    /**
     * Whether JPEG's probed knob third (a pass's tables with the trellis lambda above x1, {@link
     * TrellisKnob#ssimKnob}) is aimed at {@link TrellisKnob#SHARE_AFTER_FAILURE} of the way to the
     * aim when a failure came before, {@link TrellisKnob#SHARE_AFTER_PASSES} after two passes, and
     * read on {@link JpegProbe}'s mosaic too: the mosaic coded at the pass's tables at x1 and at
     * the lambda {@link KnobProbe} picks, its move there on the probe's power of ln lambda,
     * blended in the log with the probe's ({@link TrellisKnob#MOSAIC_KNOB_SHARE}); off: 0.75 of
     * the way ({@link TrellisKnob#PROBE_SHARE}) on KnobProbe's slope (with the files' SSIM per
     * byte) alone, the rule before session 20. TargetLanding, fine scale, JPEG SSIM, within 3
     * encodes, same cache and session, off -> on: tuned on (photos, graphics, fitc, fitg, othf)
     * 544 -> 547 of 576 (5 won, 2 lost), never tuned on (hold-out, otho, othg) 313 -> 321 of 360
     * (13 won, 5 lost); encodes unchanged (1,321 and 895). Why, and the shares tried: {@link
     * TrellisKnob#SHARE_AFTER_FAILURE}.
     */
    JPEG_KNOB_MOSAIC,

    /**
     * Whether JPEG's second-encode read ({@link JpegMosaicPick#second}) steps past its candidates
     * when all of them lie on one side of the aim ({@link TglMosaicPick#crossing} with {@code
     * beyond}, as .tgl's {@link #TGL_MOSAIC_BEYOND}), after a first file that passed or on grey
     * files; off: it interpolates only, the rule before session 20. Why: stepping past on every
     * search (the lead's trial of session 19, again in session 20) landed 544 -> 540 of the 576
     * JPEG SSIM searches tuned on and 313 -> 330 of the 360 never tuned on: 10 of its 12 losses
     * tuned on were colour decodes whose first file failed 5-14 band widths under the band, where
     * the mosaic rose less than the image and the step past put the second 1.5-3.6 band widths
     * over it (the lambda third then under); on grey files the probe's mosaic reads the image
     * about right (its first-encode shift 0.8-1.0 of the image's offset, session 20). Measured
     * (TargetLanding fine scale, same cache and session, off -> on, alone): tuned on 544 -> 546
     * of 576 (4 won, 2 lost), never tuned on 313 -> 330 of 360 (20 won, 3 lost), encodes 1,321
     * -> 1,299 and 895 -> 852.
     */
    JPEG_SECOND_BEYOND,

    /**
     * Whether a colour image's rise over the estimate that {@link JpegProbe} measures at a
     * decoded JPEG's first aim (a positive shift on the 4:2:0 side, {@link #JPEG_PROBE}) counts
     * less towards the highest targets: fully up to SSIM 0.95, not at all from 0.99, linearly in
     * -ln(1 - SSIM) between ({@link JpegProbe#riseShare}); off: fully at every target, the rule
     * before session 20. Why: where session 19's shift was applied, the image's own offset from
     * the estimate was a median 0.96, 1.09, 0.54 and 0.19 of a colour image's positive shift at
     * 0.90, 0.95, 0.97 and 0.99 (negative shifts and grey images 0.8-1.0), so the first file
     * fell far under the band at 0.99 (otho sk_retina_tg70 15 band widths). The cause is the
     * mosaic's estimate counting a chroma loss across its tiles' seams (see JpegProbe's notes);
     * estimating without the seams measured better but landed fewer. Measured (same cache and
     * session, off -> on): alone, tuned on 544 -> 549 of 576 (6 won, 1 lost), never tuned on
     * 313 -> 312 of 360 (3 won, 4 lost); with {@link #JPEG_SECOND_BEYOND}, 546 -> 550 and 330 ->
     * 330; none at all (every target): 541 and 308.
     */
    JPEG_PROBE_COLOUR_RISE,

    /**
     * Whether a .tgl size search's third encode after two files on one side of the target (two
     * passes, or two failures but for the jump's first fill) steps 1/{@link
     * SizeSearch#TGL_ONE_SIDED_GAIN} of the way the fit predicts from the nearer file to the
     * aim ({@link SizeSearch#oneSidedAim}); off: the whole way, the rule before session 21.
     * Why: outside a bracket the fit through the two latest files extrapolates, and .tgl's file
     * moved further than predicted (a median 1.08 and a mean 1.24 times the way on the tuned-on
     * sets, 1.20 and 1.34 on the never-tuned), so such thirds went over the band after two passes
     * just under it and under it after two failures over it. Measured 30 Nov (session 21),
     * TargetLanding fine scale, .tgl size 20-500 KB, same cache and session, off -> on, within 3
     * encodes: tuned-on sets 534 -> 534 of 544 (no search won or lost; of the 17 thirds it moved
     * 16 land either way, a mean 0.0060 -> 0.0057 in ln bytes from the aim; encodes 1,043 ->
     * 1,043), never tuned on 256 -> 261 of 274 (6 won, 1 lost; encodes 619 -> 614; of 39 moved
     * thirds 31 -> 36 in the band); the tuned-on sets the same at every gain tried, the never-tuned
     * 259, 260, 260 with gains 1.1, 1.15, 1.3 after two passes alone, 258 and 257 with 1.1 and 1.2
     * after two failures alone, 261 with 1.2 for both. JPEG's thirds after two passes moved
     * further too (a median 1.61 times the way, 9 on the tuned-on sets) but the same step lost
     * on the never-tuned sets (gains 1.15-1.5: tuned on +1 to +2, never tuned on 0 to -1; JPEG's
     * tables step over the band there in one to three hundredths), so JPEG keeps the whole way.
     */
    TGL_SIZE_ONE_SIDED,

    /**
     * Whether {@link TglProbe}'s model of its mosaic keeps each macroblock's ring of chroma
     * samples inside the macroblock's tile ({@link SsimCurve#modelOfMosaic(dev.tegula.core.Image,
     * int, dev.tegula.jpeg.JpegEncodeOptions.Subsampling, boolean, int)}), with no calibration on
     * the 4:2:0 side from quality 25 on (TglProbe's SEAMLESS_CALIBRATION); off: the rings reach
     * across the seams into the neighbouring tile, a 4:2:0 chroma loss the image does not have,
     * and the calibration by quality stands for it, the rule before session 21. Why: on main's
     * .tgl SSIM searches (30 Nov, session 21, all 8 sets) the seams lowered the mosaic's model a
     * median 0.3, 0.6, 1.1 and 3.2 band widths on colour images at 0.90, 0.95, 0.97 and 0.99 (up
     * to 33 on sk_retina's decodes at 0.99, 15 on astronaut's), and grey images took the
     * calibration without having seams; the probe's error against the whole image at its code,
     * median |error| / searches over 6 band widths, tuned on 1.77 / 58 of 576 -> 1.49 / 24, never
     * tuned on 2.40 / 58 of 360 -> 1.64 / 31. Measured 30 Nov (session 21), TargetLanding fine
     * scale, .tgl SSIM 0.90-0.99, same cache and session, within 3 encodes, off -> on: with
     * {@link #TGL_SECOND_ON_MOSAIC}, tuned on (photos, graphics, fitc, fitg, othf) 543 -> 556 of
     * 576, never tuned on (hold-out, otho, othg) 335 -> 335 of 360; alone (the second rule off)
     * 550 -> 549 and 331 -> 332, the first files nearer the band but the later encodes tuned to
     * firsts further off.
     */
    TGL_PROBE_SEAMLESS,

    /**
     * Whether every .tgl SSIM search reads its second encode on the mosaic's rise alone ({@link
     * TglMosaicPick#ALONE_SHARE}); off: the mosaic blended half and half with the fitted line
     * ({@link TglMosaicPick#SECOND_SHARE}), the rule before session 20. Between the two, session
     * 20's TGL_FAR_SECOND read the mosaic alone only after a first file more than 6 band widths
     * under the aim; this rule made it a no-op and it was retired in session 23, so the figures
     * below, measured with it on the off side, are its history, not this switch's. Why: the
     * mosaic alone was the better predictor of the second at every distance of the first
     * (session 20), but read after main's firsts it landed fewer (tuned on 550 -> 543 of 576):
     * firsts far over the aim, where the probe's seams had put them. With {@link
     * #TGL_PROBE_SEAMLESS} it lands more. Measured 30 Nov (session 21), TargetLanding fine
     * scale, .tgl SSIM 0.90-0.99, same cache and session, within 3 encodes, off -> on, with
     * TGL_PROBE_SEAMLESS: tuned on 549 -> 556 of 576, never tuned on 332 -> 335 of 360. Both
     * rules against neither (main): tuned on 550 -> 556 (17 won, 11 lost; encodes 1,298 ->
     * 1,223; within 2 encodes 363 -> 428), never tuned on 331 -> 335 (13 won, 9 lost; 868 ->
     * 815; 206 -> 255); with the caller's 4:4:4 (photos, graphics, fitc) 205 -> 206 of 216 (488
     * -> 468 encodes), grey output 203 -> 205 (521 -> 467).
     */
    TGL_SECOND_ON_MOSAIC,

    /**
     * Whether the third of JPEG's knob secant ({@link TrellisKnob#ssimSecant}: a first file
     * passing near the aim, its tables at a probed lambda, then at the lambda the two files' own
     * slope puts at the aim) runs on a steeper power of ln lambda ({@link
     * TrellisKnob#SECANT_POWER}) in place of {@link #JPEG_THIRD_FROM_FILES}'s (and only with
     * it); off: KnobProbe's {@link KnobProbe#SSIM_POWER}, the rule of session 17. Why: of
     * main's 57 secant thirds on all eight sets (session 21), the 4 that
     * missed all went just under the target (-0.03 to -0.16 band widths) extrapolating past a
     * second over the band, while the thirds between x1 and a second under the target landed
     * high (up to the band's top): the whole image's move is more convex in ln lambda than the
     * probe's power there. Measured 30 Nov (session 21), TargetLanding fine scale, same cache and
     * session, off (line for line main) -> on, within 3 encodes: tuned on 555 -> 557 of 576 (2
     * won: fitc hubble_deep_field_q88 0.99, othf hubble_deep_field_q93 0.99; none lost), never
     * tuned on 329 -> 330 of 360 (2 won: othg coffee_im85 and rocket_hvs92s 0.99; 1 lost: otho
     * sk_coins_q75s 0.99, now 1.03 band widths over); encodes unchanged (1,296 and 845); at
     * power 1.4 556 and 331 (no search lost), 1.6 556 and 330. With the caller's 4:4:4 (photos,
     * graphics, fitc; fresh encodes, off then on) 205 -> 206 of 216 (3 won, 2 lost: thirds now
     * 0.06-0.14 band widths over), grey output 200 -> 200 (nothing changed).
     */
    JPEG_SECANT_POWER,

    /**
     * Whether the knob below x1 ({@link TrellisKnob#ssimBelow}) reads {@link JpegProbe}'s mosaic
     * at its lambda too, blended half and half in the log with {@link KnobProbe}'s slope as
     * {@link #JPEG_KNOB_MOSAIC} reads the knob above x1, aimed at {@link
     * TrellisKnob#BELOW_MOSAIC_AIM} of the need ({@link TrellisKnob#belowMosaicRead}); off: the
     * probe's slope alone, scaled by {@link TrellisKnob#BELOW_SCALE} (session 11). Why: of the
     * misses left on the tuned-on sets with {@link #JPEG_SECANT_POWER}, 6 of 19 ended on a
     * below-x1 third (4 under the target, 2 over the band), whose probe erred both ways; the whole
     * image coded at x0.6-x1 at the tables of main's 118 below thirds rose from x1 to x0.9 by the
     * probe's prediction with a spread of 0.43 in the ln, by the mosaic's with 0.34 (see {@link
     * TrellisKnob#BELOW_MOSAIC_AIM}). Measured 30 Nov (session 21), TargetLanding fine scale,
     * same cache and session, with {@link #JPEG_SECANT_POWER} on both sides, off -> on, within 3
     * encodes: tuned on 557 -> 559 of 576 (3 won: fitc hubble_deep_field_q95 0.95, othf
     * astronaut_hvs92s and coffee_q93 0.99; 1 lost: othf rocket_tg70 0.95, its third one lambda
     * hundredth lower on a stair, 0.89 -> 1.28 band widths), never tuned on 330 -> 332 of 360 (2
     * won, none lost), encodes 1,296 -> 1,294 and 845 -> 845; the below thirds in the band 67 ->
     * 69 of 73 and 42 -> 44 of 45. With the caller's 4:4:4 (photos, graphics, fitc) 206 -> 207
     * of 216 (2 won, 1 lost), grey output 200 -> 201 (1 won). Costs one more code of the
     * mosaic per below third (about one search in eight).
     */
    JPEG_BELOW_MOSAIC,

    /**
     * Whether JPEG's mosaic third after two files on one side of the target, two failures or two
     * passes (JpegMosaicThird.third, {@link #JPEG_MOSAIC_THIRD}), reads the mosaic alone, as
     * inside a bracket, and looks for the mosaic's crossing of the aim on the quality
     * (TargetSearch's qualityAtLeast) rather than on the model fitted through the two files;
     * off: the mosaic blended {@link JpegMosaicThird#SHARE} with that model, its crossing on
     * the model's values, the rule of session 16. Why: at main's thirds after two failures
     * (session 22, all eight sets) the mosaic's map at the encoded quality was the better
     * predictor of the measured third (a median +0.05 band widths off, mean |0.67|, on the
     * tuned-on sets; the model fitted through the two failures +0.68, |1.95|), but the blend and
     * a crossing on the model's values, nearly flat where a decoded JPEG's stairs climb, left
     * the read's candidates far over the aim (fitg astronaut_g88 0.90: 2405, 2198, 2183 at +10,
     * +7.7, +7.4 band widths on the mosaic, +7.4 measured, where 16.80-17.31 land); after two
     * passes, 4 thirds at a quality on all eight sets, all went under the target (fitg
     * rocket_g60 0.95 at 26.98, 4.1 band widths under, where 29.53-31.04 land). Measured 30 Nov
     * (session 22), TargetLanding fine scale, same cache and session, off (line for line main)
     * -> on, within 3 encodes: tuned on 559 -> 562 of 576 (5 won: fitc astronaut_q70 0.95 and
     * astronaut_q95 0.99, fitg astronaut_g88 0.90 and rocket_g60 0.95, othf coffee_im85 0.99; 2
     * lost: othf astronaut_tg70 0.97 and riaphotographs_q75s 0.99, thirds now 0.2 and 0.0 band
     * widths under the target), never tuned on 332 -> 334 of 360 (2 won, none lost); encodes
     * 1,294 -> 1,286 and 845 -> 845; the thirds after two failures in the band 9 -> 11 of 15
     * (tuned on) and 13 -> 14 of 20; bytes over the smallest passing file over 5 % 4 -> 2 of 936.
     * After two failures alone 561 and 333; the mosaic alone without the crossing on the
     * quality 558 and 333, that crossing with the blend 559 and 333; the crossing on the quality
     * inside a bracket too 560 and 333 (not kept).
     */
    JPEG_ONE_SIDED_ON_MOSAIC,

    /**
     * Whether a .tgl SSIM search whose first encode, the estimate shifted by {@link TglProbe}'s
     * read at its own code, lies {@link TglMosaicPick#FIRST_FROM} or more from that code reads
     * it on the mosaic's rise from the probe's code instead ({@link TglMosaicPick#first}, as a
     * second is read from a first file); off: the shifted estimate's pick, the rule before
     * session 22. Why: the probe reads the image about right at its own code (a median error
     * of 1.3-2.3 band widths at 0.95-0.99 on the decoded-JPEG sets), but a constant shift of the
     * estimate carries that read badly over several qualities: 156 of main's 936 firsts on the
     * 8 sets lay more than 6 band widths off, and the probe's read carried on the mosaic's rise
     * would have put 37 of them there (a median 8.1 -> 3.7 band widths). The worst are kinks at
     * a decoded JPEG's own quality (othg hubble_deep_field_tg90 0.95: probe at 87.30, shift 44
     * band widths, first at 40.55, 105 under the target; now 81.80, 14 under). Measured 30 Nov
     * (session 22), TargetLanding fine scale, .tgl SSIM 0.90-0.99, same cache and session,
     * within 3 encodes, off (line for line main) -> on: tuned on (photos, graphics, fitc, fitg,
     * othf) 556 -> 559 of 576 (5 won, 2 lost; encodes 1,223 -> 1,205), never tuned on
     * (hold-out, otho, othg) 335 -> 339 of 360 (6 won, 2 lost; 815 -> 793); firsts over 6 band
     * widths off 83 -> 37 and 73 -> 45 (a median 2.06 -> 1.78 and 2.28 -> 2.00). With the
     * caller's 4:4:4 (photos, graphics, fitc) 206 -> 205 of 216 (graphics gnome_field 0.90 and
     * 0.97 lost, fitc hubble_deep_field_q95 0.90 won; encodes 468 -> 462), grey output 205 ->
     * 208 (467 -> 448). Costs up to 3 mosaic codes (about a quarter of an encode each on the
     * sets' images) in the searches it reads (at least the 161 and 123 of 576 and 360 whose
     * first it moved), the probe's own mosaic code taken over (not timed).
     * On the rule tests' photo crops (TglMosaicPickTest's images) it does not gain (302 -> 301
     * of 320, 662 -> 682 encodes): see TglFirstOnMosaicTest.
     */
    TGL_FIRST_ON_MOSAIC,

    /**
     * Whether a JPEG SSIM search whose first two encodes both pass and lie on a plateau (less
     * than {@link TrellisKnob#PLATEAU} apart, {@link TrellisKnob#onPlateau}) takes the probed
     * knob at the lower pass's tables for its third at any distance from the aim (the probe
     * still has to reach it by {@link TrellisKnob#KNOB_MAX}); off: only within {@link
     * TrellisKnob#PROBE_SPAN}, else a quality third, the rule before session 23. Why: on a
     * plateau the two passes give the quality no slope, so the model fitted through them throws
     * the third far (fitg astronaut_g60 0.99, a decoded quality-60 grey JPEG: 64.49 and 64.41
     * passed +3.9 and +4.0 band widths over the target, the lower quality's file the larger,
     * 26,057 against 26,051 bytes; the quality third went to 59.56, 14.2 band widths under, and a
     * fourth to 64.27, +4.1), while the lambda at fixed tables still lowers SSIM smoothly. Measured
     * 30 Nov (session 23), TargetLanding fine scale, same cache and session, off (line for line
     * main) -> on, within 3 encodes: tuned on 562 -> 563 of 576 (1 won: that search, now 64.41
     * x1.19 +0.83 band widths, 0.9 % smaller; nothing else changed), never tuned on 334 -> 334 of
     * 360 (no search changed); encodes 1,286 -> 1,285 and 845 -> 845. Not kept: a span of 0.15
     * after any two passes, plateau or not: the same win and a loss (otho sk_moon_tg70 0.90,
     * passes +19.3 and +4.9 band widths, the knob at x3.99 1.3 over the band).
     */
    JPEG_KNOB_ON_PLATEAU,

    /**
     * A JPEG size search's third after two passes fits the image's own estimate shifted through
     * the nearer pass (b = 1, {@link FittedCurve#shiftFromEnd}) instead of through both passes.
     * The second pass fell short of the band because the image climbed less than the estimate
     * between the two: the fitted slope was under 1 in all 20 such thirds of main's searches on
     * the eight sets (0.22-0.85), while the image climbed above the second a median 0.9 times
     * the estimate, so the thirds moved a median 1.45 times the way (7 of 20 over the band).
     * TargetLanding, JPEG size, all eight sets, same cache and session, off -> on: tuned on 428
     * -> 430 of 437 (graphics gnome_field 20 KB and othf hubble_deep_field_q75s 20 KB won,
     * none lost; encodes 846 -> 843), never tuned on 183 -> 183 of 191 (otho sk_retina_flat80
     * 500 KB won, sk_retina_im85 200 KB lost: session 21's stair, 96.80 now 3.1 % under; 423 ->
     * 421); of 17 changed results 13 smaller (SSIM a median 0.00014 lower), fitg
     * hubble_deep_field_g75 200 KB now stops at 3 encodes 3.0 % under (1.35 % after 4 before).
     * On the rule tests' images (TglMosaicPickTest's) 370 -> 377 of 384, thirds 9 -> 16 of 17
     * in the band: JpegSizeThirdTest. Session 21's fixed gains on these thirds (1/1.15-1/1.5 of
     * the way) gained one search at most. .tgl (TGL_SIZE_ONE_SIDED) unchanged.
     */
    JPEG_SIZE_ONE_SIDED_SHIFT,

    /**
     * A .tgl size search's line inside a bracket ({@link FittedCurve#lineInBracket}) runs in
     * minus the mean log of the steps each quality's table really has, floor included ({@link
     * TargetSearch#tglStepLog}), instead of minus the log of the table scale plus 2 (the rule
     * before, FittedCurve's logScale, whose offset stood for the steps' floor of 8/16). From 98
     * to 99 and from 99 to 100 the steps' mean log moves about ln 2 each and a file climbs about
     * equally in both (fitc astronaut_q95: 0.33, 0.32 in ln bytes), while the scale's offset log
     * moves 0.41 and 0.69: a bracket around 99 read on it sent its third over the band (fitc
     * astronaut_q95 200 KB: 98.59 and 99.09, the third at 98.99 +1.2 band widths; on the steps'
     * mean log ln bytes per unit 97 -> 98.5 -> 99.1 -> 100 are 0.48, 0.50, 0.46, on the offset
     * log 0.68, 0.81, 0.48). Measured 30 Nov (session 24), TargetLanding .tgl size, all eight
     * sets, same cache and session, off (line for line main) -> on, within 3 encodes: tuned on
     * 534 -> 535 of 544 (won fitc astronaut_q95 200 KB and chelsea_q95 100 KB, lost othf
     * hubble_deep_field_q75s 20 KB on its plateau, 23.73 19,486 B and 23.75 19,296 B; encodes
     * 1,043 -> 1,042), never tuned on 261 -> 265 of 274 (won otho conf_libjxl_rgb_crop_dct80
     * and _q93 200 KB, sk_moon_tg70 20 KB, sk_retina_flat80 20 KB; none lost; 614 -> 610).
     * Thirds inside a bracket whose upper end is at 97 or above: in the band 24 -> 26 of 26 and
     * 19 -> 22 of 22, a median distance from the band's middle 0.11 -> 0.08 and 0.20 -> 0.13
     * band widths. Of 86 results changed 53 larger, 24 smaller. JPEG size and every SSIM search
     * line for line main. Not kept: the same line for .tgl's thirds after two passes or two
     * failures from 97 up (1 won on each side, thirds after two passes a median 0.50 -> 0.28
     * band widths on the tuned-on sets), and .tgl SSIM's line in the step (lineInStep) on the
     * same axis (tuned on 559 -> 557, never tuned on 339 -> 337).
     */
    TGL_SIZE_STEP_LINE,

    /**
     * .tgl reads on its mosaic ({@link TglMosaicPick}) across the 97 jump when the files are
     * grey ({@link SsimCurve#greyFiles}): the jump is a change of chroma, which grey files do not
     * carry, so the mosaic's rise from a code at 97 or above to one under it is the image's as
     * much as any other; off: such reads return the fitted line's pick (the rule before). Why:
     * on smooth grey content .tgl's lift over the model climbs steeply at the top (fresh's
     * sk_clock_motion, measured minus modelled -ln(1 - SSIM) 0.08 at 92, 0.36 at 96, 0.67 at 98),
     * so a probe at 97.2 (where the estimate aims 0.99) shifts the whole estimate by it and puts
     * the first at 59.16, 20 band widths under the target; the first read on the mosaic ({@link
     * Rule#TGL_FIRST_ON_MOSAIC}) would have caught it, but stopped at the jump. Measured 30 Nov
     * (session 24), TargetLanding .tgl SSIM fine scale, same cache and session, off (line for
     * line main) -> on: every search of the eight sets line for line the same (tuned on 559 of
     * 576, never tuned on 339 of 360; encodes 1,205 and 793), and of fitsm and 10 motion-blurred
     * grey photos (64 of 80, 32 of 40); the rule tests' images (TglMosaicPickTest's) unchanged.
     * It moves only that kind of search: sk_clock_motion 0.99 6 -> 3 encodes, its first at 91.21
     * (12 band widths under). A grey image whose estimate aims 0.99 at 97 or above is rare: a
     * very smooth, low-contrast one.
     */
    TGL_GREY_ACROSS_JUMP,
    /**
     * .tgl's estimate of smooth content ({@link Smoothness}: most of the sampled luma's AC
     * energy in its lowest frequencies) takes a correction of its own on top of TGL_BIAS, in
     * proportion to the smoothness: deblocking and lapping rebuild the gradients the quantizer
     * zeroes, which lifts SSIM over the photos' correction by up to 1.1 in -ln(1 - SSIM) at
     * qualities 15-45, less towards 90, and at 98-100 on grey files the lift keeps rising where
     * the photos' correction falls (colour files there sit under it). Before: TGL_BIAS alone.
     * Measured 30 Nov (session 25, TargetLanding ssim -Donly=TGL, fine, same cache), off -> on:
     * fitsm (tuned on, the blurred photos it was fitted on) 64 -> 66 of 80 within 3 encodes (7
     * won, 5 lost), in the band 66 -> 72, encodes 201 -> 186, bytes over the smallest passing
     * file 90th percentile 11.1 -> 1.9 %; the other tuned-on sets line for line (597 of 616: none
     * reaches the weight); never tuned on 339 -> 341 of 360 (3 won, 1 lost, encodes 793 -> 792;
     * only sk_retina and its decodes move).
     */
    TGL_SMOOTH_CORRECTION,
    /**
     * JPEG's estimate of smooth content takes a correction of its own too, in proportion to
     * {@link Smoothness}: on blurred photos its files sit over the photos' correction at
     * qualities 15-60 (colour 0.4-0.5, grey 0.15-0.2 in -ln(1 - SSIM)) and colour ones under it
     * from 92. Before: the photos' (or grey originals') correction alone. Measured 30 Nov
     * (session 25, TargetLanding ssim -Donly=JPEG, fine, same cache), off -> on: fitsm 72 -> 73
     * of 80 within 3 (4 won, 3 lost), in the band 76 -> 74, encodes 200 -> 184, first encodes a
     * median +8.5 / +8.5 / +7.4 / +3.2 -> +0.4 / -0.2 / +0.7 / +1.2 band widths at 0.90-0.99;
     * the other tuned-on sets line for line (603 of 616); never tuned on 338 -> 338 of 360 (1
     * won, 1 lost, both sk_retina decodes; 836 encodes both).
     */
    JPEG_SMOOTH_CORRECTION,
    /**
     * .tgl's corrected estimate climbs across the flats that keeping it non-decreasing leaves
     * where it falls between grid qualities ({@link SsimCurve#riseAcrossFlats}), at half its own
     * mean rise nearby, instead of holding them level: the search read a flat as no rise (a
     * second a hundredth or so past a first under the band, on the same SSIM). Measured 1 Dec
     * (session 26, TargetLanding ssim -Donly=TGL, fine, same cache), off -> on: tuned on 663 ->
     * 671 of 696 within 3 (9 won, 1 lost; encodes 1,471 -> 1,457), never tuned on 341 -> 340 of
     * 360 (2 won, 3 lost; 792 -> 788), fresh 43 -> 46 of 48 (3 won; 101 -> 95); JPEG and the
     * size searches line for line. On the api tests' images (TglFlatRiseTest): 65 -> 72 of 80
     * and 302 -> 309 of 320.
     */
    TGL_FLAT_RISE,
    /**
     * .tgl's second (and a first read from the probe's code, {@link TglMosaicPick#first}): when
     * the mosaic, coded at the fitted line's pick, moved against the quality from the file's
     * code (its own noise outweighs the rise over a short step), it is read from {@link
     * TglMosaicPick#FAR_STEP} times that step instead of falling back on the line's pick. Of the
     * 940 seconds of session 26's traces 123 moved against the quality there; of the 14 of
     * those searches that kept the line's pick and took 3 or more encodes, the second file moved
     * a median none of the way it needed (-1.45 to 0.75 of it; astronaut_q88 0.90: from 26.37,
     * 1.5 band widths over the aim, the line's 25.84 fell 0.5). Before:
     * the line's pick, or the blend between it and the file. Measured 1 Dec (session 26,
     * TargetLanding ssim -Donly=TGL, fine, same cache), off -> on: tuned on 671 -> 672 of 696
     * within 3 (1 won, 0 lost; encodes 1,457 -> 1,455), never tuned on 340 -> 342 of 360 (2
     * won, 0 lost; 788 -> 781; two sk_retina searches of 6 encodes now 2 and 3), fresh 46 -> 46;
     * JPEG and the size searches line for line. On the api tests' images (TglMosaicFarTest):
     * 311 -> 312 of 320, 670 -> 668 encodes.
     */
    TGL_MOSAIC_FAR,
    /**
     * .tgl's SSIM search takes the 4:4:4 ladder unless the image's curve puts 4:2:0 at 96.99 at
     * least {@link SsimSearch#TGL_JUMP_MARGIN} over the aim (before: only when it put it under
     * the aim by more than {@link SsimSearch#JUMP_MARGIN}): near its top 4:2:0 buys SSIM with
     * far more bytes than 4:4:4 below 97. Measured 1 Dec (session 27, TargetLanding ssim
     * -Donly=TGL, fine, same cache), off -> on: 26 of 1,104 searches changed, their files 19 %
     * smaller in sum (4.51 -> 3.64 MB; 22 of them by more than 3 %, none larger by more than
     * 3 %: rocket 0.95 -39 %, hubble_deep_field 0.95 -25 %, motorcycle_left_q96s 0.99 -39 %);
     * within 3 encodes tuned on 672 -> 674 of 696 (4 won, 2 lost), never tuned on 342 -> 342 of
     * 360, fresh 46 -> 46; JPEG and the size searches line for line.
     */
    TGL_FULL_NEAR_TOP,
    /**
     * .tgl's size search starts on the 4:4:4 ladder when the estimate puts the 4:2:0 file at the
     * target at quality {@link SizeSearch#TGL_FULL_FROM} or over and 4:2:0's SSIM at 96.99 at
     * most {@link SizeSearch#TGL_SUB_TOP}: near its top 4:2:0's subsampled chroma caps such an
     * image's SSIM, and 4:4:4 below 97 gives the higher SSIM at the same bytes (at 20-500 KB on
     * the corpus photos with both, bisected: astronaut 100 KB 0.9765 -> 0.9792, rocket 50 KB
     * 0.9498 -> 0.9717, hubble_deep_field 500 KB 0.9566 -> 0.9906). Before: 4:4:4 below 97 only
     * inside the jump (4:2:0 at 96.99 fits, 4:4:4 at 97 does not). Measured 1 Dec (session 27,
     * TargetLanding size -Donly=TGL, fine, same cache), off -> on: 42 of 955 results changed,
     * 32 of them to 4:4:4, whose -ln(1 - SSIM) rose a mean 0.40 (27 by over 0.03, none fell by
     * over 0.03); within 3 encodes tuned on 620 -> 620 of 639, never tuned on 265 -> 265 of 274,
     * fresh 41 -> 41 of 42 (encodes 1,278 -> 1,278, 610 -> 608, 87 -> 86); JPEG and the SSIM
     * searches line for line. The size estimate scores 4:2:0's SSIM at qualities 96 and 97 for
     * it (a median 0.06 of one encode).
     */
    TGL_SIZE_FULL_NEAR_TOP,
    /**
     * .tgl's SSIM search takes the 4:4:4 ladder from a wider margin ({@link
     * SsimSearch#TGL_LOW_TOP_MARGIN}) when the uncorrected estimate puts 4:2:0 at 96.99 at most
     * {@link SsimSearch#TGL_LOW_TOP}: on images whose colour detail 4:2:0 caps low, 4:4:4 below
     * 97 is the smaller file further from the top (rocket 0.95 -39 %, gnome_field 0.95 -51 %,
     * astronaut 0.97 -10 %). Measured 1 Dec (session 27, TargetLanding ssim -Donly=TGL, fine,
     * same cache), off -> on: 6 of 1,104 searches changed, their files 10.6 % smaller in sum
     * (none more than 3 % larger); within 3 encodes tuned on 674 -> 674 of 696 (hubble_deep_field
     * 0.95 won, gnome_field 0.95 lost: 4 encodes), never tuned on 342, fresh 46.
     */
    TGL_FULL_LOW_TOP,
    /**
     * {@link #TGL_SIZE_FULL_NEAR_TOP} for JPEG ({@link SizeSearch#JPEG_FULL_FROM}, {@link
     * SizeSearch#JPEG_SUB_TOP}; 4:2:0's SSIM at 96.99 from an estimate of its own, scored at
     * qualities 96 and 97 on the 4:2:0 side only). Bisected at 20-500 KB on the corpus photos and
     * graphics, JPEG's 4:4:4 file at the same bytes is of higher SSIM where 4:2:0 caps the image
     * low (hubble_deep_field 500 KB 0.965 -> 0.993, gnome_field 200 KB 0.975 -> 0.991, terminal
     * 100 KB 0.993 -> 0.998) and about equal or lower elsewhere near the top (coffee 100 KB 0.971
     * -> 0.970). Measured 1 Dec (session 27, TargetLanding size -Donly=JPEG, fine, same cache),
     * off -> on: 9 of 729 results changed, 6 of them to 4:4:4: hubble_deep_field 500 KB 0.964 ->
     * 0.992, gnome_field 200 KB 0.974 -> 0.991, rocket 50 KB 0.953 -> 0.963, keong_macan 100 KB
     * 0.980 -> 0.984, astronaut 100 KB 0.9768 -> 0.9770, coffee 100 KB 0.971 -> 0.969;
     * within 3 encodes tuned on 490 -> 490 of 502, never tuned on 182 -> 182 of 191, fresh 35 ->
     * 35 of 36 (encodes 974 -> 972); .tgl and the SSIM searches line for line.
     */
    JPEG_SIZE_FULL_NEAR_TOP,
    /**
     * {@link #TGL_FULL_LOW_TOP} for JPEG ({@link SsimSearch#JPEG_LOW_TOP}, {@link
     * SsimSearch#JPEG_LOW_TOP_MARGIN}), on JPEG's 4:4:4 estimate scored below 80 too (SsimCurve's
     * JPEG_FULL_FROM). Measured 1 Dec (session 27, TargetLanding ssim -Donly=JPEG, fine), off ->
     * on: 4 of 1,104 searches changed, their files 24.3 % smaller in sum (hubble_deep_field 0.95
     * -18 %, rocket 0.95 -18 %, gnome_field 0.95 and 0.97 -36 % and -34 %); within 3 encodes
     * tuned on 676 -> 676 of 696, never tuned on 338, fresh 45; .tgl and the size searches line
     * for line.
     */
    JPEG_FULL_LOW_TOP,
    /**
     * .tgl's first 4:4:4 file below 97 after 4:4:4 at 97 failed (the target in the chroma jump)
     * is picked on the estimate through 97's file at a slope of {@link SizeSearch#TGL_JUMP_SLOPE}
     * (steeper by {@link SizeSearch#TGL_JUMP_SLOPE_GAIN} times how much more than estimated the
     * file grew from the 4:2:0 one in hand to 97's); off: the estimate shifted through 97's
     * file. Measured 1 Dec (session 28, TargetLanding size -Donly=TGL, fine, same cache), off ->
     * on, within 3 encodes: tuned-on sets 620 -> 620 of 639, never tuned on 265 -> 269 of 274,
     * fresh 41 -> 41 of 42 (encodes 1,972 -> 1,962 in all); JPEG and the SSIM searches line for
     * line.
     */
    TGL_SIZE_JUMP_SLOPE,
    /**
     * .tgl's size estimate of smooth content takes a correction in proportion to {@link
     * Smoothness} ({@link SizeCurve#TGL_SMOOTH_SUB}, {@link SizeCurve#TGL_SMOOTH_FULL}, {@link
     * SizeCurve#TGL_SMOOTH_GREY}); off: the photos' correction alone, which puts a blurred
     * photo's files 0.2-0.35 in ln bytes over the real ones from quality 30 to 96 and climbs too
     * slowly near the top. Fine .tgl size searches within 3 encodes, 1 Dec (session 29): fitsm 53
     * -> 61 of 61, otho 140 -> 139 of 145 (sk_retina_tg70 at 50 KB takes a fourth), the other
     * sets line for line (.tgl 877 -> 884 of 894; encodes 1,962 -> 1,905); holdsm, never fitted
     * on, 50 -> 55 of 56 (encodes 159 -> 121); the chroma jump's targets (-DjumpTargets=true)
     * fitsm 31 -> 53 of 53, holdsm 16 -> 47 of 48. JPEG and the SSIM searches never read it.
     */
    TGL_SIZE_SMOOTH,
    /**
     * JPEG's size estimate of grey output (one component) takes a correction of its own ({@link
     * SizeCurve#JPEG_GREY_BIAS}); off: the three-component files' correction alone, which puts
     * the files 0.03-0.11 in ln bytes over the real ones from quality 85 up. Measured 1 Dec
     * (session 30, TargetLanding size -Donly=JPEG, fine), off -> on: the grey images of six sets
     * (one-component since session 30; hold-out, fresh, fitsm, fitg, othg, fitgo) within 3
     * encodes 240 -> 239 of 249 (othg 60 -> 57: three thirds just outside the band took a
     * fourth; fresh and fitsm +1 each), encodes 527 -> 500, searches done in one encode 44 ->
     * 62; colour images as grey output (-Dgrey=true; photos, hold-out, fitc, fresh) 175 -> 175
     * of 180, encodes 371 -> 342, in one encode 27 -> 52.
     */
    JPEG_GREY_SIZE,
    /**
     * A JPEG size search's knob file ({@link TrellisKnob#sizeKnob}) at most {@link
     * TrellisKnob#KNOB_AGAIN_SPAN} over the target, with the file in hand under the band, takes
     * one more lambda on the same tables ({@link TrellisKnob#knobAgain}); off: the file in hand,
     * however far under. Measured 2 Dec (session 30, TargetLanding size -Donly=JPEG, fine, the
     * twelve sets), off -> on: 5 of 759 searches changed, each from 4.5-31.8 % under to the band
     * in a fourth encode (sk_retina_tg70 and _tg90 20 KB 31.8 and 31.4 % -> 3.0 and 1.4 %,
     * sk_retina_flat80 200 KB 12.2 -> 1.4 %, hubble_deep_field_q93 200 KB 13.3 -> 2.5 %,
     * flower_q75s 200 KB 4.5 -> 1.9 %); within 3 encodes 732 -> 732, in the band at any count
     * othf 194 -> 196 of 197, otho 93 -> 96 of 98; encodes 1,529 -> 1,534. .tgl and the SSIM
     * searches never read it.
     */
    SIZE_KNOB_AGAIN,
    /**
     * .tgl's SSIM third inside a bracket (a failure and a pass after two encodes) reads the
     * blend of the mosaic mapped through the two files and the chord between them, in quality
     * ({@link TglMosaicPick#CHORD_SHARE}); off: the mosaic's map alone, as from session 17.
     * Measured 2 Dec (session 32, TargetLanding ssim -Donly=TGL, fine, the twelve sets, same
     * cache), off -> on: 94 of 1,168 searches changed, 11 won and 4 lost; within 3 encodes
     * 1,114 -> 1,121 (tuned on 674 -> 674 of 696, never tuned on 394 -> 402 of 424, fresh 46 ->
     * 45 of 48), encodes 2,484 -> 2,474; JPEG and the size searches never read it.
     */
    TGL_BRACKET_CHORD,
    /**
     * A size search whose fit in hand lies under the band after three or four encodes goes on
     * between it and the failure above it, up to {@link SsimSearch#FAR_ENCODES} encodes ({@link
     * SizeSearch#goesOnUnderBand}), as an SSIM search does with a pass far over ({@link
     * #FAR_PASS}); off: the fit in hand, however far under. Measured 2 Dec (session 32,
     * TargetLanding size, fine, the twelve sets, same cache), off -> on: .tgl 4 of 1,011
     * searches changed, all into the band (hubble_deep_field and its q96s decode at 20 KB
     * 16.35 and 16.42 % under -> 0.97 and 0.40 % in 6 encodes, the q98s decode 3.81 -> 0.62 %
     * and otho sk_retina_im85 50 KB 4.13 -> 2.28 % in 5): in the band at any count 1,007 ->
     * 1,011 of 1,011, encodes 2,026 -> 2,032; JPEG 3 of 759 changed (othg
     * hubble_deep_field_tg70 20 KB 4.35 -> 0.87 % in 5, rocket_flat80 20 KB 3.91 -> 3.59 % and
     * fitsm hubble_deep_field_s5c 50 KB 3.14 -> 2.92 % in 6), 752 -> 754, encodes 1,535 ->
     * 1,540. Within 3 encodes unchanged (992 and 734), as it must be. Since session 37 also
     * with nothing failed yet (a quality left above the fit): JPEG 1 of 759 changed (otho
     * sk_grass_tg70 50 KB 5.20 -> 0.15 % in 5), in the band 757 -> 758, encodes 1,313 -> 1,315;
     * .tgl none.
     */
    SIZE_UNDER_BAND,
    /**
     * A JPEG size search's encode that lands over the target by at most {@link
     * SearchEncoder#TRIM_SHARE} of it is fitted into it by dropping its least valuable
     * coefficients ({@code PreparedJpeg.encode} with a budget) instead of failing; off: it fails
     * and the search encodes again.
     */
    JPEG_SIZE_TRIM,

    /**
     * .tgl's size estimate between whole qualities follows minus the mean log of the steps each
     * hundredth's table really has, floor included ({@link TargetSearch#tglStepLog}), instead of
     * running linearly in the quality. Near the top the floor of 8/16 holds more steps the
     * finer the scale gets, so within one quality unit the steps, and the size, move unevenly
     * (98.89 -> 98.96 moves the steps' mean log twice as far as 98.96 -> 99.09), and a search's
     * third after two files over the target, read on the straight estimate, stepped too far.
     * Off: linear in the quality, the rule before session 35. Measured 2 Dec (session 35),
     * TargetLanding .tgl size, the twelve sets, off -> on: within 3 encodes 992 -> 994 of 1,011
     * (fitc hubble_deep_field_q70 500 KB, fitgo rocket_gr 100 KB, fresh sp_face 500 KB and
     * holdsm conf_progressive_444_s5c 20 KB from 4 encodes to 2; othf hubble_deep_field_q90c80
     * 20 KB, on Hubble's plateau, and otho sk_moon_flat80 100 KB lost), encodes 2,032 -> 1,994;
     * jump targets 839 -> 840 of 861 (1,954 -> 1,923 encodes). The same for .tgl's SSIM
     * estimate: 1,121 -> 1,113 of 1,168 within 3 encodes, not kept.
     */
    TGL_SIZE_ESTIMATE_ON_STEPS,

    /**
     * The same for JPEG's size estimate: between whole qualities it follows minus the mean log
     * of the integer luma steps each hundredth's tables have ({@link TargetSearch#jpegStepLog}),
     * instead of the quality. The steps are integers, so from about 90 up they stand still over
     * some hundredths and jump at others, and from about 99.3 every one is 1; the straight
     * estimate put files between them. Off: linear in the quality, the rule before session 35.
     * Measured 2 Dec (session 35), TargetLanding JPEG size, the twelve sets, off -> on: within
     * 3 encodes 751 -> 754 of 759 (photos hubble_deep_field 200 KB, fitg flower_g88
     * 200 KB, othg hubble_deep_field_dct80 200 KB and _tg90 100 KB won; otho sk_camera_q96s
     * 100 KB lost, its knob's file 3.3 % under), in the band at any count 758 -> 757, encodes
     * 1,312 -> 1,313; jump targets 729 -> 732 of 750 (7 won, 4 lost; 1,564 -> 1,544 encodes).
     */
    JPEG_SIZE_ESTIMATE_ON_TABLES,

    /**
     * The same for .tgl as {@link #JPEG_SIZE_TRIM}: a .tgl size search's encode over the target
     * by at most {@link SearchEncoder#TRIM_SHARE} of it is fitted into it by dropping its
     * blocks' cheapest trailing values ({@code PreparedTgl.encode} with a budget); off: it fails
     * and the search encodes again. The tiles' codings a trim makes count as encodes. Measured 2
     * Dec (session 36), TargetLanding .tgl size, the twelve sets, codings counted, off -> on:
     * within 3 encodes 994 -> 1,003 of 1,011 (9 won, all on Hubble's 20 KB plateau; none lost),
     * encodes 1,994 -> 1,974; jump targets 840 -> 844 of 861.
     */
    TGL_SIZE_TRIM,

    /**
     * A JPEG SSIM search whose first two encodes left a pass over the band spends its third on
     * that pass with its least valuable luma coefficients dropped ({@link SsimTrim}), as many as
     * put its SSIM, scored on its pixels before a file is written, inside the band; off: the
     * knob or a quality takes the third, as before session 38.
     */
    JPEG_SSIM_TRIM,

    /**
     * The same for .tgl: the pass's tiles trimmed to one price threshold over the image, each
     * threshold tried scored on the tiles reconstructed from their quantized values ({@code
     * PreparedTgl.reconstruct}), one file coded; off: as before session 38.
     */
    TGL_SSIM_TRIM,

    /**
     * A JPEG SSIM search whose result lies over the band trims that file into it as its last
     * step ({@link SsimTrim}, one more file), whatever the encode that made it (a third that
     * overshot, a knob's file, quality 0, stairs no hundredth fills); off: the result over the
     * band is returned, as before session 39. This trim reaches further than a third's ({@link
     * SsimTrim.Reach#LAST}: up to 30 % of the file's bits, coefficients worth up to 64 times
     * their bits), as no encode after it could give a smaller file. Measured 3 Dec (session 39,
     * TargetLanding ssim, the twelve sets): in the band 1,138 -> 1,162 of 1,168, the 24 results
     * changed 5.7 % smaller in sum (geometric mean -5.1 %, up to -20 %), within 3 encodes the
     * same (1,132: each trim is a fourth or later file), encodes 2,659 -> 2,683. At the third's
     * reach (15 %, price 2): 1,152, 24 of 38 calls ran out of drops; 30 % and price 64 against
     * 50 % and no bound: the same results. Without {@link SsimTrim#MAX_OVER} for this trim:
     * one more landing, two more calls that wrote nothing.
     */
    JPEG_SSIM_CLOSING_TRIM,

    /**
     * The same for .tgl, over all the far price thresholds ({@code
     * PreparedLossyTile.FAR_TRIM_BUCKETS}, up to 64 times the reference slope). Measured with
     * it: in the band 1,153 -> 1,161, 8 results changed, 17 % smaller in sum (otho
     * sk_retina_tg90 0.95 -29 %, graphics gnome_field 0.95 -19 %), encodes 2,453 -> 2,461; 11
     * calls, 3 wrote nothing. At the third's reach (twice the slope): 1,158, 11 of 16 calls
     * wrote nothing. Without MAX_OVER: 8 more calls, none landed.
     */
    TGL_SSIM_CLOSING_TRIM
  }

  /** Every rule on: what the library's searches run. */
  static final SearchRules DEFAULT = new SearchRules(-1L >>> (Long.SIZE - Rule.values().length));

  /**
   * Bit {@code rule.ordinal()} set: the rule is on (a long since session 23, when a branch
   * with 32 rules found that an int's {@code 1 << 32} is 1, which turned every rule of the
   * default off).
   */
  private final long on;

  private SearchRules(long on) {
    this.on = on;
  }

  /** Whether {@code rule} is on. */
  boolean on(Rule rule) {
    return (on & (1L << rule.ordinal())) != 0;
  }

  /** These rules with {@code rule} switched on or off. */
  SearchRules with(Rule rule, boolean enabled) {
    long bit = 1L << rule.ordinal();
    return new SearchRules(enabled ? on | bit : on & ~bit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchRules r && r.on == on;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(on);
  }

  @Override
  public String toString() {
    StringBuilder off = new StringBuilder();
    for (Rule rule : Rule.values()) {
      if (!on(rule)) {
        off.append(off.length() == 0 ? "" : ", ").append(rule);
      }
    }
    return off.length() == 0 ? "SearchRules[all on]" : "SearchRules[off: " + off + "]";
  }
}
