package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;

/**
 * Writes one image as .tgl, tile by tile (format.md §13). The header is fixed when the job is
 * made; every tile is coded on its own, so tiles may be coded on different threads.
 */
public final class TglEncoding implements TileJob<byte[]> {
  private final Image image;
  private final Metadata metadata;
  private final TglEncodeOptions options;
  private final TglHeader header;
  private final byte[][] tiles;

  TglEncoding(Image image, Metadata metadata, TglEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    this.image = image;
    this.metadata = metadata == null ? Metadata.EMPTY : metadata;
    this.options = options;
    boolean lossy = !options.isLossless();
    boolean sixteen = !lossy && image.has16BitSamples();
    boolean grey = image.isGrey(sixteen);
    boolean alpha = !ImageAnalysis.isOpaque(image, sixteen);
    int side = options.tileSize();
    this.header = new TglHeader(image.width(), image.height(), grey ? 1 : 3, alpha,
        sixteen ? 16 : 8, lossy, options.quality(), side, side);
    long count = header.tileCount();
    if (count > Limits.DEFAULT.maxTiles()) {
      throw new IllegalArgumentException(image.width() + "x" + image.height() + " in tiles of "
          + side + " makes " + count + " tiles; decoders accept " + Limits.DEFAULT.maxTiles()
          + " by default: use larger tiles");
    }
    this.tiles = new byte[(int) count][];
  }

  /** The header the file will have: size, grey or colour, alpha, bit depth, mode, tiles. */
  public TglHeader header() {
    return header;
  }

  @Override
  public int tileCount() {
    return tiles.length;
  }

  @Override
  public void runTile(int index) {
    tiles[index] = TileEncoder.encode(image, header, header.tile(index), options);
  }

  /** The whole file (§4.3 order: THDR, metadata, TIDX, tiles, TEND). */
  @Override
  public byte[] finish() {
    return assemble(header, metadata, tiles);
  }

  /**
   * Lays out the file from its coded tiles; shared with {@link StandaloneTileEncoder}, whose tiles
   * were coded in other processes.
   */
  static byte[] assemble(TglHeader header, Metadata metadata, byte[][] tiles) {
    long total = 0;
    byte[] index = new byte[4 + 4 * tiles.length];
    Bytes.putU32(index, 0, tiles.length);
    for (int t = 0; t < tiles.length; t++) {
      if (tiles[t] == null) {
        throw new IllegalStateException("tile " + t + " was not run");
      }
      long size = (long) tiles[t].length + TglFormat.CHUNK_OVERHEAD;
      Bytes.putU32(index, 4 + 4 * t, size);
      total += size;
    }
    TglWriter out = new TglWriter((int) Math.min(Integer.MAX_VALUE - 16, total + 4096));
    out.chunk(TglFormat.THDR, header.toBytes());
    MetadataChunks.write(metadata, out);
    out.chunk(TglFormat.TIDX, index);
    for (byte[] tile : tiles) {
      out.chunk(TglFormat.TILE, tile);
    }
    out.chunk(TglFormat.TEND, new byte[0]);
    return out.toByteArray();
  }
}
