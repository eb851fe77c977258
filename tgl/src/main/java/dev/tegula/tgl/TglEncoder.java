package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;

/**
 * Writes .tgl files (docs/format.md). {@link #encode} does it all in the calling thread; callers
 * who want tiles coded in parallel {@link #start} a job and run its tiles on their own threads.
 */
public final class TglEncoder {
  private TglEncoder() {}

  /**
   * Checks the image and options and fixes the header; no tile is coded yet.
   *
   * @param metadata EXIF, ICC, XMP and text to carry verbatim (null for none)
   */
  public static TglEncoding start(Image image, Metadata metadata, TglEncodeOptions options) {
    return new TglEncoding(image, metadata, options);
  }

  /**
   * Whether a lossy file of {@code image} is grey (R = G = B at every pixel): one colour plane,
   * no chroma whatever the options ask.
   */
  public static boolean lossyIsGrey(Image image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    return image.isGrey(false);
  }

  /**
   * Prepares {@code image} for lossy encodes at any quality with options like {@code options}
   * (same tile size, effort and chroma resolution; {@link PreparedTgl#accepts}): the work a
   * quality search would otherwise redo at every quality.
   *
   * @throws IllegalArgumentException when an argument is null, the options are lossless, or the
   *     image makes more tiles than decoders accept
   */
  public static PreparedTgl prepare(Image image, TglEncodeOptions options) {
    return new PreparedTgl(image, options);
  }

  public static byte[] encode(Image image, Metadata metadata, TglEncodeOptions options) {
    TglEncoding job = start(image, metadata, options);
    for (int t = 0; t < job.tileCount(); t++) {
      job.runTile(t);
    }
    return job.finish();
  }
}
