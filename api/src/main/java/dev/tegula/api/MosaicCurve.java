package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
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
  private final Image mosaic;
  private final JpegEncodeOptions.Subsampling fixed;
  private final boolean grey;
  private final Map<Integer, Double> measured = new HashMap<>();

  /** The mosaic of {@code image}, encoded with the caller's fixed chroma or grey output. */
  MosaicCurve(Image image, JpegEncodeOptions.Subsampling fixed, boolean grey) {
    this.mosaic = KnobProbe.mosaic(image);
    this.fixed = fixed;
    this.grey = grey;
  }

  /** The mosaic's measured -ln(1 - SSIM) at {@code code}. */
  double at(int code) {
    Double known = measured.get(code);
    if (known != null) {
      return known;
    }
    JpegEncodeOptions o = TargetSearch.jpegOptions(code).withGrayscale(grey);
    if (fixed != null) {
      o = o.withSubsampling(fixed);
    }
    byte[] b = Tegula.encodeJpeg(mosaic, Metadata.EMPTY, o);
    double y = SsimCurve.distortion(Metrics.ssim(mosaic, Tegula.decode(b).image()));
    measured.put(code, y);
    return y;
  }
}
