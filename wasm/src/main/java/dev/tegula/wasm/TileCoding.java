package dev.tegula.wasm;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.api.StandaloneTiles;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;
import dev.tegula.tgl.TglHeader;
import java.util.function.Supplier;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The exports behind tegula.js's worker pool, which splits one image's .tgl coding by tiles over
 * several workers: each call is stateless (the page carries the header fields, the tile pixels
 * and chunks between calls), so any worker can take any tile. Reached from JavaScript as {@code
 * exports.tiles()}. Results are JSON as in {@link TegulaExports}; bytes wait for the take
 * methods.
 */
public final class TileCoding {
  static final TileCoding INSTANCE = new TileCoding();

  private final Handover pendingBytes = new Handover();

  private TileCoding() {}

  /**
   * Codes tile {@code index} of an 8-bit image from the tile's own RGBA; the .tgl chunk data
   * waits for {@link #takeBytes}. {@code grey}: every tile is grey; {@code alpha}: some tile is
   * not opaque; {@code chroma}: lossy chroma "444" or "420", null for the encoder's choice by
   * quality (last, so that a module from before it, which takes one argument less, still codes
   * the tile, at its own choice). Returns {@code {bytes, chroma}} ({@code chroma} as compress()
   * reports it: "4:4:4", "4:2:0", "grey", null for lossless) or {@code {error}}.
   */
  @JSExport
  public String compressTile(int width, int height, boolean grey, boolean alpha, int quality,
      boolean lossless, int tileSize, int index, byte[] rgba, String chroma) {
    return compressing(width, height, grey, alpha, quality, lossless, tileSize, index, () -> rgba,
        chroma);
  }

  private String compressing(int width, int height, boolean grey, boolean alpha, int quality,
      boolean lossless, int tileSize, int index, Supplier<byte[]> rgba, String chroma) {
    clear();
    return reply(() -> {
      CompressOptions o = options(quality, lossless, tileSize, chroma);
      TglHeader h = StandaloneTiles.compressHeader(width, height, grey, alpha, o);
      byte[] tile = pendingBytes.put(StandaloneTiles.compressTile(h, index, rgba.get(), o));
      return new Json().put("bytes", tile.length).put("chroma", StandaloneTiles.chroma(h, o))
          .toString();
    });
  }

  /**
   * {@link #compressTile} of the tile's {@code length} bytes of RGBA staged through {@link
   * TegulaExports#stageInput}: one copy in JavaScript instead of a {@code byte[]} crossing an
   * element at a time.
   */
  @JSExport
  public String compressTileStaged(int width, int height, boolean grey, boolean alpha,
      int quality, boolean lossless, int tileSize, int index, int length, String chroma) {
    return compressing(width, height, grey, alpha, quality, lossless, tileSize, index,
        () -> LinearPixels.SHARED.staged(0, length), chroma);
  }

  /**
   * Lays out the .tgl file: {@code tiles} holds every tile's {@link #compressTile} result in tile
   * order, each after its length (32-bit big-endian); {@code metadata} is what {@link
   * #takeMetadata} gave (or empty). The file waits for {@link #takeBytes}.
   */
  @JSExport
  public String assemble(int width, int height, boolean grey, boolean alpha, int quality,
      boolean lossless, int tileSize, byte[] metadata, byte[] tiles) {
    clear();
    return reply(() -> {
      CompressOptions o = options(quality, lossless, tileSize);
      TglHeader h = StandaloneTiles.compressHeader(width, height, grey, alpha, o);
      byte[][] parts = new byte[(int) h.tileCount()][];
      int at = 0;
      for (int t = 0; t < parts.length; t++) {
        if (tiles.length - at < 4) {
          throw new IllegalArgumentException("the tiles end before tile " + t);
        }
        int n = (tiles[at] & 0xFF) << 24 | (tiles[at + 1] & 0xFF) << 16
            | (tiles[at + 2] & 0xFF) << 8 | (tiles[at + 3] & 0xFF);
        at += 4;
        if (n < 0 || n > tiles.length - at) {
          throw new IllegalArgumentException("tile " + t + " claims " + n + " bytes");
        }
        parts[t] = new byte[n];
        System.arraycopy(tiles, at, parts[t], 0, n);
        at += n;
      }
      if (at != tiles.length) {
        throw new IllegalArgumentException((tiles.length - at) + " bytes follow the last tile");
      }
      byte[] file =
          pendingBytes.put(StandaloneTiles.assemble(h, MetadataPacking.unpack(metadata), parts));
      return new Json().put("bytes", file.length).toString();
    });
  }

  /** {@link TileRestoring#openTgl}: the decoding half, shared with the decode-only module. */
  @JSExport
  public String openTgl(byte[] file, double maxPixels) {
    clear();
    return TileRestoring.INSTANCE.openTgl(file, maxPixels);
  }

  /** {@link TileRestoring#restoreTile}. */
  @JSExport
  public String restoreTile(int width, int height, int colour, boolean alpha, int bitDepth,
      boolean lossy, int quality, int tileWidth, int tileHeight, int index, byte[] chunk,
      int offset) {
    clear();
    return TileRestoring.INSTANCE.restoreTile(width, height, colour, alpha, bitDepth, lossy,
        quality, tileWidth, tileHeight, index, chunk, offset);
  }

  /**
   * Encodes PNG from RGBA8 pixels of {@code width} x {@code height} with the metadata {@link
   * #takeMetadata} gave (or empty), or from a JPEG, PNG or .tgl file ({@code width} 0) whose ICC
   * and EXIF are kept. The PNG waits for {@link #takeBytes}.
   */
  @JSExport
  public String encodePng(byte[] data, int width, int height, byte[] metadata, double maxPixels) {
    clear();
    return reply(() -> {
      if (data == null) {
        throw new IllegalArgumentException("data must not be null");
      }
      Image image;
      Metadata m;
      if (width > 0) {
        Decoding.limits(maxPixels).checkDimensions(width, height, -1);
        image = new Image(width, height, data);
        m = MetadataPacking.unpack(metadata);
      } else {
        DecodedImage d = Tegula.decode(data, new DecodeOptions(Decoding.limits(maxPixels), false));
        image = d.image();
        m = d.metadata();
      }
      byte[] png = pendingBytes.put(Tegula.encodePng(image, m));
      return new Json().put("width", image.width()).put("height", image.height())
          .put("bytes", png.length).toString();
    });
  }

  /** {@link TileRestoring#takeDecodedPixels}. */
  @JSExport
  public Int8Array takeDecodedPixels() {
    return TileRestoring.INSTANCE.takeDecodedPixels();
  }

  @JSExport
  public byte[] takeBytes() {
    return pendingBytes.take();
  }

  @JSExport
  public byte[] takeMetadata() {
    return TileRestoring.INSTANCE.takeMetadata();
  }

  private void clear() {
    pendingBytes.clear();
    TileRestoring.INSTANCE.clear();
  }

  private static CompressOptions options(int quality, boolean lossless, int tileSize) {
    return options(quality, lossless, tileSize, null);
  }

  /** {@code chroma}: "444", "420" or null, as EncodeRequest reads it. */
  private static CompressOptions options(int quality, boolean lossless, int tileSize,
      String chroma) {
    CompressOptions o = lossless ? CompressOptions.lossless() : CompressOptions.lossy(quality);
    o = o.withChroma(EncodeRequest.subsampling(chroma));
    String problem = o.problem();
    if (problem != null) {
      throw new IllegalArgumentException("invalid options: " + problem);
    }
    return tileSize > 0 ? o.withTileSize(tileSize) : o;
  }


  /** Every failure becomes an {@code {error: {code, message, offset}}} reply, as elsewhere. */
  private String reply(Supplier<String> work) {
    try {
      return work.get();
    } catch (TegulaException e) {
      clear();
      return ImageFacts.errorJson(e);
    } catch (IllegalArgumentException e) {
      clear();
      return error("argument", String.valueOf(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      clear();
      return error("internal", "internal codec error: " + e.getClass().getName() + ": "
          + e.getMessage());
    }
  }

  private static String error(String code, String message) {
    return new Json()
        .putRaw("error", new Json()
            .put("code", code)
            .put("message", message)
            .put("offset", -1)
            .toString())
        .toString();
  }
}
