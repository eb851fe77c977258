package dev.tegula.tgl;

import dev.tegula.core.MalformedInputException;

/** Codec 0, stored samples (format.md §8.2). */
final class StoredPlane {
  private StoredPlane() {}

  static int length(int samples, int bitDepth) {
    return bitDepth == 16 ? Math.multiplyExact(samples, 2) : samples;
  }

  static byte[] encode(int[] samples, int count, int bitDepth) {
    byte[] out = new byte[length(count, bitDepth)];
    if (bitDepth == 16) {
      for (int i = 0; i < count; i++) {
        out[2 * i] = (byte) (samples[i] >>> 8);
        out[2 * i + 1] = (byte) samples[i];
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = (byte) samples[i];
      }
    }
    return out;
  }

  static void decode(byte[] data, int at, int length, int count, int bitDepth, int[] out) {
    check(length, count, bitDepth, at);
    decodeRow(data, at, 0, count, bitDepth, out);
  }

  static void check(int length, int count, int bitDepth, int at) {
    if (length != length(count, bitDepth)) {
      throw new MalformedInputException("stored plane of " + length + " bytes; its "
          + count + " samples need " + length(count, bitDepth), at);
    }
  }

  /**
   * Row {@code y} of {@code count} samples into {@code out}, so that a tile needs no buffer of
   * its own size (issue 8); the plane's length is {@link #check}ed first.
   */
  static void decodeRow(byte[] data, int at, int y, int count, int bitDepth, int[] out) {
    at += y * length(count, bitDepth);
    if (bitDepth == 16) {
      for (int i = 0; i < count; i++) {
        out[i] = ((data[at + 2 * i] & 0xFF) << 8) | (data[at + 2 * i + 1] & 0xFF);
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = data[at + i] & 0xFF;
      }
    }
  }
}
