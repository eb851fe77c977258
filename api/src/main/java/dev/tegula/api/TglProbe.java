package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.AlphaComposite;
import dev.tegula.metrics.BoxSsim;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;

/**
 * What .tgl's encoder adds to {@link SsimCurve}'s model on one image, measured before a search
 * spends a whole encode: the real encoder and decoder run at one code on a mosaic of 4 tiles of
 * 128x128 sampled from the image (fewer on an image under 131,072 pixels, none under 32,768),
 * and the mosaic's measured -ln(1 - SSIM) is compared with the model's of the same pixels.
 * That difference, the lift of the deblocking, lapping, sharpening and adaptive quantization the
 * model leaves out (and on a decoded JPEG, of re-quantizing on its lattice), varies far less
 * between tiles than either value does: the mosaic's lift, calibrated ({@link #lift}), stands
 * in for the whole image's, where the estimate otherwise takes the corpus median (SsimCurve's
 * TGL_BIAS and the source corrections).
 *
 * <p>Measured 29 Nov (session 16, TglProbeCheck) on the 1,546 codes the .tgl SSIM searches of
 * the corpus photos and graphics and the fit sets (fitc, fitg, othf) encoded: the estimate's
 * error against the whole image's measured -ln(1 - SSIM), median |error| in band widths (-ln
 * 0.97) and 90th percentile, the estimate 3.94 / 13.8, corrected by this probe 1.79 / 6.3.
 * Other mosaics, each calibrated the same way: 8 tiles of 64 1.93 / 6.7 (edge tiles not moved
 * inside: 2.10 / 7.7; with the windows within 3 or 6 pixels of a tile's edge left out 2.41 /
 * 2.07); 4 of 96 2.24 / 6.1; 16 of 48 2.65 / 10.0; 32 of 32 4.01 / 11.5 and 64 of 32 4.14 / 10.6
 * (the seams dominate); 4 of 128 with edge tiles not moved inside 1.75 / 6.1. Blending the
 * estimate back in (k times the probe's correction) never helped: k = 0.8 2.35 against 2.07 on
 * 8 tiles of 64. Thread CPU of one probe against one encode at quality 90 and its SSIM: see
 * {@link #of}.
 *
 * <p>Since session 21 ({@link SearchRules.Rule#TGL_PROBE_SEAMLESS}) the model of the mosaic keeps
 * each macroblock's ring of chroma samples inside its tile: across a seam the ring scored a 4:2:0
 * loss the image does not have (a median 3.2 band widths at 0.99 on colour images, up to 33), for
 * which the calibration by quality stood, on grey images too.
 */
final class TglProbe {
  static final int TILE = 128;
  static final int TILES = 4;
  /**
   * SSIM windows centred this near a tile's edge are not counted: the encoder's sharpening and
   * lapping reach across the mosaic's seams.
   */
  static final int MARGIN = 4;
  /**
   * The whole image's lift minus the mosaic's: the medians over the same 1,546 codes, 4:2:0
   * side by quality (hundredths; 8-603 codes a knot), 4:4:4 side (flagged codes and 97-100;
   * 11-32 a knot). The tiles are a quarter of a middle-sized image, so what is left is mostly the
   * seams and the share of flat content, which grow with the quality.
   */
  private static final int[] SUB_KNOTS = {500, 1500, 2500, 3500, 7000, 7750, 8250, 8750, 9150,
      9400, 9600};
  private static final double[] SUB_CALIBRATION = {0.215, 0.014, -0.012, -0.015, -0.037, -0.046,
      -0.048, -0.087, -0.069, -0.085, -0.082};
  /**
   * The same for a model whose chroma rings stay inside their tiles ({@link
   * SearchRules.Rule#TGL_PROBE_SEAMLESS}): from quality 25 on, SUB_CALIBRATION stood for the
   * seams (on main's searches of the tuned-on sets, 30 Nov, session 21, the seamless lift's
   * median error by quality lay within 0.03 of 0 at every knot from 2500, grey and colour
   * alike, where the seams' own share was 0.008-0.097); the two lowest knots are not seams (grey
   * images need them as much: without them otho's sk_brick decodes at 0.90, qualities 10-16, put
   * their first files 11-13 band widths over the band), so they stay.
   */
  private static final double[] SEAMLESS_CALIBRATION = {0.215, 0.014, 0, 0, 0, 0, 0, 0, 0, 0,
      0};
  private static final int[] FULL_KNOTS = {8500, 9250, 9600, 9800};
  private static final double[] FULL_CALIBRATION = {-0.036, 0.025, -0.003, -0.050};

  /** The mosaic's measured -ln(1 - SSIM). */
  final double measured;
  /** The model's -ln(1 - SSIM) of the same mosaic ({@link SsimCurve#modelAt}). */
  final double modelled;
  /**
   * Whether {@link #modelled} kept its chroma rings inside their tiles ({@link
   * SearchRules.Rule#TGL_PROBE_SEAMLESS}), so that its 4:2:0 side takes {@link
   * #SEAMLESS_CALIBRATION}.
   */
  private final boolean seamless;

  private TglProbe(double measured, double modelled, boolean seamless) {
    this.measured = measured;
    this.modelled = modelled;
    this.seamless = seamless;
  }

  /** The whole image's lift in -ln(1 - SSIM) at the probe's code: the mosaic's, calibrated. */
  double lift(int code, boolean full) {
    int q = code & TargetSearch.QUALITY;
    return measured - modelled + (full ? SsimCurve.between(FULL_KNOTS, FULL_CALIBRATION, q)
        : SsimCurve.between(SUB_KNOTS, seamless ? SEAMLESS_CALIBRATION : SUB_CALIBRATION, q));
  }

  /**
   * The probe of {@code image} at search code {@code code}, encoded with the caller's fixed
   * chroma ({@code fixed}, null for the encoder's choice) or as grey output, as the search's
   * files are; null for an image under two tiles (32,768 pixels), whose encode costs less.
   * Thread CPU against one encode at quality 90 and its SSIM (29 Nov, TglProbeCheck -Dtime=true:
   * corpus photos and graphics and the hold-out, medians of 5 alternated): a median 0.66, at
   * most 1.21 (chelsea, 135,300 pixels, half of it in the mosaic), 0.08-0.17 on images of 0.9-2
   * megapixels. With 4 tiles on every image: 0.79, at most 5.09 (a 256x192 image's mosaic 1.3
   * times its size). Since 30 Nov (session 18, TglProbeCost) the model of the mosaic is made
   * only where the code reads it ({@link SsimCurve#modelOfMosaic}): a median 0.40 at quality 80
   * (the model 0.15 of it, the mosaic's encode 0.12, decode 0.06 and SSIM 0.06), 0.67-0.74
   * before in the same runs.
   */
  static TglProbe of(Image image, int code, JpegEncodeOptions.Subsampling fixed, boolean grey) {
    return of(image, code, fixed, grey, SearchRules.DEFAULT);
  }

  /** The same under {@code rules} ({@link SearchRules.Rule#TGL_PROBE_SEAMLESS} shapes it). */
  static TglProbe of(Image image, int code, JpegEncodeOptions.Subsampling fixed, boolean grey,
      SearchRules rules) {
    return of(image, code, fixed, grey, TILE, TILES, MARGIN,
        rules.on(SearchRules.Rule.TGL_PROBE_SEAMLESS));
  }

  /** The same with another mosaic, for measurements (TglProbeCheck). */
  static TglProbe of(Image image, int code, JpegEncodeOptions.Subsampling fixed, boolean grey,
      int tile, int tiles, int margin) {
    return of(image, code, fixed, grey, tile, tiles, margin, true);
  }

  private static TglProbe of(Image image, int code, JpegEncodeOptions.Subsampling fixed,
      boolean grey, int tile, int tiles, int margin, boolean seamless) {
    if (tilesFor(image, tile, tiles) == 0) {
      return null;
    }
    Image m = mosaic(image, tile, tiles);
    TglEncodeOptions o = TargetSearch.tglOptions(code);
    if (fixed != null) {
      o = o.withChroma(CompressPipeline.tglChroma(fixed));
    }
    byte[] b = TglEncoder.encode(m, Metadata.EMPTY, o);
    double measured = SsimCurve.distortion(innerSsim(m, Tegula.decode(b).image(), tile,
        margin));
    double modelled = SsimCurve.modelOfMosaic(m, code, fixed, grey, seamless ? tile : 0)
        .modelAt(code);
    return new TglProbe(measured, modelled, seamless);
  }

  /**
   * The mean SSIM over R, G, B (as {@link dev.tegula.metrics.Metrics#ssim}) of the windows
   * centred at least {@code margin} pixels inside their tile.
   */
  static double innerSsim(Image a, Image b, int tile, int margin) {
    int w = a.width();
    int h = a.height();
    byte[] pa = a.rgba();
    byte[] pb = b.rgba();
    if (!AlphaComposite.isOpaque(pa) || !AlphaComposite.isOpaque(pb)) {
      pa = AlphaComposite.overBackground(pa);
      pb = AlphaComposite.overBackground(pb);
    }
    float[] map = new float[w * h];
    for (int c = 0; c < 3; c++) {
      BoxSsim.mean(pa, pb, w, h, c, map, 1 / 3f);
    }
    int r = BoxSsim.WINDOW / 2;
    double sum = 0;
    int n = 0;
    for (int y = r; y < h - r; y++) {
      int ty = y % tile;
      for (int x = r; x < w - r && ty >= margin && ty < tile - margin; x++) {
        int tx = x % tile;
        if (tx >= margin && tx < tile - margin) {
          sum += map[y * w + x];
          n++;
        }
      }
    }
    return sum / n;
  }

  /**
   * How many tiles the mosaic of {@code image} takes: {@code tiles}, fewer where they would be
   * over half the image (a small image's probe would cost more than its encode), 0 when even one
   * would.
   */
  static int tilesFor(Image image, int tile, int tiles) {
    long half = (long) image.width() * image.height() / 2;
    return (int) Math.min(tiles, half / ((long) tile * tile));
  }

  /**
   * {@code tiles} tiles of {@code tile} pixels in a row (fewer on a small image, {@link
   * #tilesFor}), one
   * from each of equal runs of the image's tile grid in raster order at a golden-ratio offset
   * inside its run ({@link SsimCurve#sampleAt}). A tile the grid puts across the image's right or
   * bottom edge moves inside it on the 8x8 grid (a decoded JPEG's blocks stay on its source's
   * lattice); only an image narrower or lower than a tile has its edge repeated.
   */
  static Image mosaic(Image image, int tile, int tiles) {
    int w = image.width();
    int h = image.height();
    int tw = (w + tile - 1) / tile;
    int th = (h + tile - 1) / tile;
    int total = tw * th;
    int count = tilesFor(image, tile, tiles);
    int mw = count * tile;
    byte[] dst = new byte[mw * tile * 4];
    for (int i = 0; i < count; i++) {
      int t = SsimCurve.sampleAt(i, count, total);
      int x0 = Math.max(0, Math.min((t % tw) * tile, (w - tile) / 8 * 8));
      int y0 = Math.max(0, Math.min((t / tw) * tile, (h - tile) / 8 * 8));
      KnobProbe.copyTile(image, x0, y0, tile, dst, mw, i * tile, 0);
    }
    return new Image(mw, tile, dst);
  }
}
