package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * JPEG's real SSIM on a sample of one image, measured before a search spends a whole encode:
 * the real encoder and decoder run on {@link TglProbe}'s mosaic (4 tiles of 128x128 sampled
 * from the image, fewer on an image under 131,072 pixels, none under 32,768; SSIM windows near
 * a tile's edge not counted) at the codes a search asks for. At the first aim the mosaic's
 * measured -ln(1 - SSIM) minus the estimate's of the same pixels (every macroblock, the source
 * lattice and the corrections included), calibrated by quality, stands in for the whole
 * image's offset from its estimate ({@link #shift}); at the second the mosaic's rise from the
 * first file's code stands in for the image's ({@link JpegMosaicPick}).
 *
 * <p>Measured 30 Nov (session 19, JpegProbeCheck) on the first encodes of main's 576 JPEG SSIM
 * searches on photos, graphics and the fit sets (fitc, fitg, othf): the estimate's error against
 * the whole image's measured -ln(1 - SSIM), median |error| in band widths (-ln 0.97) and 90th
 * percentile, the estimate 3.21 / 9.1, corrected by this probe 1.50 / 4.9 (calibrated on the
 * same searches; left out by source picture 1.61 / 5.0): photos 1.63 -> 0.99, graphics 9.54 ->
 * 1.84, fitc 3.88 -> 1.62, fitg 3.21 -> 1.19, othf 3.05 -> 1.81. 8 tiles of 64: 2.19 / 6.4. A
 * first encode nearer the band did not land more searches within 3 encodes by itself (the
 * shift on every image: 526 -> 514; see {@link SearchRules.Rule#JPEG_PROBE}).
 *
 * <p>What the calibration stands for, and why a colour image's rise counts less at high targets
 * (session 20): the estimate of the mosaic scores 4:2:0's chroma loss with a ring of chroma
 * samples around each block, which at a tile's edge reaches into the neighbouring tile, a seam
 * the image does not have, counted by the estimate but not by the measure (whose windows near an
 * edge are left out). Colour only, and the larger the higher the SSIM, where chroma's loss is
 * most of the distortion: on 49 colour first encodes with a positive shift the mosaic's estimate
 * lay a median 10.9 band widths under the whole image's (with 16 tiles instead of 4 the same),
 * 1.3 with the rings kept inside their tiles, and the calibration's medians then fell within
 * 0.03 of 0 at every quality. Estimated without the seams (and no calibration) the first
 * encodes lay nearer the band but fewer searches landed within 3 encodes (tuned on 544 -> 543 of
 * 576, never tuned on 313 -> 310 of 360), so the seams stay and the high targets' rise is cut
 * instead ({@link #riseShare}).
 *
 * <p>Thread CPU against one encode of the whole image at quality 80 and its SSIM (JpegProbeCost,
 * corpus photos, graphics and hold-out, medians of 5 alternated): the first encode's probe a
 * median 0.52, at most 1.76 (0.06-0.17 on images of 0.65-2 megapixels), the estimate of the
 * mosaic 0.20 of it; one more mosaic code ({@link #at}) 0.28, at most 0.60 (0.03-0.11).
 */
final class JpegProbe {
  /**
   * The whole image's offset from the estimate minus the mosaic's, colour images on the 4:2:0
   * side: the medians over the first encodes of the JPEG SSIM searches on photos, graphics and
   * the fit sets (fitc, fitg, othf), by quality (hundredths). Grey images and the 4:4:4 side
   * showed none (medians within 0.02 and 0.001).
   */
  private static final int[] SUB_KNOTS = {1500, 4000, 6000, 7500, 8375, 9025, 9500};
  private static final double[] SUB_CALIBRATION = {-0.050, -0.037, -0.060, -0.065, -0.087,
      -0.095, -0.082};
  /**
   * A first encode's shift smaller than this (in -ln(1 - SSIM), about 5 band widths) is not
   * applied ({@link SearchRules.Rule#JPEG_PROBE}).
   */
  static final double MIN_SHIFT = 0.15;
  /**
   * A colour image's rise over the estimate (a positive shift on the 4:2:0 side) counts fully at
   * aims up to this -ln(1 - SSIM) (SSIM 0.95) and not at all from {@link #RISE_NONE}, linearly
   * between ({@link SearchRules.Rule#JPEG_PROBE_COLOUR_RISE}).
   */
  static final double RISE_FULL = -Math.log(0.05);
  /** Where a colour image's rise over the estimate stops counting: SSIM 0.99. */
  static final double RISE_NONE = -Math.log(0.01);
  private final Image mosaic;
  private final SearchEncoder encoder;
  private final JpegEncodeOptions.Subsampling fixed;
  private final boolean grey;
  private final SearchRules rules;
  /** The whole image's estimate, whose source lattice the mosaic's takes (null: its own). */
  private final SsimCurve whole;
  private final int tile;
  private final int margin;
  private final Map<Integer, Double> measured = new HashMap<>();

  private JpegProbe(Image mosaic, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules, SsimCurve whole, int tile, int margin) {
    this.mosaic = mosaic;
    this.encoder = new SearchEncoder(mosaic);
    this.whole = whole;
    this.fixed = fixed;
    this.grey = grey;
    this.rules = rules;
    this.tile = tile;
    this.margin = margin;
  }

  /**
   * The probe of {@code image}, encoded with the caller's fixed chroma or as grey output as the
   * search's files are; null for an image under two tiles, whose encode costs less.
   */
  static JpegProbe of(Image image, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules, SsimCurve whole) {
    return of(image, fixed, grey, rules, whole, TglProbe.TILE, TglProbe.TILES, TglProbe.MARGIN);
  }

  /** The same with another mosaic, for measurements (JpegProbeCheck). */
  static JpegProbe of(Image image, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules, SsimCurve whole, int tile, int tiles, int margin) {
    return TglProbe.tilesFor(image, tile, tiles) == 0 ? null
        : new JpegProbe(TglProbe.mosaic(image, tile, tiles), fixed, grey, rules, whole, tile,
            margin);
  }

  /** The mosaic's measured -ln(1 - SSIM) at search code {@code code} (no lambda). */
  double at(int code) {
    Double known = measured.get(code);
    if (known != null) {
      return known;
    }
    byte[] b = encoder.jpeg(MosaicCurve.options(code, grey, fixed));
    double y = SsimCurve.distortion(TglProbe.innerSsim(mosaic, Tegula.decode(b).image(), tile,
        margin));
    measured.put(code, y);
    return y;
  }

  /** How many codes the mosaic was coded at, for measurements (JpegProbeCost). */
  int codes() {
    return measured.size();
  }

  /** The estimate's -ln(1 - SSIM) of the mosaic at {@code code}. */
  double estimated(int code) {
    return SsimCurve.jpegOfMosaic(mosaic, fixed, grey, rules, whole, code).at(code);
  }

  /**
   * The whole image's offset from its estimate at {@code code} in -ln(1 - SSIM): the mosaic's,
   * calibrated, a colour image's rise cut at the search's {@code aim} ({@link #riseShare});
   * {@code full}: the code is on the 4:4:4 side, {@code greyImage}: a grey image or grey output.
   */
  double shift(int code, boolean full, boolean greyImage, double aim) {
    double shift = at(code) - estimated(code) + (full || greyImage ? 0
        : SsimCurve.between(SUB_KNOTS, SUB_CALIBRATION, code & TargetSearch.QUALITY));
    return shift > 0 && !full && !greyImage && rules.on(SearchRules.Rule.JPEG_PROBE_COLOUR_RISE)
        ? shift * riseShare(aim) : shift;
  }

  /** The share of a colour image's rise over the estimate that counts at {@code aim}. */
  static double riseShare(double aim) {
    return Math.max(0, Math.min(1, (RISE_NONE - aim) / (RISE_NONE - RISE_FULL)));
  }
}
