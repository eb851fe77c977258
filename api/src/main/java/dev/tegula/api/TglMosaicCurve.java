package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.tgl.TglEncodeOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * .tgl's real SSIM curve on a sample of the image: the encoder and decoder code {@link
 * TglProbe}'s mosaic of sampled tiles at the codes a search asks for, each scored without the
 * windows near the tiles' edges ({@link TglProbe#innerSsim}), and keep each one's -ln(1 - SSIM).
 * Its level differs from the whole image's (the sample, the seams), but its shape between two
 * codes follows the image's more closely than the fitted line ({@link TglMosaicPick}).
 */
final class TglMosaicCurve {
  private final Image mosaic;
  private final SearchEncoder encoder;
  private final JpegEncodeOptions.Subsampling fixed;
  private final int tile;
  private final int margin;
  private final Map<Integer, Double> measured = new HashMap<>();

  /**
   * The mosaic of {@code image} ({@code tiles} of {@code tile} pixels, fewer on a small image:
   * {@link TglProbe#tilesFor}), encoded with the caller's fixed chroma ({@code fixed}, null for
   * the encoder's choice); null when the image is too small for one tile.
   */
  static TglMosaicCurve of(Image image, JpegEncodeOptions.Subsampling fixed, int tile, int tiles,
      int margin) {
    return TglProbe.tilesFor(image, tile, tiles) == 0 ? null
        : new TglMosaicCurve(TglProbe.mosaic(image, tile, tiles), fixed, tile, margin);
  }

  private TglMosaicCurve(Image mosaic, JpegEncodeOptions.Subsampling fixed, int tile,
      int margin) {
    this.mosaic = mosaic;
    this.encoder = new SearchEncoder(mosaic);
    this.fixed = fixed;
    this.tile = tile;
    this.margin = margin;
  }

  /** Takes {@code y} as the mosaic's -ln(1 - SSIM) at {@code code}, measured elsewhere. */
  void know(int code, double y) {
    measured.putIfAbsent(code, y);
  }

  /** The mosaic's measured -ln(1 - SSIM) at {@code code}. */
  double at(int code) {
    Double known = measured.get(code);
    if (known != null) {
      return known;
    }
    TglEncodeOptions o = TargetSearch.tglOptions(code);
    if (fixed != null) {
      o = o.withChroma(CompressPipeline.tglChroma(fixed));
    }
    byte[] b = encoder.tgl(o);
    double y = SsimCurve.distortion(TglProbe.innerSsim(mosaic, Tegula.decode(b).image(), tile,
        margin));
    measured.put(code, y);
    return y;
  }
}
