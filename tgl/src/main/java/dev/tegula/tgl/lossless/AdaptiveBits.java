package dev.tegula.tgl.lossless;

import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * A table of adaptive bit probabilities (format-lossless.md §6.1). Each slot holds the
 * probability of a 0 in 16 bits and how often it has been updated; the update moves it towards
 * the coded bit by 1/(n + 1.6), so a fresh slot learns from its first few bits almost like a
 * frequency count and then settles to a window of about {@link #LIMIT} bits. The shared range
 * coder's own fixed 1/32 step is too noisy for slots that see thousands of bits per tile.
 *
 * <p>The range coder is used as a plain binary arithmetic coder with the probability given per
 * bit ({@code encodeBit(p, bit)}); the adaptation happens here.
 */
final class AdaptiveBits {
  /** Count at which the step stops shrinking. */
  static final int LIMIT = 250;

  /** RATE[n] = 65536 / (n + 1.6), in integers so every runtime gets the same table. */
  private static final int[] RATE = new int[LIMIT + 1];

  static {
    for (int n = 0; n <= LIMIT; n++) {
      RATE[n] = 655360 / (10 * n + 16);
    }
  }

  private final int[] prob;
  private final short[] count;

  AdaptiveBits(int size) {
    prob = new int[size];
    count = new short[size];
    reset();
  }

  void reset() {
    java.util.Arrays.fill(prob, 32768);
    java.util.Arrays.fill(count, (short) 0);
  }

  /** Probability of a 0 in slot {@code i}, 12 bits, 1..4095. */
  int p12(int i) {
    int p = prob[i] >>> 4;
    return p < 1 ? 1 : (p > 4095 ? 4095 : p);
  }

  void update(int i, int bit) {
    int p = prob[i];
    int n = count[i];
    int target = bit == 0 ? 65535 : 0;
    prob[i] = p + (int) (((long) (target - p) * RATE[n]) >> 16);
    if (n < LIMIT) {
      count[i] = (short) (n + 1);
    }
  }

  /** Codes {@code bit} with slot {@code i} through the shared range coder, then adapts the slot. */
  void encode(RangeEncoder enc, int i, int bit) {
    enc.encodeBit(p12(i), bit);
    update(i, bit);
  }

  int decode(RangeDecoder dec, int i) {
    int bit = dec.decodeBit(p12(i));
    update(i, bit);
    return bit;
  }
}
