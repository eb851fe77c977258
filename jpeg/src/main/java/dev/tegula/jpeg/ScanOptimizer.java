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

  /**
   * Luminance splits: {ss, se, ah, al} per scan. Each is the cheapest for some of the developer
   * photos at some quality (counted over 80 encodes: the libjpeg-like two-step successive
   * approximation wins most often, then three spectral bands, then one scan); a plain 1-5 / 6-63
   * split never did and was dropped.
   */
  private static final int[][][] LUMA = {
    {{1, 63, 0, 0}},
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

  /**
   * The script; every scan but the first (DC) comes with the symbol counts of its counting pass
   * in {@code counts}, so that the writer need not count it again.
   */
  static List<ScanSpec> choose(ScanEncoder enc, EncoderComponent[] comps,
      Map<ScanSpec, long[][]> counts) {
    Map<String, Counted> cost = new HashMap<>();
    int[][][] best = new int[comps.length][][];
    for (int c = 0; c < comps.length; c++) {
      int[][][] cands = c == 0 ? LUMA : CHROMA;
      countAcFirst(enc, c, comps[c].huffTable, cands, cost);
      long bestBits = Long.MAX_VALUE;
      for (int[][] cand : cands) {
        long bits = 0;
        for (int[] s : cand) {
          bits += count(enc, c, s, cost).bits;
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
            ScanSpec spec = new ScanSpec(new int[] {c}, s[0], s[1], s[2], s[3]);
            counts.put(spec, count(enc, c, s, cost).freq);
            script.add(spec);
          }
        }
      }
    }
    return script;
  }

  private record Counted(long bits, long[][] freq) {}

  /**
   * Counts every distinct AC-first band of {@code cands} in one walk over component {@code c}'s
   * blocks (the refinement scans are left to {@link #count}, scan by scan).
   */
  private static void countAcFirst(ScanEncoder enc, int c, int table, int[][][] cands,
      Map<String, Counted> cache) {
    List<int[]> bands = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int[][] cand : cands) {
      for (int[] s : cand) {
        String key = key(c, s);
        if (s[2] == 0 && !cache.containsKey(key) && !keys.contains(key)) {
          bands.add(s);
          keys.add(key);
        }
      }
    }
    AcFirstCounter counter = new AcFirstCounter(bands.toArray(new int[0][]));
    enc.countAcFirst(c, counter);
    for (int i = 0; i < keys.size(); i++) {
      long[][] freq = counter.freq(i, table);
      cache.put(keys.get(i), new Counted(price(freq, counter.extraBits(i)), freq));
    }
  }

  private static String key(int c, int[] s) {
    return c + ":" + s[0] + "-" + s[1] + ":" + s[2] + ":" + s[3];
  }

  /** Counts one scan of component {@code c}: its bits with its own optimal table, DHT and SOS. */
  private static Counted count(ScanEncoder enc, int c, int[] s, Map<String, Counted> cache) {
    String key = key(c, s);
    Counted known = cache.get(key);
    if (known != null) {
      return known;
    }
    EntropySink counter = EntropySink.counter();
    enc.encode(new ScanSpec(new int[] {c}, s[0], s[1], s[2], s[3]), true, counter);
    Counted r = new Counted(price(counter.freq, counter.extraBits), counter.freq);
    cache.put(key, r);
    return r;
  }

  /** A counted scan's bits with its own optimal tables, their DHT segments and its SOS. */
  private static long price(long[][] freqs, long extraBits) {
    long bits = extraBits + 8 * 12; // SOS segment
    for (long[] freq : freqs) {
      boolean used = false;
      for (long f : freq) {
        used |= f != 0;
      }
      if (!used) {
        continue;
      }
      HuffmanCode t = HuffmanOptimizer.build(freq);
      bits += 8 * (21 + t.symbols.length); // DHT segment
      for (int sym = 0; sym < 256; sym++) {
        bits += freq[sym] * t.sizes[sym];
      }
    }
    return bits;
  }
}
