package dev.tegula.tgl;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;

/**
 * One chunk's framing (format.md §4.1): its place, type and data length. Reading a frame checks
 * only that the framing fits in the file; the CRC is checked by whoever uses the data.
 */
record Frame(int offset, int type, int length) {
  int dataOffset() {
    return offset + 8;
  }

  int end() {
    return offset + TglFormat.CHUNK_OVERHEAD + length;
  }

  String name() {
    return TglFormat.typeName(type);
  }

  /** §4.1: the CRC covers the type and the data. */
  boolean crcOk(byte[] data) {
    return Bytes.crc32(data, offset + 4, length + 4) == Bytes.u32(data, end() - 4);
  }

  /**
   * Reads the frame at {@code at}, which must lie wholly inside {@code data}.
   *
   * @param where what the caller expected here, for messages ("before the tile index")
   */
  static Frame read(byte[] data, int at, String where) {
    if (data.length - at < 8) {
      throw new TruncatedInputException("the file ends inside a chunk header " + where, at);
    }
    long length = Bytes.u32(data, at);
    int type = Bytes.s32(data, at + 4);
    if (!TglFormat.isValidType(type)) {
      throw new MalformedInputException("chunk type bytes are not four ASCII letters " + where,
          at + 4);
    }
    if (length > TglFormat.MAX_CHUNK_LENGTH) {
      throw new MalformedInputException(
          "chunk " + TglFormat.typeName(type) + " claims " + length + " bytes", at);
    }
    long end = at + TglFormat.CHUNK_OVERHEAD + length;
    if (end > data.length) {
      throw new TruncatedInputException("the file ends inside the " + TglFormat.typeName(type)
          + " chunk (" + length + " data bytes declared, " + Math.max(0, data.length - at - 8)
          + " present)", at);
    }
    return new Frame(at, type, (int) length);
  }

  /** Like {@link #read} but null when the framing does not fit or is not a chunk. */
  static Frame tryRead(byte[] data, int at) {
    if (at < 0 || data.length - at < TglFormat.CHUNK_OVERHEAD) {
      return null;
    }
    long length = Bytes.u32(data, at);
    int type = Bytes.s32(data, at + 4);
    if (!TglFormat.isValidType(type) || length > data.length - at - TglFormat.CHUNK_OVERHEAD) {
      return null;
    }
    return new Frame(at, type, (int) length);
  }
}
