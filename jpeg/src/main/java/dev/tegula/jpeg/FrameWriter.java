package dev.tegula.jpeg;

import dev.tegula.core.Metadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the file around the quantized coefficients: SOI, the application segments, tables, the
 * frame header (T.81 §B.2), then each scan with its Huffman tables (optimized per scan from a
 * counting pass, T.81 Annex K.2, or the typical tables of Annex K.3), and EOI.
 */
final class FrameWriter {
  private FrameWriter() {}

  static byte[] write(Metadata meta, int width, int height, int[][] tables,
      EncoderComponent[] comps, int mcusX, int mcusY, JpegEncodeOptions options,
      int sizeHint) {
    ByteSink out = new ByteSink(sizeHint);
    MarkerWriter m = new MarkerWriter(out);
    m.soi();
    if (meta.exif() != null) {
      m.exif(meta.exif());
    } else {
      m.jfif();
    }
    if (meta.xmp() != null) {
      m.xmp(meta.xmp());
    }
    if (meta.icc() != null && meta.icc().length > 0) {
      m.icc(meta.icc());
    }
    m.comments(meta.text());
    m.dqt(tables);
    boolean progressive = options.progressive();
    m.sof(progressive, width, height, comps);
    int restart = options.restartInterval();
    if (restart > 0) {
      m.dri(restart);
    }
    boolean optimize = options.optimizeHuffman() || progressive;
    ScanEncoder enc = new ScanEncoder(comps, mcusX, mcusY, restart);
    int[] all = comps.length == 1 ? new int[] {0} : new int[] {0, 1, 2};
    Map<ScanSpec, long[][]> counted = new HashMap<>();
    List<ScanSpec> scans = progressive ? ScanOptimizer.choose(enc, comps, counted)
        : List.of(new ScanSpec(all, 0, 63, 0, 0));
    HuffmanCode[] standard = null;
    if (!optimize) {
      standard = HuffmanCode.standard();
      for (int t = 0; t < (comps.length == 1 ? 1 : 2); t++) {
        m.dht(0, t, standard[t]);
        m.dht(1, t, standard[2 + t]);
      }
    }
    BitWriter bits = new BitWriter(out);
    for (ScanSpec scan : scans) {
      HuffmanCode[] huff = standard;
      if (optimize) {
        long[][] freq = counted.get(scan);
        if (freq == null) {
          EntropySink counter = EntropySink.counter();
          enc.encode(scan, progressive, counter);
          freq = counter.freq;
        }
        huff = new HuffmanCode[4];
        for (int slot = 0; slot < 4; slot++) {
          if (used(freq[slot])) {
            huff[slot] = HuffmanOptimizer.build(freq[slot]);
            m.dht(slot >> 1, slot & 1, huff[slot]);
          }
        }
      }
      m.sos(scan, progressive, comps);
      enc.encode(scan, progressive, EntropySink.writer(huff, bits));
    }
    m.eoi();
    return out.toByteArray();
  }

  private static boolean used(long[] freq) {
    for (long f : freq) {
      if (f != 0) {
        return true;
      }
    }
    return false;
  }
}
