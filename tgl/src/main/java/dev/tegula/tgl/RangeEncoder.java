package dev.tegula.tgl;

/**
 * Adaptive binary range coder, encoding side (docs/format.md §Entropy coding). The design is
 * LZMA's range coder: 32-bit range, carry propagated through a cached byte, 12-bit probabilities
 * that move towards each coded bit by 1/32 of the distance. Everything is integer arithmetic, so
 * the JVM and WebAssembly produce identical bytes.
 *
 * <p>A context is one slot of a caller-owned {@code short[]} probability array (the probability
 * that the next bit is 0, out of 4096), initialised with {@link #initContexts}.
 */
public final class RangeEncoder {
  static final int PROB_BITS = 12;
  static final int PROB_ONE = 1 << PROB_BITS;
  static final int ADAPT_SHIFT = 5;
  /**
   * Renormalization threshold: the range is renormalized while it is below TOP, unsigned. The
   * coders test that as {@code (range & -TOP) == 0}, and the decoders compare unsigned values
   * with their sign bits flipped: under TeaVM {@code Integer.compareUnsigned} is a call into its
   * runtime on every coded bit.
   */
  static final int TOP = 1 << 24;

  private byte[] out;
  private int length;
  private long low;
  private int range = 0xFFFFFFFF;
  private int cache;
  private long cacheSize = 1;

  public RangeEncoder(int expectedBytes) {
    out = new byte[Math.max(16, expectedBytes)];
  }

  /** Sets every context to "0 and 1 equally likely". */
  public static void initContexts(short[] contexts) {
    java.util.Arrays.fill(contexts, (short) (PROB_ONE / 2));
  }

  /** Codes one bit (0 or 1) with the adaptive probability {@code contexts[index]}. */
  public void encodeBit(short[] contexts, int index, int bit) {
    int p = contexts[index];
    int bound = (range >>> PROB_BITS) * p;
    if (bit == 0) {
      range = bound;
      contexts[index] = (short) (p + ((PROB_ONE - p) >>> ADAPT_SHIFT));
    } else {
      low += bound & 0xFFFFFFFFL;
      range -= bound;
      contexts[index] = (short) (p - (p >>> ADAPT_SHIFT));
    }
    while ((range & -TOP) == 0) {
      range <<= 8;
      shiftLow();
    }
  }

  /**
   * Codes one bit with a probability {@code p} (of a 0, 1..4095 out of 4096) that the caller's own
   * model supplies (docs/format.md §12); nothing adapts here. The same bytes as loading {@code p}
   * into a one-slot context and calling {@link #encodeBit(short[], int, int)}, without the update
   * the caller would throw away.
   */
  public void encodeBit(int p, int bit) {
    int bound = (range >>> PROB_BITS) * p;
    if (bit == 0) {
      range = bound;
    } else {
      low += bound & 0xFFFFFFFFL;
      range -= bound;
    }
    while ((range & -TOP) == 0) {
      range <<= 8;
      shiftLow();
    }
  }

  /** Codes the low {@code count} bits of {@code value} (most significant first), each with p = 1/2. */
  public void encodeDirect(int value, int count) {
    for (int i = count - 1; i >= 0; i--) {
      range >>>= 1;
      if (((value >>> i) & 1) != 0) {
        low += range & 0xFFFFFFFFL;
      }
      while ((range & -TOP) == 0) {
        range <<= 8;
        shiftLow();
      }
    }
  }

  /** Flushes the coder; returns the coded bytes (a copy sized exactly). */
  public byte[] finish() {
    for (int i = 0; i < 5; i++) {
      shiftLow();
    }
    return java.util.Arrays.copyOf(out, length);
  }

  /** Bytes produced so far (a lower bound of the final size, for rate estimates). */
  public int size() {
    return length + (int) Math.min(cacheSize, 1 << 20) + 4;
  }

  private void shiftLow() {
    if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
      int carry = (int) (low >>> 32);
      int temp = cache;
      do {
        put((temp + carry) & 0xFF);
        temp = 0xFF;
      } while (--cacheSize != 0);
      cache = (int) ((low >>> 24) & 0xFF);
    }
    cacheSize++;
    low = (low & 0x00FFFFFFL) << 8;
  }

  private void put(int b) {
    if (length == out.length) {
      out = java.util.Arrays.copyOf(out, Math.multiplyExact(out.length, 2));
    }
    out[length++] = (byte) b;
  }
}
