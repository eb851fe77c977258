package dev.tegula.png;

/**
 * The tRNS chunk (PNG spec §11.3.2.1): a key colour for greyscale and truecolour images, or alpha
 * values for the first palette entries.
 *
 * @param red the grey key, or the red sample of the RGB key (full precision, masked to the depth)
 * @param green the green key sample (RGB only)
 * @param blue the blue key sample (RGB only)
 * @param paletteAlpha alpha of the first palette entries (indexed images only), else null
 */
record Transparency(int red, int green, int blue, byte[] paletteAlpha) {

  /** The tRNS chunk, or null (with a warning) when it does not fit the image and is ignored. */
  static Transparency parse(
      byte[] data, Chunk chunk, PngHeader header, Palette palette, Warnings warnings) {
    int p = chunk.dataOffset();
    int length = chunk.length();
    // §11.3.2.1: decoders mask the key to the image's bit depth.
    int mask = (1 << header.bitDepth()) - 1;
    switch (header.colorType()) {
      case PngHeader.GREY:
        if (length != 2) {
          return ignore(warnings, chunk, "has " + length + " bytes instead of 2");
        }
        return new Transparency(u16(data, p) & mask, 0, 0, null);
      case PngHeader.RGB:
        if (length != 6) {
          return ignore(warnings, chunk, "has " + length + " bytes instead of 6");
        }
        return new Transparency(
            u16(data, p) & mask, u16(data, p + 2) & mask, u16(data, p + 4) & mask, null);
      case PngHeader.PALETTE:
        if (palette == null) {
          return ignore(warnings, chunk, "comes before PLTE");
        }
        // libpng (and so ImageMagick) drops a tRNS longer than the palette rather than cutting it.
        if (length == 0 || length > palette.entries()) {
          return ignore(warnings, chunk,
              "has " + length + " alpha values for " + palette.entries() + " palette entries");
        }
        byte[] alpha = new byte[length];
        System.arraycopy(data, p, alpha, 0, length);
        return new Transparency(0, 0, 0, alpha);
      default:
        return ignore(warnings, chunk, "is not allowed for an image with an alpha channel");
    }
  }

  private static Transparency ignore(Warnings warnings, Chunk chunk, String why) {
    warnings.add("ignored tRNS chunk at byte " + chunk.offset() + ": it " + why);
    return null;
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
