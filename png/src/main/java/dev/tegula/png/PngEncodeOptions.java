package dev.tegula.png;

/**
 * How to write a PNG.
 *
 * @param compressionLevel zlib level 0 (stored) to 9 (smallest)
 */
public record PngEncodeOptions(int compressionLevel) {
  public static final PngEncodeOptions DEFAULT = new PngEncodeOptions(6);

  public PngEncodeOptions {
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException(
          "compressionLevel must be 0-9, not " + compressionLevel);
    }
  }
}
