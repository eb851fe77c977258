package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.RgbaTarget;

/**
 * .tgl reading for callers whose tiles are decoded in processes that share no memory, such as a
 * pool of Web Workers: one process {@link TglDecoder#open opens} the file and hands each tile's
 * chunk to another, which decodes it into the tile's own pixels (format.md §11.1 step 5).
 */
public final class StandaloneTileDecoder {
  private StandaloneTileDecoder() {}

  /**
   * A decoded tile.
   *
   * @param rgba 8-bit RGBA of the tile's size; mid-grey when the tile is lost
   * @param problem why the tile is lost (as {@link TglDecoding} names it), or null
   */
  public record Tile(TileRect rect, byte[] rgba, String problem) {}

  /**
   * Decodes tile {@code index} from its TILE chunk, framing included: the bytes {@code
   * [entry.offset(), entry.offset() + entry.size())} of the opened file. A chunk whose CRC or tile
   * number is wrong, or whose data does not decode, gives a grey tile and the problem, as the
   * whole-file decoder does (§11.2). 16-bit samples come out as their 8-bit RGBA.
   *
   * @param fileOffset where the chunk lies in its file, for messages
   */
  public static Tile decodeTile(TglHeader header, int index, byte[] chunk, int fileOffset) {
    checkChunk(header, index, chunk);
    TileRect r = header.tile(index);
    TglHeader local = localHeader(header, r);
    TileRect at = atOrigin(r);
    byte[] rgba = new byte[r.width() * r.height() * 4];
    short[] rgba16 = header.bitDepth() == 16 ? new short[rgba.length] : null;
    String problem = TglFile.verifyChunk(chunk, 0, chunk.length, index, fileOffset);
    if (problem == null) {
      problem = TileDecoder.problemOf(() -> TileDecoder.decode(chunk, 8,
          chunk.length - TglFormat.CHUNK_OVERHEAD, local, at, rgba, rgba16));
    }
    if (problem != null) {
      PixelPacking.fillGrey(local, at, rgba, null);
    }
    return new Tile(r, rgba, problem);
  }

  /**
   * {@link #decodeTile} into {@code target}, which gets the tile's size: an 8-bit tile row by row
   * out of its packed pixels (no RGBA array of its own), a 16-bit one as its 8-bit RGBA.
   *
   * @return why the tile is lost (it is then grey), or null
   */
  public static String decodeTileInto(TglHeader header, int index, byte[] chunk, int fileOffset,
      RgbaTarget target) {
    if (target == null) {
      throw new IllegalArgumentException("target must not be null");
    }
    if (header != null && header.bitDepth() == 16) {
      Tile tile = decodeTile(header, index, chunk, fileOffset);
      TileRect r = tile.rect();
      target.putImage(new Image(r.width(), r.height(), tile.rgba()));
      return tile.problem();
    }
    checkChunk(header, index, chunk);
    TileRect r = header.tile(index);
    TglHeader local = localHeader(header, r);
    TileRect at = atOrigin(r);
    int[] px = new int[r.width() * r.height()];
    String problem = TglFile.verifyChunk(chunk, 0, chunk.length, index, fileOffset);
    if (problem == null) {
      problem = TileDecoder.problemOf(() -> TileDecoder.decodePacked(chunk, 8,
          chunk.length - TglFormat.CHUNK_OVERHEAD, local, at, px, new TileScratch()));
    }
    if (problem != null) {
      PixelPacking.fillGrey(px, px.length);
    }
    target.start(r.width(), r.height(), 1);
    for (int y = 0; y < r.height(); y++) {
      target.row(y, px, y * r.width(), 0, 1, r.width());
    }
    return problem;
  }

  /** The tile's own header: the planes unpack into a buffer of the tile's size. */
  private static TglHeader localHeader(TglHeader header, TileRect r) {
    return new TglHeader(r.width(), r.height(), header.colour(), header.alpha(),
        header.bitDepth(), header.lossy(), header.quality(), header.tileWidth(),
        header.tileHeight());
  }

  /** The tile's place in its own buffer. */
  private static TileRect atOrigin(TileRect r) {
    return new TileRect(r.index(), r.column(), r.row(), 0, 0, r.width(), r.height());
  }

  private static void checkChunk(TglHeader header, int index, byte[] chunk) {
    if (header == null || chunk == null) {
      throw new IllegalArgumentException("header and chunk must not be null");
    }
    if (index < 0 || index >= header.tileCount()) {
      throw new IllegalArgumentException("tile " + index + " is not one of the "
          + header.tileCount() + " tiles");
    }
    if (chunk.length < TglFormat.CHUNK_OVERHEAD + TglFormat.TILE_PREFIX
        || Bytes.u32(chunk, 0) != chunk.length - TglFormat.CHUNK_OVERHEAD
        || (int) Bytes.u32(chunk, 4) != TglFormat.TILE) {
      throw new IllegalArgumentException("not a whole TILE chunk: " + chunk.length + " bytes");
    }
  }
}
