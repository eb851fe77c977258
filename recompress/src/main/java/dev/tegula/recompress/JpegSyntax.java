package dev.tegula.recompress;

import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import dev.tegula.jpeg.HuffmanTable;
import dev.tegula.jpeg.JpegSegmentReader;

/**
 * What the entropy coding of the next scan depends on, read by the JPEG decoder's own marker
 * parser ({@link JpegSegmentReader}, T.81 Annex B): the frame (§B.2.2), the Huffman and
 * quantization tables (§B.2.4.1-2), the restart interval (§B.2.4.4) and the scan header (§B.2.3).
 *
 * <p>On top of what the decoder refuses, this class refuses what format-jpeg.md §6.1 leaves out of
 * mode 2 (arithmetic coding, more than 4 components, DNL, 16-bit DQT precision codes other than 1,
 * Huffman tables that are no prefix code, spectral parameters in sequential scans, undefined
 * tables) and bytes where a marker must start: a re-encoding could not reproduce those. Every
 * refusal is a {@link NotModellable}, the parser's errors included (with their offsets in the
 * message), except {@link LimitExceededException}. The same reading runs when a file is modelled
 * and when it is rebuilt, over the same bytes outside the scans, so both see the same tables.
 */
final class JpegSyntax implements JpegSegmentReader.Listener {
  static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  /** Returned by {@link #nextScan} at EOI and at the end of the bytes. */
  static final int EOI = -1;
  static final int END = -2;

  private final byte[] d;
  private final JpegSegmentReader reader;

  // frame (§B.2.2)
  boolean progressive;
  int width;
  int height;
  int components;
  final int[] h = new int[4];
  final int[] v = new int[4];
  final int[] tq = new int[4];

  final int[][] quant = new int[4][];
  /** The tables in force for encoding, and the decoder's tables they were made from. */
  final HuffmanCode[] dcTables = new HuffmanCode[4];
  final HuffmanCode[] acTables = new HuffmanCode[4];
  final HuffmanTable[] dcSource = new HuffmanTable[4];
  final HuffmanTable[] acSource = new HuffmanTable[4];
  int restartInterval;

  // the last scan header (§B.2.3)
  int scanComponents;
  final int[] scanComponent = new int[4];
  final int[] scanDc = new int[4];
  final int[] scanAc = new int[4];
  int ss;
  int se;
  int ah;
  int al;

  /** Reads {@code d} from its SOI ({@link #soi}) on. */
  JpegSyntax(byte[] d, Limits limits) {
    this(d, soi(d, d.length), limits);
  }

  /** Reads {@code d} from the SOI at {@code soi} on. */
  JpegSyntax(byte[] d, int soi, Limits limits) {
    this.d = d;
    JpegSegmentReader r;
    try {
      r = new JpegSegmentReader(d, soi, limits, this);
    } catch (TegulaException e) {
      throw notModellable(e);
    }
    reader = r;
  }

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
   * Reads segments up to SOS, EOI or the end.
   *
   * @return the offset just after the SOS segment (the scan's entropy-coded data), or {@link #EOI}
   *     or {@link #END}
   */
  int nextScan() {
    boolean scan;
    try {
      scan = reader.nextScan();
    } catch (TegulaException e) {
      throw notModellable(e);
    }
    if (reader.extraneousBytes() != 0) {
      throw new NotModellable("bytes where a marker must start, before " + reader.position());
    }
    if (!scan) {
      return reader.sawEoi() ? EOI : END;
    }
    readTables();
    readScan(reader.position());
    return reader.position();
  }

  /** Continues after a scan's entropy-coded data, which ended at {@code at}. */
  void resumeAt(int at) {
    reader.resumeAt(at);
  }

  private static RuntimeException notModellable(TegulaException e) {
    if (e instanceof LimitExceededException) {
      return e;
    }
    return new NotModellable(e.getMessage());
  }

  /** The restrictions of format-jpeg.md §6.1 that the decoder does not make. */
  @Override
  public void segment(int marker, int offset, int start, int end) {
    switch (marker) {
      case 0xC0, 0xC1, 0xC2 -> {
        if (reader.components() > 4) {
          throw new NotModellable(reader.components() + " components in the frame at " + offset);
        }
        for (int c = 0; c < reader.components(); c++) {
          for (int o = 0; o < c; o++) {
            if (reader.componentId(o) == reader.componentId(c)) {
              throw new NotModellable("two components with id " + reader.componentId(c));
            }
          }
        }
        readFrame();
      }
      case 0xC4 -> {
        for (int t = 0; t < 4; t++) {
          prefixCode(reader.huffmanTable(true, t), offset);
          prefixCode(reader.huffmanTable(false, t), offset);
        }
      }
      case 0xDB -> {
        // T.81 §B.2.4.1: Pq is 0 or 1 (the decoder takes any nonzero Pq for 16 bits, as libjpeg)
        for (int p = start + 2; p < end; p += (d[p] & 0xF0) == 0 ? 65 : 129) {
          if ((d[p] & 0xF0) > 0x10) {
            throw new NotModellable("DQT precision " + ((d[p] & 0xFF) >> 4) + " at " + offset);
          }
        }
      }
      case 0xC9, 0xCA, 0xDC -> throw new NotModellable("marker 0xFF"
          + Integer.toHexString(marker).toUpperCase() + " (arithmetic coding or DNL) at " + offset);
      default -> {
        // APPn, COM, DAC, DRI, SOS, RSTn, EOI: the decoder's checks are enough
      }
    }
  }

  private static void prefixCode(HuffmanTable t, int at) {
    if (t != null && !HuffmanCode.isPrefixCode(t.counts())) {
      throw new NotModellable("DHT at " + at + " is not a prefix code");
    }
  }

  private void readFrame() {
    progressive = reader.progressive();
    width = reader.width();
    height = reader.height();
    components = reader.components();
    for (int c = 0; c < components; c++) {
      h[c] = reader.h(c);
      v[c] = reader.v(c);
      tq[c] = reader.quantSelector(c);
    }
  }

  private void readTables() {
    for (int t = 0; t < 4; t++) {
      quant[t] = reader.quantTable(t);
      HuffmanTable dc = reader.huffmanTable(true, t);
      if (dc != dcSource[t]) {
        dcSource[t] = dc;
        dcTables[t] = dc == null ? null : HuffmanCode.build(dc.counts(), dc.symbols());
      }
      HuffmanTable ac = reader.huffmanTable(false, t);
      if (ac != acSource[t]) {
        acSource[t] = ac;
        acTables[t] = ac == null ? null : HuffmanCode.build(ac.counts(), ac.symbols());
      }
    }
    restartInterval = reader.restartInterval();
  }

  /** §B.2.3 as mode 2 takes it: the decoder checked §G.1.1.1.1 for progressive scans. */
  private void readScan(int at) {
    int n = reader.scanComponents();
    for (int i = 0; i < n; i++) {
      scanComponent[i] = reader.scanComponent(i);
      scanDc[i] = reader.scanDcTable(i);
      scanAc[i] = reader.scanAcTable(i);
      if (scanDc[i] > 3 || scanAc[i] > 3) {
        throw new NotModellable("scan before " + at + " names a Huffman table above 3");
      }
    }
    scanComponents = n;
    ss = reader.ss();
    se = reader.se();
    ah = reader.ah();
    al = reader.al();
    boolean needDc;
    boolean needAc;
    if (!progressive) {
      if (ss != 0 || se != 63 || ah != 0 || al != 0) {
        throw new NotModellable("sequential scan with spectral parameters before " + at);
      }
      needDc = true;
      needAc = true;
    } else {
      if (ah > 13) {
        throw new NotModellable("progressive scan with Ah " + ah + " before " + at);
      }
      needDc = ss == 0 && ah == 0;
      needAc = ss > 0;
    }
    for (int i = 0; i < n; i++) {
      if ((needDc && dcTables[scanDc[i]] == null) || (needAc && acTables[scanAc[i]] == null)) {
        throw new NotModellable("scan before " + at + " uses an undefined Huffman table");
      }
    }
  }

  /**
   * Decodes the scan just read into {@code img} with the decoder's scan decoder.
   *
   * @throws NotModellable when the decoder found the data damaged
   */
  void decodeScan(CoefficientImage img, JpegSegmentReader.ScanEvents events) {
    try {
      reader.decodeScan(img.coefficients, img.blocksWide, events);
    } catch (TegulaException e) {
      throw notModellable(e);
    }
    if (reader.scanDamage() != null) {
      throw new NotModellable(reader.scanDamage());
    }
  }

  /** Blocks across a component in a non-interleaved scan (§A.2.2, §A.1.1). */
  int componentBlocksWide(int c) {
    return reader.blocksWide(c);
  }

  int componentBlocksHigh(int c) {
    return reader.blocksHigh(c);
  }

  int mcusAcross() {
    return reader.mcusAcross();
  }

  int mcusDown() {
    return reader.mcusDown();
  }
}
