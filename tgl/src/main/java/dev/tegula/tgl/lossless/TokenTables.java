package dev.tegula.tgl.lossless;

import dev.tegula.core.MalformedInputException;

/**
 * The static token distributions of the fast method (format-lossless.md §9.3, §9.4): per context,
 * 12-bit frequencies that sum to 4096, written with three significant bits each; the first of the
 * largest absorbs what the rounding left. The encoder counts its tokens first, so the
 * distributions are exact for the plane, which an adaptive model only approaches after a while.
 */
final class TokenTables {
  private TokenTables() {}

  static final int PRECISION = 10;
  static final int TOTAL = 1 << PRECISION;
  /** Tokens 0..87 (§9.2): enough for residuals below 2^21 in magnitude. */
  static final int MAX_TOKENS = 88;
  private static final int LENGTH_BITS = 7;
  private static final int CODE_BITS = 4;
  /** Decoder table entry of an unused context: a token that cannot occur. */
  static final int UNUSED = 127;

  /** Frequency rounded down to its three leading bits (exact below 8). */
  static int quantise(int f) {
    if (f < 8) {
      return f;
    }
    int e = 31 - Integer.numberOfLeadingZeros(f);
    return f & -(1 << (e - 2));
  }

  /**
   * Encoder: turns the counts of each context (context c's token t at {@code c * MAX_TOKENS + t})
   * into frequencies (same layout, {@code cum} their running sums) and writes them.
   */
  static void write(int[] counts, int contexts, int[] freq, int[] cum, BitWriter out) {
    for (int c = 0; c < contexts; c++) {
      int at = c * MAX_TOKENS;
      long total = 0;
      int n = 0;
      for (int t = 0; t < MAX_TOKENS; t++) {
        total += counts[at + t];
        if (counts[at + t] > 0) {
          n = t + 1;
        }
      }
      out.write(n == 0 ? 0 : 1, 1);
      if (n == 0) {
        continue;
      }
      out.write(n - 1, LENGTH_BITS);
      int big = 0;
      for (int t = 0; t < n; t++) {
        int k = counts[at + t];
        int f = k == 0 ? 0 : quantise((int) Math.max(1, (long) k * TOTAL / total));
        freq[at + t] = f;
        if (f > freq[at + big]) {
          big = t;
        }
      }
      int rest = 0;
      for (int t = 0; t < n; t++) {
        rest += t == big ? 0 : freq[at + t];
      }
      while (rest > TOTAL - 1) {
        // Only with many rare tokens lifted to 1: shave the largest of the others.
        int j = big == 0 ? 1 : 0;
        for (int t = 0; t < n; t++) {
          if (t != big && freq[at + t] > freq[at + j]) {
            j = t;
          }
        }
        int smaller = quantise(freq[at + j] - 1);
        rest -= freq[at + j] - smaller;
        freq[at + j] = smaller;
      }
      for (int t = 0; t < n; t++) {
        writeFrequency(out, freq[at + t]);
      }
      freq[at + big] = TOTAL - rest;
      int sum = 0;
      for (int t = 0; t < n; t++) {
        cum[at + t] = sum;
        sum += freq[at + t];
      }
    }
  }

  private static void writeFrequency(BitWriter out, int f) {
    if (f == 0) {
      out.write(0, CODE_BITS);
      return;
    }
    int e = 31 - Integer.numberOfLeadingZeros(f);
    int mantissaBits = Math.min(e, 2);
    out.write(e + 1, CODE_BITS);
    out.write((f >>> (e - mantissaBits)) & ((1 << mantissaBits) - 1), mantissaBits);
  }

  /**
   * Decoder: reads the distributions of {@code contexts} contexts and builds the lookup table:
   * {@code base[c]} is where context c's 4096 entries start in the returned table (0, a region
   * of unused entries, for a context without tokens). An entry is token | frequency << 7 |
   * (slot - cumulative frequency) << 20.
   */
  static int[] read(BitReader in, int contexts, int[] base, int planeIndex) {
    return read(in, contexts, base, planeIndex, new int[contexts * (MAX_TOKENS + 1)], null);
  }

  /**
   * As {@link #read(BitReader, int, int[], int)} with the caller's memory (issue 8): {@code work}
   * of at least {@code contexts · (MAX_TOKENS + 1)} ints, and {@code reuse} returned as the
   * table when it is large enough (null for a new one of the size needed).
   */
  static int[] read(BitReader in, int contexts, int[] base, int planeIndex, int[] work,
      int[] reuse) {
    // work: context c's token count at c, its frequencies from contexts + c · MAX_TOKENS
    int used = 0;
    for (int c = 0; c < contexts; c++) {
      work[c] = 0;
      if (in.read(1) == 0) {
        continue;
      }
      int n = 1 + in.read(LENGTH_BITS);
      if (n > MAX_TOKENS) {
        throw new MalformedInputException("lossless data: plane " + planeIndex + " context " + c
            + " has " + n + " tokens (at most " + MAX_TOKENS + ")", -1);
      }
      int[] freq = work;
      int at = contexts + c * MAX_TOKENS;
      int big = 0;
      for (int t = 0; t < n; t++) {
        int k = in.read(CODE_BITS);
        if (k > PRECISION + 1) {
          throw new MalformedInputException("lossless data: plane " + planeIndex
              + " has a token frequency code " + k, -1);
        }
        int f = 0;
        if (k > 0) {
          int e = k - 1;
          int mantissaBits = Math.min(e, 2);
          f = ((1 << mantissaBits) | in.read(mantissaBits)) << (e - mantissaBits);
        }
        freq[at + t] = f;
        if (f > freq[at + big]) {
          big = t;
        }
      }
      int rest = 0;
      for (int t = 0; t < n; t++) {
        rest += t == big ? 0 : freq[at + t];
      }
      if (rest > TOTAL - 1) {
        throw new MalformedInputException("lossless data: plane " + planeIndex + " context " + c
            + " has token frequencies summing past " + TOTAL, -1);
      }
      freq[at + big] = TOTAL - rest;
      work[c] = n;
      used++;
    }
    int size = (used + 1) * TOTAL;
    // A reused table grows to the most any tile can need at once, not by steps from tile to tile.
    int[] table = reuse == null ? new int[size]
        : reuse.length >= size ? reuse : new int[(contexts + 1) * TOTAL];
    java.util.Arrays.fill(table, 0, TOTAL, UNUSED);
    int next = TOTAL;
    for (int c = 0; c < contexts; c++) {
      int n = work[c];
      if (n == 0) {
        base[c] = 0;
        continue;
      }
      base[c] = next;
      int slot = next;
      int at = contexts + c * MAX_TOKENS;
      for (int t = 0; t < n; t++) {
        int f = work[at + t];
        int entry = t | f << 7;
        for (int s = 0; s < f; s++) {
          table[slot++] = entry | s << 20;
        }
      }
      next += TOTAL;
    }
    return table;
  }
}
