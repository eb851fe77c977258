package dev.tegula.png;

import dev.tegula.core.MalformedInputException;

/**
 * The PLTE chunk (PNG spec §11.2.3).
 *
 * @param rgb three bytes per entry
 * @param entries how many entries the chunk holds (1-256)
 */
record Palette(byte[] rgb, int entries) {

  static Palette parse(byte[] data, Chunk chunk, PngHeader header) {
    int length = chunk.length();
    if (length % 3 != 0) {
      throw new MalformedInputException(
          "PLTE length " + length + " is not a multiple of 3", chunk.offset());
    }
    int entries = length / 3;
    if (entries < 1 || entries > 256) {
      throw new MalformedInputException(
          "PLTE has " + entries + " entries (allowed 1-256)", chunk.offset());
    }
    // More entries than the index can address: libpng overran its buffer on this (CVE-2015-8126).
    if (header.colorType() == PngHeader.PALETTE && entries > (1 << header.bitDepth())) {
      throw new MalformedInputException(
          "PLTE has " + entries + " entries but " + header.bitDepth() + "-bit indices address only "
              + (1 << header.bitDepth()), chunk.offset());
    }
    byte[] rgb = new byte[length];
    System.arraycopy(data, chunk.dataOffset(), rgb, 0, length);
    return new Palette(rgb, entries);
  }
}
