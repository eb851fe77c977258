package dev.tegula.tgl;

import dev.tegula.tgl.lossless.LosslessCodec;
import dev.tegula.tgl.lossless.LosslessScratch;
import dev.tegula.tgl.lossy.LossyCodec;
import dev.tegula.tgl.lossy.LossyScratch;
import dev.tegula.tgl.lossy.PreparedLossyTile;

/**
 * The pixel codecs the container calls per plane (format.md §8.4, §8.5), written in their own
 * packages. The container hands them one tile's samples and geometry; they never see the file.
 */
final class PlaneCodecs {
  private PlaneCodecs() {}

  static byte[] encodeLossless(int[] samples, int width, int height, int channels, int bitDepth,
      int effort) {
    return LosslessCodec.encode(samples, width, height, channels, bitDepth, effort);
  }

  static void decodeLossless(byte[] data, int at, int length, int width, int height,
      int channels, int bitDepth, LosslessCodec.RowSink out, LosslessScratch scratch) {
    LosslessCodec.decode(data, at, length, width, height, channels, bitDepth, out, scratch);
  }

  /**
   * {@code hundredths}: the lossy quality in hundredths, 0-10000; {@code fullChroma}: true 4:4:4,
   * false 4:2:0, null the encoder's choice by quality.
   */
  static byte[] encodeLossy(byte[] samples, int width, int height, int channels,
      int hundredths, Boolean fullChroma) {
    return LossyCodec.encodeHundredths(samples, width, height, channels, hundredths, fullChroma);
  }

  /** {@link #encodeLossy}'s work that no quality changes, for one chroma resolution. */
  static PreparedLossyTile prepareLossy(byte[] samples, int width, int height, int channels,
      boolean fullChroma) {
    return LossyCodec.prepare(samples, width, height, channels, fullChroma);
  }

  /** Lossy colour samples straight into the image's RGBA buffer (tile rect {@code r}). */
  static void decodeLossyRgba(byte[] data, int at, int length, TileRect r, int channels,
      byte[] rgba, int imageWidth, boolean opaque, LossyScratch scratch) {
    LossyCodec.decodeRgba(data, at, length, r.width(), r.height(), channels, rgba, imageWidth,
        r.x(), r.y(), opaque, scratch);
  }

  /** Lossy colour samples into a tile's packed pixels ({@link LossyCodec#decodePacked}). */
  static void decodeLossyPacked(byte[] data, int at, int length, TileRect r, int channels,
      int[] px, boolean opaque, LossyScratch scratch) {
    LossyCodec.decodePacked(data, at, length, r.width(), r.height(), channels, px, opaque,
        scratch);
  }
}
