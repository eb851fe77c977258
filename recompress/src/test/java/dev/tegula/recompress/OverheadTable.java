package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Inflater;

/**
 * Not a test: where the bytes of a mode-2 .tgl go that are not coded coefficients (format-jpeg.md
 * §10.1). {@code java -cp ... OverheadTable DIR...} (-Dcontent=0|2, -Dfiles to print each file)
 * prints per directory the mean per file of: the container (signature, THDR, TIDX, TEND, the
 * tiles' chunk framing), the JREC framing and its 42-byte prefix, the stored layout, the layout
 * before zlib, and what its pieces and tail hold uncoded: their marker segments
 * by kind (DHT, DQT, APPn/COM, SOF/SOS/DRI/SOI) and all their bytes.
 */
public final class OverheadTable {
  private OverheadTable() {}

  private static final String[] COLUMNS = {"jpeg", "tgl", "coefficients", "container",
      "tileFraming", "jrecFraming", "jrecPrefix", "layoutStored", "layoutRaw", "dht", "dqt",
      "appCom", "sofSosDri", "piecesRaw"};

  public static void main(String[] args) throws Exception {
    int content = Integer.getInteger("content", TileContent.DEFAULT);
    boolean each = System.getProperty("files") != null;
    System.out.println("group files " + String.join(" ", COLUMNS) + " (means per file, bytes)");
    for (String dir : args) {
      List<Path> files;
      try (Stream<Path> s = Files.list(Paths.get(dir))) {
        files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().collect(Collectors.toList());
      }
      long[] sum = new long[COLUMNS.length];
      int n = 0;
      double saving = 0;
      for (Path f : files) {
        byte[] jpeg = Files.readAllBytes(f);
        JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, content);
        saving += 1 - (double) c.tgl().length / jpeg.length;
        if (!c.modelled()) {
          continue;
        }
        long[] row = measure(jpeg, c.tgl());
        for (int i = 0; i < row.length; i++) {
          sum[i] += row[i];
        }
        n++;
        if (each) {
          System.out.println("  " + f.getFileName() + " " + join(row, 1));
        }
      }
      System.out.printf("%s %d %s mean saving %.2f%% (%d files)%n", Paths.get(dir).getFileName(),
          n, join(sum, n), 100 * saving / files.size(), files.size());
    }
  }

  private static String join(long[] v, int n) {
    StringBuilder b = new StringBuilder();
    for (long x : v) {
      b.append(Math.round((double) x / Math.max(1, n))).append(' ');
    }
    return b.toString().trim();
  }

  static long[] measure(byte[] jpeg, byte[] tgl) throws Exception {
    long[] r = new long[COLUMNS.length];
    r[0] = jpeg.length;
    r[1] = tgl.length;
    int at = 10;
    r[3] = 10;
    byte[] raw = null;
    while (at < tgl.length) {
      int len = (int) JpegContainer.u32(tgl, at);
      String type = new String(tgl, at + 4, 4, "ISO-8859-1");
      int data = at + 8;
      switch (type) {
        case "TILE" -> {
          r[2] += len - 5;
          r[4] += 12 + 5;
        }
        case "JREC" -> {
          r[5] += 12;
          r[6] += JpegContainer.RECORD_PREFIX;
          r[7] += len - JpegContainer.RECORD_PREFIX;
          raw = payload(tgl, data, len);
        }
        default -> r[3] += 12 + len;
      }
      at = data + len + 4;
    }
    r[8] = raw.length;
    JpegLayout layout = LayoutCodec.read(raw, Limits.DEFAULT, 0);
    for (byte[] piece : layout.pieces()) {
      classify(piece, r);
    }
    r[13] = layout.tail().length;
    for (byte[] piece : layout.pieces()) {
      r[13] += piece.length;
    }
    return r;
  }

  /** Adds each marker segment's bytes to its class; returns the bytes classified. */
  private static long classify(byte[] p, long[] r) {
    long done = 0;
    int i = 0;
    while (i + 1 < p.length) {
      if ((p[i] & 0xFF) != 0xFF) {
        i++;
        continue;
      }
      int m = p[i + 1] & 0xFF;
      if (m == 0xFF) {
        i++;
        continue;
      }
      int len = 2;
      if (m != 0xD8 && m != 0xD9 && !(m >= 0xD0 && m <= 0xD7) && i + 3 < p.length) {
        len = 2 + (((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF));
      }
      len = Math.min(len, p.length - i);
      int col;
      if (m == 0xC4) {
        col = 9;
      } else if (m == 0xDB) {
        col = 10;
      } else if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE) {
        col = 11;
      } else {
        col = 12;
      }
      r[col] += len;
      done += len;
      i += len;
    }
    return done;
  }

  private static byte[] payload(byte[] tgl, int data, int len) throws Exception {
    int method = tgl[data + 1];
    int rawLength = (int) JpegContainer.u32(tgl, data + 38);
    int at = data + JpegContainer.RECORD_PREFIX;
    int n = len - JpegContainer.RECORD_PREFIX;
    if (method == JpegContainer.METHOD_STORED) {
      return java.util.Arrays.copyOfRange(tgl, at, at + n);
    }
    Inflater inf = new Inflater();
    inf.setInput(tgl, at, n);
    byte[] out = new byte[rawLength];
    int got = 0;
    while (got < rawLength) {
      int k = inf.inflate(out, got, rawLength - got);
      if (k == 0 && inf.needsDictionary()) {
        inf.setDictionary(LayoutDictionary.BYTES);
      } else if (k == 0) {
        break;
      }
      got += k;
    }
    inf.end();
    return out;
  }
}
