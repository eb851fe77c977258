package dev.tegula.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the marker segments of T.81 Annex B (SOI, DQT, SOFn, DHT, DRI, SOS, EOI, COM) and the
 * application segments other software expects: JFIF APP0 (JFIF 1.02 §A), EXIF APP1 ("Exif\0\0"
 * then the TIFF bytes, CIPA DC-008 §4.7.2), XMP APP1 (XMP part 3 §1.1.3) and the ICC profile in
 * APP2 chunks ("ICC_PROFILE\0", sequence number, count; ICC.1 Annex B.4).
 */
final class MarkerWriter {
  static final int MAX_SEGMENT_DATA = 65533;
  static final byte[] EXIF_ID = ascii("Exif\0\0");
  static final byte[] XMP_ID = ascii("http://ns.adobe.com/xap/1.0/\0");
  static final byte[] ICC_ID = ascii("ICC_PROFILE\0");
  /** ICC bytes per APP2 chunk: the segment maximum less the identifier and the two counters. */
  static final int ICC_CHUNK = MAX_SEGMENT_DATA - 12 - 2;

  private final ByteSink out;

  MarkerWriter(ByteSink out) {
    this.out = out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private void marker(int m) {
    out.write(0xFF);
    out.write(m);
  }

  private void segment(int m, int dataLength) {
    marker(m);
    out.write16(dataLength + 2);
  }

  void soi() {
    marker(0xD8);
  }

  void eoi() {
    marker(0xD9);
  }

  /** JFIF 1.01 APP0, aspect ratio 1:1, no thumbnail. */
  void jfif() {
    segment(0xE0, 14);
    out.write(ascii("JFIF\0"));
    out.write(1);
    out.write(1);
    out.write(0); // units: aspect ratio only
    out.write16(1);
    out.write16(1);
    out.write(0);
    out.write(0);
  }

  void exif(byte[] tiff) {
    segment(0xE1, EXIF_ID.length + tiff.length);
    out.write(EXIF_ID);
    out.write(tiff);
  }

  void xmp(byte[] packet) {
    segment(0xE1, XMP_ID.length + packet.length);
    out.write(XMP_ID);
    out.write(packet);
  }

  void icc(byte[] profile) {
    int chunks = (profile.length + ICC_CHUNK - 1) / ICC_CHUNK;
    for (int i = 0; i < chunks; i++) {
      int off = i * ICC_CHUNK;
      int len = Math.min(ICC_CHUNK, profile.length - off);
      segment(0xE2, ICC_ID.length + 2 + len);
      out.write(ICC_ID);
      out.write(i + 1);
      out.write(chunks);
      out.write(profile, off, len);
    }
  }

  /** Text as COM segments (UTF-8), split where a segment would be too long. */
  void comments(Map<String, String> text) {
    for (Map.Entry<String, String> e : text.entrySet()) {
      String s = "comment".equals(e.getKey()) ? e.getValue() : e.getKey() + ": " + e.getValue();
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      for (int off = 0; off < b.length; off += MAX_SEGMENT_DATA) {
        int len = Math.min(MAX_SEGMENT_DATA, b.length - off);
        segment(0xFE, len);
        out.write(b, off, len);
      }
    }
  }

  /** DQT (§B.2.4.1): 8-bit tables, values given in natural order, written in zig-zag order. */
  void dqt(int[][] tables) {
    segment(0xDB, tables.length * 65);
    for (int t = 0; t < tables.length; t++) {
      out.write(t);
      for (int k = 0; k < 64; k++) {
        out.write(tables[t][ZigZag.NATURAL_ORDER[k]]);
      }
    }
  }

  /** SOF0 (baseline) or SOF2 (progressive), 8-bit samples (§B.2.2). */
  void sof(boolean progressive, int width, int height, EncoderComponent[] comps) {
    segment(progressive ? 0xC2 : 0xC0, 6 + 3 * comps.length);
    out.write(8);
    out.write16(height);
    out.write16(width);
    out.write(comps.length);
    for (EncoderComponent c : comps) {
      out.write(c.id);
      out.write((c.h << 4) | c.v);
      out.write(c.quantTable);
    }
  }

  /** DHT (§B.2.4.2) for one table; {@code tableClass} 0 = DC, 1 = AC. */
  void dht(int tableClass, int id, HuffmanCode t) {
    segment(0xC4, 17 + t.symbols.length);
    out.write((tableClass << 4) | id);
    for (int len = 1; len <= 16; len++) {
      out.write(t.counts[len]);
    }
    for (int s : t.symbols) {
      out.write(s);
    }
  }

  void dri(int interval) {
    segment(0xDD, 2);
    out.write16(interval);
  }

  /**
   * SOS (§B.2.3); each component uses its {@code huffTable}. Tables a progressive scan does not
   * use are named 0, as libjpeg's jcmarker.c does.
   */
  void sos(ScanSpec scan, boolean progressive, EncoderComponent[] comps) {
    int[] ids = scan.components();
    segment(0xDA, 4 + 2 * ids.length);
    out.write(ids.length);
    for (int i : ids) {
      EncoderComponent c = comps[i];
      int td = c.huffTable;
      int ta = c.huffTable;
      if (progressive) {
        ta = scan.isDc() ? 0 : ta;
        td = scan.isDc() && scan.ah() == 0 ? td : 0;
      }
      out.write(c.id);
      out.write((td << 4) | ta);
    }
    out.write(scan.ss());
    out.write(scan.se());
    out.write((scan.ah() << 4) | scan.al());
  }
}
