package dev.tegula.png;

/**
 * Applies a scanline filter per row (PNG spec §9.2-§9.4), chosen by a strategy: one fixed filter
 * type for every row, or per row the type that a heuristic scores best. {@link #MIN_SUM} is the
 * heuristic of §12.8 and libpng (smallest sum of absolute values, bytes read as signed);
 * {@link #ENTROPY} takes the row whose byte histogram has the smallest Shannon entropy, which
 * tracks what a Huffman coder pays more closely. Buffers are allocated once per image.
 */
final class RowFilter {
  static final int MIN_SUM = 5;
  static final int ENTROPY = 6;

  private final int bpp;
  private final int len;
  /** One candidate row per filter type, each with its filter-type byte at index 0. */
  private final byte[][] candidates = new byte[5][];
  private final int[] histogram = new int[4 * 256];
  /** Each candidate's scores in {@link #filterTwo}. */
  private final long[] sums = new long[5];
  private final long[] entropies = new long[5];
  /**
   * log2Fixed(n) for the counts of a row up to 4096: the squaring loop for every count of every
   * candidate row was a third of ranking a small image. Built once (each job of an encode built
   * its own, up to the row's length: 1.5% of skimage_text's encode).
   */
  private static final int[] LOG2 = new int[4097];

  static {
    for (int n = 1; n < LOG2.length; n++) {
      LOG2[n] = log2Fixed(n);
    }
  }

  /**
   * @param bpp bytes per pixel (§9.2, at least 1)
   * @param len bytes per scanline without the filter byte
   */
  RowFilter(int bpp, int len) {
    this.bpp = bpp;
    this.len = len;
    for (int f = 0; f < 5; f++) {
      candidates[f] = new byte[len + 1];
      candidates[f][0] = (byte) f;
    }
  }

  /**
   * Filters {@code row} (raw bytes at index 1..len) against {@code prev} (the raw previous row in
   * the same layout, zeros for the first row).
   *
   * @param strategy a filter type 0-4 for every row, or {@link #MIN_SUM} or {@link #ENTROPY}
   * @return the filtered row with its filter-type byte, valid until the next call
   */
  byte[] filter(byte[] row, byte[] prev, int strategy) {
    if (strategy < MIN_SUM) {
      byte[] out = candidates[strategy];
      apply(strategy, row, prev, out, bpp, len);
      return out;
    }
    for (int f = 0; f < 5; f++) {
      apply(f, row, prev, candidates[f], bpp, len);
    }
    return candidates[best(strategy)];
  }

  /**
   * Filters {@code row} with two heuristics ({@link #MIN_SUM}, {@link #ENTROPY}) from one set of
   * candidate rows, copying the rows they choose to {@code outA} and {@code outB} at {@code at}.
   */
  void filterTwo(byte[] row, byte[] prev, int a, byte[] outA, int b, byte[] outB, int at) {
    for (int f = 0; f < 5; f++) {
      apply(f, row, prev, candidates[f], bpp, len);
    }
    // Both scores of each candidate from one reading of it, its histogram (the sums were ~3% of
    // a large graphic's samples; gnome_field's filtering step ~3% faster); the same scores as
    // best().
    long[] sums = this.sums;
    long[] entropies = this.entropies;
    for (int f = 0; f < 5; f++) {
      histogram(candidates[f]);
      entropies[f] = entropyOfHistogram();
      sums[f] = sumOfHistogram();
    }
    System.arraycopy(candidates[pick(a == MIN_SUM ? sums : entropies)], 0, outA, at, len + 1);
    System.arraycopy(candidates[pick(b == MIN_SUM ? sums : entropies)], 0, outB, at, len + 1);
  }

  /** The first candidate of the least score. */
  private static int pick(long[] scores) {
    int best = 0;
    for (int f = 1; f < 5; f++) {
      if (scores[f] < scores[best]) {
        best = f;
      }
    }
    return best;
  }

  /** The candidate that heuristic {@code strategy} scores best. */
  private int best(int strategy) {
    int best = 0;
    long bestScore = Long.MAX_VALUE;
    for (int f = 0; f < 5; f++) {
      long score = strategy == MIN_SUM ? absoluteSum(candidates[f]) : entropyScore(candidates[f]);
      if (score < bestScore) {
        bestScore = score;
        best = f;
      }
    }
    return best;
  }

  /** §9.2-§9.4: filter type {@code f} of {@code row[1..len]} into {@code out[1..len]}. */
  static void apply(int f, byte[] row, byte[] prev, byte[] out, int bpp, int len) {
    int lead = Math.min(len, bpp) + 1;
    switch (f) {
      case Unfilter.NONE:
        System.arraycopy(row, 1, out, 1, len);
        break;
      case Unfilter.SUB:
        System.arraycopy(row, 1, out, 1, lead - 1);
        for (int i = lead; i <= len; i++) {
          out[i] = (byte) (row[i] - row[i - bpp]);
        }
        break;
      case Unfilter.UP:
        for (int i = 1; i <= len; i++) {
          out[i] = (byte) (row[i] - prev[i]);
        }
        break;
      case Unfilter.AVERAGE:
        for (int i = 1; i < lead; i++) {
          out[i] = (byte) (row[i] - ((prev[i] & 0xFF) >> 1));
        }
        for (int i = lead; i <= len; i++) {
          out[i] = (byte) (row[i] - (((row[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >> 1));
        }
        break;
      default:
        for (int i = 1; i < lead; i++) {
          out[i] = (byte) (row[i] - prev[i]);
        }
        for (int i = lead; i <= len; i++) {
          out[i] = (byte) (row[i] - paeth(
              row[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF));
        }
        break;
    }
    out[0] = (byte) f;
  }

  /**
   * §9.4's Paeth predictor, the same value as {@link Unfilter#predictPaeth}, without branches:
   * on noisy rows (skimage_text) the decoder's branches mispredicted so often that the Paeth
   * candidate cost as much as the other four together and a third of the ENTROPY heuristic.
   */
  static int paeth(int a, int b, int c) {
    int pa = Math.abs(b - c);
    int pb = Math.abs(a - c);
    int pc = Math.abs(a + b - c - c);
    // notA is -1 unless pa <= pb and pa <= pc; toC is -1 when pb > pc.
    int notA = ((pb - pa) | (pc - pa)) >> 31;
    int toC = (pc - pb) >> 31;
    int bOrC = (b & ~toC) | (c & toC);
    return (a & ~notA) | (bOrC & notA);
  }

  private long absoluteSum(byte[] c) {
    long sum = 0;
    // Math.abs rather than a test of the sign, which on a noisy row (skimage_text) went either
    // way; an int total per stretch (at most 128 * 2^23 < 2^31) keeps the loop in one type.
    for (int from = 1; from <= len; from += 1 << 23) {
      int to = (int) Math.min(len, from + (1L << 23) - 1);
      int part = 0;
      for (int i = from; i <= to; i++) {
        part += Math.abs(c[i]);
      }
      sum += part;
    }
    return sum;
  }

  /**
   * len * H(row) in 1/65536 bits, less the constant len*log2(len): minus the sum of n*log2(n) over
   * the byte counts. Integer arithmetic so that the JVM and Wasm choose the same rows.
   */
  private long entropyScore(byte[] c) {
    histogram(c);
    return entropyOfHistogram();
  }

  /** Fills {@link #histogram} with the counts of {@code c[1..len]}. */
  private void histogram(byte[] c) {
    int[] h = histogram;
    java.util.Arrays.fill(h, 0);
    // Four histograms, summed when read: a graphic's row repeats a byte for long stretches, and
    // each increment of one counter waited for the one before it (gnome_field's ranking filter
    // jobs about 10% faster, same scores).
    int i = 1;
    for (; i + 3 <= len; i += 4) {
      h[c[i] & 0xFF]++;
      h[256 + (c[i + 1] & 0xFF)]++;
      h[512 + (c[i + 2] & 0xFF)]++;
      h[768 + (c[i + 3] & 0xFF)]++;
    }
    for (; i <= len; i++) {
      h[c[i] & 0xFF]++;
    }
  }

  /**
   * {@link #absoluteSum} of the row whose counts {@link #histogram} holds: each byte value's
   * count times its absolute value as a signed byte (the same sum, in 256 steps rather than one
   * per byte of the row).
   */
  private long sumOfHistogram() {
    int[] h = histogram;
    long sum = 0;
    for (int v = 0; v < 256; v++) {
      int n = h[v] + h[256 + v] + h[512 + v] + h[768 + v];
      sum += (long) n * Math.abs((byte) v);
    }
    return sum;
  }

  /** The score of the row whose counts {@link #histogram} holds. */
  private long entropyOfHistogram() {
    int[] h = histogram;
    int[] log2 = LOG2;
    long sum = 0;
    for (int v = 0; v < 256; v++) {
      int n = h[v] + h[256 + v] + h[512 + v] + h[768 + v];
      if (n > 1) {
        sum += (long) n * (n < log2.length ? log2[n] : log2Fixed(n));
      }
    }
    return -sum;
  }

  /** log2(n) in 16.16 fixed point for n >= 1, by repeated squaring of the normalised mantissa. */
  static int log2Fixed(int n) {
    int k = 31 - Integer.numberOfLeadingZeros(n);
    long m = (long) n << (30 - k);
    int frac = 0;
    for (int i = 0; i < 16; i++) {
      m = (m * m) >>> 30;
      frac <<= 1;
      if (m >= 1L << 31) {
        m >>>= 1;
        frac |= 1;
      }
    }
    return (k << 16) | frac;
  }
}
