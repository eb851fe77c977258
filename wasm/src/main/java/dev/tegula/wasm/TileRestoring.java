package dev.tegula.wasm;

import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.api.StandaloneTiles;
import dev.tegula.api.Tegula;
import dev.tegula.core.BufferTarget;
import dev.tegula.core.Limits;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TglHeader;
import dev.tegula.tgl.TileEntry;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The decoding half of the worker pool's tile-by-tile .tgl coding: {@link TileCoding} hands these
 * calls on, and the decode-only module ({@link DecodeExports}) offers them alone, under the same
 * names, so that the worker's decode path is one for both modules. Stateless between calls, as
 * {@link TileCoding} describes.
 */
public final class TileRestoring {
  static final TileRestoring INSTANCE = new TileRestoring();

  /** A restored tile's pixels, in the module's shared buffer. */
  private final LinearPixels tilePixels = LinearPixels.SHARED;
  private final Handover pendingMetadata = new Handover();

  private TileRestoring() {}

  /**
   * Reads a .tgl file's structure for decoding it tile by tile: JSON with the header fields, the
   * {@code info} and {@code metadata} as decode() describes them, {@code tiles} as {@code
   * [offset, size, problem]} of each TILE chunk (offset -1 and a problem when it cannot be used),
   * and {@code warning}, the warning of the file when every tile decodes. The metadata waits for
   * {@link #takeMetadata}.
   */
  @JSExport
  public String openTgl(byte[] file, double maxPixels) {
    clear();
    return Replies.of(() -> {
      Limits limits = Decoding.limits(maxPixels);
      TglFile f = Tegula.inspectTgl(file, limits);
      TglHeader h = f.header();
      if (h.jpeg()) {
        // mode 2 holds a JPEG file, rebuilt whole before decoding: no tile-by-tile decode
        return new Json().putRaw("tiles", "[]").toString();
      }
      StringBuilder tiles = new StringBuilder("[");
      for (int t = 0; t < f.tileCount(); t++) {
        TileEntry e = f.tile(t);
        tiles.append(t == 0 ? "[" : ",[").append(e.problem() == null ? e.offset() : -1)
            .append(',').append(e.size()).append(',');
        if (e.problem() == null) {
          tiles.append("null");
        } else {
          Json.quote(tiles, e.problem());
        }
        tiles.append(']');
      }
      tiles.append(']');
      String reply = new Json()
          .put("width", h.width())
          .put("height", h.height())
          .put("colour", h.colour())
          .put("alpha", h.alpha())
          .put("bitDepth", h.bitDepth())
          .put("lossy", h.lossy())
          .put("quality", h.quality())
          .put("tileWidth", h.tileWidth())
          .put("tileHeight", h.tileHeight())
          .put("warning", f.warnings().isEmpty() ? null : String.join("; ", f.warnings()))
          .putRaw("info", ImageFacts.toJson(Tegula.readInfo(file, limits)))
          .putRaw("metadata", ImageFacts.toJson(f.metadata()))
          .putRaw("tiles", tiles.toString())
          .toString();
      pendingMetadata.put(MetadataPacking.pack(f.metadata()));
      return reply;
    });
  }

  /**
   * Decodes tile {@code index} from its TILE chunk (as {@link #openTgl} located it, framing
   * included) into RGBA8 of the tile's size in linear memory, for {@link #takeDecodedPixels}.
   * Returns {@code {problem, width, height}}: why the tile is lost (it is then grey) or null, and
   * the tile's size.
   */
  @JSExport
  public String restoreTile(int width, int height, int colour, boolean alpha, int bitDepth,
      boolean lossy, int quality, int tileWidth, int tileHeight, int index, byte[] chunk,
      int offset) {
    clear();
    return Replies.of(() -> {
      TglHeader h = new TglHeader(width, height, colour, alpha, bitDepth, lossy, quality,
          tileWidth, tileHeight);
      BufferTarget target = tilePixels.target();
      String problem = StandaloneTiles.restoreTileInto(h, index, chunk, offset, target);
      tilePixels.ready(target.width() * target.height() * 4);
      return new Json().put("problem", problem).put("width", target.width())
          .put("height", target.height()).toString();
    });
  }

  /**
   * The last {@link #restoreTile}'s pixels, once: a view of linear memory whose first width x
   * height x 4 bytes are the tile's RGBA (copy them out at once), or null.
   */
  @JSExport
  public Int8Array takeDecodedPixels() {
    return tilePixels.take();
  }

  @JSExport
  public byte[] takeMetadata() {
    return pendingMetadata.take();
  }

  void clear() {
    tilePixels.clear();
    pendingMetadata.clear();
  }
}
