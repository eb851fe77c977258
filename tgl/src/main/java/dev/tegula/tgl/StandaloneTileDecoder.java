package dev.tegula.tgl;

import dev.tegula.core.TegulaException;

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
    TileRect r = header.tile(index);
    // The tile's own header and place: the planes unpack into a buffer of the tile's size.
    TglHeader local = new TglHeader(r.width(), r.height(), header.colour(), header.alpha(),
        header.bitDepth(), header.lossy(), header.quality(), header.tileWidth(),
        header.tileHeight());
    TileRect at = new TileRect(r.index(), r.column(), r.row(), 0, 0, r.width(), r.height());
    byte[] rgba = new byte[r.width() * r.height() * 4];
    short[] rgba16 = header.bitDepth() == 16 ? new short[rgba.length] : null;
    String problem = TglFile.verifyChunk(chunk, 0, chunk.length, index, fileOffset);
    if (problem == null) {
      try {
        TileDecoder.decode(chunk, 8, chunk.length - TglFormat.CHUNK_OVERHEAD, local, at, rgba,
            rgba16);
      } catch (TegulaException e) {
        problem = "its data does not decode: " + e.getMessage();
      } catch (RuntimeException e) {
        // a codec bug on data that passed its CRC: still only this tile is lost
        problem = "its data does not decode (" + e.getClass().getName() + ")";
      }
    }
    if (problem != null) {
      PixelPacking.fillGrey(local, at, rgba, null);
    }
    return new Tile(r, rgba, problem);
  }
}
