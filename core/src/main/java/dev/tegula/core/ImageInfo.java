package dev.tegula.core;

/**
 * What a header says about an image, readable without decoding the pixels.
 *
 * @param format "jpeg" or "png" (later "tgl")
 * @param width stored width in pixels (before any EXIF orientation is applied)
 * @param height stored height in pixels
 * @param components colour components (channels) stored in the file, alpha included
 * @param bitDepth bits per sample as stored (JPEG 8 or 12; PNG 1, 2, 4, 8 or 16)
 * @param colorSpace how the samples are coded: "grayscale", "YCbCr", "RGB", "CMYK", "YCCK",
 *     "grayscale+alpha", "RGBA", "palette"
 * @param variant the coding process: JPEG "baseline", "extended", "progressive", "arithmetic",
 *     "progressive arithmetic"; PNG "non-interlaced" or "Adam7"
 * @param subsampling chroma subsampling of a JPEG ("4:2:0", "4:4:4", ..., "4:0:0" for grey, or the
 *     sampling factors as "2x2,1x1,1x1" when no common name fits) or of a lossy colour .tgl
 *     ("4:2:0" or "4:4:4", from its first intact tile); null for formats and images without it
 * @param progressive whether the image arrives in several passes (progressive JPEG, Adam7 PNG)
 * @param hasAlpha whether the image carries transparency (alpha channel or tRNS)
 * @param orientation EXIF orientation 1-8 (1 when absent)
 * @param scans JPEG scans or PNG passes/IDAT count as seen by the header reader; 0 if unknown
 */
public record ImageInfo(
    String format,
    int width,
    int height,
    int components,
    int bitDepth,
    String colorSpace,
    String variant,
    String subsampling,
    boolean progressive,
    boolean hasAlpha,
    int orientation,
    int scans) {

  /** Width as displayed once the EXIF orientation is applied. */
  public int orientedWidth() {
    return orientation >= 5 ? height : width;
  }

  /** Height as displayed once the EXIF orientation is applied. */
  public int orientedHeight() {
    return orientation >= 5 ? width : height;
  }
}
