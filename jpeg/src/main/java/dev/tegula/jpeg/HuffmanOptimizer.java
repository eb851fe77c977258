package dev.tegula.jpeg;

/**
 * Optimal Huffman tables from symbol frequencies by the procedure of T.81 Annex K.2 (Figures
 * K.1-K.4), as jchuff.c {@code jpeg_gen_optimal_table}: code sizes by repeatedly merging the two
 * least frequent subtrees, lengths over 16 bits folded back (Figure K.3), and one reserved symbol
 * so that no code is all ones.
 */
final class HuffmanOptimizer {
  private HuffmanOptimizer() {}

  private static final int MAX_CLEN = 32;

  /** Builds a table from {@code freq[0..255]} (not modified); a table with no symbols gets one. */
  static HuffmanCode build(long[] freq) {
    long[] f = new long[257];
    System.arraycopy(freq, 0, f, 0, 256);
    boolean any = false;
    for (int i = 0; i < 256; i++) {
      any |= f[i] != 0;
    }
    if (!any) {
      f[0] = 1; // DHT must define at least one code
    }
    f[256] = 1; // reserved: keeps the all-ones code unused (§K.2)
    int[] codesize = new int[257];
    int[] others = new int[257];
    java.util.Arrays.fill(others, -1);

    // Figure K.1: merge the two least frequent (ties go to the larger symbol, as jchuff.c)
    while (true) {
      int c1 = -1;
      long v = Long.MAX_VALUE;
      for (int i = 0; i <= 256; i++) {
        if (f[i] != 0 && f[i] <= v) {
          v = f[i];
          c1 = i;
        }
      }
      int c2 = -1;
      v = Long.MAX_VALUE;
      for (int i = 0; i <= 256; i++) {
        if (f[i] != 0 && f[i] <= v && i != c1) {
          v = f[i];
          c2 = i;
        }
      }
      if (c2 < 0) {
        break;
      }
      f[c1] += f[c2];
      f[c2] = 0;
      codesize[c1]++;
      while (others[c1] >= 0) {
        c1 = others[c1];
        codesize[c1]++;
      }
      others[c1] = c2;
      codesize[c2]++;
      while (others[c2] >= 0) {
        c2 = others[c2];
        codesize[c2]++;
      }
    }

    // Figure K.2: count the codes of each size
    int[] bits = new int[MAX_CLEN + 1];
    for (int i = 0; i <= 256; i++) {
      if (codesize[i] != 0) {
        bits[codesize[i]]++;
      }
    }
    // Figure K.3: no code longer than 16 bits
    for (int i = MAX_CLEN; i > 16; i--) {
      while (bits[i] > 0) {
        int j = i - 2;
        while (bits[j] == 0) {
          j--;
        }
        bits[i] -= 2;
        bits[i - 1]++;
        bits[j + 1] += 2;
        bits[j]--;
      }
    }
    // drop the reserved symbol's code (the longest)
    int i = 16;
    while (bits[i] == 0) {
      i--;
    }
    bits[i]--;

    int[] counts = new int[17];
    int total = 0;
    for (int len = 1; len <= 16; len++) {
      counts[len] = bits[len];
      total += bits[len];
    }
    // Figure K.4: symbols sorted by code size (the reserved 256 sorts last and is left out)
    int[] symbols = new int[total];
    int p = 0;
    for (int len = 1; len <= MAX_CLEN && p < total; len++) {
      for (int s = 0; s < 256 && p < total; s++) {
        if (codesize[s] == len) {
          symbols[p++] = s;
        }
      }
    }
    return new HuffmanCode(counts, symbols);
  }
}
