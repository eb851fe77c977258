package dev.tegula.tgl.lossless;

import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * Binarizes prediction residuals and codes them with mixed adaptive probabilities
 * (format-lossless.md §5, §6).
 *
 * <p>A residual r is coded as: zero flag; sign; the exponent e = floor(log2 |r|) in unary; the bit
 * below the leading one; the remaining e - 1 bits. Every decision but the last group takes its
 * probability from three context tables (by predicted scale, by neighbour activity and signs, by
 * texture and the other planes' residuals), mixed in the logistic domain by weights that learn per
 * decision. The low mantissa bits are close to uniform and only get one table indexed by position.
 */
final class ResidualCoder {
  /** Exponents run 0..MAX_EXP-1; a residual's magnitude is below 2^MAX_EXP. */
  static final int MAX_EXP = 20;

  private static final int ZERO = 0;
  private static final int SIGN = 1;
  private static final int EXP = 2;
  private static final int MANT = 2 + MAX_EXP;
  private static final int DECISIONS = 2 + 2 * MAX_EXP;

  /** Values of the sign context (§5.2). */
  static final int SIGN_CONTEXTS = 6;
  /** Values of the activity context: 12 activity levels times 9 neighbour sign patterns. */
  static final int ACTIVITY_CONTEXTS = 12 * 9;
  /** Values of the texture context: 10 texture levels times 4 cross-plane levels. */
  static final int TEXTURE_CONTEXTS = 10 * 4;

  private static final int WEIGHT_LIMIT = 1 << 22;
  private static final int LEARNING_SHIFT = 12;

  final int scaleLevels;
  private final AdaptiveBits byScale;
  private final AdaptiveBits byActivity;
  private final AdaptiveBits byTexture;
  private final AdaptiveBits lowBits;
  private final int[] weights = new int[DECISIONS * 4];

  private int scaleContext;
  private int signContext;
  private int activityContext;
  private int textureContext;

  // The decision being coded: its slots, stretched inputs and mixed probability.
  private int slotA;
  private int slotB;
  private int slotC;
  private int weightAt;
  private int s0;
  private int s1;
  private int s2;
  private int mixed;

  ResidualCoder(int scaleLevels) {
    this.scaleLevels = scaleLevels;
    byScale = new AdaptiveBits((scaleLevels + SIGN_CONTEXTS) * DECISIONS);
    byActivity = new AdaptiveBits(ACTIVITY_CONTEXTS * DECISIONS);
    byTexture = new AdaptiveBits(TEXTURE_CONTEXTS * DECISIONS);
    lowBits = new AdaptiveBits(MAX_EXP * MAX_EXP);
    reset();
  }

  /** Back to the initial probabilities and mixing weights, for the next plane. */
  void reset() {
    byScale.reset();
    byActivity.reset();
    byTexture.reset();
    lowBits.reset();
    java.util.Arrays.fill(weights, 0);
    for (int d = 0; d < DECISIONS; d++) {
      weights[4 * d] = 40000;
      weights[4 * d + 1] = 20000;
      weights[4 * d + 2] = 20000;
    }
  }

  /** Sets the contexts of the next residual; each argument within its documented range. */
  void setContexts(int scale, int sign, int activity, int texture) {
    scaleContext = scale;
    signContext = scaleLevels + sign;
    activityContext = activity;
    textureContext = texture;
  }

  void encode(RangeEncoder enc, int r) {
    if (r == 0) {
      encodeMixed(enc, ZERO, scaleContext, 0);
      return;
    }
    encodeMixed(enc, ZERO, scaleContext, 1);
    encodeMixed(enc, SIGN, signContext, r < 0 ? 1 : 0);
    int m = r < 0 ? -r : r;
    int e = 31 - Integer.numberOfLeadingZeros(m);
    for (int k = 0; k < e; k++) {
      encodeMixed(enc, EXP + k, scaleContext, 1);
    }
    if (e < MAX_EXP - 1) {
      encodeMixed(enc, EXP + e, scaleContext, 0);
    }
    if (e > 0) {
      encodeMixed(enc, MANT + e, scaleContext, (m >>> (e - 1)) & 1);
      for (int j = e - 2; j >= 0; j--) {
        lowBits.encode(enc, e * MAX_EXP + j, (m >>> j) & 1);
      }
    }
  }

  int decode(RangeDecoder dec) {
    if (decodeMixed(dec, ZERO, scaleContext) == 0) {
      return 0;
    }
    boolean negative = decodeMixed(dec, SIGN, signContext) != 0;
    int e = 0;
    while (e < MAX_EXP - 1 && decodeMixed(dec, EXP + e, scaleContext) != 0) {
      e++;
    }
    int m = 1;
    if (e > 0) {
      m = 2 | decodeMixed(dec, MANT + e, scaleContext);
      for (int j = e - 2; j >= 0; j--) {
        m = (m << 1) | lowBits.decode(dec, e * MAX_EXP + j);
      }
    }
    return negative ? -m : m;
  }

  private void encodeMixed(RangeEncoder enc, int decision, int contextA, int bit) {
    enc.encodeBit(mix(decision, contextA), bit);
    learn(bit);
  }

  private int decodeMixed(RangeDecoder dec, int decision, int contextA) {
    int bit = dec.decodeBit(mix(decision, contextA));
    learn(bit);
    return bit;
  }

  /** §6.2: the probability of a 0 for this decision, 12 bits. */
  private int mix(int decision, int contextA) {
    slotA = contextA * DECISIONS + decision;
    slotB = activityContext * DECISIONS + decision;
    slotC = textureContext * DECISIONS + decision;
    s0 = Logistic.stretch(byScale.p12(slotA));
    s1 = Logistic.stretch(byActivity.p12(slotB));
    s2 = Logistic.stretch(byTexture.p12(slotC));
    int w = 4 * decision;
    weightAt = w;
    long dot = (long) weights[w] * s0 + (long) weights[w + 1] * s1 + (long) weights[w + 2] * s2
        + (long) weights[w + 3] * 256;
    mixed = Logistic.squash((int) (dot >> 16));
    return mixed;
  }

  private void learn(int bit) {
    int err = (bit == 0 ? 4095 : 0) - mixed;
    int w = weightAt;
    weights[w] = clampWeight(weights[w] + ((s0 * err) >> LEARNING_SHIFT));
    weights[w + 1] = clampWeight(weights[w + 1] + ((s1 * err) >> LEARNING_SHIFT));
    weights[w + 2] = clampWeight(weights[w + 2] + ((s2 * err) >> LEARNING_SHIFT));
    weights[w + 3] = clampWeight(weights[w + 3] + ((256 * err) >> LEARNING_SHIFT));
    byScale.update(slotA, bit);
    byActivity.update(slotB, bit);
    byTexture.update(slotC, bit);
  }

  private static int clampWeight(int w) {
    return w > WEIGHT_LIMIT ? WEIGHT_LIMIT : (w < -WEIGHT_LIMIT ? -WEIGHT_LIMIT : w);
  }
}
