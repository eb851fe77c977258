package dev.tegula.cli;

import java.util.HashMap;
import java.util.Map;

/** The marker segments of a JPEG file up to its first scan (T.81 §B.1.1.4), for tests. */
final class JpegMarkers {
  private JpegMarkers() {}

  /** Marker code (0xC0 for SOF0 ...) to the segment's data after its length field. */
  static Map<Integer, byte[]> headerSegments(byte[] jpeg) {
    Map<Integer, byte[]> segments = new HashMap<>();
    int p = 2;
    while (p + 4 <= jpeg.length) {
      if ((jpeg[p] & 0xFF) != 0xFF) {
        throw new IllegalArgumentException("no marker at " + p);
      }
      int marker = jpeg[p + 1] & 0xFF;
      int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
      byte[] data = new byte[length - 2];
      System.arraycopy(jpeg, p + 4, data, 0, data.length);
      segments.putIfAbsent(marker, data);
      if (marker == 0xDA) {
        break;
      }
      p += 2 + length;
    }
    return segments;
  }
}
