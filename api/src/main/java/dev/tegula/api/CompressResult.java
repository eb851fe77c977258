package dev.tegula.api;

/**
 * What {@link Tegula#compressFile} made.
 *
 * @param bytes the output file
 * @param format its format
 * @param width width of the encoded image (after orientation and resizing)
 * @param height its height
 * @param quality the lossy quality used (the whole part of {@code qualityHundredths}), -1 for
 *     lossless output
 * @param encodes how many encodes it took (more than 1 only with a size or SSIM target; for a
 *     size target that needed a smaller image, the encodes of every attempt)
 * @param ssim SSIM of the decoded output against the (resized) source when a target SSIM was
 *     asked for, else NaN
 * @param warning why the output is incomplete (the input was damaged), or null
 * @param qualityHundredths the lossy quality in hundredths (0-10000) the encode used: a size or
 *     SSIM search moves between whole qualities; -1 for lossless output
 * @param chroma lossy output's chroma subsampling (JPEG and .tgl): the caller's ({@link
 *     CompressOptions#withChroma}), else "4:2:0" below quality 97 and "4:4:4" from 97 on, or below
 *     97 where a size or SSIM target inside the jump at 97 was filled (see {@link
 *     TargetSearch}); "grey" for one component (grey output, a grey image in .tgl, and in JPEG
 *     unless the caller fixed the chroma; a JPEG carrying a colour ICC profile has three); null
 *     for PNG and lossless output
 * @param lambdaHundredths JPEG output's trellis lambda in hundredths of the encoder's own
 *     ({@code JpegEncodeOptions.lambdaHundredths}): 100 unless a size or SSIM search moved this
 *     second knob, where one hundredth of quality changes the tables too much to land; with the
 *     quality and chroma it reproduces the file. -1 for PNG, .tgl and lossless output
 * @param trimmed whether a size search (JPEG or .tgl) fitted the file to the target by dropping
 *     its least valuable coefficients: the encode at the quality, chroma and lambda was over the
 *     target by a little (at most 3.5 %), and the same encode with the same target gives the
 *     file again. A .tgl trim codes the tiles again, which {@code encodes} counts as encodes; a
 *     JPEG trim reuses the encode's trellis and is counted as part of it. For a target SSIM: the
 *     search lowered a pass over the band into it by dropping its cheapest coefficients (JPEG:
 *     luma only), each try scored on its decoded pixels before one file was written (which
 *     counts as an encode); the encode at the quality, chroma and lambda with the same target
 *     gives it again
 */
public record CompressResult(byte[] bytes, ImageFormat format, int width, int height, int quality,
    int encodes, double ssim, String warning, int qualityHundredths, String chroma,
    int lambdaHundredths, boolean trimmed) {

  /** A result whose file is the encode itself (not trimmed to a size target). */
  public CompressResult(byte[] bytes, ImageFormat format, int width, int height, int quality,
      int encodes, double ssim, String warning, int qualityHundredths, String chroma,
      int lambdaHundredths) {
    this(bytes, format, width, height, quality, encodes, ssim, warning, qualityHundredths, chroma,
        lambdaHundredths, false);
  }

  /** A result at the encoder's own trellis lambda (100 for JPEG, -1 for other output). */
  public CompressResult(byte[] bytes, ImageFormat format, int width, int height, int quality,
      int encodes, double ssim, String warning, int qualityHundredths, String chroma) {
    this(bytes, format, width, height, quality, encodes, ssim, warning, qualityHundredths, chroma,
        format == ImageFormat.JPEG && quality >= 0 ? 100 : -1);
  }

  /** A result whose quality is whole, without a chroma choice (PNG, lossless .tgl). */
  public CompressResult(byte[] bytes, ImageFormat format, int width, int height, int quality,
      int encodes, double ssim, String warning) {
    this(bytes, format, width, height, quality, encodes, ssim, warning,
        quality < 0 ? -1 : quality * 100, null);
  }

  public int size() {
    return bytes.length;
  }
}
