package dev.tegula.recompress;

import java.util.Arrays;

/**
 * A layout's piece as items (format-jpeg.md §5.1): its marker segments with the marker and length
 * implied, quantization tables that are Annex K's scaled as libjpeg scales them by their scale
 * factor, Huffman tables that are Annex K's by number and libjpeg's optimized ones by their code
 * lengths. Whatever does not fit is kept as bytes. The writer checks every item by reading it
 * back and keeps the bytes instead when they differ, so any piece is stored exactly.
 */
final class LayoutPieces {
  static final int END = 0;
  static final int BYTES = 1;
  static final int SEGMENT = 2;
  static final int DQT = 3;
  static final int DHT = 4;
  static final int SOI = 5;

  static final int QUANT_RAW = 0;
  static final int QUANT_LUMINANCE = 1;
  static final int QUANT_CHROMINANCE = 2;

  static final int HUFFMAN_RAW = 0;
  /** Forms 1 .. 4: Annex K table {@code form - 1} ({@link LayoutTables#HUFFMAN}). */
  static final int HUFFMAN_LENGTHS = 5;

  /** The symbols a lengths-coded table may hold: DC categories 0..11, AC (run, size <= 10). */
  private static final int DC_SYMBOLS = 12;
  private static final int AC_SYMBOLS = 176;

  private LayoutPieces() {}

  static void write(ByteSinkOut out, byte[] p) {
    int rawFrom = 0;
    int i = 0;
    while (i < p.length) {
      int seg = segmentLength(p, i);
      if (seg == 0) {
        i++;
        continue;
      }
      bytes(out, p, rawFrom, i);
      item(out, p, i, seg);
      i += seg;
      rawFrom = i;
    }
    bytes(out, p, rawFrom, p.length);
    out.write(END);
  }

  /** The length of the marker segment (or SOI) at {@code i}, 0 if none starts there. */
  private static int segmentLength(byte[] p, int i) {
    if ((p[i] & 0xFF) != 0xFF || i + 1 >= p.length) {
      return 0;
    }
    int m = p[i + 1] & 0xFF;
    if (m == 0xD8) {
      return 2;
    }
    if (m == 0x00 || m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD9) || i + 4 > p.length) {
      return 0;
    }
    int length = ((p[i + 2] & 0xFF) << 8) | (p[i + 3] & 0xFF);
    return length >= 2 && i + 2 + length <= p.length ? 2 + length : 0;
  }

  private static void bytes(ByteSinkOut out, byte[] p, int from, int to) {
    if (to > from) {
      out.write(BYTES);
      LayoutCodec.number(out, to - from);
      out.write(p, from, to - from);
    }
  }

  private static void item(ByteSinkOut out, byte[] p, int at, int length) {
    int m = p[at + 1] & 0xFF;
    if (m == 0xD8) {
      out.write(SOI);
      return;
    }
    byte[] coded = m == 0xDB ? quantization(p, at, length) : m == 0xC4 ? huffman(p, at, length)
        : null;
    if (coded != null && readsBack(coded, p, at, length)) {
      out.write(coded, 0, coded.length);
      return;
    }
    out.write(SEGMENT);
    out.write(m);
    LayoutCodec.number(out, length - 4);
    out.write(p, at + 4, length - 4);
  }

  private static boolean readsBack(byte[] coded, byte[] p, int at, int length) {
    try {
      ByteSinkOut back = new ByteSinkOut(length);
      LayoutCodec.Reader r = new LayoutCodec.Reader(coded, 0);
      readItem(r, r.u8(), back);
      return r.at == coded.length
          && Arrays.equals(back.toByteArray(), Arrays.copyOfRange(p, at, at + length));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** T.81 §B.2.4.1: each table as a scaled Annex K one where it is one, else its values. */
  private static byte[] quantization(byte[] p, int at, int length) {
    ByteSinkOut out = new ByteSinkOut(16);
    out.write(DQT);
    ByteSinkOut tables = new ByteSinkOut(16);
    int count = 0;
    int i = at + 4;
    int end = at + length;
    while (i < end) {
      int pq = (p[i] & 0xFF) >> 4;
      int size = 1 + 64 * (pq + 1);
      if (pq > 1 || i + size > end) {
        return null;
      }
      int[] q = new int[64];
      for (int k = 0; k < 64; k++) {
        q[k] = pq == 0 ? p[i + 1 + k] & 0xFF
            : ((p[i + 1 + 2 * k] & 0xFF) << 8) | (p[i + 2 + 2 * k] & 0xFF);
      }
      tables.write(p[i]);
      int scale = 0;
      int basis = 0;
      for (; basis < 2 && scale == 0; basis++) {
        scale = scaleOf(q, basis, pq);
      }
      if (scale > 0) {
        tables.write(basis == 1 ? QUANT_LUMINANCE : QUANT_CHROMINANCE);
        LayoutCodec.number(tables, scale);
      } else {
        tables.write(QUANT_RAW);
        tables.write(p, i + 1, size - 1);
      }
      count++;
      i += size;
    }
    LayoutCodec.number(out, count);
    out.write(tables.toByteArray(), 0, tables.size());
    return out.toByteArray();
  }

  /** The scale factor that makes Annex K table {@code basis} into {@code q}, 0 if none does. */
  private static int scaleOf(int[] q, int basis, int pq) {
    for (int s = 1; s <= LayoutTables.MAX_SCALE; s++) {
      int k = 0;
      while (k < 64 && LayoutTables.quant(basis, k, s, pq) == q[k]) {
        k++;
      }
      if (k == 64) {
        return s;
      }
    }
    return 0;
  }

  /** T.81 §B.2.4.2: each table as an Annex K one, as libjpeg's optimized one, or as bytes. */
  private static byte[] huffman(byte[] p, int at, int length) {
    ByteSinkOut out = new ByteSinkOut(64);
    ByteSinkOut tables = new ByteSinkOut(64);
    int count = 0;
    int i = at + 4;
    int end = at + length;
    while (i < end) {
      if (i + 17 > end) {
        return null;
      }
      int symbols = 0;
      for (int k = 1; k <= 16; k++) {
        symbols += p[i + k] & 0xFF;
      }
      int size = 17 + symbols;
      if (i + size > end) {
        return null;
      }
      byte[] table = Arrays.copyOfRange(p, i + 1, i + size);
      tables.write(p[i]);
      int known = -1;
      for (int k = 0; k < 4 && known < 0; k++) {
        known = Arrays.equals(table, LayoutTables.HUFFMAN[k]) ? k : -1;
      }
      byte[] lengths = lengths(table, (p[i] & 0xF0) == 0 ? DC_SYMBOLS : AC_SYMBOLS);
      if (known >= 0) {
        tables.write(1 + known);
      } else if (lengths != null) {
        tables.write(HUFFMAN_LENGTHS);
        writeLengths(tables, lengths);
      } else {
        tables.write(HUFFMAN_RAW);
        tables.write(table, 0, table.length);
      }
      count++;
      i += size;
    }
    out.write(DHT);
    LayoutCodec.number(out, count);
    out.write(tables.toByteArray(), 0, tables.size());
    return out.toByteArray();
  }

  /**
   * The code length of each symbol of the alphabet ({@link #symbol}), or null when a symbol lies
   * outside it or repeats; whether the order is libjpeg's is left to the read-back check.
   */
  private static byte[] lengths(byte[] table, int alphabet) {
    byte[] lengths = new byte[alphabet];
    int s = 16;
    for (int len = 1; len <= 16; len++) {
      for (int n = table[len - 1] & 0xFF; n > 0; n--) {
        int index = indexOf(table[s++] & 0xFF, alphabet);
        if (index < 0 || lengths[index] != 0) {
          return null;
        }
        lengths[index] = (byte) len;
      }
    }
    return lengths;
  }

  /** Symbol {@code index} of a lengths-coded table: DC in order, AC by run then size 0..10. */
  private static int symbol(int index, int alphabet) {
    return alphabet == DC_SYMBOLS ? index : (index / 11) << 4 | index % 11;
  }

  private static int indexOf(int symbol, int alphabet) {
    if (alphabet == DC_SYMBOLS) {
      return symbol < DC_SYMBOLS ? symbol : -1;
    }
    int size = symbol & 15;
    return size <= 10 ? (symbol >> 4) * 11 + size : -1;
  }

  /**
   * Code lengths by rows (the DC alphabet is one row of 12, the AC one 16 rows of 11, one per
   * run): the count of rows up to the last nonempty one; per row the count of entries up to its
   * last nonzero one, then those entries, each a length as its difference mod 17 from {@link
   * #predict}.
   */
  private static void writeLengths(ByteSinkOut out, byte[] lengths) {
    int row = lengths.length == DC_SYMBOLS ? DC_SYMBOLS : 11;
    int rows = lengths.length / row;
    while (rows > 0 && isZero(lengths, (rows - 1) * row, rows * row)) {
      rows--;
    }
    out.write(rows);
    int prev = 0;
    for (int from = 0; from < rows * row; from += row) {
      int k = row;
      while (k > 0 && lengths[from + k - 1] == 0) {
        k--;
      }
      out.write(k);
      int rowFirst = -1;
      for (int i = from; i < from + k; i++) {
        int l = lengths[i];
        if (l == 0) {
          out.write(0);
        } else {
          out.write(1 + (l - predict(lengths, i, row, prev) + 17) % 17);
          prev = l;
          if (rowFirst < 0) {
            rowFirst = l;
          }
        }
      }
      if (rowFirst > 0) {
        prev = rowFirst;
      }
    }
  }

  /**
   * §5.2: the length above adjusted by the step from above-left to left (lengths of neighbouring
   * runs and sizes move together), else the row's previous length.
   */
  private static int predict(byte[] lengths, int i, int row, int prev) {
    int above = i >= row ? lengths[i - row] : 0;
    if (above == 0) {
      return prev;
    }
    if (i % row > 0 && lengths[i - 1] != 0 && lengths[i - row - 1] != 0) {
      return Math.max(1, Math.min(16, above + lengths[i - 1] - lengths[i - row - 1]));
    }
    return above;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] readLengths(LayoutCodec.Reader r, int alphabet) {
    byte[] lengths = new byte[alphabet];
    int row = alphabet == DC_SYMBOLS ? DC_SYMBOLS : 11;
    int rows = r.u8();
    if (rows > alphabet / row) {
      throw r.bad(rows + " rows of Huffman code lengths");
    }
    int prev = 0;
    for (int from = 0; from < rows * row; from += row) {
      int k = r.u8();
      if (k > row) {
        throw r.bad("a row of " + k + " Huffman code lengths");
      }
      int rowFirst = -1;
      for (int i = 0; i < k; i++) {
        int v = r.u8();
        if (v == 0) {
          continue;
        }
        int l = (predict(lengths, from + i, row, prev) + v - 1) % 17;
        if (v > 17 || l == 0) {
          throw r.bad("a Huffman code length out of range");
        }
        lengths[from + i] = (byte) l;
        prev = l;
        if (rowFirst < 0) {
          rowFirst = l;
        }
      }
      if (rowFirst > 0) {
        prev = rowFirst;
      }
    }
    return lengths;
  }

  /**
   * Reads one piece (§5.1) up to its END item.
   *
   * @param budget the bytes the piece may hold (§5.1's bound on the whole layout, less what the
   *     pieces before it took): checked after each item, so damaged data overshoots it by one
   *     item at most
   */
  static byte[] read(LayoutCodec.Reader r, long budget) {
    ByteSinkOut out = new ByteSinkOut(256);
    for (int tag = r.u8(); tag != END; tag = r.u8()) {
      readItem(r, tag, out);
      if (out.size() > budget) {
        throw r.bad("its pieces hold more than 16 times its size plus 1 MiB");
      }
    }
    return out.toByteArray();
  }

  private static void readItem(LayoutCodec.Reader r, int tag, ByteSinkOut out) {
    switch (tag) {
      case BYTES -> {
        int n = r.count(1);
        if (n == 0) {
          throw r.bad("an empty run of bytes");
        }
        out.write(r.d, r.at, n);
        r.at += n;
      }
      case SOI -> {
        out.write(0xFF);
        out.write(0xD8);
      }
      case SEGMENT -> {
        int m = r.u8();
        int n = r.count(1);
        if (m == 0x00 || m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD9)) {
          throw r.bad("a marker segment with marker " + m);
        }
        if (n > 65533) {
          throw r.bad("a marker segment of " + n + " bytes");
        }
        header(out, m, n + 2);
        out.write(r.d, r.at, n);
        r.at += n;
      }
      case DQT -> readQuantization(r, out);
      case DHT -> readHuffman(r, out);
      default -> throw r.bad("an item of unknown type " + tag);
    }
  }

  private static void header(ByteSinkOut out, int marker, int length) {
    out.write(0xFF);
    out.write(marker);
    out.write(length >> 8);
    out.write(length);
  }

  private static void readQuantization(LayoutCodec.Reader r, ByteSinkOut out) {
    int count = r.count(2);
    if (count == 0) {
      throw r.bad("a DQT segment without tables");
    }
    ByteSinkOut body = new ByteSinkOut(65 * count);
    for (int t = 0; t < count; t++) {
      int pqtq = r.u8();
      int pq = pqtq >> 4;
      if (pq > 1) {
        throw r.bad("a quantization table of precision " + pq);
      }
      body.write(pqtq);
      int mode = r.u8();
      if (mode == QUANT_RAW) {
        int n = 64 * (pq + 1);
        if (n > r.d.length - r.at) {
          throw r.bad("the layout ends inside a quantization table");
        }
        body.write(r.d, r.at, n);
        r.at += n;
      } else if (mode == QUANT_LUMINANCE || mode == QUANT_CHROMINANCE) {
        int scale = r.number();
        if (scale < 1) {
          throw r.bad("a quantization scale factor of 0");
        }
        for (int k = 0; k < 64; k++) {
          int v = LayoutTables.quant(mode - 1, k, scale, pq);
          if (pq == 1) {
            body.write(v >> 8);
          }
          body.write(v);
        }
      } else {
        throw r.bad("a quantization table of unknown form " + mode);
      }
      if (body.size() > 65533) {
        throw r.bad("a DQT segment over 65535 bytes");
      }
    }
    header(out, 0xDB, 2 + body.size());
    out.write(body.toByteArray(), 0, body.size());
  }

  private static void readHuffman(LayoutCodec.Reader r, ByteSinkOut out) {
    int count = r.count(2);
    if (count == 0) {
      throw r.bad("a DHT segment without tables");
    }
    ByteSinkOut body = new ByteSinkOut(180 * count);
    for (int t = 0; t < count; t++) {
      int tcth = r.u8();
      body.write(tcth);
      int mode = r.u8();
      if (mode == HUFFMAN_RAW) {
        if (16 > r.d.length - r.at) {
          throw r.bad("the layout ends inside a Huffman table");
        }
        int symbols = 0;
        for (int k = 0; k < 16; k++) {
          symbols += r.d[r.at + k] & 0xFF;
        }
        if (16 + symbols > r.d.length - r.at) {
          throw r.bad("the layout ends inside a Huffman table");
        }
        body.write(r.d, r.at, 16 + symbols);
        r.at += 16 + symbols;
      } else if (mode >= 1 && mode <= 4) {
        byte[] k = LayoutTables.HUFFMAN[mode - 1];
        body.write(k, 0, k.length);
      } else if (mode == HUFFMAN_LENGTHS) {
        int alphabet = (tcth & 0xF0) == 0 ? DC_SYMBOLS : AC_SYMBOLS;
        byte[] lengths = readLengths(r, alphabet);
        byte[] counts = new byte[16];
        byte[] symbols = new byte[alphabet];
        int n = 0;
        for (int len = 1; len <= 16; len++) {
          for (int i = 0; i < alphabet; i++) {
            if (lengths[i] == len) {
              counts[len - 1]++;
              symbols[n++] = (byte) symbol(i, alphabet);
            }
          }
        }
        body.write(counts, 0, 16);
        body.write(symbols, 0, n);
      } else {
        throw r.bad("a Huffman table of unknown form " + mode);
      }
      if (body.size() > 65533) {
        throw r.bad("a DHT segment over 65535 bytes");
      }
    }
    header(out, 0xC4, 2 + body.size());
    out.write(body.toByteArray(), 0, body.size());
  }
}
