package dev.tegula.wasm;

import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata as one byte array, so that it can wait in the page between the worker that decoded a
 * file and the one that writes the compressed file: for ICC, EXIF and XMP a length (-1 when
 * absent) and the bytes, then the count of text entries and each key and value as UTF-8 with
 * their lengths; numbers are 32-bit big-endian.
 */
final class MetadataPacking {
  private MetadataPacking() {}

  static byte[] pack(Metadata m) {
    byte[][] parts = new byte[3 + 2 * m.text().size()][];
    parts[0] = m.icc();
    parts[1] = m.exif();
    parts[2] = m.xmp();
    int i = 3;
    for (Map.Entry<String, String> e : m.text().entrySet()) {
      parts[i++] = e.getKey().getBytes(StandardCharsets.UTF_8);
      parts[i++] = e.getValue().getBytes(StandardCharsets.UTF_8);
    }
    long size = 4;
    for (byte[] p : parts) {
      size += 4 + (p == null ? 0 : p.length);
    }
    byte[] out = new byte[Math.toIntExact(size)];
    int at = 0;
    for (int k = 0; k < parts.length; k++) {
      if (k == 3) {
        at = putInt(out, at, m.text().size());
      }
      byte[] p = parts[k];
      at = putInt(out, at, p == null ? -1 : p.length);
      if (p != null) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
    }
    if (parts.length == 3) {
      putInt(out, at, 0);
    }
    return out;
  }

  /** @throws IllegalArgumentException when {@code packed} is not what {@link #pack} makes */
  static Metadata unpack(byte[] packed) {
    if (packed == null || packed.length == 0) {
      return Metadata.EMPTY;
    }
    int[] at = {0};
    byte[] icc = part(packed, at, true);
    byte[] exif = part(packed, at, true);
    byte[] xmp = part(packed, at, true);
    int count = readInt(packed, at);
    if (count < 0 || count > packed.length / 8) {
      throw new IllegalArgumentException("packed metadata: bad text count " + count);
    }
    Map<String, String> text = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = new String(part(packed, at, false), StandardCharsets.UTF_8);
      text.put(key, new String(part(packed, at, false), StandardCharsets.UTF_8));
    }
    if (at[0] != packed.length) {
      throw new IllegalArgumentException("packed metadata: " + (packed.length - at[0])
          + " bytes left over");
    }
    return new Metadata(icc, exif, xmp, text);
  }

  private static byte[] part(byte[] b, int[] at, boolean nullable) {
    int length = readInt(b, at);
    if (length == -1 && nullable) {
      return null;
    }
    if (length < 0 || length > b.length - at[0]) {
      throw new IllegalArgumentException("packed metadata: bad length " + length);
    }
    byte[] p = new byte[length];
    System.arraycopy(b, at[0], p, 0, length);
    at[0] += length;
    return p;
  }

  private static int readInt(byte[] b, int[] at) {
    int p = at[0];
    if (b.length - p < 4) {
      throw new IllegalArgumentException("packed metadata ends early");
    }
    at[0] = p + 4;
    return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
  }

  private static int putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
    return at + 4;
  }
}
