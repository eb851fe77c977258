package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;

/**
 * .tgl writing for callers whose tiles are coded in processes that share no memory, such as a
 * pool of Web Workers (format.md §13): each process holds only its tile's pixels. The caller
 * finds whether the tiles are all grey and all opaque, fixes the header with {@link #header}, codes each tile with {@link
 * #encodeTile} and lays out the file with {@link #assemble}; the bytes equal {@link TglEncoder}'s.
 * 8-bit samples only: an image with 16-bit samples is coded whole.
 */
public final class StandaloneTileEncoder {
  private StandaloneTileEncoder() {}

  /**
   * §13: the header, given what the analysis of every tile found.
   *
   * @param grey R = G = B in every tile
   * @param alpha some alpha below 255 in some tile
   */
  public static TglHeader header(int width, int height, boolean grey, boolean alpha,
      TglEncodeOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    int side = options.tileSize();
    TglHeader h = new TglHeader(width, height, grey ? 1 : 3, alpha, 8, !options.isLossless(),
        options.quality(), side, side);
    if (h.tileCount() > Limits.DEFAULT.maxTiles()) {
      throw new IllegalArgumentException(width + "x" + height + " in tiles of " + side
          + " makes " + h.tileCount() + " tiles; decoders accept " + Limits.DEFAULT.maxTiles()
          + " by default: use larger tiles");
    }
    return h;
  }

  /**
   * Codes tile {@code index} from its own pixels.
   *
   * @param rgba the tile's 8-bit RGBA pixels, rows of {@code header.tile(index).width()}
   * @return the TILE chunk's data, for {@link #assemble}
   */
  public static byte[] encodeTile(TglHeader header, int index, byte[] rgba,
      TglEncodeOptions options) {
    if (header == null || rgba == null || options == null) {
      throw new IllegalArgumentException("header, pixels and options must not be null");
    }
    if (index < 0 || index >= header.tileCount()) {
      throw new IllegalArgumentException("tile " + index + " is not one of the "
          + header.tileCount() + " tiles");
    }
    TileRect r = header.tile(index);
    if (rgba.length != r.width() * r.height() * 4) {
      throw new IllegalArgumentException("tile " + index + " is " + r.width() + "x" + r.height()
          + ": it needs " + (r.width() * r.height() * 4) + " bytes of RGBA, not " + rgba.length);
    }
    TileRect local = new TileRect(r.index(), r.column(), r.row(), 0, 0, r.width(), r.height());
    return TileEncoder.encode(new Image(r.width(), r.height(), rgba), header, local, options);
  }

  /**
   * The whole file from every tile's {@link #encodeTile} result, in tile order.
   *
   * @param metadata EXIF, ICC, XMP and text to carry verbatim (null for none)
   */
  public static byte[] assemble(TglHeader header, Metadata metadata, byte[][] tiles) {
    if (header == null || tiles == null) {
      throw new IllegalArgumentException("header and tiles must not be null");
    }
    if (tiles.length != header.tileCount()) {
      throw new IllegalArgumentException(tiles.length + " tiles given, the header has "
          + header.tileCount());
    }
    return TglEncoding.assemble(header, metadata == null ? Metadata.EMPTY : metadata, tiles);
  }
}
