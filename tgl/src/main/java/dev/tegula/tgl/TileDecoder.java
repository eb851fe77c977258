package dev.tegula.tgl;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.tgl.lossless.LosslessCodec;

/**
 * Decodes one tile's planes (format.md §8) into the image buffers. The caller has checked the
 * chunk's CRC and tile number. Tiles decoded at the same time need a {@link TileScratch} each.
 */
final class TileDecoder {
  private TileDecoder() {}

  /** @param at offset of the TILE chunk's data; {@code length} its data bytes */
  static void decode(byte[] data, int at, int length, TglHeader h, TileRect r, byte[] rgba,
      short[] rgba16) {
    decode(data, at, length, h, r, rgba, rgba16, new TileScratch());
  }

  static void decode(byte[] data, int at, int length, TglHeader h, TileRect r, byte[] rgba,
      short[] rgba16, TileScratch scratch) {
    decode(data, at, length, h, r, rgba, rgba16, null, scratch);
  }

  /**
   * Decodes an 8-bit tile into {@code px}, packed as {@link dev.tegula.core.RgbaTarget} packs
   * pixels, {@code r.width()} per row from index 0: the tile's own pixels, for a target to take
   * row by row.
   */
  static void decodePacked(byte[] data, int at, int length, TglHeader h, TileRect r, int[] px,
      TileScratch scratch) {
    if (h.bitDepth() != 8) {
      throw new IllegalArgumentException("packed pixels are 8-bit; this image is 16-bit");
    }
    decode(data, at, length, h, r, null, null, px, scratch);
  }

  /** Into {@code packed} when it is given, else into the image's buffers. */
  private static void decode(byte[] data, int at, int length, TglHeader h, TileRect r,
      byte[] rgba, short[] rgba16, int[] packed, TileScratch scratch) {
    int end = at + length;
    int p = at + 4;
    int planes = Bytes.u8(data, p++);
    if (planes < 1 || planes > 2) {
      throw new MalformedInputException("plane count " + planes + " (must be 1 or 2)", p - 1);
    }
    int[] codecs = new int[planes];
    int[] contents = new int[planes];
    int[] offsets = new int[planes];
    int[] lengths = new int[planes];
    for (int i = 0; i < planes; i++) {
      if (end - p < TglFormat.PLANE_PREFIX) {
        throw new MalformedInputException("plane " + i + "'s header runs past the tile", p);
      }
      codecs[i] = Bytes.u8(data, p);
      contents[i] = Bytes.u8(data, p + 1);
      long planeLength = Bytes.u32(data, p + 2);
      p += TglFormat.PLANE_PREFIX;
      if (planeLength > end - p) {
        throw new MalformedInputException(
            "plane " + i + " claims " + planeLength + " bytes; the tile holds " + (end - p), p - 4);
      }
      offsets[i] = p;
      lengths[i] = (int) planeLength;
      p += (int) planeLength;
    }
    if (p != end) {
      throw new MalformedInputException((end - p) + " bytes follow the last plane", p);
    }
    checkLayout(h, codecs, contents, at + 5);
    for (int i = 0; i < planes; i++) {
      decodePlane(data, offsets[i], lengths[i], codecs[i], contents[i], h, r, rgba, rgba16,
          packed, scratch);
    }
  }

  /**
   * Runs one tile's decode; returns why the tile is lost (§11.2), or null. A codec bug on data
   * that passed its CRC still loses only this tile.
   */
  static String problemOf(Runnable decode) {
    try {
      decode.run();
      return null;
    } catch (TegulaException e) {
      return "its data does not decode: " + e.getMessage();
    } catch (RuntimeException e) {
      return "its data does not decode (" + e.getClass().getName() + ")";
    }
  }

  /** §8.1: the planes hold every channel once, with codecs the mode allows. */
  private static void checkLayout(TglHeader h, int[] codecs, int[] contents, int at) {
    boolean ok;
    if (!h.alpha()) {
      ok = contents.length == 1 && contents[0] == TglFormat.CONTENT_COLOUR;
    } else if (contents.length == 1) {
      ok = contents[0] == TglFormat.CONTENT_COLOUR_ALPHA;
    } else {
      ok = contents[0] == TglFormat.CONTENT_COLOUR && contents[1] == TglFormat.CONTENT_ALPHA;
    }
    if (!ok) {
      throw new MalformedInputException("plane contents " + java.util.Arrays.toString(contents)
          + " do not cover the " + h.colorSpaceName() + " channels", at);
    }
    for (int i = 0; i < codecs.length; i++) {
      int codec = codecs[i];
      if (codec > TglFormat.CODEC_LOSSY) {
        throw new MalformedInputException("plane " + i + " uses codec " + codec
            + ", which version 1 does not define", at);
      }
      if (codec == TglFormat.CODEC_LOSSY
          && (!h.lossy() || contents[i] != TglFormat.CONTENT_COLOUR)) {
        throw new MalformedInputException("plane " + i + " is lossy in a "
            + (h.lossy() ? "plane holding alpha" : "lossless file"), at);
      }
    }
  }

  private static void decodePlane(byte[] data, int at, int length, int codec, int content,
      TglHeader h, TileRect r, byte[] rgba, short[] rgba16, int[] packed, TileScratch scratch) {
    int w = r.width();
    int ht = r.height();
    int channels = PixelPacking.planeChannels(content, h.colour());
    int count = w * ht * channels;
    if (codec == TglFormat.CODEC_LOSSY && packed != null) {
      PlaneCodecs.decodeLossyPacked(data, at, length, r, channels, packed, !h.alpha(),
          scratch.lossy);
      return;
    }
    if (codec == TglFormat.CODEC_LOSSY) {
      // Straight into the image: no per-tile sample buffer, no copy.
      PlaneCodecs.decodeLossyRgba(data, at, length, r, channels, rgba, h.width(), !h.alpha(),
          scratch.lossy);
      return;
    }
    if (codec == TglFormat.CODEC_LOSSLESS) {
      // Row by row straight into the image: no int buffer for the whole tile (issue 8).
      LosslessCodec.RowSink sink = packed != null
          ? (y, row) -> PixelPacking.unpackPacked(row, content, h, w, packed, y * w)
          : (y, row) -> PixelPacking.unpack(row, content, h, r.x(), r.y() + y, w, 1, rgba, rgba16);
      PlaneCodecs.decodeLossless(data, at, length, w, ht, channels, h.bitDepth(), sink,
          scratch.lossless);
      return;
    }
    // Codecs 0 and 1 row by row through one reused row, like the lossless codec (issue 8).
    int stride = w * channels;
    int[] row = scratch.row(stride);
    boolean stored = codec == TglFormat.CODEC_STORED;
    if (stored) {
      StoredPlane.check(length, count, h.bitDepth(), at);
    } else {
      ConstantPlane.check(length, channels, h.bitDepth(), at);
      ConstantPlane.decode(data, at, length, stride, channels, h.bitDepth(), row);
    }
    for (int y = 0; y < ht; y++) {
      if (stored) {
        StoredPlane.decodeRow(data, at, y, stride, h.bitDepth(), row);
      }
      if (packed != null) {
        PixelPacking.unpackPacked(row, content, h, w, packed, y * w);
      } else {
        PixelPacking.unpack(row, content, h, r.x(), r.y() + y, w, 1, rgba, rgba16);
      }
    }
  }
}
