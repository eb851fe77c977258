package dev.tegula.tgl;

import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a file's structure (format.md §11.1 steps 1-4 and 6) and checks every limit before the
 * decoder allocates pixels. Work is linear in the number of chunks and tiles.
 */
final class TglParser {
  private final byte[] data;
  private final Limits limits;
  private final List<ChunkInfo> chunks = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int segments;

  private TglParser(byte[] data, Limits limits) {
    this.data = data;
    this.limits = limits;
  }

  static boolean hasSignature(byte[] data) {
    if (data.length < TglFormat.SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < TglFormat.SIGNATURE.length; i++) {
      if (data[i] != TglFormat.SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static TglFile parse(byte[] data, Limits limits) {
    if (data == null || limits == null) {
      throw new IllegalArgumentException("data and limits must not be null");
    }
    return new TglParser(data, limits).parse();
  }

  private TglFile parse() {
    int version = readPreamble();
    Frame head = Frame.read(data, TglFormat.PREAMBLE_BYTES, "where THDR must start");
    if (head.type() != TglFormat.THDR) {
      throw new MalformedInputException(
          "the first chunk is " + head.name() + ", not THDR", head.offset());
    }
    if (!head.crcOk(data)) {
      throw new MalformedInputException("the THDR chunk's checksum does not match", head.offset());
    }
    TglHeader header = TglHeader.parse(data, head.dataOffset(), head.length());
    limits.checkDimensions(header.width(), header.height(), head.dataOffset());
    limits.checkTiles(header.tileCount(), head.dataOffset() + 14);
    record(head, true);

    MetadataChunks metadata = new MetadataChunks();
    Frame index = readUpToIndex(head.end(), metadata, header.jpeg());
    int n = (int) header.tileCount();
    long expected = 4 + 4L * n;
    if (index.length() != expected) {
      throw new MalformedInputException("TIDX holds " + index.length() + " bytes; "
          + n + " tiles need " + expected, index.offset());
    }
    boolean indexIntact = index.crcOk(data);
    TileEntry[] tiles = new TileEntry[n];
    long afterTiles = indexIntact ? locateByIndex(header, index, tiles) : walkTiles(header, index, tiles);
    boolean cut = false;
    for (TileEntry t : tiles) {
      cut |= t.cut();
    }
    boolean endFound = readTrailer(afterTiles, cut);
    return new TglFile(data, version, header, metadata.toMetadata(), chunks, tiles, warnings,
        indexIntact, endFound);
  }

  /** §2, §3: signature and version. */
  private int readPreamble() {
    int n = Math.min(data.length, TglFormat.SIGNATURE.length);
    for (int i = 0; i < n; i++) {
      if (data[i] != TglFormat.SIGNATURE[i]) {
        throw new MalformedInputException("not a .tgl file (bad signature)", i);
      }
    }
    if (data.length < TglFormat.PREAMBLE_BYTES) {
      throw new TruncatedInputException(data.length == 0 ? "empty input"
          : "the file ends inside the .tgl signature and version", data.length);
    }
    int version = Bytes.u16(data, 8);
    if (version == 0) {
      throw new MalformedInputException("format version 0 does not exist", 8);
    }
    if (version > TglFormat.VERSION) {
      throw new UnsupportedFeatureException("written for .tgl version " + version
          + "; this decoder reads versions up to " + TglFormat.VERSION, 8);
    }
    return version;
  }

  /** §4.3, §6: the chunks between THDR and TIDX. */
  private Frame readUpToIndex(int at, MetadataChunks metadata, boolean jpeg) {
    long metadataBytes = 0;
    while (true) {
      Frame f = Frame.read(data, at, "before the tile index (TIDX)");
      boolean crcOk = f.crcOk(data);
      countSegment(f);
      record(f, crcOk);
      int type = f.type();
      if (type == TglFormat.TIDX) {
        return f;
      }
      if (MetadataChunks.isMetadata(type)) {
        metadataBytes += f.length();
        limits.checkMetadata(metadataBytes, f.offset());
        if (crcOk) {
          metadata.accept(data, f, warnings);
        } else {
          warnings.add("dropped the " + f.name() + " chunk at byte " + f.offset()
              + ": checksum mismatch");
        }
      } else if (type == TglFormat.THDR || type == TglFormat.TILE || type == TglFormat.TEND) {
        throw new MalformedInputException(
            "a " + f.name() + " chunk comes before the tile index", f.offset());
      } else if (TglFormat.isRequired(type) && !(jpeg && type == TglFormat.JREC)) {
        throw unknownRequired(f);
      }
      at = f.end();
    }
  }

  /** §7.2: tile t starts where tile t-1 ends, tile 0 right after TIDX. */
  private long locateByIndex(TglHeader header, Frame index, TileEntry[] tiles) {
    long count = Bytes.u32(data, index.dataOffset());
    if (count != tiles.length) {
      throw new MalformedInputException("TIDX counts " + count + " tiles; the header's grid has "
          + tiles.length, index.dataOffset());
    }
    long at = index.end();
    for (int t = 0; t < tiles.length; t++) {
      long size = Bytes.u32(data, index.dataOffset() + 4 + 4 * t);
      tiles[t] = locate(header.tile(t), at, size);
      at += size;
    }
    return at;
  }

  private TileEntry locate(TileRect rect, long at, long size) {
    if (size < TglFormat.CHUNK_OVERHEAD + TglFormat.TILE_PREFIX) {
      return missing(rect, "the tile index gives it an impossible size of " + size + " bytes", false);
    }
    if (at >= data.length) {
      return missing(rect, "the file ends before this tile", true);
    }
    if (at + 8 > data.length) {
      return missing(rect, "the file ends inside this tile", true);
    }
    int offset = (int) at;
    long length = Bytes.u32(data, offset);
    int type = Bytes.s32(data, offset + 4);
    if (type != TglFormat.TILE || length + TglFormat.CHUNK_OVERHEAD != size) {
      return missing(rect, "its chunk framing at byte " + offset + " is damaged", false);
    }
    if (at + size > data.length) {
      return missing(rect, "the file ends inside this tile", true);
    }
    return new TileEntry(rect, offset, (int) size, null, false);
  }

  /** §7.2: the index is damaged, so the tiles are found by the numbers their chunks carry. */
  private long walkTiles(TglHeader header, Frame index, TileEntry[] tiles) {
    warnings.add("the tile index (TIDX at byte " + index.offset()
        + ") is damaged; tiles were found by walking the chunks");
    int at = index.end();
    boolean cut = false;
    while (true) {
      Frame f = Frame.tryRead(data, at);
      if (f == null) {
        cut = data.length - at >= 8 && Bytes.s32(data, at + 4) == TglFormat.TILE;
        break;
      }
      if (f.type() != TglFormat.TILE) {
        break;
      }
      if (f.length() >= TglFormat.TILE_PREFIX && f.crcOk(data)) {
        long number = Bytes.u32(data, f.dataOffset());
        if (number < tiles.length && tiles[(int) number] == null) {
          int t = (int) number;
          tiles[t] = new TileEntry(header.tile(t), f.offset(), f.end() - f.offset(), null, false);
        }
      }
      at = f.end();
    }
    for (int t = 0; t < tiles.length; t++) {
      if (tiles[t] == null) {
        tiles[t] = missing(header.tile(t), cut ? "the file ends before or inside this tile"
            : "no intact TILE chunk holds it (and the tile index is damaged)", cut);
      }
    }
    return at;
  }

  /** §4.3, §9: what follows the tiles, up to TEND. Returns whether TEND was found. */
  private boolean readTrailer(long at, boolean tilesCut) {
    while (true) {
      if (at >= data.length) {
        if (!tilesCut) {
          warnings.add("the file ends after the last tile (no TEND chunk)");
        }
        return false;
      }
      Frame f = Frame.tryRead(data, (int) at);
      if (f == null) {
        boolean cut = data.length - at < TglFormat.CHUNK_OVERHEAD
            || Bytes.u32(data, (int) at) > data.length - at - TglFormat.CHUNK_OVERHEAD;
        warnings.add(cut ? "the file ends inside the chunk at byte " + at
            + ", after the last tile (no TEND chunk)"
            : "the chunk framing after the tiles is damaged at byte " + at);
        return false;
      }
      boolean crcOk = f.crcOk(data);
      countSegment(f);
      record(f, crcOk);
      int type = f.type();
      if (type == TglFormat.TEND) {
        return true;
      }
      if (type == TglFormat.THDR || type == TglFormat.TIDX || type == TglFormat.TILE) {
        throw new MalformedInputException("a " + f.name() + " chunk after the tiles", f.offset());
      }
      if (MetadataChunks.isMetadata(type)) {
        warnings.add("ignored the " + f.name() + " chunk at byte " + f.offset()
            + ": metadata must come before the tile index");
      } else if (TglFormat.isRequired(type)) {
        throw unknownRequired(f);
      }
      at = f.end();
    }
  }

  private void countSegment(Frame f) {
    segments++;
    limits.checkSegments(segments, f.offset());
  }

  private void record(Frame f, boolean crcOk) {
    int type = f.type();
    boolean known = type == TglFormat.THDR || type == TglFormat.TIDX || type == TglFormat.TEND
        || type == TglFormat.JREC || MetadataChunks.isMetadata(type);
    chunks.add(new ChunkInfo(f.name(), f.offset(), f.length(), TglFormat.isRequired(type), known,
        crcOk));
  }

  private static TileEntry missing(TileRect rect, String why, boolean cut) {
    return new TileEntry(rect, -1, 0, why, cut);
  }

  private static UnsupportedFeatureException unknownRequired(Frame f) {
    return new UnsupportedFeatureException("the file needs the chunk type " + f.name()
        + ", which this decoder does not know", f.offset());
  }
}
