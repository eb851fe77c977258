package dev.tegula.tgl;

import java.util.Arrays;

/** Lays out a .tgl file (format.md §2, §4.1): signature, version, then framed chunks. */
final class TglWriter {
  private byte[] out;
  private int length;

  TglWriter(int expectedBytes) {
    out = new byte[Math.max(64, expectedBytes)];
    append(TglFormat.SIGNATURE, 0, TglFormat.SIGNATURE.length);
    byte[] version = new byte[2];
    Bytes.putU16(version, 0, TglFormat.VERSION);
    append(version, 0, 2);
  }

  void chunk(int type, byte[] data) {
    chunk(type, data, 0, data.length);
  }

  /** §4.1: length, type, data, CRC-32 of type and data. */
  void chunk(int type, byte[] data, int from, int count) {
    if (count > TglFormat.MAX_CHUNK_LENGTH - 16) {
      throw new IllegalArgumentException("chunk of " + count + " bytes is too large");
    }
    ensure(count + TglFormat.CHUNK_OVERHEAD);
    int start = length;
    Bytes.putU32(out, length, count);
    Bytes.putU32(out, length + 4, type & 0xFFFFFFFFL);
    length += 8;
    System.arraycopy(data, from, out, length, count);
    length += count;
    Bytes.putU32(out, length, Bytes.crc32(out, start + 4, count + 4));
    length += 4;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(out, length);
  }

  private void append(byte[] b, int from, int count) {
    ensure(count);
    System.arraycopy(b, from, out, length, count);
    length += count;
  }

  private void ensure(int more) {
    long need = (long) length + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("the .tgl file would exceed 2 GiB");
    }
    if (need > out.length) {
      out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * out.length)));
    }
  }
}
