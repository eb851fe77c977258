package dev.tegula.core;

/**
 * How to decode.
 *
 * @param limits what the input may make the decoder allocate
 * @param autoOrient apply the EXIF orientation so that the image comes out upright
 */
public record DecodeOptions(Limits limits, boolean autoOrient) {
  public static final DecodeOptions DEFAULT = new DecodeOptions(Limits.DEFAULT, false);

  public DecodeOptions {
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
  }

  public DecodeOptions withLimits(Limits newLimits) {
    return new DecodeOptions(newLimits, autoOrient);
  }

  public DecodeOptions withAutoOrient(boolean orient) {
    return new DecodeOptions(limits, orient);
  }
}
