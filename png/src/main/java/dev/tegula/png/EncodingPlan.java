package dev.tegula.png;

/**
 * What the encoder writes for an image: the colour type and bit depth of IHDR (PNG spec §11.2.2)
 * and, where they apply, the PLTE (§11.2.3) and tRNS (§11.3.2.1) chunk data.
 *
 * @param samples16 the samples come from {@code Image.rgba16()} (bit depth 16)
 * @param palette the colour-to-index table of an indexed image, else null
 * @param plte PLTE chunk data, or null
 * @param trns tRNS chunk data, or null
 */
record EncodingPlan(int colorType, int bitDepth, boolean samples16, ColorTable palette,
    byte[] plte, byte[] trns) {

  int channels() {
    return switch (colorType) {
      case PngHeader.RGB -> 3;
      case PngHeader.GREY_ALPHA -> 2;
      case PngHeader.RGBA -> 4;
      default -> 1;
    };
  }

  /** Bytes of one scanline without its filter-type byte (§7.2), in long to check the size. */
  long rowBytes(int width) {
    return ((long) width * channels() * bitDepth + 7) >> 3;
  }

  /** §9.2: the filter's "bpp", bytes per complete pixel rounded up to 1. */
  int filterStride() {
    return Math.max(1, channels() * bitDepth >> 3);
  }

  /** Whether rows gain from filtering at all: §12.8 advises none for indexed and sub-byte. */
  boolean filtersUseful() {
    return colorType != PngHeader.PALETTE && bitDepth >= 8;
  }
}
