package dev.tegula.tgl;

import dev.tegula.core.MalformedInputException;

/** Codec 1, one value per channel for the whole tile (format.md §8.3). */
final class ConstantPlane {
  private ConstantPlane() {}

  static boolean isConstant(int[] samples, int count, int channels) {
    for (int i = channels; i < count; i++) {
      if (samples[i] != samples[i - channels]) {
        return false;
      }
    }
    return true;
  }

  static boolean isConstant(byte[] samples, int count, int channels) {
    for (int i = channels; i < count; i++) {
      if (samples[i] != samples[i - channels]) {
        return false;
      }
    }
    return true;
  }

  /** The first pixel's samples, which every pixel shares. */
  static byte[] encode(int[] samples, int channels, int bitDepth) {
    return StoredPlane.encode(samples, channels, bitDepth);
  }

  static byte[] encode(byte[] samples, int channels) {
    return java.util.Arrays.copyOf(samples, channels);
  }

  static void decode(byte[] data, int at, int length, int count, int channels, int bitDepth,
      int[] out) {
    StoredPlane.decode(data, at, length, channels, bitDepth, out);
    for (int i = channels; i < count; i++) {
      out[i] = out[i - channels];
    }
  }

  static void check(int length, int channels, int bitDepth, int at) {
    if (length != StoredPlane.length(channels, bitDepth)) {
      throw new MalformedInputException("constant plane of " + length + " bytes for "
          + channels + " channels", at);
    }
  }
}
