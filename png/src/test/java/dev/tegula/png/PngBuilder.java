package dev.tegula.png;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds and takes apart PNG files chunk by chunk for tests, with correct CRCs. */
final class PngBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PngBuilder() {
    out.writeBytes(ChunkReader.SIGNATURE);
  }

  PngBuilder chunk(String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    writeInt(data.length);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    writeInt((int) crc.getValue());
    return this;
  }

  PngBuilder ihdr(int width, int height, int depth, int colorType, int interlace) {
    byte[] b = new byte[13];
    putInt(b, 0, width);
    putInt(b, 4, height);
    b[8] = (byte) depth;
    b[9] = (byte) colorType;
    b[12] = (byte) interlace;
    return chunk("IHDR", b);
  }

  PngBuilder idat(byte[] raw) {
    return chunk("IDAT", zlib(raw));
  }

  PngBuilder iend() {
    return chunk("IEND", new byte[0]);
  }

  byte[] build() {
    return out.toByteArray();
  }

  static byte[] zlib(byte[] raw) {
    Deflater d = new Deflater(9);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      b.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return b.toByteArray();
  }

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  /** A chunk of an existing file. */
  record Part(String type, int offset, byte[] data) {}

  /** The chunks of a well-formed file, in order. */
  static List<Part> parts(byte[] png) {
    List<Part> parts = new ArrayList<>();
    int p = 8;
    while (p + 12 <= png.length) {
      int len = getInt(png, p);
      String type = new String(png, p + 4, 4, StandardCharsets.ISO_8859_1);
      byte[] data = new byte[len];
      System.arraycopy(png, p + 8, data, 0, len);
      parts.add(new Part(type, p, data));
      p += 12 + len;
    }
    return parts;
  }

  /** Rebuilds a file from chunks (recomputing every CRC). */
  static byte[] rebuild(List<Part> parts) {
    PngBuilder b = new PngBuilder();
    for (Part part : parts) {
      b.chunk(part.type(), part.data());
    }
    return b.build();
  }

  static int getInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  private void writeInt(int v) {
    byte[] b = new byte[4];
    putInt(b, 0, v);
    out.writeBytes(b);
  }
}
