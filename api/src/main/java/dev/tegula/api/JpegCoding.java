package dev.tegula.api;

/**
 * How JPEG-lossless storage ({@link CompressOptions#withJpegLossless}) codes the JPEG's
 * coefficients. Either file restores to the same JPEG, byte for byte, and decodes to the same
 * pixels.
 */
public enum JpegCoding {
  /**
   * The default: static tables and rANS (docs/format-jpeg-coefficients-fast.md, TILE content 2).
   * Restores and compresses 3-4 times as fast as {@link #ADAPTIVE}.
   */
  FAST,
  /**
   * Adaptive binary coding (docs/format-jpeg-coefficients.md, TILE content 0): on cjpeg photos
   * about half a point more saving than {@link #FAST}, at a quarter to a third of its speed.
   */
  ADAPTIVE
}
