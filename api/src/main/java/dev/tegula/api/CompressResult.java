package dev.tegula.api;

/**
 * What {@link Tegula#compressFile} made.
 *
 * @param bytes the output file
 * @param format its format
 * @param width width of the encoded image (after orientation and resizing)
 * @param height its height
 * @param quality the lossy quality used, -1 for lossless output
 * @param encodes how many encodes it took (more than 1 only with a size or SSIM target)
 * @param ssim SSIM of the decoded output against the (resized) source when a target SSIM was
 *     asked for, else NaN
 * @param warning why the output is incomplete (the input was damaged), or null
 */
public record CompressResult(byte[] bytes, ImageFormat format, int width, int height, int quality,
    int encodes, double ssim, String warning) {
  public int size() {
    return bytes.length;
  }
}
