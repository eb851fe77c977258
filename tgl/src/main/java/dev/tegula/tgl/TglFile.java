package dev.tegula.tgl;

import dev.tegula.core.ImageInfo;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;
import dev.tegula.tgl.lossy.LossyTileHeader;
import java.util.List;

/**
 * A .tgl file whose structure has been read (format.md §11.1 steps 1-4 and 6): header, metadata,
 * chunk list and the place of every tile. No pixel memory is allocated yet, and tile CRCs are
 * checked only by {@link #verifyTile} (which {@link TglDecoding#runTile} calls), so that opening a
 * file costs little and checking can run in parallel.
 */
public final class TglFile {
  private final byte[] data;
  private final int version;
  private final TglHeader header;
  private final Metadata metadata;
  private final List<ChunkInfo> chunks;
  private final TileEntry[] tiles;
  private final List<String> warnings;
  private final boolean indexIntact;
  private final boolean endFound;

  TglFile(byte[] data, int version, TglHeader header, Metadata metadata, List<ChunkInfo> chunks,
      TileEntry[] tiles, List<String> warnings, boolean indexIntact, boolean endFound) {
    this.data = data;
    this.version = version;
    this.header = header;
    this.metadata = metadata;
    this.chunks = List.copyOf(chunks);
    this.tiles = tiles;
    this.warnings = List.copyOf(warnings);
    this.indexIntact = indexIntact;
    this.endFound = endFound;
  }

  /** The version field: the lowest decoder version that reads this file (§3). */
  public int version() {
    return version;
  }

  public TglHeader header() {
    return header;
  }

  /** EXIF, ICC, XMP and text from the intact metadata chunks. */
  public Metadata metadata() {
    return metadata;
  }

  /** Every chunk except the tiles, in file order, with its CRC status. */
  public List<ChunkInfo> chunks() {
    return chunks;
  }

  public int tileCount() {
    return tiles.length;
  }

  public TileEntry tile(int index) {
    return tiles[index];
  }

  /** Problems outside the tiles: dropped metadata, a damaged index, a missing TEND. */
  public List<String> warnings() {
    return warnings;
  }

  /** Whether the TIDX chunk's CRC matched (else tiles were found by walking the chunks). */
  public boolean indexIntact() {
    return indexIntact;
  }

  /** Whether the file ends with its TEND chunk (§9). */
  public boolean endFound() {
    return endFound;
  }

  /** The header as the facade describes every format; orientation is left at 1 (see api). */
  public ImageInfo info() {
    LossyTileHeader coding = lossyCoding();
    return new ImageInfo("tgl", header.width(), header.height(), header.channels(),
        header.bitDepth(), header.colorSpaceName(),
        header.jpeg() ? "jpeg" : header.lossy() ? "lossy" : "lossless",
        coding == null ? null : coding.chroma(header.colour() == 3),
        false, header.alpha(), 1, 0);
  }

  /**
   * How the first intact tile with a lossy colour plane is coded (format-lossy.md §3: quality in
   * hundredths, chroma resolution), or null: a lossless file, or no such tile intact. Tegula's
   * encoder codes every tile of a file alike, so one tile stands for the file (the header's
   * quality, §5, is only the whole quality the encoder was given). Reads the tiles up to that
   * one and checks its CRC.
   */
  public LossyTileHeader lossyCoding() {
    if (!header.lossy() || header.jpeg()) {
      return null;
    }
    for (int t = 0; t < tiles.length; t++) {
      TileEntry e = tiles[t];
      // §8.1: tile number (u32), planeCount (u8), then plane 0's codec, content, length (u32);
      // the colour plane is always plane 0
      int at = e.offset() + 8;
      if (e.problem() != null || e.size() < 8 + 11 + 4 || at + 11 > data.length
          || (data[at + 5] & 0xFF) != TglFormat.CODEC_LOSSY
          || (data[at + 6] & 0xFF) != TglFormat.CONTENT_COLOUR || verifyTile(t) != null) {
        continue;
      }
      long length = Bytes.u32(data, at + 7);
      int room = e.offset() + e.size() - 4 - (at + 11);
      if (length <= room) {
        try {
          return LossyTileHeader.parse(data, at + 11, (int) length);
        } catch (TegulaException unreadable) {
          return null; // a report then says nothing rather than something wrong
        }
      }
    }
    return null;
  }

  /**
   * Checks tile {@code index}'s chunk: present, CRC matching, holding the right tile number
   * (§8.1). Returns null when it is intact, else what is wrong. Safe to call from any thread.
   */
  public String verifyTile(int index) {
    TileEntry e = tiles[index];
    if (e.problem() != null) {
      return e.problem();
    }
    return verifyChunk(data, e.offset(), e.size(), index, e.offset());
  }

  /**
   * The checks of {@link #verifyTile} on a TILE chunk (framing included) at {@code at} in {@code
   * data}; {@code fileOffset} is where the chunk lies in its file, for the message.
   */
  static String verifyChunk(byte[] data, int at, int size, int index, int fileOffset) {
    int end = at + size;
    if (Bytes.crc32(data, at + 4, size - 8) != Bytes.u32(data, end - 4)) {
      return "checksum mismatch (CRC-32 of its TILE chunk at byte " + fileOffset + ")";
    }
    long number = Bytes.u32(data, at + 8);
    if (number != index) {
      return "its chunk at byte " + fileOffset + " holds tile " + number;
    }
    return null;
  }

  byte[] data() {
    return data;
  }
}
