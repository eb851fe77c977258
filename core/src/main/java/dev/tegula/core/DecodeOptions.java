package dev.tegula.core;

/**
 * How to decode.
 *
 * @param limits what the input may make the decoder allocate
 * @param autoOrient apply the EXIF orientation so that the image comes out upright
 * @param jpegShrink 1, 2, 4 or 8: a JPEG (and a .tgl that keeps one) decodes to ceil(W / n) x
 *     ceil(H / n) pixels through its reduced inverse DCT, as djpeg {@code -scale 1/n} does, for a
 *     fraction of the work and memory of a whole decode; other images decode whole
 */
public record DecodeOptions(Limits limits, boolean autoOrient, int jpegShrink) {
  public static final DecodeOptions DEFAULT = new DecodeOptions(Limits.DEFAULT, false);

  public DecodeOptions {
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    if (jpegShrink != 1 && jpegShrink != 2 && jpegShrink != 4 && jpegShrink != 8) {
      throw new IllegalArgumentException("jpegShrink must be 1, 2, 4 or 8, not " + jpegShrink);
    }
  }

  public DecodeOptions(Limits limits, boolean autoOrient) {
    this(limits, autoOrient, 1);
  }

  public DecodeOptions withLimits(Limits newLimits) {
    return new DecodeOptions(newLimits, autoOrient, jpegShrink);
  }

  public DecodeOptions withAutoOrient(boolean orient) {
    return new DecodeOptions(limits, orient, jpegShrink);
  }

  public DecodeOptions withJpegShrink(int n) {
    return new DecodeOptions(limits, autoOrient, n);
  }
}
