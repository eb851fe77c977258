package dev.tegula.api;

import dev.tegula.core.Metadata;
import dev.tegula.core.RgbaTarget;
import dev.tegula.tgl.StandaloneTileDecoder;
import dev.tegula.tgl.StandaloneTileEncoder;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglHeader;

/**
 * .tgl compress and restore one tile at a time, for callers whose tiles go to processes that
 * share no memory (the browser's worker pool); threads in one process use {@link
 * Tegula#startCompress} and {@link Tegula#startRestore} instead. Files come out byte for byte as
 * {@link Tegula#compress} writes them.
 */
public final class StandaloneTiles {
  private StandaloneTiles() {}

  /**
   * The header of an 8-bit image whose tiles were found all grey ({@code grey}) or with some
   * alpha below 255 ({@code alpha}); it tells the tile grid.
   */
  public static TglHeader compressHeader(int width, int height, boolean grey, boolean alpha,
      CompressOptions options) {
    return StandaloneTileEncoder.header(width, height, grey, alpha, tglOptions(options));
  }

  /** Codes one tile from its own 8-bit RGBA pixels; see {@link StandaloneTileEncoder}. */
  public static byte[] compressTile(TglHeader header, int index, byte[] rgba,
      CompressOptions options) {
    return StandaloneTileEncoder.encodeTile(header, index, rgba, tglOptions(options));
  }

  /** The .tgl file from every tile's {@link #compressTile} result, in tile order. */
  public static byte[] assemble(TglHeader header, Metadata metadata, byte[][] tiles) {
    return StandaloneTileEncoder.assemble(header, metadata, tiles);
  }

  /**
   * Decodes one tile of a file opened with {@link Tegula#inspectTgl} from its TILE chunk; a
   * damaged tile comes back grey with its problem.
   */
  public static StandaloneTileDecoder.Tile restoreTile(TglHeader header, int index, byte[] chunk,
      int fileOffset) {
    return StandaloneTileDecoder.decodeTile(header, index, chunk, fileOffset);
  }

  /**
   * {@link #restoreTile} into {@code target}, which gets the tile's size; returns why the tile is
   * lost (it is then grey), or null.
   */
  public static String restoreTileInto(TglHeader header, int index, byte[] chunk, int fileOffset,
      RgbaTarget target) {
    return StandaloneTileDecoder.decodeTileInto(header, index, chunk, fileOffset, target);
  }

  /**
   * The chroma subsampling of a file under {@code header} coded with {@code options}, as {@link
   * CompressResult#chroma()} reports it: "4:4:4" or "4:2:0", "grey" for a grey image, null for
   * lossless.
   */
  public static String chroma(TglHeader header, CompressOptions options) {
    if (header == null) {
      throw new IllegalArgumentException("header must not be null");
    }
    if (tglOptions(options).isLossless()) {
      return null;
    }
    return header.colour() == 1 ? "grey" : tglOptions(options).chromaUsed().label();
  }

  private static TglEncodeOptions tglOptions(CompressOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    TglEncodeOptions tgl = options.isLossless() ? TglEncodeOptions.lossless()
        : CompressPipeline.tglOptions(options, options.quality() * 100);
    return tgl.withTileSize(options.tileSize()).withEffort(options.effort());
  }
}
