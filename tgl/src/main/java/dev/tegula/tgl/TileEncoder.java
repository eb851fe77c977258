package dev.tegula.tgl;

import dev.tegula.core.Image;

/**
 * Codes one tile's planes (format.md §8, §13): colour with the mode's codec, alpha as its own
 * lossless plane; a plane whose samples are all equal is written constant, and a plane the codec
 * would make larger than its samples is stored.
 */
final class TileEncoder {
  private TileEncoder() {}

  /** Returns the TILE chunk's data. */
  static byte[] encode(Image image, TglHeader h, TileRect r, TglEncodeOptions options) {
    boolean together = h.alpha() && !h.lossy() && options.alphaWithColour();
    byte[] colour = h.lossy() ? lossyPlane(image, h, r, options)
        : exactPlane(image, h, r,
            together ? TglFormat.CONTENT_COLOUR_ALPHA : TglFormat.CONTENT_COLOUR, options);
    byte[] alpha = h.alpha() && !together
        ? exactPlane(image, h, r, TglFormat.CONTENT_ALPHA, options) : null;
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

  private static byte[] lossyPlane(Image image, TglHeader h, TileRect r, TglEncodeOptions options) {
    int c = h.colour();
    int count = r.width() * r.height() * c;
    byte[] samples = new byte[count];
    PixelPacking.extractBytes(image, r, c, samples);
    int content = TglFormat.CONTENT_COLOUR;
    if (ConstantPlane.isConstant(samples, count, c)) {
      return plane(TglFormat.CODEC_CONSTANT, content, ConstantPlane.encode(samples, c));
    }
    if (!options.containerCodecsOnly()) {
      byte[] coded = PlaneCodecs.encodeLossy(samples, r.width(), r.height(), c,
          options.qualityHundredths(), options.fullChroma());
      if (coded.length < count) {
        return plane(TglFormat.CODEC_LOSSY, content, coded);
      }
    }
    return plane(TglFormat.CODEC_STORED, content, samples);
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
