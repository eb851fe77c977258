package dev.tegula.jpeg;

/**
 * Counts the symbols of several AC refinement scans (§G.1.2.3) of one component in one walk over
 * its blocks, each band with its own end-of-band run and pending correction bits: the counts are
 * those {@link ScanEncoder} makes scan by scan, as {@link AcFirstCounter} does for first scans.
 * ScanOptimizer weighs two refinements for luminance and one per chrominance component; counted
 * through an EntropySink scan by scan they were, after session 21, the largest part of scan
 * counting left (session 22's profile).
 */
final class AcRefineCounter {
  private static final int MAX_EOBRUN = 0x7FFF;
  /** ScanEncoder's MAX_CORR_BITS: a run is flushed once its correction bits pass this less 64. */
  private static final int MAX_CORR_BITS = 1000;
  /** Point transforms counted: ScanOptimizer's refinements use 0 and 1. */
  private static final int MAX_AL = 2;

  private final int[] ss;
  private final int[] al;
  /** Per band, 256 symbol counts of its AC table, band after band. */
  private final long[] freq;
  private final long[] extraBits;
  private final int[] eobrun;
  /** Per band, correction bits carried by its pending end-of-band run. */
  private final int[] pending;
  /** Per point transform, a block's nonzero positions and magnitudes (64 entries each). */
  private final int[] pos = new int[(MAX_AL + 1) * 64];
  private final int[] mag = new int[(MAX_AL + 1) * 64];
  private final int[] listed = new int[MAX_AL + 1];
  /** Per point transform, the block's last position whose magnitude is 1 (0 when none). */
  private final int[] eob = new int[MAX_AL + 1];

  /**
   * {@code bands}: {ss, se, ah, al} per scan, refinements (ah = al + 1, al at most 2) that run to
   * coefficient 63: the last newly nonzero position of the band is then the block's.
   */
  AcRefineCounter(int[][] bands) {
    int n = bands.length;
    ss = new int[n];
    al = new int[n];
    for (int b = 0; b < n; b++) {
      int[] s = bands[b];
      if (!knows(s)) {
        throw new IllegalArgumentException("not an AC refinement band this counter knows");
      }
      ss[b] = s[0];
      al[b] = s[3];
    }
    freq = new long[n * 256];
    extraBits = new long[n];
    eobrun = new int[n];
    pending = new int[n];
  }

  /** Whether {@code s} ({ss, se, ah, al}) is a band this counter counts. */
  static boolean knows(int[] s) {
    return s[0] >= 1 && s[1] == 63 && s[2] == s[3] + 1 && s[3] <= MAX_AL;
  }

  /**
   * Walks component {@code c}'s blocks in a single-component scan's order; {@code last} holds
   * each block's last nonzero zig-zag index (ScanEncoder's).
   */
  void count(EncoderComponent c, byte[] last, int restartInterval) {
    boolean[] wanted = new boolean[MAX_AL + 1];
    for (int a : al) {
      wanted[a] = true;
    }
    short[] coef = c.coef;
    int left = restartInterval;
    for (int by = 0; by < c.usedHigh; by++) {
      for (int bx = 0; bx < c.usedWide; bx++) {
        if (restartInterval > 0) {
          if (left == 0) {
            flushAll();
            left = restartInterval;
          }
          left--;
        }
        int b = by * c.blocksWide + bx;
        int lastK = last[b];
        if (lastK == 0) {
          for (int i = 0; i < eobrun.length; i++) {
            endOfBand(i);
          }
          continue;
        }
        list(coef, b * 64, lastK, wanted);
        for (int i = 0; i < eobrun.length; i++) {
          band(i);
        }
      }
    }
    flushAll();
  }

  /** Band {@code i}'s counts in an EntropySink's layout, its AC table in slot 2 + {@code table}. */
  long[][] freq(int i, int table) {
    long[][] out = new long[4][256];
    System.arraycopy(freq, i * 256, out[2 + table], 0, 256);
    return out;
  }

  long extraBits(int i) {
    return extraBits[i];
  }

  /**
   * The nonzero coefficients up to {@code lastK} after each wanted point transform, and where
   * each list's last 1 is; those of al 1 and 2 are among those of al 0, so only that list is made
   * from the block.
   */
  private void list(short[] coef, int off, int lastK, boolean[] wanted) {
    // branch-free, as ScanEncoder.acRefine: whether a value is 0 or 1 is what a branch predictor
    // cannot guess
    int n0 = 0;
    int e = 0;
    for (int k = 1; k <= lastK; k++) {
      int t = coef[off + k];
      int sign = t >> 31;
      int m = (t ^ sign) - sign;
      pos[n0] = k;
      mag[n0] = m;
      n0 += m != 0 ? 1 : 0;
      e = m == 1 ? k : e;
    }
    listed[0] = n0;
    eob[0] = e;
    for (int a = 1; a <= MAX_AL; a++) {
      if (!wanted[a]) {
        continue;
      }
      int n = a * 64;
      e = 0;
      for (int j = 0; j < n0; j++) {
        int m = mag[j] >> a;
        int k = pos[j];
        pos[n] = k;
        mag[n] = m;
        n += m != 0 ? 1 : 0;
        e = m == 1 ? k : e;
      }
      listed[a] = n;
      eob[a] = e;
    }
  }

  /** One block of band {@code i}, as ScanEncoder.acRefine counts it. */
  private void band(int i) {
    int lo = ss[i];
    int start = al[i] * 64;
    int end = listed[al[i]];
    int lastOne = eob[al[i]];
    int f = i * 256;
    int r = 0;
    // correction bits of this block not yet counted (ScanEncoder's br)
    int br = 0;
    int prev = lo - 1;
    for (int j = start; j < end; j++) {
      int k = pos[j];
      if (k < lo) {
        continue;
      }
      r += k - prev - 1;
      prev = k;
      while (r > 15 && k <= lastOne) {
        flush(i);
        freq[f + 0xF0]++;
        r -= 16;
        extraBits[i] += br;
        br = 0;
      }
      if (mag[j] > 1) {
        br++;
        continue;
      }
      flush(i);
      freq[f + (r << 4) + 1]++;
      extraBits[i] += 1 + br;
      br = 0;
      r = 0;
    }
    r += 63 - prev;
    if (r > 0 || br > 0) {
      pending[i] += br;
      if (++eobrun[i] == MAX_EOBRUN || pending[i] > MAX_CORR_BITS - 64) {
        flush(i);
      }
    }
  }

  /** A block of band {@code i} with no coefficient but DC. */
  private void endOfBand(int i) {
    if (++eobrun[i] == MAX_EOBRUN) {
      flush(i);
    }
  }

  private void flushAll() {
    for (int i = 0; i < eobrun.length; i++) {
      flush(i);
    }
  }

  /** Counts a pending EOBn (§G.1.2.3) of band {@code i} and the correction bits it carries. */
  private void flush(int i) {
    int run = eobrun[i];
    if (run > 0) {
      int n = EntropySink.bitLength(run) - 1;
      freq[i * 256 + (n << 4)]++;
      extraBits[i] += n + pending[i];
      eobrun[i] = 0;
      pending[i] = 0;
    }
  }
}
