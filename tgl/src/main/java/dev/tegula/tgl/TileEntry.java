package dev.tegula.tgl;

/**
 * Where a tile's chunk was found (format.md §7.2), or why it was not.
 *
 * @param rect the tile's place in the image
 * @param offset offset of the TILE chunk's length field, or -1 when it is missing
 * @param size bytes of the whole chunk, framing included (0 when missing)
 * @param problem why the chunk cannot be used (missing, cut, framing damaged), or null; the CRC
 *     is checked later, when the tile is decoded or verified
 * @param cut whether the problem is that the file ends before or inside the tile
 */
public record TileEntry(TileRect rect, int offset, int size, String problem, boolean cut) {
  int dataOffset() {
    return offset + 8;
  }

  int dataLength() {
    return size - TglFormat.CHUNK_OVERHEAD;
  }
}
