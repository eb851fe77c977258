package dev.tegula.jpeg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks a progressive scan script per image, as mozjpeg's {@code optimize_scans} does: for each
 * component, several ways of splitting its AC coefficients into scans (spectral bands, successive
 * approximation, T.81 §G.1.1.1) are priced exactly, by counting each candidate scan's symbols and
 * sizing its optimal Huffman table, and the cheapest is kept. A scan's size depends only on the
 * coefficients and its own parameters, so each distinct scan is counted once.
 *
 * <p>The script keeps the usual visual order: DC of all components, the first scans of luminance
 * then chrominance, then the refinement scans.
 */
final class ScanOptimizer {
  private ScanOptimizer() {}

  /** Luminance splits: {ss, se, ah, al} per scan. */
  private static final int[][][] LUMA = {
    {{1, 63, 0, 0}},
    {{1, 5, 0, 0}, {6, 63, 0, 0}},
    {{1, 2, 0, 0}, {3, 9, 0, 0}, {10, 63, 0, 0}},
    {{1, 8, 0, 0}, {9, 63, 0, 0}},
    {{1, 5, 0, 1}, {6, 63, 0, 1}, {1, 63, 1, 0}},
    {{1, 5, 0, 2}, {6, 63, 0, 2}, {1, 63, 2, 1}, {1, 63, 1, 0}},
    {{1, 63, 0, 1}, {1, 63, 1, 0}},
  };

  private static final int[][][] CHROMA = {
    {{1, 63, 0, 0}},
    {{1, 63, 0, 1}, {1, 63, 1, 0}},
    {{1, 5, 0, 0}, {6, 63, 0, 0}},
    {{1, 2, 0, 0}, {3, 63, 0, 0}},
  };

  static List<ScanSpec> choose(ScanEncoder enc, EncoderComponent[] comps) {
    Map<String, Long> cost = new HashMap<>();
    int[][][] best = new int[comps.length][][];
    for (int c = 0; c < comps.length; c++) {
      int[][][] cands = c == 0 ? LUMA : CHROMA;
      long bestBits = Long.MAX_VALUE;
      for (int[][] cand : cands) {
        long bits = 0;
        for (int[] s : cand) {
          bits += scanBits(enc, new ScanSpec(new int[] {c}, s[0], s[1], s[2], s[3]), cost);
        }
        if (bits < bestBits) {
          bestBits = bits;
          best[c] = cand;
        }
      }
    }
    List<ScanSpec> script = new ArrayList<>();
    int[] all = new int[comps.length];
    for (int c = 0; c < comps.length; c++) {
      all[c] = c;
    }
    script.add(new ScanSpec(all, 0, 0, 0, 0));
    for (int pass = 0; pass < 2; pass++) {
      for (int c = 0; c < comps.length; c++) {
        for (int[] s : best[c]) {
          if ((s[2] == 0) == (pass == 0)) {
            script.add(new ScanSpec(new int[] {c}, s[0], s[1], s[2], s[3]));
          }
        }
      }
    }
    return script;
  }

  /** Bits of one scan with its own optimal table, DHT and SOS included. */
  private static long scanBits(ScanEncoder enc, ScanSpec scan, Map<String, Long> cache) {
    String key = scan.components()[0] + ":" + scan.ss() + "-" + scan.se() + ":" + scan.ah() + ":"
        + scan.al();
    Long known = cache.get(key);
    if (known != null) {
      return known;
    }
    EntropySink counter = EntropySink.counter();
    enc.encode(scan, true, counter);
    long bits = counter.extraBits + 8 * 12; // SOS segment
    for (long[] freq : counter.freq) {
      boolean used = false;
      for (long f : freq) {
        used |= f != 0;
      }
      if (!used) {
        continue;
      }
      HuffmanCode t = HuffmanOptimizer.build(freq);
      bits += 8 * (21 + t.symbols.length); // DHT segment
      for (int s = 0; s < 256; s++) {
        bits += freq[s] * t.sizes[s];
      }
    }
    cache.put(key, bits);
    return bits;
  }
}
