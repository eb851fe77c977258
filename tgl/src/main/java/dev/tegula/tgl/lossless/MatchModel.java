package dev.tegula.tgl.lossless;

import dev.tegula.tgl.RangeDecoder;
import dev.tegula.tgl.RangeEncoder;

/**
 * Context matching for synthetic content (format-lossless.md §4.4). The causal neighbourhood of a
 * pixel (W, N, NW, NE, WW, NN and the already coded planes' samples at the pixel) is hashed; if
 * the same neighbourhood occurred before in this plane, the sample found there is a candidate.
 * When the candidate differs from the regular prediction, one flag says whether the sample equals
 * it. Screenshots, text and flat art repeat such neighbourhoods exactly; photographs almost never
 * do, so they rarely pay for a flag.
 */
final class MatchModel {
  private static final long MIX = 0x9E3779B97F4A7C15L;
  /** Largest probability of a miss (12 bits) at which a flag is still coded. */
  private static final int CODE_BELOW = 2048;

  private static final int MAX_SLOTS = 1 << 14;

  private int mask;
  private final int[] keys;
  /**
   * The sample recorded with each slot's key. §4.4 speaks of the position q and offers V[q]; a
   * sample never changes once decoded, so keeping V[q] itself gives the same offers without
   * keeping the plane (issue 8's memory bound).
   */
  private final int[] values;
  private final boolean[] filled;
  private final byte[] confidence;
  private final AdaptiveBits flags = new AdaptiveBits(9 * 4 * 4);

  private int slot;
  private int key;
  private int flagContext;
  private int candidate;
  private int found;

  /** A table for planes of up to 2^14 pixels' worth of slots; {@link #reset} before each plane. */
  MatchModel() {
    keys = new int[MAX_SLOTS];
    values = new int[MAX_SLOTS];
    filled = new boolean[MAX_SLOTS];
    confidence = new byte[MAX_SLOTS];
  }

  /** Starts a plane of {@code pixels} pixels: about one slot per pixel, at most 2^14, all empty. */
  void reset(int pixels) {
    int size = 256;
    while (size < pixels && size < MAX_SLOTS) {
      size <<= 1;
    }
    mask = size - 1;
    java.util.Arrays.fill(keys, 0, size, 0);
    java.util.Arrays.fill(values, 0, size, 0);
    java.util.Arrays.fill(filled, 0, size, false);
    java.util.Arrays.fill(confidence, 0, size, (byte) 0);
    flags.reset();
  }

  /**
   * Looks the neighbourhood up; whether an earlier pixel had the same neighbourhood, its sample
   * then being {@link #found}. The lookup is remembered for {@link #record}.
   */
  boolean find(int w, int n, int nw, int ne, int ww, int nn, int other0, int other1) {
    long h = (w * MIX) ^ n;
    h = (h * MIX) ^ nw;
    h = (h * MIX) ^ ne;
    h = (h * MIX) ^ ww;
    h = (h * MIX) ^ nn;
    h = (h * MIX) ^ other0;
    h = (h * MIX) ^ other1;
    h *= MIX;
    h ^= h >>> 29;
    slot = (int) (h >>> 40) & mask;
    key = (int) h;
    if (filled[slot] && keys[slot] == key) {
      found = values[slot];
      return true;
    }
    return false;
  }

  /** The sample of the pixel the last successful {@link #find} found. */
  int found() {
    return found;
  }

  /**
   * Makes {@code value} this pixel's candidate. The flag context comes from the match states of
   * the W and N pixels (0 none, 1 hit, 2 miss), the scale level and the slot's recent hits.
   */
  void offer(int value, int stateW, int stateN, int scaleLevel) {
    int coarse = scaleLevel >> 2;
    if (coarse > 3) {
      coarse = 3;
    }
    candidate = value;
    flagContext = ((stateW * 3 + stateN) * 4 + coarse) * 4 + confidence[slot];
  }

  int candidate() {
    return candidate;
  }

  /**
   * Whether the flag is coded at all: only when a hit is at least as likely as a miss in its
   * context. Otherwise the sample is coded as usual and the flag's statistics still learn whether
   * it would have been a hit, so photographs stop paying for flags they cannot use.
   */
  boolean worthCoding() {
    return flags.p12(flagContext) <= CODE_BELOW;
  }

  void encodeFlag(RangeEncoder enc, boolean hit) {
    flags.encode(enc, flagContext, hit ? 1 : 0);
    remember(hit);
  }

  boolean decodeFlag(RangeDecoder dec) {
    boolean hit = flags.decode(dec, flagContext) != 0;
    remember(hit);
    return hit;
  }

  /** Learns the outcome of a flag that was not coded. */
  void learn(boolean hit) {
    flags.update(flagContext, hit ? 1 : 0);
    remember(hit);
  }

  /** A hit raises the slot's confidence, a miss clears it. */
  private void remember(boolean hit) {
    int c = confidence[slot];
    confidence[slot] = (byte) (hit ? Math.min(c + 1, 3) : 0);
  }

  /** Stores this pixel's sample {@code v} for the neighbourhood of the last {@link #find}. */
  void record(int v) {
    if (keys[slot] != key) {
      confidence[slot] = 0;
    }
    keys[slot] = key;
    values[slot] = v;
    filled[slot] = true;
  }
}
