package dev.tegula.tgl;

/**
 * One chunk other than a tile, as {@code tegula info} lists it (format.md §4).
 *
 * @param type the four letters
 * @param offset where the chunk's length field starts
 * @param length bytes of data
 * @param required upper-case first letter (§4.2)
 * @param known whether this decoder knows the type
 * @param crcOk whether the stored CRC matches
 */
public record ChunkInfo(
    String type, long offset, long length, boolean required, boolean known, boolean crcOk) {}
