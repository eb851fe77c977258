package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;

/**
 * An image made ready for lossy .tgl encodes at any quality of one chroma resolution
 * ({@link TglEncoder#prepare}): every tile's colour transform, lapping, forward DCT and AQ
 * levels ({@link dev.tegula.tgl.lossy.PreparedLossyTile}), its constant planes and its lossless
 * alpha plane, none of which depends on the quality. Each {@link #encode} gives the bytes of
 * {@link TglEncoder#encode} with the same options.
 *
 * <p>The tiles' coefficients are shorts: about 3 bytes per pixel with 4:2:0 chroma, 6 with full
 * chroma, 2 for grey (tiles padded to whole 16x16 macroblocks). The image is kept, not copied: the
 * rare tile stored raw at a top quality takes its samples from it again, so it must not change
 * while this is in use.
 */
public final class PreparedTgl {
  private final Image image;
  private final TglEncodeOptions options;
  private final TglHeader header;
  private final boolean fullChroma;
  private final PreparedTile[] tiles;

  PreparedTgl(Image image, TglEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    if (options.isLossless()) {
      throw new IllegalArgumentException("only lossy encodes are prepared");
    }
    this.image = image;
    this.options = options;
    this.header = new TglEncoding(image, null, options).header();
    this.fullChroma = options.chromaUsed() == TglEncodeOptions.Chroma.FULL;
    this.tiles = new PreparedTile[(int) header.tileCount()];
    for (int t = 0; t < tiles.length; t++) {
      tiles[t] = TileEncoder.prepare(image, header, header.tile(t), options);
    }
  }

  /**
   * Whether {@link #encode} takes {@code options}: lossy, with the tile size and effort (of the
   * alpha plane) prepared for and, for a colour image, the same chroma resolution at its quality
   * ({@link TglEncodeOptions#chromaUsed}).
   */
  public boolean accepts(TglEncodeOptions o) {
    return o != null && !o.isLossless() && o.tileSize() == options.tileSize()
        && o.effort() == options.effort()
        && o.containerCodecsOnly() == options.containerCodecsOnly()
        && (header.colour() == 1 || (o.chromaUsed() == TglEncodeOptions.Chroma.FULL) == fullChroma);
  }

  /**
   * The bytes {@link TglEncoder#encode} gives for the prepared image with these options.
   *
   * @param metadata EXIF, ICC, XMP and text to carry verbatim (null for none)
   * @throws IllegalArgumentException when {@code options} is not {@link #accepts accepted}
   */
  public byte[] encode(Metadata metadata, TglEncodeOptions o) {
    if (!accepts(o)) {
      throw new IllegalArgumentException("options do not match the prepared tiles (lossy, tile "
          + options.tileSize() + ", effort " + options.effort()
          + (header.colour() == 1 ? "" : fullChroma ? ", full chroma" : ", 4:2:0") + ")");
    }
    TglHeader h = new TglHeader(header.width(), header.height(), header.colour(), header.alpha(),
        header.bitDepth(), true, o.quality(), header.tileWidth(), header.tileHeight());
    byte[][] coded = new byte[tiles.length][];
    for (int t = 0; t < tiles.length; t++) {
      coded[t] = TileEncoder.encode(tiles[t], image, h, o);
    }
    return TglEncoding.assemble(h, metadata == null ? Metadata.EMPTY : metadata, coded);
  }
}
