package dev.tegula.tgl;

import dev.tegula.core.UnsupportedFeatureException;
import dev.tegula.tgl.lossy.LossyCodec;

/**
 * The pixel codecs the container calls per plane (format.md §8.4, §8.5). They are written in
 * their own packages; until a codec is part of the build, coding with it is unsupported rather
 * than faked.
 */
final class PlaneCodecs {
  private PlaneCodecs() {}

  /** A codec this build lacks; the tile job turns it into an {@link UnsupportedFeatureException}. */
  static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }

  static boolean losslessAvailable() {
    return false;
  }

  static boolean lossyAvailable() {
    return true;
  }

  static byte[] encodeLossless(int[] samples, int width, int height, int channels, int bitDepth) {
    throw losslessMissing();
  }

  static void decodeLossless(byte[] data, int at, int length, int width, int height,
      int channels, int bitDepth, int[] out) {
    throw new Missing(losslessMissing().getMessage());
  }

  static byte[] encodeLossy(byte[] samples, int width, int height, int channels, int quality) {
    return LossyCodec.encode(samples, width, height, channels, quality);
  }

  static void decodeLossy(byte[] data, int at, int length, int width, int height, int channels,
      byte[] out) {
    LossyCodec.decode(data, at, length, width, height, channels, out);
  }

  static UnsupportedFeatureException losslessMissing() {
    return new UnsupportedFeatureException(
        "the lossless .tgl codec (codec 2) is not part of this build yet");
  }

  static UnsupportedFeatureException lossyMissing() {
    return new UnsupportedFeatureException(
        "the lossy .tgl codec (codec 3) is not part of this build yet");
  }
}
