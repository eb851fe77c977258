package dev.tegula.api;

import dev.tegula.metrics.Comparison;

/**
 * Describes a {@link Comparison} as JSON, the same way for {@code tegula compare --json} and the
 * browser. JSON has no infinity or NaN, so such values are null: a null PSNR means the compared
 * channels are identical (infinite PSNR), a null SSIM that the image is too small for the window.
 */
public final class QualityFacts {
  private QualityFacts() {}

  public static String toJson(Comparison c) {
    return putAll(new Json(), c).toString();
  }

  /** Adds the comparison's members to {@code json}, for callers that add members of their own. */
  public static Json putAll(Json json, Comparison c) {
    return json
        .put("width", c.width())
        .put("height", c.height())
        .putRaw("psnr", number(c.psnr()))
        .putRaw("psnrLuma", number(c.psnrLuma()))
        .putRaw("ssim", number(c.ssim()))
        .putRaw("ssimLuma", number(c.ssimLuma()))
        .putRaw("msSsim", number(c.msSsim()))
        .put("alpha", c.alpha())
        .putRaw("psnrAlpha", number(c.psnrAlpha()))
        .putRaw("ssimAlpha", number(c.ssimAlpha()))
        // "look identical": with alpha, colour is compared composited, so hidden colour may differ
        .put("identical", c.psnr() == Double.POSITIVE_INFINITY
            && (!c.alpha() || c.psnrAlpha() == Double.POSITIVE_INFINITY));
  }

  /** A JSON number, or null for infinity and NaN. */
  public static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }
}
