package dev.tegula.cli.eval;

import dev.tegula.metrics.Comparison;

/**
 * One image encoded at one setting and measured.
 *
 * @param image the image's path relative to the corpus, with forward slashes
 * @param quality the quality asked for, or -1 for a lossless codec (which has none)
 * @param bpp bits per pixel of the encoded file: bytes · 8 / (width · height)
 * @param metrics the comparison of the decode with the original (without a map)
 * @param encodeMs median encode time over the runs, milliseconds
 * @param decodeMs median decode time over the runs, milliseconds
 */
public record EvalResult(
    String image,
    int width,
    int height,
    String codec,
    int quality,
    long bytes,
    double bpp,
    Comparison metrics,
    double encodeMs,
    double decodeMs) {

  public boolean lossless() {
    return quality < 0;
  }
}
