package dev.tegula.tgl;

import dev.tegula.core.UnsupportedFeatureException;

/**
 * The pixel codecs the container calls per plane (format.md §8.4, §8.5). They are written in
 * their own packages; until a codec is part of the build, coding with it is unsupported rather
 * than faked.
 */
final class PlaneCodecs {
  private PlaneCodecs() {}

  static boolean losslessAvailable() {
    return false;
  }

  static boolean lossyAvailable() {
    return false;
  }

  static byte[] encodeLossless(int[] samples, int width, int height, int channels, int bitDepth) {
    throw losslessMissing();
  }

  static void decodeLossless(byte[] data, int at, int length, int width, int height,
      int channels, int bitDepth, int[] out) {
    throw losslessMissing();
  }

  static byte[] encodeLossy(byte[] samples, int width, int height, int channels, int quality) {
    throw lossyMissing();
  }

  static void decodeLossy(byte[] data, int at, int length, int width, int height, int channels,
      byte[] out) {
    throw lossyMissing();
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
