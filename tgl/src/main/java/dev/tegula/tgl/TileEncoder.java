package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.tgl.lossy.PreparedLossyTile;

/**
 * Codes one tile's planes (format.md §8, §13): colour with the mode's codec, alpha as its own
 * lossless plane; a plane whose samples are all equal is written constant, and a plane the codec
 * would make larger than its samples is stored.
 */
final class TileEncoder {
  private TileEncoder() {}

  /** Returns the TILE chunk's data. */
  static byte[] encode(Image image, TglHeader h, TileRect r, TglEncodeOptions options) {
    if (h.lossy()) {
      return encode(prepare(image, h, r, options), image, h, options);
    }
    boolean together = h.alpha() && options.alphaWithColour();
    byte[] colour = exactPlane(image, h, r,
        together ? TglFormat.CONTENT_COLOUR_ALPHA : TglFormat.CONTENT_COLOUR, options);
    byte[] alpha = h.alpha() && !together
        ? exactPlane(image, h, r, TglFormat.CONTENT_ALPHA, options) : null;
    return tile(r, colour, alpha);
  }

  /**
   * A lossy tile's work that no quality changes: its colour plane when constant, else the lossy
   * codec's preparation ({@link PreparedLossyTile}); its alpha plane, which is lossless.
   */
  static PreparedTile prepare(Image image, TglHeader h, TileRect r, TglEncodeOptions options) {
    int c = h.colour();
    int count = r.width() * r.height() * c;
    byte[] samples = new byte[count];
    PixelPacking.extractBytes(image, r, c, samples);
    byte[] constant = ConstantPlane.isConstant(samples, count, c)
        ? plane(TglFormat.CODEC_CONSTANT, TglFormat.CONTENT_COLOUR,
            ConstantPlane.encode(samples, c))
        : null;
    PreparedLossyTile lossy = constant == null && !options.containerCodecsOnly()
        ? PlaneCodecs.prepareLossy(samples, r.width(), r.height(), c,
            options.chromaUsed() == TglEncodeOptions.Chroma.FULL)
        : null;
    byte[] alpha = h.alpha() ? exactPlane(image, h, r, TglFormat.CONTENT_ALPHA, options) : null;
    return new PreparedTile(r, constant, lossy, alpha);
  }

  /** A prepared lossy tile at {@code options}' quality ({@link #prepare}'s chroma). */
  static byte[] encode(PreparedTile p, Image image, TglHeader h, TglEncodeOptions options) {
    return encode(p, image, h, options, PreparedLossyTile.NO_TRIM, null);
  }

  /**
   * {@link #encode}, its lossy plane trimmed to price bucket {@code trimThreshold} and with
   * {@code savings} counting what trims would save ({@link PreparedLossyTile#encodeHundredths}).
   */
  static byte[] encode(PreparedTile p, Image image, TglHeader h, TglEncodeOptions options,
      int trimThreshold, long[] savings) {
    TileRect r = p.rect();
    byte[] colour = p.constantColour();
    if (colour == null) {
      int count = r.width() * r.height() * h.colour();
      byte[] coded = p.lossy() == null ? null
          : p.lossy().encodeHundredths(options.qualityHundredths(), trimThreshold, savings);
      if (coded != null && coded.length < count) {
        colour = plane(TglFormat.CODEC_LOSSY, TglFormat.CONTENT_COLOUR, coded);
      } else {
        // rare (noise at the top qualities): the samples again rather than held by every tile
        byte[] samples = new byte[count];
        PixelPacking.extractBytes(image, r, h.colour(), samples);
        colour = plane(TglFormat.CODEC_STORED, TglFormat.CONTENT_COLOUR, samples);
      }
    }
    return tile(r, colour, p.alpha());
  }

  /** §13: the tile index, the plane count, the planes. */
  private static byte[] tile(TileRect r, byte[] colour, byte[] alpha) {
    int size = TglFormat.TILE_PREFIX + colour.length + (alpha == null ? 0 : alpha.length);
    byte[] out = new byte[size];
    Bytes.putU32(out, 0, r.index());
    out[4] = (byte) (alpha == null ? 1 : 2);
    System.arraycopy(colour, 0, out, 5, colour.length);
    if (alpha != null) {
      System.arraycopy(alpha, 0, out, 5 + colour.length, alpha.length);
    }
    return out;
  }

  /** A plane for codecs 0-2, which keep every sample. */
  private static byte[] exactPlane(Image image, TglHeader h, TileRect r, int content,
      TglEncodeOptions options) {
    int[] channels = PixelPacking.sourceChannels(content, h.colour());
    int c = channels.length;
    int count = r.width() * r.height() * c;
    int[] samples = new int[count];
    boolean sixteen = h.bitDepth() == 16;
    PixelPacking.extract(image, sixteen, r, channels, samples);
    if (ConstantPlane.isConstant(samples, count, c)) {
      return plane(TglFormat.CODEC_CONSTANT, content, ConstantPlane.encode(samples, c, h.bitDepth()));
    }
    if (!options.containerCodecsOnly()) {
      byte[] coded = PlaneCodecs.encodeLossless(samples, r.width(), r.height(), c, h.bitDepth(),
          options.effort());
      if (coded.length < StoredPlane.length(count, h.bitDepth())) {
        return plane(TglFormat.CODEC_LOSSLESS, content, coded);
      }
    }
    return plane(TglFormat.CODEC_STORED, content, StoredPlane.encode(samples, count, h.bitDepth()));
  }

  /** §8.1: codec, content, length, bytes. */
  private static byte[] plane(int codec, int content, byte[] data) {
    byte[] out = new byte[TglFormat.PLANE_PREFIX + data.length];
    out[0] = (byte) codec;
    out[1] = (byte) content;
    Bytes.putU32(out, 2, data.length);
    System.arraycopy(data, 0, out, TglFormat.PLANE_PREFIX, data.length);
    return out;
  }
}
