package dev.tegula.api;

/**
 * Which of the target searches' later rules are on: every one in {@link #DEFAULT}, which is what
 * the library runs. Each can be turned off to give the rule it replaced, so that a measurement
 * (TargetLanding) or a test can compare the two on the same images.
 *
 * <p>An estimate ({@link SsimCurve}, {@link SizeCurve}) is made under one set of rules and
 * carries it; the search on that estimate, and the knob helpers it calls ({@link TrellisKnob}),
 * follow the same set. An immutable value rather than switches in static fields, so that two
 * searches in one JVM (the server, tests running in parallel) never see each other's.
 *
 * @param knobProbe whether JPEG's trellis knob asks the image's {@link KnobProbe} where the
 *     lambda lands; off: the knob's rules before the probe (its slope guessed from the measured
 *     files, no probed third encode)
 * @param knobBelowX1 whether the SSIM search takes the knob below x1 from a failure just under
 *     the target ({@link TrellisKnob#ssimBelow}, which needs {@code knobProbe} too); off: no
 *     such encode, the search goes on with the quality
 * @param bracketLineOnTables whether a decoded JPEG's bracket line ({@link
 *     TargetSearch#JPEG_BRACKET_LINE}) runs in minus the mean log of the luma steps each
 *     quality's integer tables really have; off: in the log of the smooth table scale, the rule
 *     before session 12
 * @param otherBracketLine whether JPEG SSIM searches on images other than decoded JPEGs blend in
 *     the line through a bracket's ends ({@link TargetSearch#JPEG_OTHER_BRACKET_LINE}); off:
 *     their brackets on the estimate's shape alone, the rule before session 10
 * @param tglSourceCorrection whether .tgl's SSIM estimate of a decoded JPEG takes the
 *     corrections by the step ratio (SsimCurve's TGL_SOURCE_BIAS and its grey and 4:4:4
 *     tables); off: the rules before session 13 (no such correction; grey sources the grey fit
 *     set's median by the quality)
 * @param emphasisOnOtherTables whether a decoded colour JPEG whose luma table is not libjpeg's
 *     Annex K scaling has its 4:2:0 chroma scored with the JPEG encoder's pre-emphasis and its
 *     own correction (SsimCurve's OTHER_SOURCE_BIAS); off: estimated and corrected as an Annex
 *     K one, the rule before session 13
 * @param tglSizeSourceCorrection whether .tgl's size estimate of a decoded JPEG takes the
 *     correction by the step ratio ({@link SizeCurve}'s TGL_SUB_SOURCE_BIAS and its 4:4:4 and
 *     grey tables); off: the corpus photos' median alone, the rule before session 14
 * @param fourthInBracket whether a search whose three encodes left a pass outside the band
 *     (SSIM over it, size under it) and a failure on its other side spends a fourth encode
 *     between them; off: it returns that pass after three, the rule before session 14
 * @param tglThirdAtAim whether a .tgl SSIM search with nothing passing after two encodes aims
 *     its third at the band's middle, as a third over the band now costs a fourth encode as one
 *     under it does, and draws a line flat between its two latest points from the farthest one
 *     (with {@code fourthInBracket} only); off: past the target by a share of the last
 *     shortfall (TargetSearch's TGL_MARGIN), every line through the two latest, the rules
 *     before session 15
 * @param jpegMosaicThird whether a JPEG SSIM search reads its third quality (after two encodes
 *     at a quality) on the real encoder's curve of a mosaic of the image's tiles ({@link
 *     MosaicCurve}, TargetSearch's mosaicThird), blended with the model fitted through the two;
 *     off: on the fitted model alone, the rule before session 16
 * @param tglProbe whether a .tgl SSIM search on the image's own curve places its first encode
 *     by the image's own lift ({@link TglProbe}: the real encoder on a mosaic of sampled tiles)
 *     in place of the corpus median's; off: the estimate alone, the rule before session 16
 * @param jpegThirdFromFiles whether a JPEG SSIM search's third encode leans on what its own two
 *     files measured: the probed knob's lambda from {@link KnobProbe}'s SSIM slope blended with
 *     the SSIM its files bought per byte times the probe's size slope ({@link
 *     KnobProbe#lnLambdaForSsim(double, double)}, colour images), the secant of a decoded
 *     JPEG's two knob files to the probe's power of ln lambda ({@link TrellisKnob#ssimSecant}),
 *     and after two passes a third stepping short of the aim (TargetSearch's
 *     JPEG_PASS_STEP_GAIN); off: the probe's SSIM slope alone, a straight secant in ln lambda
 *     and the third aimed at the aim, the rules before session 17
 * @param farPass whether an SSIM search whose pass still lies far over the band after its
 *     third (or fourth) encode, by bytes, goes on between that pass and its failure (TargetSearch's
 *     farOver); off: it returns that pass, the rule before session 17
 * @param tglMosaic whether a .tgl SSIM search reads its second encode, and its third inside a
 *     bracket (a failure and a pass after two encodes), on the real encoder's curve of a mosaic
 *     of the image's tiles as well as on the line fitted through its files ({@link
 *     TglMosaicPick}); off: on the fitted line alone, the rule before session 17
 * @param jpegLargerMosaic whether a JPEG SSIM search reads its mosaic third ({@code
 *     jpegMosaicThird}) on a larger mosaic of the image ({@link MosaicCurve#LARGER_TILE}-pixel
 *     tiles, up to a third of the image) and, inside a bracket, on that mosaic alone
 *     (TargetSearch's MOSAIC_SHARE_IN_BRACKET), and whether a first file passing within {@link
 *     TrellisKnob#SECANT_SPAN_WIDE} of the aim takes the knob's secant on any image; off: {@link
 *     KnobProbe}'s mosaic blended {@code MOSAIC_SHARE} with the model everywhere and the secant
 *     on decoded JPEGs within {@link TrellisKnob#SECANT_SPAN}, the rules before session 18
 */
record SearchRules(boolean knobProbe, boolean knobBelowX1, boolean bracketLineOnTables,
    boolean otherBracketLine, boolean tglSourceCorrection, boolean emphasisOnOtherTables,
    boolean tglSizeSourceCorrection, boolean fourthInBracket, boolean tglThirdAtAim,
    boolean jpegMosaicThird, boolean tglProbe, boolean jpegThirdFromFiles, boolean farPass,
    boolean tglMosaic, boolean jpegLargerMosaic) {
  /** Every rule on: what the library's searches run. */
  static final SearchRules DEFAULT =
      new SearchRules(true, true, true, true, true, true, true,
          true, true, true, true, true, true, true, true);

  SearchRules withKnobProbe(boolean on) {
    return new SearchRules(on, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withKnobBelowX1(boolean on) {
    return new SearchRules(knobProbe, on, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withBracketLineOnTables(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, on, otherBracketLine, tglSourceCorrection,
        emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withOtherBracketLine(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, on, tglSourceCorrection,
        emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withTglSourceCorrection(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine, on,
        emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withEmphasisOnOtherTables(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, on, tglSizeSourceCorrection, fourthInBracket, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withTglSizeSourceCorrection(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, on, fourthInBracket, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withFourthInBracket(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, on, tglThirdAtAim,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withTglThirdAtAim(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket, on,
        jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withJpegMosaicThird(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, on, tglProbe, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withTglProbe(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, on, jpegThirdFromFiles, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withJpegThirdFromFiles(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, on, farPass, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withFarPass(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, jpegThirdFromFiles, on, tglMosaic,
        jpegLargerMosaic);
  }

  SearchRules withTglMosaic(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, on,
        jpegLargerMosaic);
  }

  SearchRules withJpegLargerMosaic(boolean on) {
    return new SearchRules(knobProbe, knobBelowX1, bracketLineOnTables, otherBracketLine,
        tglSourceCorrection, emphasisOnOtherTables, tglSizeSourceCorrection, fourthInBracket,
        tglThirdAtAim, jpegMosaicThird, tglProbe, jpegThirdFromFiles, farPass, tglMosaic, on);
  }
}
