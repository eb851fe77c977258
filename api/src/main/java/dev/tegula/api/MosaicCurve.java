package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.Metrics;
import java.util.HashMap;
import java.util.Map;

/**
 * JPEG's real SSIM curve on a sample of the image: the encoder codes {@link KnobProbe}'s mosaic
 * of sampled tiles (at most 32768 pixels, a sixth of the image) at the codes a search asks for,
 * and keeps each one's -ln(1 - SSIM). The mosaic's level differs from the whole image's (its
 * tile edges, its sample), but where the quality's integer tables climb in stairs it climbs on
 * the same stairs, which the estimate ({@link SsimCurve}) smooths.
 */
final class MosaicCurve {
  /**
   * The larger mosaic's tiles ({@link SearchRules.Rule#JPEG_LARGER_MOSAIC}): {@value}-pixel tiles,
   * up to {@link #LARGER_PIXELS} pixels and a third of the image's tiles, where {@link KnobProbe}'s
   * are 32 pixels, 32768 and a sixth. Session 18, on the 53 thirds inside a bracket (a failing and
   * a passing file) that JPEG SSIM searches on photos, graphics and the fit sets encoded at a
   * quality, the map through the two files put the third's measured -ln(1 - SSIM) within half a
   * band width 33 times on KnobProbe's mosaic (median 0.36 band widths off, 90th percentile 1.66),
   * 43 on this one (0.23, 0.95); 128 tiles of 32 pixels, a third of the image, 42 (0.27, 0.84); 256
   * of 32, half, 45 (0.15, 0.86) at 1.5 times this one's cost; 16 tiles of 64 pixels, a sixth, at
   * KnobProbe's cost, 35 (0.23, 0.96): fewer tile edges and a larger share of the image both count.
   * Its cost, thread CPU of one code against the image's own encode and SSIM at quality 80 (the 26
   * corpus, graphics and hold-out images, medians of 5 alternated rounds): a median 0.40, at most
   * 0.59 (0.07-0.21 on images of 0.65-2 megapixels), where a code of KnobProbe's mosaic costs 0.15,
   * at most 0.34.
   */
  static final int LARGER_TILE = 64;
  static final int LARGER_PIXELS = 131072;
  private static final int LARGER_FRACTION = 3;
  private final Image mosaic;
  private final SearchEncoder encoder;
  private final JpegEncodeOptions.Subsampling fixed;
  private final boolean grey;
  private final Map<Integer, Double> measured = new HashMap<>();

  /**
   * The mosaic of {@code image} ({@link KnobProbe}'s, or the larger one), encoded with the
   * caller's fixed chroma or grey output.
   */
  MosaicCurve(Image image, JpegEncodeOptions.Subsampling fixed, boolean grey, boolean larger) {
    this.mosaic = larger
        ? KnobProbe.mosaic(image, LARGER_TILE, LARGER_PIXELS, LARGER_FRACTION)
        : KnobProbe.mosaic(image);
    this.encoder = new SearchEncoder(mosaic);
    this.fixed = fixed;
    this.grey = grey;
  }

  /**
   * A search's JPEG options at {@code code} (no lambda) for a mosaic coded as the search's files
   * are: grey output, or the caller's fixed chroma (null: the encoder's choice).
   */
  static JpegEncodeOptions options(int code, boolean grey, JpegEncodeOptions.Subsampling fixed) {
    JpegEncodeOptions o = TargetSearch.jpegOptions(code).withGrayscale(grey);
    return fixed == null ? o : o.withSubsampling(fixed);
  }

  /** The mosaic's measured -ln(1 - SSIM) at {@code code}. */
  double at(int code) {
    Double known = measured.get(code);
    if (known != null) {
      return known;
    }
    byte[] b = encoder.jpeg(options(code, grey, fixed));
    double y = SsimCurve.distortion(Metrics.ssim(mosaic, Tegula.decode(b).image()));
    measured.put(code, y);
    return y;
  }
}
