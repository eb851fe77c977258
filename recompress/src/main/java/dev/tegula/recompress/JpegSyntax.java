package dev.tegula.recompress;

/**
 * Walks the marker segments of a JPEG file (T.81 Annex B) and keeps what the entropy coding of the
 * next scan depends on: the frame (§B.2.2), Huffman tables (§B.2.4.2), quantization tables
 * (§B.2.4.1, 8- and 16-bit), the restart interval (§B.2.4.4) and the scan header (§B.2.3).
 *
 * <p>The same walk runs when a file is modelled and when it is rebuilt, over the same bytes, so
 * both see the same tables. Anything the model does not cover (arithmetic coding, lossless,
 * hierarchical, 12-bit samples, DNL) throws {@link NotModellable}.
 */
final class JpegSyntax {
  static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Returned by {@link #walk} at EOI and at the end of the bytes. */
  static final int EOI = -1;
  static final int END = -2;

  // frame (§B.2.2)
  boolean hasFrame;
  boolean progressive;
  int width;
  int height;
  int components;
  final int[] componentId = new int[4];
  final int[] h = new int[4];
  final int[] v = new int[4];
  final int[] tq = new int[4];
  int hMax;
  int vMax;

  final int[][] quant = new int[4][];
  final HuffmanCode[] dcTables = new HuffmanCode[4];
  final HuffmanCode[] acTables = new HuffmanCode[4];
  int restartInterval;
  int segments;
  boolean sawSoi;

  // the last scan header (§B.2.3)
  int scanComponents;
  final int[] scanComponent = new int[4];
  final int[] scanDc = new int[4];
  final int[] scanAc = new int[4];
  int ss;
  int se;
  int ah;
  int al;

  /**
   * Where SOI is: 0 for a normal file; bytes before it (a wrapper, garbage) are kept verbatim in
   * the first piece. The first 0xFF 0xD8 0xFF decides, so parsing and rebuilding agree.
   */
  static int soi(byte[] d, int end) {
    for (int i = 0; i + 2 < end; i++) {
      if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == 0xD8 && (d[i + 2] & 0xFF) == 0xFF) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Reads segments from {@code at} up to SOS, EOI or {@code end}.
   *
   * @return the offset just after the SOS segment (the scan's entropy-coded data), or {@link #EOI}
   *     or {@link #END}
   */
  int walk(byte[] d, int at, int end) {
    while (true) {
      if (at >= end) {
        return END;
      }
      if ((d[at] & 0xFF) != 0xFF) {
        throw new NotModellable("byte 0x" + Integer.toHexString(d[at] & 0xFF) + " at " + at
            + " where a marker must start");
      }
      // §B.1.1.2: any number of 0xFF fill bytes before a marker
      while (at + 1 < end && (d[at + 1] & 0xFF) == 0xFF) {
        at++;
      }
      if (at + 1 >= end) {
        return END;
      }
      int m = d[at + 1] & 0xFF;
      int markerAt = at;
      at += 2;
      segments++;
      if (m == 0xD8) {
        if (sawSoi) {
          throw new NotModellable("a second SOI at " + markerAt);
        }
        sawSoi = true;
        continue;
      }
      if (!sawSoi) {
        throw new NotModellable("no SOI before the marker at " + markerAt);
      }
      if (m == 0xD9) {
        return EOI;
      }
      if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
        continue;
      }
      if (m == 0x00 || (m >= 0x02 && m <= 0xBF)) {
        throw new NotModellable("reserved marker 0xFF" + Integer.toHexString(m) + " at " + markerAt);
      }
      if (end - at < 2) {
        throw new NotModellable("the data ends inside the segment at " + markerAt);
      }
      int length = ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
      if (length < 2 || length > end - at) {
        throw new NotModellable("segment at " + markerAt + " has a bad length " + length);
      }
      int from = at + 2;
      int to = at + length;
      at = to;
      switch (m) {
        case 0xC0, 0xC1, 0xC2 -> readFrame(d, from, to, m == 0xC2, markerAt);
        case 0xC4 -> readHuffman(d, from, to, markerAt);
        case 0xDB -> readQuant(d, from, to, markerAt);
        case 0xDD -> readRestart(d, from, to, markerAt);
        case 0xDA -> {
          readScan(d, from, to, markerAt);
          return at;
        }
        case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xDE, 0xDF, 0xDC, 0xC8 ->
            throw new NotModellable("marker 0xFF" + Integer.toHexString(m).toUpperCase()
                + " (arithmetic, lossless, hierarchical or DNL) at " + markerAt);
        default -> {
          // APPn, COM, DAC and the other segments the entropy coding does not depend on
        }
      }
    }
  }

  /** §B.2.2 */
  private void readFrame(byte[] d, int from, int to, boolean progressive, int at) {
    if (hasFrame) {
      throw new NotModellable("a second frame header at " + at);
    }
    if (to - from < 6) {
      throw new NotModellable("short frame header at " + at);
    }
    int precision = d[from] & 0xFF;
    height = ((d[from + 1] & 0xFF) << 8) | (d[from + 2] & 0xFF);
    width = ((d[from + 3] & 0xFF) << 8) | (d[from + 4] & 0xFF);
    components = d[from + 5] & 0xFF;
    if (precision != 8) {
      throw new NotModellable(precision + "-bit samples");
    }
    if (height == 0 || width == 0) {
      throw new NotModellable("frame size " + width + "x" + height + " (DNL or empty)");
    }
    if (components < 1 || components > 4 || to - from != 6 + 3 * components) {
      throw new NotModellable(components + " components in the frame header at " + at);
    }
    hMax = 1;
    vMax = 1;
    for (int c = 0; c < components; c++) {
      int p = from + 6 + 3 * c;
      componentId[c] = d[p] & 0xFF;
      h[c] = (d[p + 1] & 0xFF) >> 4;
      v[c] = d[p + 1] & 0x0F;
      tq[c] = d[p + 2] & 0xFF;
      if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4 || tq[c] > 3) {
        throw new NotModellable("component " + c + " sampling or table out of range");
      }
      for (int o = 0; o < c; o++) {
        if (componentId[o] == componentId[c]) {
          throw new NotModellable("two components with id " + componentId[c]);
        }
      }
      hMax = Math.max(hMax, h[c]);
      vMax = Math.max(vMax, v[c]);
    }
    this.progressive = progressive;
    hasFrame = true;
  }

  /** §B.2.4.2 */
  private void readHuffman(byte[] d, int from, int to, int at) {
    int p = from;
    while (p < to) {
      if (to - p < 17) {
        throw new NotModellable("short DHT segment at " + at);
      }
      int tc = (d[p] & 0xFF) >> 4;
      int th = d[p] & 0x0F;
      if (tc > 1 || th > 3) {
        throw new NotModellable("DHT class/destination out of range at " + at);
      }
      int[] counts = new int[16];
      int total = 0;
      for (int i = 0; i < 16; i++) {
        counts[i] = d[p + 1 + i] & 0xFF;
        total += counts[i];
      }
      p += 17;
      if (total > 256 || to - p < total) {
        throw new NotModellable("DHT segment at " + at + " holds too many codes");
      }
      int[] values = new int[total];
      for (int i = 0; i < total; i++) {
        values[i] = d[p + i] & 0xFF;
      }
      p += total;
      HuffmanCode t = HuffmanCode.build(counts, values);
      if (t == null) {
        throw new NotModellable("DHT at " + at + " is not a prefix code");
      }
      (tc == 0 ? dcTables : acTables)[th] = t;
    }
  }

  /** §B.2.4.1: values in zigzag order, stored here in natural order. */
  private void readQuant(byte[] d, int from, int to, int at) {
    int p = from;
    while (p < to) {
      int pq = (d[p] & 0xFF) >> 4;
      int t = d[p] & 0x0F;
      int need = pq == 0 ? 64 : 128;
      if (pq > 1 || t > 3 || to - p - 1 < need) {
        throw new NotModellable("bad DQT segment at " + at);
      }
      p++;
      int[] q = new int[64];
      for (int i = 0; i < 64; i++) {
        q[ZIGZAG[i]] = pq == 0 ? d[p + i] & 0xFF
            : ((d[p + 2 * i] & 0xFF) << 8) | (d[p + 2 * i + 1] & 0xFF);
      }
      p += need;
      quant[t] = q;
    }
  }

  /** §B.2.4.4 */
  private void readRestart(byte[] d, int from, int to, int at) {
    if (to - from != 2) {
      throw new NotModellable("bad DRI segment at " + at);
    }
    restartInterval = ((d[from] & 0xFF) << 8) | (d[from + 1] & 0xFF);
  }

  /** §B.2.3, with the parameter checks of §G.1.1.1.1 for progressive scans. */
  private void readScan(byte[] d, int from, int to, int at) {
    if (!hasFrame) {
      throw new NotModellable("a scan before the frame header at " + at);
    }
    int n = to > from ? d[from] & 0xFF : 0;
    if (n < 1 || n > components || to - from != 4 + 2 * n) {
      throw new NotModellable("bad scan header at " + at);
    }
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      int id = d[from + 1 + 2 * i] & 0xFF;
      int c = 0;
      while (c < components && componentId[c] != id) {
        c++;
      }
      if (c == components) {
        throw new NotModellable("scan at " + at + " names component " + id + ", not in the frame");
      }
      for (int o = 0; o < i; o++) {
        if (scanComponent[o] == c) {
          throw new NotModellable("scan at " + at + " names a component twice");
        }
      }
      scanComponent[i] = c;
      scanDc[i] = (d[from + 2 + 2 * i] & 0xFF) >> 4;
      scanAc[i] = d[from + 2 + 2 * i] & 0x0F;
      if (scanDc[i] > 3 || scanAc[i] > 3) {
        throw new NotModellable("scan at " + at + " names a Huffman table above 3");
      }
      blocks += h[c] * v[c];
    }
    if (n > 1 && blocks > 10) {
      throw new NotModellable("more than 10 blocks per MCU in the scan at " + at);
    }
    scanComponents = n;
    int p = from + 1 + 2 * n;
    ss = d[p] & 0xFF;
    se = d[p + 1] & 0xFF;
    ah = (d[p + 2] & 0xFF) >> 4;
    al = d[p + 2] & 0x0F;
    boolean needDc;
    boolean needAc;
    if (!progressive) {
      if (ss != 0 || se != 63 || ah != 0 || al != 0) {
        throw new NotModellable("sequential scan with spectral parameters at " + at);
      }
      needDc = true;
      needAc = true;
    } else {
      if (se > 63 || ss > se || (ss == 0 && se != 0) || (ss > 0 && n != 1) || ah > 13
          || al > 13) {
        throw new NotModellable("progressive scan parameters out of range at " + at);
      }
      needDc = ss == 0 && ah == 0;
      needAc = ss > 0;
    }
    for (int i = 0; i < n; i++) {
      if ((needDc && dcTables[scanDc[i]] == null) || (needAc && acTables[scanAc[i]] == null)) {
        throw new NotModellable("scan at " + at + " uses an undefined Huffman table");
      }
    }
  }

  /** Whether the last scan interleaves components (an MCU of several blocks, §A.2.3). */
  boolean interleaved() {
    return scanComponents > 1;
  }

  /** Blocks across a component in a non-interleaved scan (§A.2.2, §A.1.1). */
  int componentBlocksWide(int c) {
    int cw = (int) (((long) width * h[c] + hMax - 1) / hMax);
    return (cw + 7) / 8;
  }

  int componentBlocksHigh(int c) {
    int ch = (int) (((long) height * v[c] + vMax - 1) / vMax);
    return (ch + 7) / 8;
  }

  int mcusAcross() {
    return (width + 8 * hMax - 1) / (8 * hMax);
  }

  int mcusDown() {
    return (height + 8 * vMax - 1) / (8 * vMax);
  }
}
