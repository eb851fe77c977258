package dev.tegula.recompress;

import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * Binary decisions with count-adaptive probabilities over the shared range coder
 * (docs/format-jpeg-coefficients.md §3; docs/format.md §12 for the coder itself).
 *
 * <p>One instance either encodes or decodes, so that the block coder is written once and both
 * directions walk the same contexts in the same order: {@link #bit} takes the bit to encode and
 * returns the bit coded (the decoded one when decoding).
 *
 * <p>A context state is one int: the probability of a 0 in 1/65536 in the low 16 bits, the number
 * of updates (capped at {@link #LIMIT}) above. Young contexts move fast (rate 1/(n+2)) and old
 * ones settle at 1/(LIMIT+2): a fixed 1/32 rate either adapts too slowly at the start of a small
 * band or too noisily in a big one.
 */
final class ModelCoder {
  /** Update count at which the adaptation rate stops falling (§3). */
  static final int LIMIT = 60;
  static final int INITIAL = 32768;
  /** RATE[n] = floor(32768 / (n + 2)). */
  private static final int[] RATE = new int[LIMIT + 1];

  static {
    for (int n = 0; n <= LIMIT; n++) {
      RATE[n] = 32768 / (n + 2);
    }
  }

  private final RangeEncoder enc;
  private final RangeDecoder dec;

  private ModelCoder(RangeEncoder enc, RangeDecoder dec) {
    this.enc = enc;
    this.dec = dec;
  }

  static ModelCoder encoder(RangeEncoder enc) {
    return new ModelCoder(enc, null);
  }

  static ModelCoder decoder(RangeDecoder dec) {
    return new ModelCoder(null, dec);
  }

  boolean decoding() {
    return dec != null;
  }

  /** A fresh state array, every context at p = 1/2 and no updates. */
  static int[] states(int n) {
    int[] s = new int[n];
    java.util.Arrays.fill(s, INITIAL);
    return s;
  }

  /** Codes {@code bit} (ignored when decoding) in context {@code st[i]}; returns the bit coded. */
  int bit(int[] st, int i, int bit) {
    int s = st[i];
    int p = s & 0xFFFF;
    int n = s >>> 16;
    int p12 = p >>> 4;
    if (p12 < 1) {
      p12 = 1;
    } else if (p12 > 4095) {
      p12 = 4095;
    }
    if (dec != null) {
      bit = dec.decodeBit(p12);
    } else {
      enc.encodeBit(p12, bit);
    }
    int target = bit == 0 ? 65535 : 0;
    p += ((target - p) * RATE[n]) >> 15;
    if (n < LIMIT) {
      n++;
    }
    st[i] = (n << 16) | p;
    return bit;
  }

  /** Codes the low {@code count} (at most 16) bits of {@code value} at p = 1/2. */
  int direct(int value, int count) {
    if (dec != null) {
      return dec.decodeDirect(count);
    }
    enc.encodeDirect(value, count);
    return value & ((1 << count) - 1);
  }
}
