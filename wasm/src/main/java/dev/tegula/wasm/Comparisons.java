package dev.tegula.wasm;

import dev.tegula.api.Json;
import dev.tegula.api.QualityFacts;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.metrics.Comparison;

/**
 * The work behind {@link TegulaExports#compare}: each side is either decoded RGBA8 with its size,
 * or an encoded file (width 0) that is decoded first; the sizes must then agree.
 */
final class Comparisons {
  /** The JSON reply, and the heatmap's RGBA8 pixels when one was asked for. */
  record Result(String json, byte[] heatmap) {}

  private Comparisons() {}

  static Result compare(byte[] a, int aw, int ah, byte[] b, int bw, int bh, double maxPixels,
      boolean heatmap) {
    Limits limits = Limits.DEFAULT;
    if (maxPixels > 0) {
      limits = limits.withMaxPixels((long) maxPixels);
    }
    Image reference = image(a, aw, ah, limits);
    Image test = image(b, bw, bh, limits);
    if (reference.width() != test.width() || reference.height() != test.height()) {
      String message = "the images differ in size: " + reference.width() + "x"
          + reference.height() + " and " + test.width() + "x" + test.height();
      return new Result(new Json()
          .putRaw("error", new Json()
              .put("code", "mismatch")
              .put("message", message)
              .put("offset", -1)
              .toString())
          .toString(), null);
    }
    Comparison c = Tegula.compare(reference, test, heatmap);
    // images under 7x7 have no SSIM, so no map either
    byte[] pixels = heatmap && c.map() != null ? c.map().heatmap().rgba() : null;
    return new Result(QualityFacts.toJson(c), pixels);
  }

  private static Image image(byte[] data, int width, int height, Limits limits) {
    if (data == null) {
      throw new IllegalArgumentException("no image data");
    }
    if (width == 0) {
      return Tegula.decode(data, new DecodeOptions(limits, false)).image();
    }
    limits.checkDimensions(width, height, -1);
    return new Image(width, height, data);
  }
}
