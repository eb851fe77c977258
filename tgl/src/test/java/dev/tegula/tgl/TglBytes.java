package dev.tegula.tgl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test surgery on .tgl files: list chunks, insert or replace them with correct CRCs. */
final class TglBytes {
  record Chunk(int offset, String type, int length) {
    int dataOffset() {
      return offset + 8;
    }

    int end() {
      return offset + 12 + length;
    }
  }

  private TglBytes() {}

  static List<Chunk> chunks(byte[] file) {
    List<Chunk> out = new ArrayList<>();
    int at = 10;
    while (at + 12 <= file.length) {
      int length = (int) Bytes.u32(file, at);
      String type = new String(file, at + 4, 4, StandardCharsets.US_ASCII);
      out.add(new Chunk(at, type, length));
      at += 12 + length;
    }
    return out;
  }

  static Chunk first(byte[] file, String type) {
    return chunks(file).stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
  }

  static List<Chunk> all(byte[] file, String type) {
    return chunks(file).stream().filter(c -> c.type().equals(type)).toList();
  }

  static byte[] chunk(String type, byte[] data) {
    byte[] out = new byte[12 + data.length];
    Bytes.putU32(out, 0, data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, out, 4, 4);
    System.arraycopy(data, 0, out, 8, data.length);
    Bytes.putU32(out, 8 + data.length, Bytes.crc32(out, 4, 4 + data.length));
    return out;
  }

  static byte[] insert(byte[] file, int at, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, at);
    out.write(bytes, 0, bytes.length);
    out.write(file, at, file.length - at);
    return out.toByteArray();
  }

  /** Replaces the data of the chunk at {@code c} and recomputes its CRC. */
  static byte[] replaceData(byte[] file, Chunk c, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, c.offset());
    byte[] replaced = chunk(c.type(), data);
    out.write(replaced, 0, replaced.length);
    out.write(file, c.end(), file.length - c.end());
    return out.toByteArray();
  }

  static byte[] data(byte[] file, Chunk c) {
    return java.util.Arrays.copyOfRange(file, c.dataOffset(), c.dataOffset() + c.length());
  }

  /** Recomputes the CRC of the chunk at {@code c} in place (after editing its data). */
  static void fixCrc(byte[] file, Chunk c) {
    Bytes.putU32(file, c.end() - 4, Bytes.crc32(file, c.offset() + 4, c.length() + 4));
  }
}
