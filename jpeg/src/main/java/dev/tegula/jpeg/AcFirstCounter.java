package dev.tegula.jpeg;

/**
 * Counts the symbols of several AC-first scans (§G.1.2.2) of one component in one walk over its
 * blocks, each band with its own end-of-band run: the counts are those {@link ScanEncoder} makes
 * scan by scan. ScanOptimizer weighs eleven such bands for luminance and six per chrominance
 * component; walked one scan at a time, every block was visited and its coefficients listed once
 * per band, which made scan counting most of a JPEG search's encoder CPU (session 21).
 */
final class AcFirstCounter {
  private static final int MAX_EOBRUN = 0x7FFF;
  /** Point transforms counted: ScanOptimizer's bands use 0, 1 and 2. */
  private static final int MAX_AL = 2;

  private final int[] ss;
  private final int[] se;
  private final int[] al;
  /** Per band, 256 symbol counts of its AC table, band after band. */
  private final long[] freq;
  private final long[] extraBits;
  private final int[] eobrun;
  /** Per point transform, a block's nonzero positions and magnitudes (64 entries each). */
  private final int[] pos = new int[(MAX_AL + 1) * 64];
  private final int[] mag = new int[(MAX_AL + 1) * 64];
  private final int[] listed = new int[MAX_AL + 1];

  /** {@code bands}: {ss, se, ah, al} per scan, ah 0 and al at most 2. */
  AcFirstCounter(int[][] bands) {
    int n = bands.length;
    ss = new int[n];
    se = new int[n];
    al = new int[n];
    for (int b = 0; b < n; b++) {
      if (bands[b][2] != 0 || bands[b][3] > MAX_AL || bands[b][0] < 1) {
        throw new IllegalArgumentException("not an AC-first band this counter knows");
      }
      ss[b] = bands[b][0];
      se[b] = bands[b][1];
      al[b] = bands[b][3];
    }
    freq = new long[n * 256];
    extraBits = new long[n];
    eobrun = new int[n];
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
   * The nonzero coefficients up to {@code lastK}, after each wanted point transform: those of
   * al 1 and 2 are among those of al 0, so only that list is made from the block.
   */
  private void list(short[] coef, int off, int lastK, boolean[] wanted) {
    // branch-free, as ScanEncoder.acFirst: whether a coefficient (or its shift) is zero is what
    // a branch predictor cannot guess
    int n0 = 0;
    for (int k = 1; k <= lastK; k++) {
      int t = coef[off + k];
      int sign = t >> 31;
      int m = (t ^ sign) - sign;
      pos[n0] = k;
      mag[n0] = m;
      n0 += m != 0 ? 1 : 0;
    }
    listed[0] = n0;
    for (int a = 1; a <= MAX_AL; a++) {
      if (!wanted[a]) {
        continue;
      }
      int n = a * 64;
      for (int j = 0; j < n0; j++) {
        int m = mag[j] >> a;
        pos[n] = pos[j];
        mag[n] = m;
        n += m != 0 ? 1 : 0;
      }
      listed[a] = n;
    }
  }

  /** One block of band {@code i}, as ScanEncoder.acFirst counts it. */
  private void band(int i) {
    int lo = ss[i];
    int hi = se[i];
    int base = al[i] * 64;
    int end = listed[al[i]];
    int f = i * 256;
    int prev = lo - 1;
    for (int j = base; j < end; j++) {
      int k = pos[j];
      if (k < lo) {
        continue;
      }
      if (k > hi) {
        break;
      }
      if (eobrun[i] > 0) {
        flush(i);
      }
      int r = k - prev - 1;
      while (r > 15) {
        freq[f + 0xF0]++;
        r -= 16;
      }
      int size = EntropySink.bitLength(mag[j]);
      freq[f + (r << 4) + size]++;
      extraBits[i] += size;
      prev = k;
    }
    if (hi > prev) {
      endOfBand(i);
    }
  }

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

  /** Counts a pending EOBn (§G.1.2.2) of band {@code i}. */
  private void flush(int i) {
    int run = eobrun[i];
    if (run > 0) {
      int n = EntropySink.bitLength(run) - 1;
      freq[i * 256 + (n << 4)]++;
      extraBits[i] += n;
      eobrun[i] = 0;
    }
  }
}
