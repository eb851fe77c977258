package dev.tegula.png;

import dev.tegula.core.MalformedInputException;

/**
 * The IHDR chunk (PNG spec §11.2.2) and the sizes that follow from it (§7.2 scanlines).
 *
 * @param colorType 0 greyscale, 2 truecolour, 3 indexed, 4 greyscale with alpha, 6 truecolour with
 *     alpha
 */
record PngHeader(int width, int height, int bitDepth, int colorType, boolean interlaced) {
  static final int GREY = 0;
  static final int RGB = 2;
  static final int PALETTE = 3;
  static final int GREY_ALPHA = 4;
  static final int RGBA = 6;

  private static final int LENGTH = 13;

  /** Parses and validates IHDR; the caller checks the dimensions against its limits. */
  static PngHeader parse(byte[] data, Chunk chunk) {
    if (chunk.length() != LENGTH) {
      throw new MalformedInputException(
          "IHDR chunk has " + chunk.length() + " bytes instead of 13", chunk.offset());
    }
    int p = chunk.dataOffset();
    long width = u32(data, p);
    long height = u32(data, p + 4);
    int bitDepth = data[p + 8] & 0xFF;
    int colorType = data[p + 9] & 0xFF;
    int compression = data[p + 10] & 0xFF;
    int filter = data[p + 11] & 0xFF;
    int interlace = data[p + 12] & 0xFF;
    // §11.2.2: both sides lie in 1..2^31-1.
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new MalformedInputException(
          "IHDR declares an invalid image size " + width + "x" + height, p);
    }
    if (!validDepth(colorType, bitDepth)) {
      throw new MalformedInputException(
          "IHDR: bit depth " + bitDepth + " is not allowed for colour type " + colorType, p + 8);
    }
    if (compression != 0) {
      throw new MalformedInputException(
          "IHDR: unknown compression method " + compression, p + 10);
    }
    if (filter != 0) {
      throw new MalformedInputException("IHDR: unknown filter method " + filter, p + 11);
    }
    if (interlace > 1) {
      throw new MalformedInputException(
          "IHDR: unknown interlace method " + interlace, p + 12);
    }
    return new PngHeader((int) width, (int) height, bitDepth, colorType, interlace == 1);
  }

  /** The table of allowed colour type and bit depth combinations in §11.2.2. */
  static boolean validDepth(int colorType, int bitDepth) {
    return switch (colorType) {
      case GREY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8
          || bitDepth == 16;
      case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
      case RGB, GREY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
      default -> false;
    };
  }

  /** Samples per pixel as stored (an index counts as one). */
  int channels() {
    return switch (colorType) {
      case RGB -> 3;
      case GREY_ALPHA -> 2;
      case RGBA -> 4;
      default -> 1;
    };
  }

  int bitsPerPixel() {
    return channels() * bitDepth;
  }

  /** §9.2: the filter's "bpp", bytes per complete pixel rounded up to 1. */
  int filterStride() {
    return Math.max(1, bitsPerPixel() >> 3);
  }

  /** Bytes of one scanline of {@code pixels} pixels, without the filter-type byte. */
  long rowBytes(int pixels) {
    return ((long) pixels * bitsPerPixel() + 7) >> 3;
  }

  boolean hasAlphaChannel() {
    return colorType == GREY_ALPHA || colorType == RGBA;
  }

  String colorSpace() {
    return switch (colorType) {
      case GREY -> "grayscale";
      case RGB -> "RGB";
      case PALETTE -> "palette";
      case GREY_ALPHA -> "grayscale+alpha";
      default -> "RGBA";
    };
  }

  private static long u32(byte[] b, int p) {
    return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }
}
