package dev.tegula.recompress;

import dev.tegula.tgl.RangeEncoder;

/**
 * Binary decisions with count-adaptive probabilities over the shared range coder
 * (docs/format-jpeg-coefficients.md §3; docs/format.md §12 for the coder itself).
 *
 * <p>One instance either encodes or decodes, so that the block coder is written once and both
 * directions walk the same contexts in the same order: {@link #bit} takes the bit to encode and
 * returns the bit coded (the decoded one when decoding).
 *
 * <p>Decoding does not go through {@code tgl.RangeDecoder}: its arithmetic is repeated here
 * (the same operations, so the same bits) with the coder state in this object's fields, which
 * the hot loops read and write without another indirection and with the decisions branch-free.
 *
 * <p>A context state is one int: the probability of a 0 in 1/65536 in the low 16 bits, the number
 * of updates (capped at {@link #LIMIT}) above. Young contexts move fast (rate 1/(n+2)), as a
 * frequency count would, so that the many rarely used contexts learn from their first few bits;
 * old ones settle at 1/(LIMIT+2) and keep following the image.
 */
final class ModelCoder {
  /** Update count at which the adaptation rate stops falling (§3). */
  static final int LIMIT = 100;
  static final int INITIAL = 32768;
  /** RATE[n] = floor(32768 / (n + 2)). */
  private static final int[] RATE = new int[LIMIT + 1];

  static {
    for (int n = 0; n <= LIMIT; n++) {
      RATE[n] = 32768 / (n + 2);
    }
  }

  /** The renormalization threshold and its tests as dev.tegula.tgl.RangeEncoder explains them. */
  private static final int TOP = 1 << 24;

  private final RangeEncoder enc;
  private final boolean decoding;
  // Decoder state: tgl.RangeDecoder's (docs/format.md §12), kept here for the hot loops.
  private final byte[] data;
  private final int end;
  private int pos;
  private int range = 0xFFFFFFFF;
  private int code;
  private int overrun;

  private ModelCoder(RangeEncoder enc, byte[] data, int offset, int length) {
    this.enc = enc;
    this.decoding = enc == null;
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
    if (decoding) {
      for (int i = 0; i < 5; i++) {
        code = (code << 8) | next();
      }
    }
  }

  static ModelCoder encoder(RangeEncoder enc) {
    return new ModelCoder(enc, null, 0, 0);
  }

  /** A decoder of {@code data[offset, offset + length)}, which the caller has checked. */
  static ModelCoder decoder(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("range outside the data");
    }
    return new ModelCoder(null, data, offset, length);
  }

  boolean decoding() {
    return decoding;
  }

  /** Bytes read past the end of the data (0 for an intact stream), as RangeDecoder counts. */
  int overrun() {
    return Math.max(0, overrun - 4);
  }

  /** Decodes {@code count} (at most 31) bits coded with RangeEncoder.encodeDirect. */
  int decodeDirect(int count) {
    int result = 0;
    for (int i = 0; i < count; i++) {
      range >>>= 1;
      int bit = (code ^ Integer.MIN_VALUE) >= (range ^ Integer.MIN_VALUE) ? 1 : 0;
      code -= range & -bit;
      result = (result << 1) | bit;
      normalize();
    }
    return result;
  }

  /**
   * Codes the low {@code count} (1..16) bits of {@code value} (ignored when decoding), most
   * significant first, each with p = 1/2 (RangeEncoder.encodeDirect); returns the bits coded.
   */
  int direct(int value, int count) {
    if (decoding) {
      return decodeDirect(count);
    }
    enc.encodeDirect(value, count);
    return value & ((1 << count) - 1);
  }

  /** RangeDecoder.decodeBit(p): the bit coded with probability p (of a 0) out of 4096. */
  private int decodeBit(int p) {
    int bound = (range >>> 12) * p;
    int bit = (code ^ Integer.MIN_VALUE) >= (bound ^ Integer.MIN_VALUE) ? 1 : 0;
    int m = -bit;
    code -= bound & m;
    range = (bound & ~m) | ((range - bound) & m);
    if ((range & -TOP) == 0) {
      normalize();
    }
    return bit;
  }

  private void normalize() {
    while ((range & -TOP) == 0) {
      range <<= 8;
      code = (code << 8) | next();
    }
  }

  private int next() {
    if (pos < end) {
      return data[pos++] & 0xFF;
    }
    overrun++;
    return 0;
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
    if (decoding) {
      bit = decodeBit(p12);
    } else {
      enc.encodeBit(p12, bit);
    }
    int target = (bit - 1) & 65535;
    p += ((target - p) * RATE[n]) >> 15;
    st[i] = (Math.min(n + 1, LIMIT) << 16) | p;
    return bit;
  }

  /**
   * Codes {@code bit} from two contexts mixed in the logistic domain (§3.2): p = squash((w0 ·
   * stretch(pa) + w1 · stretch(pb)) / 65536), the weights {@code w[wi]}, {@code w[wi + 1]}
   * trained towards each coded bit. Both contexts are updated as in {@link #bit}.
   */
  int bit2(int[] sa, int ia, int[] sb, int ib, int[] w, int wi, int bit) {
    int a = sa[ia];
    int b = sb[ib];
    int pa = a & 0xFFFF;
    int pb = b & 0xFFFF;
    int s0 = STRETCH[pa >>> 4];
    int s1 = STRETCH[pb >>> 4];
    int w0 = w[wi];
    int w1 = w[wi + 1];
    // squash() is 1..4095 already, no clamp needed.
    int d = (w0 * s0 + w1 * s1) >> 16;
    int p12 = d > 2047 ? 4095 : d < -2047 ? 1 : SQUASHED[d + 2047];
    if (decoding) {
      bit = decodeBit(p12);
    } else {
      enc.encodeBit(p12, bit);
    }
    int err = ((bit - 1) & 4095) - p12;
    w[wi] = clampWeight(w0 + ((s0 * err) >> MIX_SHIFT));
    w[wi + 1] = clampWeight(w1 + ((s1 * err) >> MIX_SHIFT));
    int target = (bit - 1) & 65535;
    int na = a >>> 16;
    int nb = b >>> 16;
    pa += ((target - pa) * RATE[na]) >> 15;
    pb += ((target - pb) * RATE[nb]) >> 15;
    sa[ia] = (Math.min(na + 1, LIMIT) << 16) | pa;
    sb[ib] = (Math.min(nb + 1, LIMIT) << 16) | pb;
    return bit;
  }

  /** Mixer learning rate: a weight moves by stretch · error / 2^MIX_SHIFT (§3.2). */
  static final int MIX_SHIFT = 10;
  private static final int W_INIT = 1 << 15;
  private static final int W_MAX = 1 << 19;

  private static int clampWeight(int w) {
    return w > W_MAX ? W_MAX : w < -W_MAX ? -W_MAX : w;
  }

  /** Mixer weights, every pair starting as the mean of the two stretched probabilities. */
  static int[] weights(int pairs) {
    int[] w = new int[2 * pairs];
    java.util.Arrays.fill(w, W_INIT);
    return w;
  }

  /** 4096 / (1 + e^(-(i - 16) / 2)), rounded: squash at steps of 128 (half a logit unit). */
  private static final int[] SQUASH = {
    1, 2, 4, 6, 10, 17, 27, 45, 74, 120, 194, 311, 488, 747, 1102, 1546, 2048, 2550, 2994, 3349,
    3608, 3785, 3902, 3976, 4022, 4051, 4069, 4079, 4086, 4090, 4092, 4094, 4095
  };
  /** squash(d) for d in [-2047, 2047] at index d + 2047: a lookup instead of interpolating. */
  private static final int[] SQUASHED = new int[4095];

  static {
    for (int d = -2047; d <= 2047; d++) {
      SQUASHED[d + 2047] = squash(d);
    }
  }

  /** The inverse of {@link #squash} over 12-bit probabilities, built from it (integers only). */
  private static final int[] STRETCH = new int[4096];

  static {
    int pi = 0;
    for (int x = -2047; x <= 2047; x++) {
      int v = squash(x);
      for (int i = pi; i <= v; i++) {
        STRETCH[i] = x;
      }
      pi = v + 1;
    }
    for (int i = pi; i < 4096; i++) {
      STRETCH[i] = 2047;
    }
  }

  /** The logistic function of d/256, as a 12-bit probability, by linear interpolation. */
  static int squash(int d) {
    if (d > 2047) {
      return 4095;
    }
    if (d < -2047) {
      return 1;
    }
    int w = d & 127;
    int i = (d >> 7) + 16;
    return (SQUASH[i] * (128 - w) + SQUASH[i + 1] * w + 64) >> 7;
  }
}
