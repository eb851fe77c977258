package dev.tegula.core;

/**
 * What a decode into an {@link RgbaTarget} reports: all that {@link DecodedImage} says but the
 * pixels, which are in the target.
 *
 * @param width the image's width as stored in the target (upright when it was turned)
 * @param height its height
 * @param info what the header said
 * @param metadata ICC, EXIF, XMP and text carried from the file
 * @param complete false when the data ended early or was damaged (see {@link DecodedImage})
 * @param warning why the image is incomplete, or null
 */
public record DecodeReport(
    int width, int height, ImageInfo info, Metadata metadata, boolean complete, String warning) {

  /** The report of a decoded image. */
  public static DecodeReport of(DecodedImage d) {
    return new DecodeReport(d.image().width(), d.image().height(), d.info(), d.metadata(),
        d.complete(), d.warning());
  }
}
