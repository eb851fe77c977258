package dev.tegula.tgl;

import dev.tegula.core.MalformedInputException;

/**
 * The image header, chunk THDR (format.md §5).
 *
 * @param width pixels across
 * @param height pixels down
 * @param colour colour channels: 1 grey, 3 RGB
 * @param alpha whether the image has an alpha channel
 * @param bitDepth 8 or 16 bits per sample
 * @param lossy lossy mode (else lossless)
 * @param quality the lossy quality 0-100 the encoder was given (0 for lossless); informative
 * @param tileWidth tile width, 16-4096
 * @param tileHeight tile height, 16-4096
 * @param jpeg mode 2, JPEG reconstruction (format-jpeg.md): the tiles hold a JPEG file's
 *     coefficients, in bands of the full width
 */
public record TglHeader(
    int width, int height, int colour, boolean alpha, int bitDepth, boolean lossy, int quality,
    int tileWidth, int tileHeight, boolean jpeg) {

  public TglHeader {
    if (width < 1 || height < 1 || (colour != 1 && colour != 3)
        || (bitDepth != 8 && bitDepth != 16) || quality < 0 || quality > 100
        || tileWidth < TglFormat.MIN_TILE_SIDE || tileWidth > TglFormat.MAX_TILE_SIDE
        || tileHeight < TglFormat.MIN_TILE_SIDE || tileHeight > TglFormat.MAX_TILE_SIDE
        || (lossy && bitDepth != 8) || (jpeg && (lossy || alpha || bitDepth != 8))) {
      throw new IllegalArgumentException("not a valid .tgl header: " + width + "x" + height
          + " colour " + colour + " bitDepth " + bitDepth + " tile " + tileWidth + "x" + tileHeight);
    }
  }

  /** A header of mode 0 or 1. */
  public TglHeader(int width, int height, int colour, boolean alpha, int bitDepth, boolean lossy,
      int quality, int tileWidth, int tileHeight) {
    this(width, height, colour, alpha, bitDepth, lossy, quality, tileWidth, tileHeight, false);
  }

  /** §5 {@code mode}: 0 lossless, 1 lossy, 2 JPEG reconstruction. */
  public int mode() {
    return jpeg ? 2 : lossy ? 1 : 0;
  }

  /** Samples per pixel, alpha included. */
  public int channels() {
    return colour + (alpha ? 1 : 0);
  }

  /** §7.1; in mode 2 one column of full-width bands (format-jpeg.md §3). */
  public int tilesAcross() {
    if (jpeg) {
      return 1;
    }
    return (int) ((width + (long) tileWidth - 1) / tileWidth);
  }

  public int tilesDown() {
    return (int) ((height + (long) tileHeight - 1) / tileHeight);
  }

  /** Long: a hostile header can ask for more tiles than an int holds (checked against limits). */
  public long tileCount() {
    return (long) tilesAcross() * tilesDown();
  }

  /** §7.1 */
  public TileRect tile(int index) {
    int across = tilesAcross();
    int column = index % across;
    int row = index / across;
    int x = column * tileWidth;
    int y = row * tileHeight;
    return new TileRect(index, column, row, x, y, jpeg ? width : Math.min(tileWidth, width - x),
        Math.min(tileHeight, height - y));
  }

  /** "grayscale", "RGB", "grayscale+alpha" or "RGBA", as {@code ImageInfo} names them. */
  public String colorSpaceName() {
    if (colour == 1) {
      return alpha ? "grayscale+alpha" : "grayscale";
    }
    return alpha ? "RGBA" : "RGB";
  }

  /** §5: the 20 data bytes. */
  byte[] toBytes() {
    byte[] b = new byte[TglFormat.HEADER_LENGTH];
    Bytes.putU32(b, 0, width);
    Bytes.putU32(b, 4, height);
    b[8] = (byte) colour;
    b[9] = (byte) (alpha ? 1 : 0);
    b[10] = (byte) bitDepth;
    b[11] = (byte) mode();
    b[12] = (byte) quality;
    // b[13] colourSpace 0: sRGB or the iccp chunk's profile; b[18..19] requiredFeatures none
    Bytes.putU16(b, 14, tileWidth);
    Bytes.putU16(b, 16, tileHeight);
    return b;
  }

  /**
   * §5: parses THDR data; bytes after the version-1 fields are ignored (§3.5).
   *
   * @param at offset of the data in the file, for error messages
   */
  static TglHeader parse(byte[] data, int at, int length) {
    if (length < TglFormat.HEADER_LENGTH) {
      throw new MalformedInputException(
          "THDR holds " + length + " bytes, version 1 needs " + TglFormat.HEADER_LENGTH, at);
    }
    long width = Bytes.u32(data, at);
    long height = Bytes.u32(data, at + 4);
    int colour = Bytes.u8(data, at + 8);
    int alpha = Bytes.u8(data, at + 9);
    int bitDepth = Bytes.u8(data, at + 10);
    int mode = Bytes.u8(data, at + 11);
    int quality = Bytes.u8(data, at + 12);
    int colourSpace = Bytes.u8(data, at + 13);
    int tileWidth = Bytes.u16(data, at + 14);
    int tileHeight = Bytes.u16(data, at + 16);
    int required = Bytes.u16(data, at + 18);
    if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new MalformedInputException("image size " + width + "x" + height
          + " is outside 1 .. 2^31-1", at);
    }
    check(colour == 1 || colour == 3, "colour channels " + colour + " (must be 1 or 3)", at + 8);
    check(alpha <= 1, "alpha " + alpha + " (must be 0 or 1)", at + 9);
    check(bitDepth == 8 || bitDepth == 16, "bit depth " + bitDepth + " (must be 8 or 16)", at + 10);
    check(mode <= 2, "mode " + mode + " (must be 0 lossless, 1 lossy or 2 JPEG reconstruction)",
        at + 11);
    check(mode == 0 || bitDepth == 8, "mode " + mode + " with " + bitDepth + "-bit samples",
        at + 10);
    check(mode != 2 || alpha == 0, "alpha in a JPEG reconstruction file", at + 9);
    check(quality <= 100, "quality " + quality + " (must be 0-100)", at + 12);
    check(colourSpace == 0, "colour space " + colourSpace + " (version 1 defines only 0)", at + 13);
    check(tileWidth >= TglFormat.MIN_TILE_SIDE && tileWidth <= TglFormat.MAX_TILE_SIDE
        && tileHeight >= TglFormat.MIN_TILE_SIDE && tileHeight <= TglFormat.MAX_TILE_SIDE,
        "tile size " + tileWidth + "x" + tileHeight + " (each side must be 16-4096)", at + 14);
    if (required != 0) {
      throw new dev.tegula.core.UnsupportedFeatureException(
          "the file needs features this decoder lacks (THDR requiredFeatures 0x"
              + Integer.toHexString(required) + ")", at + 18);
    }
    return new TglHeader((int) width, (int) height, colour, alpha == 1, bitDepth, mode == 1,
        quality, tileWidth, tileHeight, mode == 2);
  }

  private static void check(boolean ok, String what, int at) {
    if (!ok) {
      throw new MalformedInputException("THDR: bad " + what, at);
    }
  }
}
