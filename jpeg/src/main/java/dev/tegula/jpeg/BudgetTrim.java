package dev.tegula.jpeg;

/**
 * Fits an encode a little over a byte budget into it without encoding again: drops, one at a
 * time, the AC coefficient whose loss costs the least distortion per bit saved, as the trellis
 * ({@link TrellisQuantizer}) would at a slightly larger lambda. Candidates are each block's last
 * nonzero coefficient in zig-zag order: dropping it saves its run/size symbol, its magnitude
 * bits and the ZRLs before it, and moves the block's end forward, while the values before it
 * stay as the trellis chose them (most are +-1, which the trellis kept for little gain; larger
 * values cost far more and come last). The cost is priced as the trellis prices it (squared
 * error in units of the coefficient's step against the block's own lambda times bits), with the
 * bits of Annex K's typical tables: the ranking needs their proportions, and the caller measures
 * what a round really saved by writing the file.
 *
 * <p>A target search's encodes land within a few per cent of their aim; a file 1 % over its
 * budget had to be encoded again at a lower quality, which lands a few per cent either side
 * again. Dropping that 1 % lands it, for the cost of writing the file once more.
 */
final class BudgetTrim {
  private static final int EOB = 0x00;
  private static final int ZRL = 0xF0;
  /** A price's fraction bits. */
  static final int PRICE_BITS = 16;
  /**
   * The dearest coefficient a trim drops: one whose distortion is worth at most this many times
   * the bits it costs at its block's lambda (the trellis kept it because it was worth at least
   * once). Dearer ones cost more SSIM than the bytes a lower quality saves: on the corpus
   * photos, the hold-out, fresh and otho sets, size searches whose result was trimmed against
   * the same searches without trims (session 34), the mean -ln(1 - SSIM) rose 0.007 per result
   * with no bound (86 results), 0.011 with 3 (81), 0.014 with 2 (79) and 0.015 with 1.5 (60, so
   * fewer gains): trims priced over 2 were where SSIM fell (sp_face_q85 200 KB at 6.5: 0.99850
   * -> 0.99817 for more bytes).
   */
  static final long MAX_PRICE = 2L << PRICE_BITS;

  private final EncoderComponent[] quantized;
  private final EncoderComponent[] raw;
  /** The dearest price {@link #dropNext} drops ({@link #MAX_PRICE} unless asked otherwise). */
  private final long maxPrice;
  private final int[][] steps;
  /** Per component, the number of its first block among all components' blocks. */
  private final int[] firstBlock;
  /** Each block's trellis lambda (1/256 step^2 per bit, times 2^20). */
  private final long[] lambda;
  /**
   * Each candidate block's estimated saving in bits, and its price: distortion over lambda times
   * bits, in units of 2^-{@value #PRICE_BITS} (integer, so that the JVM and WebAssembly rank
   * alike; prices over {@link #MAX_PRICE} need no precision and saturate).
   */
  private final int[] savedBits;
  private final long[] price;
  private final int[] heap;
  private int heapSize;
  private final int[][] acBits = new int[2][];
  /** The zig-zag position {@link #dropNext} last dropped, and the bits the estimate saves. */
  int droppedK;
  int droppedBits;

  /**
   * @param quantized the encode's coefficients (zig-zag, quantized), changed in place
   * @param raw the same blocks before quantization (natural order, times 8)
   * @param tables the quantization tables by table number
   * @param lambda each block's trellis lambda, blocks numbered component after component
   */
  BudgetTrim(EncoderComponent[] quantized, EncoderComponent[] raw, int[][] tables,
      long[] lambda) {
    this(quantized, raw, tables, lambda, quantized.length, MAX_PRICE);
  }

  /**
   * As {@link #BudgetTrim(EncoderComponent[], EncoderComponent[], int[][], long[])}, drawing
   * only from the first {@code drawn} components' blocks ({@link LumaTrim}: 1, the luma), none
   * priced over {@code maxPrice} (in units of 2^-{@value #PRICE_BITS}).
   */
  BudgetTrim(EncoderComponent[] quantized, EncoderComponent[] raw, int[][] tables,
      long[] lambda, int drawn, long maxPrice) {
    this.quantized = quantized;
    this.maxPrice = maxPrice;
    this.raw = raw;
    this.lambda = lambda;
    this.steps = new int[quantized.length][];
    this.firstBlock = new int[quantized.length + 1];
    for (int c = 0; c < quantized.length; c++) {
      steps[c] = Quantizer.divisors(tables[quantized[c].quantTable]);
      firstBlock[c + 1] = firstBlock[c] + quantized[c].coef.length / 64;
    }
    HuffmanCode[] typical = HuffmanCode.standard();
    acBits[0] = typical[2].sizes;
    acBits[1] = typical[3].sizes;
    int blocks = firstBlock[quantized.length];
    savedBits = new int[blocks];
    price = new long[blocks];
    heap = new int[blocks];
    for (int g = 0; g < firstBlock[drawn]; g++) {
      if (candidate(g)) {
        heap[heapSize++] = g;
      }
    }
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /**
   * The trellis lambda of every block of {@code comps} for an encode with these options, as
   * {@link Quantizer#quantizeAll} sets them ({@link Quantizer#blockLambda}); classic rounding
   * ({@code activity} null), which has no lambda, prices every block at that of a block without
   * masking.
   */
  static long[] lambdas(EncoderComponent[] comps, int[][] activity, EncoderTuning tuning,
      int lambdaHundredths) {
    int blocks = 0;
    for (EncoderComponent c : comps) {
      blocks = Math.addExact(blocks, c.coef.length / 64);
    }
    long[] out = new long[blocks];
    int g = 0;
    for (EncoderComponent c : comps) {
      for (int b = 0; b < c.coef.length / 64; b++, g++) {
        long lam = activity == null ? Quantizer.blockLambda(c, 0, tuning, 100)
            : Quantizer.blockLambda(c, activity[c.index][b], tuning, lambdaHundredths);
        out[g] = Math.max(1, lam);
      }
    }
    return out;
  }

  /**
   * Drops the cheapest coefficients until about {@code bits} are saved by the estimate.
   *
   * @return the bits the estimate says were saved: less than asked when no candidate priced at
   *     most {@link #MAX_PRICE} is left
   */
  long drop(long bits) {
    long saved = 0;
    while (saved < bits) {
      int g = dropNext();
      if (g < 0) {
        break;
      }
      saved += droppedBits;
    }
    return saved;
  }

  /**
   * Drops the cheapest coefficient priced at most the bound ({@link #MAX_PRICE} unless asked
   * otherwise).
   *
   * @return its block's number (blocks numbered component after component), -1 for none left
   */
  int dropNext() {
    if (heapSize == 0 || price[heap[0]] > maxPrice) {
      return -1;
    }
    int g = heap[0];
    heap[0] = heap[--heapSize];
    siftDown(0);
    int c = component(g);
    short[] coef = quantized[c].coef;
    int off = (g - firstBlock[c]) * 64;
    droppedK = last(coef, off, 63);
    droppedBits = savedBits[g];
    coef[off + droppedK] = 0;
    if (candidate(g)) {
      heap[heapSize] = g;
      siftUp(heapSize++);
    }
    return g;
  }

  /** Whether block {@code g} has a candidate, pricing it if so. */
  private boolean candidate(int g) {
    int c = component(g);
    short[] coef = quantized[c].coef;
    int off = (g - firstBlock[c]) * 64;
    int k = last(coef, off, 63);
    if (k == 0) {
      return false;
    }
    int v = Math.abs(coef[off + k]);
    int size = EntropySink.bitLength(v);
    int run = k - last(coef, off, k - 1) - 1;
    int[] bits = acBits[quantized[c].huffTable];
    int saved = bits[((run & 15) << 4) | size] + size + (run >> 4) * bits[ZRL]
        - (k == 63 ? bits[EOB] : 0);
    savedBits[g] = Math.max(1, saved);
    int natural = ZigZag.NATURAL_ORDER[k];
    long step = steps[c][natural];
    long a = Math.abs(raw[c].coef[off + natural]);
    long e = a - v * step;
    // squared error at 0 less that at the value, in step units times 2^28 as the trellis
    // weighs it (a < 2^15, step >= 8: under 2^52)
    long distortion = Math.max(0, a * a - e * e) * ((1L << 28) / (step * step));
    long perBit = distortion / savedBits[g];
    price[g] = perBit >= 1L << (62 - PRICE_BITS) ? Long.MAX_VALUE
        : (perBit << PRICE_BITS) / lambda[g];
    return true;
  }

  /** The last zig-zag position from {@code from} down holding a nonzero AC value; 0 for none. */
  private static int last(short[] coef, int off, int from) {
    int k = from;
    while (k > 0 && coef[off + k] == 0) {
      k--;
    }
    return k;
  }

  private int component(int g) {
    int c = 0;
    while (g >= firstBlock[c + 1]) {
      c++;
    }
    return c;
  }

  private void siftUp(int i) {
    int g = heap[i];
    while (i > 0) {
      int parent = (i - 1) >> 1;
      if (!less(g, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = g;
  }

  private void siftDown(int i) {
    int g = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], g)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = g;
  }

  /** The cheaper first; of equal prices the later block, so that the order is fixed. */
  private boolean less(int a, int b) {
    return price[a] < price[b] || (price[a] == price[b] && a > b);
  }
}
