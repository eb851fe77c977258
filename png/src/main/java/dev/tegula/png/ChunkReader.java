package dev.tegula.png;

import dev.tegula.core.Crc32;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;

/**
 * Walks the chunks of a PNG datastream: signature (PNG spec §5.2), chunk layout (§5.3), chunk type
 * naming (§5.4) and the CRC-32 of every chunk (§5.5).
 *
 * <p>A bad CRC in a critical chunk is fatal, because the image cannot be trusted; an ancillary chunk
 * with a bad CRC is dropped with a warning, since the pixels do not depend on it. A chunk cut off by
 * the end of the input is returned with {@link Chunk#complete()} false so that the caller can still
 * use the image data it holds.
 */
final class ChunkReader {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** §5.3: chunk lengths are limited to 2^31-1. */
  private static final long MAX_LENGTH = 0x7FFF_FFFFL;

  private final byte[] data;
  private final Limits limits;
  private final Warnings warnings;
  private final Crc32 crc = new Crc32();
  private int pos = SIGNATURE.length;
  private int count;

  ChunkReader(byte[] data, Limits limits, Warnings warnings) {
    requireSignature(data);
    this.data = data;
    this.limits = limits;
    this.warnings = warnings;
  }

  static boolean hasSignature(byte[] data) {
    if (data == null || data.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (data[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** PNG §5.2: the 8-byte signature, else what is wrong with it (the declared exceptions). */
  static void requireSignature(byte[] data) {
    if (hasSignature(data)) {
      return;
    }
    if (data.length == 0) {
      throw new MalformedInputException("not a PNG file: the input is empty", 0);
    }
    int n = Math.min(SIGNATURE.length, data.length);
    for (int i = 0; i < n; i++) {
      if (data[i] != SIGNATURE[i]) {
        throw new MalformedInputException(
            "not a PNG file: its signature has 0x" + hex(data[i] & 0xFF) + " where PNG's has 0x"
                + hex(SIGNATURE[i] & 0xFF), i);
      }
    }
    // A correct prefix that stops early is a PNG cut short (issue 8: every cut is "truncated").
    throw new TruncatedInputException(
        "the file ends after " + data.length + " bytes of the 8-byte PNG signature", data.length);
  }

  /** Where the next chunk starts (the end of the input once all chunks are read). */
  int position() {
    return pos;
  }

  /**
   * The next chunk, or null when the input ends exactly at a chunk boundary. Ancillary chunks with
   * a bad CRC are skipped here with a warning.
   */
  Chunk next() {
    while (pos < data.length) {
      int start = pos;
      if (data.length - start < 8) {
        pos = data.length;
        return new Chunk(0, start, data.length, 0, 0, false);
      }
      long length = u32(start);
      if (length > MAX_LENGTH) {
        throw new MalformedInputException(
            "chunk length " + length + " exceeds 2^31-1", start);
      }
      int type = (int) u32(start + 4);
      checkType(type, start + 4);
      limits.checkSegments(++count, start);
      int dataOffset = start + 8;
      long end = dataOffset + length + 4;
      if (end > data.length) {
        int available = (int) Math.min(length, data.length - dataOffset);
        pos = data.length;
        return new Chunk(type, start, dataOffset, (int) length, available, false);
      }
      pos = (int) end;
      crc.reset();
      crc.update(data, start + 4, 4 + (int) length);
      if (crc.getValue() != u32(dataOffset + (int) length)) {
        if (Chunk.isCritical(type)) {
          throw new MalformedInputException(
              "CRC mismatch in critical " + Chunk.nameOf(type) + " chunk", start);
        }
        warnings.add("skipped " + Chunk.nameOf(type) + " chunk with a bad CRC at byte " + start);
        continue;
      }
      return new Chunk(type, start, dataOffset, (int) length, (int) length, true);
    }
    return null;
  }

  /** §5.4: each type byte is an ASCII letter; anything else means we lost the chunk structure. */
  private static void checkType(int type, int offset) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      int b = (type >>> shift) & 0xFF;
      if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
        throw new MalformedInputException(
            "invalid chunk type 0x" + hex(type >>> 24) + hex((type >>> 16) & 0xFF)
                + hex((type >>> 8) & 0xFF) + hex(type & 0xFF), offset);
      }
    }
  }

  private long u32(int at) {
    return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFF) << 16)
        | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
  }

  static String hex(int b) {
    return "" + Character.forDigit(b >> 4, 16) + Character.forDigit(b & 15, 16);
  }
}
