package dev.tegula.png;

import dev.tegula.core.Crc32;
import java.io.ByteArrayOutputStream;

/** Writes the signature and chunks with their lengths and CRC-32s (PNG spec §5.2, §5.3, §5.5). */
final class ChunkWriter {
  private final ByteArrayOutputStream out;
  private final Crc32 crc = new Crc32();

  ChunkWriter(int sizeHint) {
    out = new ByteArrayOutputStream(Math.max(64, sizeHint));
    out.write(ChunkReader.SIGNATURE, 0, ChunkReader.SIGNATURE.length);
  }

  void write(int type, byte[] data, int off, int len) {
    writeInt(len);
    crc.reset();
    byte[] typeBytes = {
        (byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type};
    out.write(typeBytes, 0, 4);
    crc.update(typeBytes, 0, 4);
    out.write(data, off, len);
    crc.update(data, off, len);
    writeInt((int) crc.getValue());
  }

  void write(int type, byte[] data) {
    write(type, data, 0, data.length);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void writeInt(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
