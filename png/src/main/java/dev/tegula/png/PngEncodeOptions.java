package dev.tegula.png;

/**
 * How to write a PNG. Every combination is valid once constructed; the constructor refuses bad
 * values so that no encode starts with them.
 *
 * @param compressionLevel zlib level 0 (stored, unfiltered) to 9 (smallest) used by efforts 0-2;
 *     efforts 3 and 4 use Tegula's own deflate coder unless the level is 0
 * @param effort how hard to look for the smallest file: 0 one pass with the per-row heuristic, 1
 *     the filter strategy chosen from fast trial compressions, 2 the best of the filter strategies
 *     and zlib strategies each compressed in full, 3 the best strategy coded by Tegula's
 *     near-optimal deflate coder, 4 like 3 with more passes and strategies
 * @param keepMetadata write ICC, EXIF, XMP and text from the metadata given to the encoder
 * @param keep16Bit write 16-bit samples when the image has them ({@code Image.rgba16()}) and they
 *     do not reduce exactly to 8 bits; false writes the 8-bit samples
 */
public record PngEncodeOptions(
    int compressionLevel, int effort, boolean keepMetadata, boolean keep16Bit) {
  public static final int MAX_EFFORT = 4;
  public static final int DEFAULT_LEVEL = 9;
  public static final int DEFAULT_EFFORT = 3;

  /** Level 9, effort 3, metadata and 16-bit samples kept. */
  public static final PngEncodeOptions DEFAULT =
      new PngEncodeOptions(DEFAULT_LEVEL, DEFAULT_EFFORT, true, true);

  public PngEncodeOptions {
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException(
          "compressionLevel must be 0-9, not " + compressionLevel);
    }
    if (effort < 0 || effort > MAX_EFFORT) {
      throw new IllegalArgumentException("effort must be 0-" + MAX_EFFORT + ", not " + effort);
    }
  }

  /** The given zlib level with the default effort, metadata and 16-bit samples kept. */
  public PngEncodeOptions(int compressionLevel) {
    this(compressionLevel, DEFAULT_EFFORT, true, true);
  }

  public PngEncodeOptions withCompressionLevel(int level) {
    return new PngEncodeOptions(level, effort, keepMetadata, keep16Bit);
  }

  public PngEncodeOptions withEffort(int newEffort) {
    return new PngEncodeOptions(compressionLevel, newEffort, keepMetadata, keep16Bit);
  }

  public PngEncodeOptions withKeepMetadata(boolean keep) {
    return new PngEncodeOptions(compressionLevel, effort, keep, keep16Bit);
  }

  public PngEncodeOptions withKeep16Bit(boolean keep) {
    return new PngEncodeOptions(compressionLevel, effort, keepMetadata, keep);
  }
}
