package dev.tegula.cli;

import dev.tegula.recompress.JpegTglInfo;
import dev.tegula.tgl.ChunkInfo;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TglHeader;
import dev.tegula.tgl.lossy.LossyTileHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The .tgl part of {@code tegula info}: version, mode, tiling, chunks, and the result of checking
 * every checksum (each chunk's and each tile's, docs/format.md §4.1, §8).
 *
 * @param damagedTiles "tile 3 (...): checksum mismatch" for each tile that fails
 * @param warnings problems outside the tiles (dropped metadata, damaged index, no TEND)
 * @param jpeg for a file of JPEG reconstruction (mode 2, docs/format-jpeg.md) what it holds, or
 *     null (also when its JREC chunk is damaged)
 * @param coding a lossy file's quality in hundredths and chroma, read from its first intact
 *     lossy tile, or null
 */
record TglReport(int version, TglHeader header, int tiles, List<ChunkInfo> chunks,
    List<String> damagedTiles, List<String> warnings, JpegTglInfo jpeg,
    LossyTileHeader coding) {

  static TglReport of(TglFile file) {
    return of(file, null);
  }

  static TglReport of(TglFile file, JpegTglInfo jpeg) {
    List<String> damaged = new ArrayList<>();
    for (int t = 0; t < file.tileCount(); t++) {
      String problem = file.verifyTile(t);
      if (problem != null) {
        damaged.add(file.tile(t).rect().describe() + ": " + problem);
      }
    }
    return new TglReport(file.version(), file.header(), file.tileCount(), file.chunks(), damaged,
        file.warnings(), jpeg, file.lossyCoding());
  }

  /** Chunks and tiles whose checksum (or presence) fails. */
  int failures() {
    int n = damagedTiles.size();
    for (ChunkInfo c : chunks) {
      n += c.crcOk() ? 0 : 1;
    }
    return n;
  }

  int checked() {
    return tiles + chunks.size();
  }

  String mode() {
    if (header.jpeg()) {
      return "JPEG reconstruction: " + (jpeg == null ? "record damaged"
          : jpeg.kind() + (jpeg.modelled() ? ", coefficients in " + jpeg.coding() : "")
              + " (original " + jpeg.jpegLength() + " bytes, SHA-256 " + jpeg.sha256() + ")");
    }
    if (!header.lossy()) {
      return "lossless";
    }
    if (coding == null) {
      return "lossy q" + header.quality();
    }
    return "lossy q" + CompressCommand.quality(coding.qualityHundredths())
        + (chroma() == null ? "" : " " + chroma());
  }

  /** A lossy colour file's chroma ("4:2:0", "4:4:4"), else null. */
  private String chroma() {
    return coding == null ? null : coding.chroma(header.colour() == 3);
  }

  void toText(StringBuilder sb) {
    FileReport.line(sb, "container", ".tgl version " + version + ", " + mode() + ", "
        + header.bitDepth() + "-bit " + header.colorSpaceName());
    FileReport.line(sb, "tiles", tiles + " of " + header.tileWidth() + "x" + header.tileHeight()
        + " (" + header.tilesAcross() + " across, " + header.tilesDown() + " down)");
    StringBuilder list = new StringBuilder();
    for (ChunkInfo c : chunks) {
      list.append(list.length() == 0 ? "" : ", ").append(ErrorReporter.printable(c.type()))
          .append(" ").append(c.length()).append(c.known() ? "" : " (unknown, skipped)");
    }
    FileReport.line(sb, "chunks", list.toString());
    if (failures() == 0) {
      FileReport.line(sb, "checksums", "all " + checked() + " match");
    } else {
      StringBuilder bad = new StringBuilder();
      bad.append(failures()).append(" of ").append(checked()).append(" fail");
      for (ChunkInfo c : chunks) {
        if (!c.crcOk()) {
          bad.append("; ").append(ErrorReporter.printable(c.type())).append(" chunk at byte ")
              .append(c.offset());
        }
      }
      for (String d : damagedTiles) {
        bad.append("; ").append(d);
      }
      FileReport.line(sb, "checksums", bad.toString());
    }
    for (String w : warnings) {
      FileReport.line(sb, "warning", ErrorReporter.printable(w));
    }
  }

  void toJson(JsonWriter json) {
    json.name("tgl").beginObject()
        .name("version").value(version)
        .name("mode").value(header.jpeg() ? "jpeg" : header.lossy() ? "lossy" : "lossless")
        .name("quality").value(header.quality())
        .name("qualityHundredths").value(coding == null ? -1 : coding.qualityHundredths())
        .name("chroma").value(chroma())
        .name("tileWidth").value(header.tileWidth())
        .name("tileHeight").value(header.tileHeight())
        .name("tiles").value(tiles)
        .name("checksumsChecked").value(checked())
        .name("checksumFailures").value(failures())
        .name("chunks").beginArray();
    for (ChunkInfo c : chunks) {
      json.beginObject().name("type").value(c.type()).name("offset").value(c.offset())
          .name("length").value(c.length()).name("required").value(c.required())
          .name("known").value(c.known()).name("crcOk").value(c.crcOk()).endObject();
    }
    json.endArray().name("damagedTiles").beginArray();
    damagedTiles.forEach(json::value);
    json.endArray().name("warnings").beginArray();
    warnings.forEach(json::value);
    json.endArray();
    if (jpeg != null) {
      json.name("jpeg").beginObject().name("kind").value(jpeg.kind())
          .name("coding").value(jpeg.coding())
          .name("originalBytes").value(jpeg.jpegLength()).name("sha256").value(jpeg.sha256())
          .endObject();
    }
    json.endObject();
  }
}
