package dev.tegula.api;

/**
 * {@link SizeCurve}'s T.81 symbol count of one array of sampled blocks, made at each quality of
 * the estimate's grid in turn. Most coefficients quantize to 0 at most qualities, and looking at
 * each of them at every quality was most of the size estimate's time; so the blocks are put in
 * classes of their coefficients' magnitudes once per zigzag position (a counting sort: a full
 * sort cost about what it saved), and as the steps get finer each count adds the classes that
 * may now reach their dead zone to each block's candidates (a bit mask in zigzag order). A
 * block's symbols then come from its candidates alone, in zigzag order, each looked at as before
 * (a candidate surely under its dead zone skips its division), so the counts are the same as a
 * look at every coefficient. Steps that get coarser (or other offsets) start the candidates over.
 */
final class SymbolCount {
  /**
   * Zigzag order (T.81 Figure A.6): the natural index at each zigzag position; the api's one copy
   * (SsimCurve reads it too; the codecs' own are package-private to them).
   */
  static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
      36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
      62, 63};

  /**
   * Magnitude classes: a quarter of an octave each from 2^-2 to 2^12 (the float's exponent and
   * two mantissa bits), everything under in class 0 and over in the last.
   */
  private static final int CLASSES = 58;
  /** The float bits >>> 21 of class 1's least magnitude, 2^-2. */
  private static final int FIRST = 500;

  final double[][] blocks;
  /**
   * Per zigzag position 1-63: the blocks by their coefficient's magnitude class, largest first
   * ({@link #from} says where each class starts).
   */
  private final int[][] order = new int[64][];
  private final int[][] from = new int[64][CLASSES + 1];
  /** Per zigzag position: how many of the largest classes are candidates. */
  private final int[] taken = new int[64];
  /** Per block: the zigzag positions whose level may be non-zero at the last steps. */
  private final long[] candidates;
  private final double[] lastSteps = new double[64];
  private double[] lastOffsets;
  private final double[] zeroBelow = new double[64];

  SymbolCount(double[][] blocks) {
    this.blocks = blocks;
    int n = blocks.length;
    this.candidates = new long[n];
    // each coefficient's slot (classes largest first), by position then block
    byte[] slots = new byte[64 * n];
    for (int i = 0; i < n; i++) {
      double[] b = blocks[i];
      for (int z = 1; z < 64; z++) {
        int slot = CLASSES - 1 - classOf(b[ZIGZAG[z]]);
        slots[z * n + i] = (byte) slot;
        from[z][slot]++;
      }
    }
    // a counting sort: each class's blocks in their order
    int[] next = new int[CLASSES];
    for (int z = 1; z < 64; z++) {
      int[] f = from[z];
      int at = 0;
      for (int t = 0; t < CLASSES; t++) {
        next[t] = at;
        at += f[t];
        f[t] = next[t];
      }
      f[CLASSES] = at;
      int[] o = new int[n];
      for (int i = 0; i < n; i++) {
        o[next[slots[z * n + i]]++] = i;
      }
      order[z] = o;
    }
  }

  /** The magnitude class of a coefficient. */
  private static int classOf(double c) {
    int bits = Float.floatToIntBits((float) Abs.of(c)) >>> 21;
    return Math.max(0, Math.min(CLASSES - 1, bits - FIRST + 1));
  }

  /** A magnitude over every one of class c (+Infinity for the last). */
  private static float above(int c) {
    return c == CLASSES - 1 ? Float.POSITIVE_INFINITY : Float.intBitsToFloat((c + FIRST) << 21);
  }

  /**
   * Counts the symbols of the blocks at {@code steps} and {@code offsets} (natural order) into
   * {@code hist} (256 AC slots, run << 4 | size, then 16 DC categories); returns their magnitude
   * bits (T.81 §F.1.2.1 and §F.1.2.2: a value of category s adds s bits after its code).
   */
  long count(double[] steps, double[] offsets, int[] hist) {
    boolean finer = offsets == lastOffsets;
    for (int k = 0; k < 64 && finer; k++) {
      finer = steps[k] <= lastSteps[k];
    }
    if (!finer) {
      java.util.Arrays.fill(candidates, 0);
      java.util.Arrays.fill(taken, 0);
      lastOffsets = offsets;
    }
    System.arraycopy(steps, 0, lastSteps, 0, 64);
    for (int z = 1; z < 64; z++) {
      int k = ZIGZAG[z];
      // under this magnitude a level is surely 0 (a margin far over the division's rounding)
      zeroBelow[z] = (1 - offsets[k]) * steps[k] * (1 - 1e-9);
      // a class whose magnitudes may reach it joins the candidates (largest class first)
      int t = taken[z];
      for (; t < CLASSES && above(CLASSES - 1 - t) > zeroBelow[z]; t++) {
        int[] o = order[z];
        for (int j = from[z][t]; j < from[z][t + 1]; j++) {
          candidates[o[j]] |= 1L << z;
        }
      }
      taken[z] = t;
    }
    long extra = 0;
    int prevDc = 0;
    for (int i = 0; i < blocks.length; i++) {
      double[] b = blocks[i];
      int dc = level(b[0], steps[0], offsets[0]);
      int cat = category(dc - prevDc);
      prevDc = dc;
      hist[256 + cat]++;
      extra += cat;
      int last = 0;
      for (long m = candidates[i]; m != 0; m &= m - 1) {
        int z = Long.numberOfTrailingZeros(m);
        int k = ZIGZAG[z];
        double c = b[k];
        if (c < zeroBelow[z] && -c < zeroBelow[z]) {
          continue;
        }
        int v = level(c, steps[k], offsets[k]);
        if (v == 0) {
          continue;
        }
        int run = z - last - 1;
        for (; run > 15; run -= 16) {
          hist[0xf0]++; // ZRL
        }
        int s = category(v);
        hist[run << 4 | s]++;
        extra += s;
        last = z;
      }
      if (last < 63) {
        hist[0]++; // EOB
      }
    }
    return extra;
  }

  /** The quantized level, its sign dropped (only its category counts). */
  private static int level(double coef, double step, double offset) {
    return (int) (Abs.of(coef) / step + offset);
  }

  /** T.81 Table F.1: the number of bits of |v|. */
  private static int category(int v) {
    int a = v < 0 ? -v : v;
    return 32 - Integer.numberOfLeadingZeros(a);
  }
}
