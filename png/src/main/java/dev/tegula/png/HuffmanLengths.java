package dev.tegula.png;

/**
 * Huffman code lengths limited to a maximum length, and canonical codes from lengths (RFC 1951
 * §3.2.2). Lengths come from the classic two-queue construction over symbols sorted by frequency;
 * when a length exceeds the limit the longest codes are shortened to it and, to keep the Kraft sum
 * at 1, the deepest shorter codes (least frequent first) are lengthened. Every code built has at
 * least two symbols, so that decoders never see an incomplete code.
 *
 * <p>An instance holds the scratch arrays of its builds: a coder builds a few hundred codes per
 * megabyte (each segment's model, each merge's trial, each block), and the arrays each build
 * allocated were over half of the builds' time (gnome_field). One instance per thread.
 */
final class HuffmanLengths {
  /** The largest alphabet: deflate's literal/length symbols. */
  private static final int MAX_SYMBOLS = DeflateBlocks.LITLEN_SYMBOLS;

  /** The used symbols as {@code freq << 16 | symbol}, sorted. */
  private final long[] keys = new long[MAX_SYMBOLS];
  /** {@link #sortByFrequency}'s second buffer, and where each byte value's keys start. */
  private final long[] radix = new long[MAX_SYMBOLS];
  private final int[] start = new int[257];
  /** Leaves then internal nodes: their weights, and their parents (then their depths). */
  private final long[] weight = new long[2 * MAX_SYMBOLS];
  private final int[] parent = new int[2 * MAX_SYMBOLS];

  /** Code lengths for {@code freq[0..n)}, 0 for unused symbols ({@code n} at most 288). */
  void build(int[] freq, int n, int limit, int[] lengths) {
    java.util.Arrays.fill(lengths, 0, n, 0);
    long[] sorted = keys;
    int used = 0;
    for (int s = 0; s < n; s++) {
      // Without a branch on each symbol's use (either way by symbol): the slot is overwritten
      // until a used symbol keeps it. Frequencies are never negative.
      sorted[used] = ((long) freq[s] << 16) | s;
      used += -freq[s] >>> 31;
    }
    if (used < 2) {
      // One or no symbol: give two symbols one bit each so that the code is complete.
      int a = used == 1 ? (int) (sorted[0] & 0xFFFF) : 0;
      int b = a == 0 ? 1 : 0;
      lengths[a] = 1;
      lengths[b] = 1;
      return;
    }
    sortByFrequency(used);
    // Two-queue Huffman: leaves in sorted order, internal nodes in creation order.
    long[] weight = this.weight;
    int[] parent = this.parent;
    for (int i = 0; i < used; i++) {
      weight[i] = sorted[i] >>> 16;
    }
    int leaf = 0;
    int node = used;
    int next = used;
    while (next < 2 * used - 1) {
      int x = leaf < used && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
      int y = leaf < used && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
      weight[next] = weight[x] + weight[y];
      parent[x] = next;
      parent[y] = next;
      next++;
    }
    int root = 2 * used - 2;
    // Depths in place of the parents: a node's parent comes after it, so it is a depth already.
    int[] depth = parent;
    depth[root] = 0;
    for (int i = root - 1; i >= 0; i--) {
      depth[i] = depth[parent[i]] + 1;
    }
    int maxLen = 0;
    for (int i = 0; i < used; i++) {
      maxLen = Math.max(maxLen, depth[i]);
    }
    if (maxLen > limit) {
      limitLengths(depth, used, limit);
    }
    for (int i = 0; i < used; i++) {
      lengths[(int) (sorted[i] & 0xFFFF)] = depth[i];
    }
  }

  /**
   * Sorts {@link #keys}, given in ascending symbol order, by frequency with a stable radix sort
   * on the frequency's bytes: ascending keys, as a comparison sort gives them.
   */
  private void sortByFrequency(int used) {
    long[] src = keys;
    long bits = 0;
    for (int i = 0; i < used; i++) {
      bits |= src[i];
    }
    long[] dst = radix;
    int[] start = this.start;
    for (int shift = 16; bits >>> shift != 0; shift += 8) {
      java.util.Arrays.fill(start, 0);
      for (int i = 0; i < used; i++) {
        start[((int) (src[i] >>> shift) & 0xFF) + 1]++;
      }
      for (int b = 1; b < 256; b++) {
        start[b] += start[b - 1];
      }
      for (int i = 0; i < used; i++) {
        dst[start[(int) (src[i] >>> shift) & 0xFF]++] = src[i];
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    if (src != keys) {
      System.arraycopy(src, 0, keys, 0, used);
    }
  }

  /**
   * Leaves {@code 0..used)} sorted by ascending frequency: clamps to {@code limit}, then restores
   * the Kraft sum by lengthening the least frequent codes that are still shorter than the limit.
   */
  private static void limitLengths(int[] depth, int used, int limit) {
    long kraft = 0;
    long full = 1L << limit;
    for (int i = 0; i < used; i++) {
      depth[i] = Math.min(depth[i], limit);
      kraft += 1L << (limit - depth[i]);
    }
    while (kraft > full) {
      // The least frequent leaf with the greatest length below the limit.
      int pick = -1;
      for (int i = 0; i < used; i++) {
        if (depth[i] < limit && (pick < 0 || depth[i] > depth[pick])) {
          pick = i;
        }
      }
      kraft -= 1L << (limit - depth[pick] - 1);
      depth[pick]++;
    }
    // Spare Kraft space: shorten the most frequent codes where that still fits.
    for (int i = used - 1; i >= 0; i--) {
      while (depth[i] > 1 && kraft + (1L << (limit - depth[i])) <= full) {
        kraft += 1L << (limit - depth[i]);
        depth[i]--;
      }
    }
  }

  /** RFC 1951 §3.2.2: canonical codes, bit-reversed for LSB-first output. */
  static void codes(int[] lengths, int n, int[] codes) {
    int[] count = new int[16];
    for (int s = 0; s < n; s++) {
      count[lengths[s]]++;
    }
    count[0] = 0;
    int[] nextCode = new int[16];
    int code = 0;
    for (int len = 1; len < 16; len++) {
      code = (code + count[len - 1]) << 1;
      nextCode[len] = code;
    }
    for (int s = 0; s < n; s++) {
      int len = lengths[s];
      codes[s] = len == 0 ? 0 : Integer.reverse(nextCode[len]++) >>> (32 - len);
    }
  }
}
