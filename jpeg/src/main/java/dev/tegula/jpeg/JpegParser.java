package dev.tegula.jpeg;

import dev.tegula.core.Exif;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the marker segments of a JPEG file (T.81 Annex B): SOI, SOFn, DHT, DQT (8- and 16-bit),
 * DAC, DRI, SOS, APPn, COM, EOI, and the standalone RSTn and TEM, with any number of 0xFF fill
 * bytes before a marker (§B.1.1.2). It keeps the tables in force, the frame, the restart interval
 * and what the application segments say (JFIF, Adobe, EXIF orientation, ICC, XMP, comments).
 *
 * <p>Validation follows libjpeg-turbo's jdmarker.c, jdinput.c and jdphuff.c: whatever libjpeg
 * refuses is refused with a {@link MalformedInputException} naming the segment and its offset, and
 * the processes it does not implement (lossless, hierarchical, 12-bit) are refused with an
 * {@link UnsupportedFeatureException}.
 */
final class JpegParser {
  static final int SOF0 = 0xC0;
  static final int DHT = 0xC4;
  static final int DAC = 0xCC;
  static final int RST0 = 0xD0;
  static final int SOI = 0xD8;
  static final int EOI = 0xD9;
  static final int SOS = 0xDA;
  static final int DQT = 0xDB;
  static final int DNL = 0xDC;
  static final int DRI = 0xDD;
  static final int APP0 = 0xE0;
  static final int COM = 0xFE;

  private static final byte[] ICC_SIGNATURE = ascii("ICC_PROFILE\0");
  private static final byte[] EXIF_SIGNATURE = ascii("Exif\0\0");
  private static final byte[] XMP_SIGNATURE = ascii("http://ns.adobe.com/xap/1.0/\0");

  final byte[] data;
  private final Limits limits;
  /** Keep ICC, EXIF, XMP and comments (decode); readInfo only needs the orientation. */
  private final boolean keepMetadata;

  /** Where reading continues. */
  int pos;
  private int segments;

  Frame frame;
  /** Offset of the frame header's marker. */
  int frameOffset;
  /** Quantization tables 0-3 in natural order, as last defined. */
  final int[][] quantTables = new int[4][];
  /** Huffman tables as last defined, DC then AC, 0-3 each. */
  final HuffmanTable[] dcTables = new HuffmanTable[4];
  final HuffmanTable[] acTables = new HuffmanTable[4];
  final ArithmeticConditioning conditioning = new ArithmeticConditioning();
  int restartInterval;

  boolean sawJfif;
  boolean sawAdobe;
  int adobeTransform;
  boolean sawEoi;
  /** The data ended before EOI (between segments). */
  boolean hitEnd;
  /** Offset of the last marker read (its first fill byte, if any). */
  int markerOffset;
  /** Offset just after the last marker's code: its segment's length field. */
  int markerEnd;
  /** Count of SOS markers read. */
  int scanCount;

  int orientation = 1;
  byte[] exif;
  byte[] xmp;
  private final List<byte[]> iccChunks = new ArrayList<>();
  private final List<Integer> iccSeq = new ArrayList<>();
  private final List<Integer> iccCount = new ArrayList<>();
  private StringBuilder comments;
  private long metadataBytes;

  /** Non-fatal problems, in the order found. */
  final List<String> warnings = new ArrayList<>();
  /** Bytes skipped where a marker should have started (libjpeg's "extraneous data"). */
  int extraneousBytes;
  /** Told of every marker read, once its segment is read; null when nobody asks (the decoder). */
  JpegSegmentReader.Listener listener;

  JpegParser(byte[] data, Limits limits, boolean keepMetadata) {
    this.data = data;
    this.limits = limits;
    this.keepMetadata = keepMetadata;
  }

  /** Checks SOI at the very start (libjpeg's first_marker). */
  void readSoi() {
    readSoi(0);
  }

  /** Checks SOI at {@code at} (recompression keeps whatever precedes it verbatim). */
  void readSoi(int at) {
    if (data.length == at + 1 && (data[at] & 0xFF) == 0xFF) {
      throw new TruncatedInputException("the data ends inside the SOI marker", at + 1);
    }
    if (data.length < at + 2 || (data[at] & 0xFF) != 0xFF || (data[at + 1] & 0xFF) != SOI) {
      throw new MalformedInputException(at == 0 ? notJpeg(data) : "no SOI marker at byte " + at,
          at);
    }
    pos = at + 2;
  }

  /**
   * Two hex digits of a byte: what String.format("%02x") gave, without pulling TeaVM's Formatter
   * (with DecimalFormat and BigDecimal, tens of KB) into the Wasm module.
   */
  static String hex2(int b, boolean upper) {
    String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    return "" + digits.charAt((b >> 4) & 15) + digits.charAt(b & 15);
  }

  static String notJpeg(byte[] data) {
    if (data.length == 0) {
      return "not a JPEG file: the input is empty";
    }
    StringBuilder sb = new StringBuilder("not a JPEG file: starts with");
    for (int i = 0; i < Math.min(2, data.length); i++) {
      sb.append(" 0x").append(hex2(data[i] & 0xFF, false));
    }
    return sb.toString();
  }

  /**
   * Reads segments until a scan header, EOI or the end of the data.
   *
   * @return the scan, with {@link #pos} at its entropy-coded data; null at EOI ({@link #sawEoi})
   *     or at the end of the data ({@link #hitEnd})
   */
  Scan nextScan() {
    for (;;) {
      int m = nextMarker();
      if (m < 0) {
        hitEnd = true;
        return null;
      }
      segments++;
      limits.checkSegments(segments, markerOffset);
      switch (m) {
        case 0xC0:
        case 0xC1:
        case 0xC2:
        case 0xC9:
        case 0xCA:
          readSof(m);
          break;
        case 0xC3:
          throw new UnsupportedFeatureException("lossless JPEG (SOF3)", markerOffset);
        case 0xCB:
          throw new UnsupportedFeatureException("lossless arithmetic JPEG (SOF11)", markerOffset);
        case 0xC5:
        case 0xC6:
        case 0xC7:
        case 0xCD:
        case 0xCE:
        case 0xCF:
          throw new UnsupportedFeatureException(
              "hierarchical JPEG (SOF" + (m - 0xC0) + ")", markerOffset);
        case 0xDE:
        case 0xDF:
          throw new UnsupportedFeatureException(
              "hierarchical JPEG (" + (m == 0xDE ? "DHP" : "EXP") + " marker)", markerOffset);
        case 0xC8:
          throw new UnsupportedFeatureException("JPEG extension (JPG marker)", markerOffset);
        case 0xF7:
          throw new UnsupportedFeatureException("JPEG-LS (SOF55)", markerOffset);
        case DHT:
          readDht();
          break;
        case DAC:
          readDac();
          break;
        case DQT:
          readDqt();
          break;
        case DRI:
          readDri();
          break;
        case SOS:
          Scan scan = readSos();
          report(m);
          return scan;
        case EOI:
          sawEoi = true;
          report(m);
          return null;
        case SOI:
          throw new MalformedInputException("second SOI marker", markerOffset);
        case DNL:
          // The frame's height is never 0 here (that is refused at SOF), so a DNL only repeats it.
          skipSegment("DNL");
          break;
        case COM:
          readCom();
          break;
        default:
          if (m >= APP0 && m <= 0xEF) {
            readApp(m);
          } else if ((m >= RST0 && m <= RST0 + 7) || m == 0x01) {
            // Standalone markers outside entropy-coded data: nothing to do.
          } else if (m == 0xF8) {
            throw new UnsupportedFeatureException("JPEG-LS (LSE marker)", markerOffset);
          } else {
            throw new MalformedInputException(
                "unknown or reserved marker 0xFF" + hex2(m, true), markerOffset);
          }
          break;
      }
      report(m);
    }
  }

  /** Tells the listener of marker {@code m}, its segment read up to {@link #pos}. */
  private void report(int m) {
    if (listener != null) {
      listener.segment(m, markerOffset, markerEnd, pos);
    }
  }

  /**
   * Finds the next marker from {@link #pos} as libjpeg's next_marker: bytes before the 0xFF are
   * skipped with a warning, fill bytes 0xFF are skipped, and 0xFF00 is not a marker.
   *
   * @return the marker code, {@link #pos} just after it; -1 at the end of the data
   */
  private int nextMarker() {
    int p = pos;
    int discarded = 0;
    final int n = data.length;
    for (;;) {
      while (p < n && data[p] != (byte) 0xFF) {
        p++;
        discarded++;
      }
      int ff = p;
      while (p < n && data[p] == (byte) 0xFF) {
        p++;
      }
      if (p >= n) {
        pos = n;
        extraneousBytes += discarded;
        if (discarded > 0) {
          warnings.add(discarded + " extraneous bytes at the end of the data");
        }
        return -1;
      }
      int m = data[p] & 0xFF;
      if (m == 0) {
        discarded += p - ff + 1;
        p++;
        continue;
      }
      extraneousBytes += discarded;
      if (discarded > 0) {
        warnings.add(
            discarded + " extraneous bytes before marker 0xFF" + hex2(m, true) + " at byte " + ff);
      }
      markerOffset = ff;
      pos = p + 1;
      markerEnd = pos;
      return m;
    }
  }

  /** Reads a segment's length field and checks that the segment fits the data; returns it. */
  private int segmentLength(String name) {
    // The data ending inside a segment is "truncated" (issue 8), as libjpeg's premature end.
    if (pos + 2 > data.length) {
      throw new TruncatedInputException(name + " segment is truncated", markerOffset);
    }
    int len = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
    if (len < 2) {
      throw new MalformedInputException(name + " segment has length " + len, markerOffset);
    }
    if (pos + len > data.length) {
      throw new TruncatedInputException(
          name + " segment of " + len + " bytes is truncated: the data ends after "
              + (data.length - pos) + " bytes", markerOffset);
    }
    return len;
  }

  private void skipSegment(String name) {
    pos += segmentLength(name);
  }

  private int u8(int p) {
    return data[p] & 0xFF;
  }

  private int u16(int p) {
    return ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
  }

  /** §B.2.2 frame header. */
  private void readSof(int m) {
    String name = "SOF" + (m - 0xC0);
    int len = segmentLength(name);
    int p = pos + 2;
    int end = pos + len;
    if (frame != null) {
      throw new MalformedInputException("second frame header (" + name + ")", markerOffset);
    }
    if (len < 8) {
      throw new MalformedInputException(name + " segment has length " + len, markerOffset);
    }
    int precision = u8(p);
    int height = u16(p + 1);
    int width = u16(p + 3);
    int nf = u8(p + 5);
    if (precision == 12 || precision == 16) {
      throw new UnsupportedFeatureException(precision + "-bit JPEG samples", markerOffset);
    }
    if (precision != 8) {
      throw new MalformedInputException("sample precision " + precision, markerOffset);
    }
    if (height == 0) {
      throw new UnsupportedFeatureException(
          "image height defined by a DNL marker (height 0 in " + name + ")", markerOffset);
    }
    if (width == 0 || nf == 0) {
      throw new MalformedInputException(
          name + " declares an empty image (" + width + "x" + height + ", " + nf
              + " components)", markerOffset);
    }
    if (len != 8 + 3 * nf) {
      throw new MalformedInputException(
          name + " segment of " + len + " bytes for " + nf + " components", markerOffset);
    }
    if (nf > 10) {
      throw new MalformedInputException(name + " has " + nf + " components (at most 10)",
          markerOffset);
    }
    FrameComponent[] comps = new FrameComponent[nf];
    for (int i = 0; i < nf; i++) {
      int q = p + 6 + 3 * i;
      int id = u8(q);
      int h = u8(q + 1) >> 4;
      int v = u8(q + 1) & 15;
      int tq = u8(q + 2);
      if (h < 1 || h > 4 || v < 1 || v > 4) {
        throw new MalformedInputException(
            "component " + id + " has sampling factors " + h + "x" + v + " (must be 1-4)",
            markerOffset);
      }
      if (tq > 3) {
        throw new MalformedInputException(
            "component " + id + " uses quantization table " + tq + " (must be 0-3)",
            markerOffset);
      }
      comps[i] = new FrameComponent(id, i, h, v, tq);
    }
    frame = new Frame(m, precision, width, height, comps);
    frameOffset = markerOffset;
    pos = end;
  }

  /** §B.2.4.1 quantization tables, 8- or 16-bit. */
  private void readDqt() {
    int len = segmentLength("DQT");
    int p = pos + 2;
    int end = pos + len;
    while (p < end) {
      int pq = u8(p) >> 4;
      int tq = u8(p) & 15;
      p++;
      if (tq > 3) {
        throw new MalformedInputException("DQT defines table " + tq + " (must be 0-3)",
            markerOffset);
      }
      int need = pq != 0 ? 128 : 64;
      if (p + need > end) {
        throw new MalformedInputException("DQT segment is too short for table " + tq,
            markerOffset);
      }
      int[] table = new int[64];
      for (int i = 0; i < 64; i++) {
        int val = pq != 0 ? u16(p + 2 * i) : u8(p + i);
        table[ZigZag.NATURAL_ORDER[i]] = val;
      }
      p += need;
      quantTables[tq] = table;
    }
    pos = end;
  }

  /** §B.2.4.2 Huffman tables. */
  private void readDht() {
    int len = segmentLength("DHT");
    int p = pos + 2;
    int end = pos + len;
    while (end - p > 16) {
      int tc = u8(p) >> 4;
      int th = u8(p) & 15;
      int[] counts = new int[17];
      int total = 0;
      for (int i = 1; i <= 16; i++) {
        counts[i] = u8(p + i);
        total += counts[i];
      }
      p += 17;
      if (total > 256 || total > end - p) {
        throw new MalformedInputException(
            "DHT table has " + total + " codes" + (total > 256 ? " (at most 256)" : "")
                + ", more than the segment holds", markerOffset);
      }
      if (tc > 1 || th > 3) {
        throw new MalformedInputException(
            "DHT defines table class " + tc + " index " + th + " (must be 0-1 and 0-3)",
            markerOffset);
      }
      int[] symbols = new int[total];
      for (int i = 0; i < total; i++) {
        symbols[i] = u8(p + i);
      }
      p += total;
      HuffmanTable t = new HuffmanTable(counts, symbols, markerOffset);
      if (tc == 0) {
        dcTables[th] = t;
      } else {
        acTables[th] = t;
      }
    }
    if (p != end) {
      throw new MalformedInputException("DHT segment has " + (end - p) + " bytes left over",
          markerOffset);
    }
    pos = end;
  }

  /**
   * §B.2.4.3 arithmetic conditioning. Like libjpeg, table numbers 4-15 are accepted and ignored
   * (no scan can select them).
   */
  private void readDac() {
    int len = segmentLength("DAC");
    int p = pos + 2;
    int end = pos + len;
    if (((len - 2) & 1) != 0) {
      throw new MalformedInputException("DAC segment of odd length " + len, markerOffset);
    }
    for (; p < end; p += 2) {
      int tc = u8(p) >> 4;
      int tb = u8(p) & 15;
      int val = u8(p + 1);
      if (tc > 1) {
        throw new MalformedInputException(
            "DAC defines table class " + tc + " (must be 0 or 1)", markerOffset);
      }
      if (tc == 1) {
        if (tb < 4) {
          conditioning.acKx[tb] = val;
        }
      } else {
        int lower = val & 15;
        int upper = val >> 4;
        if (lower > upper) {
          throw new MalformedInputException(
              "DAC DC conditioning L=" + lower + " > U=" + upper + " for table " + tb,
              markerOffset);
        }
        if (tb < 4) {
          conditioning.dcLower[tb] = lower;
          conditioning.dcUpper[tb] = upper;
        }
      }
    }
    pos = end;
  }

  /** §B.2.4.4 restart interval. */
  private void readDri() {
    int len = segmentLength("DRI");
    if (len != 4) {
      throw new MalformedInputException("DRI segment has length " + len + " (must be 4)",
          markerOffset);
    }
    restartInterval = u16(pos + 2);
    pos += len;
  }

  /** §B.2.3 scan header, checked as libjpeg does for the frame's process. */
  private Scan readSos() {
    int len = segmentLength("SOS");
    int p = pos + 2;
    int at = markerOffset;
    if (frame == null) {
      throw new MalformedInputException("SOS before any frame header (SOFn)", at);
    }
    if (len < 3) {
      throw new MalformedInputException("SOS segment has length " + len, at);
    }
    int ns = u8(p);
    if (ns < 1 || ns > 4 || len != 6 + 2 * ns) {
      throw new MalformedInputException(
          "SOS segment of " + len + " bytes for " + ns + " components (must be 1-4)", at);
    }
    FrameComponent[] comps = new FrameComponent[ns];
    int[] dc = new int[ns];
    int[] ac = new int[ns];
    for (int i = 0; i < ns; i++) {
      int id = u8(p + 1 + 2 * i);
      int t = u8(p + 2 + 2 * i);
      FrameComponent found = null;
      for (FrameComponent c : frame.components) {
        if (c.id == id && !contains(comps, i, c)) {
          found = c;
          break;
        }
      }
      if (found == null) {
        boolean dup = false;
        for (int j = 0; j < i; j++) {
          dup |= comps[j].id == id;
        }
        throw new MalformedInputException(
            "scan component " + id + (dup ? " appears twice in the scan" : " is not in the frame"),
            at);
      }
      comps[i] = found;
      // Table selectors 0-15 are checked where the scan uses them, as libjpeg does.
      dc[i] = t >> 4;
      ac[i] = t & 15;
    }
    int q = p + 1 + 2 * ns;
    int ss = u8(q);
    int se = u8(q + 1);
    int ah = u8(q + 2) >> 4;
    int al = u8(q + 2) & 15;
    if (ns > 1) {
      int blocks = 0;
      for (FrameComponent c : comps) {
        blocks += c.h * c.v;
      }
      if (blocks > 10) {
        throw new MalformedInputException(
            "interleaved scan has " + blocks + " blocks per MCU (at most 10)", at);
      }
    }
    if (frame.progressive) {
      // jdphuff.c / jdarith.c start_pass checks.
      boolean bad;
      if (ss == 0) {
        bad = se != 0;
      } else {
        bad = ss > se || se > 63 || ns != 1;
      }
      if (ah != 0 && al != ah - 1) {
        bad = true;
      }
      if (al > 13) {
        bad = true;
      }
      if (bad) {
        throw new MalformedInputException(
            "invalid progressive scan parameters Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al="
                + al + (ss != 0 && ns != 1 ? " with " + ns + " components" : ""), at);
      }
    }
    // Sequential scans ignore Ss, Se, Ah and Al (libjpeg only warns about them).
    scanCount++;
    pos += len;
    return new Scan(comps, dc, ac, ss, se, ah, al, restartInterval);
  }

  private static boolean contains(FrameComponent[] comps, int n, FrameComponent c) {
    for (int i = 0; i < n; i++) {
      if (comps[i] == c) {
        return true;
      }
    }
    return false;
  }

  private void readApp(int m) {
    String name = "APP" + (m - APP0);
    int len = segmentLength(name);
    int start = pos + 2;
    int n = len - 2;
    int end = pos + len;
    if (m == APP0) {
      if (n >= 14 && startsWith(start, n, "JFIF\0")) {
        sawJfif = true;
      }
    } else if (m == 0xEE) {
      if (n >= 12 && startsWith(start, n, "Adobe")) {
        sawAdobe = true;
        adobeTransform = u8(start + 11);
      }
    } else if (m == 0xE1) {
      if (startsWith(start, n, EXIF_SIGNATURE)) {
        int off = start + EXIF_SIGNATURE.length;
        int exifLen = end - off;
        if (exif == null && orientation == 1) {
          orientation = Exif.orientation(data, off, exifLen);
        }
        if (keepMetadata && exif == null) {
          addMetadataBytes(exifLen);
          exif = java.util.Arrays.copyOfRange(data, off, end);
        }
      } else if (startsWith(start, n, XMP_SIGNATURE)) {
        if (keepMetadata && xmp == null) {
          int off = start + XMP_SIGNATURE.length;
          addMetadataBytes(end - off);
          xmp = java.util.Arrays.copyOfRange(data, off, end);
        }
      }
    } else if (m == 0xE2) {
      if (keepMetadata && n >= ICC_SIGNATURE.length + 2 && startsWith(start, n, ICC_SIGNATURE)) {
        int off = start + ICC_SIGNATURE.length;
        addMetadataBytes(end - off - 2);
        iccSeq.add(u8(off));
        iccCount.add(u8(off + 1));
        iccChunks.add(java.util.Arrays.copyOfRange(data, off + 2, end));
      }
    }
    pos = end;
  }

  private void readCom() {
    int len = segmentLength("COM");
    int start = pos + 2;
    int end = pos + len;
    if (keepMetadata) {
      int e = end;
      while (e > start && data[e - 1] == 0) {
        e--;
      }
      addMetadataBytes(e - start);
      String text = text(start, e - start);
      if (comments == null) {
        comments = new StringBuilder(text);
      } else {
        comments.append('\n').append(text);
      }
    }
    pos = end;
  }

  private void addMetadataBytes(long n) {
    metadataBytes += Math.max(0, n);
    limits.checkMetadata(metadataBytes, markerOffset);
  }

  /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1. */
  private String text(int off, int len) {
    return new String(data, off, len,
        validUtf8(data, off, len) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  static boolean validUtf8(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      int c = b[i] & 0xFF;
      int more;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xC2 && c <= 0xDF) {
        more = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        more = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        more = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + more >= end) {
        return false;
      }
      int cp = c & (0x3F >> more);
      for (int k = 1; k <= more; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += more + 1;
    }
    return true;
  }

  String comments() {
    return comments == null ? null : comments.toString();
  }

  /**
   * The ICC profile from the APP2 chunks joined in sequence order, or null when there is none or
   * the chunks are inconsistent (libjpeg's jpeg_read_icc_profile rules: sequence numbers 1..n,
   * each once, all declaring the same n).
   */
  byte[] iccProfile() {
    int n = iccChunks.size();
    if (n == 0) {
      return null;
    }
    int count = iccCount.get(0);
    if (count == 0 || count != n) {
      warnings.add("ICC profile chunks are inconsistent; the profile is ignored");
      return null;
    }
    byte[][] ordered = new byte[count][];
    for (int i = 0; i < n; i++) {
      int seq = iccSeq.get(i);
      if (iccCount.get(i) != count || seq < 1 || seq > count || ordered[seq - 1] != null) {
        warnings.add("ICC profile chunks are inconsistent; the profile is ignored");
        return null;
      }
      ordered[seq - 1] = iccChunks.get(i);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : ordered) {
      out.write(chunk, 0, chunk.length);
    }
    return out.toByteArray();
  }

  private boolean startsWith(int off, int n, String s) {
    return startsWith(off, n, ascii(s));
  }

  private boolean startsWith(int off, int n, byte[] sig) {
    if (n < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if (data[off + i] != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
