package dev.tegula.tgl.lossless;

/**
 * Counts the distinct pixels (all channels together) of a tile, up to a limit: the encoder's test
 * for synthetic content (format-lossless.md §8). Open addressing over a table twice the limit;
 * photographs pass the limit within the first rows, so the test costs little there.
 */
final class ColourCount {
  private ColourCount() {}

  /** Whether the {@code pixels} pixels of {@code samples} have at most {@code limit} colours. */
  static boolean atMost(int[] samples, int pixels, int channels, int limit) {
    if (limit < 1) {
      return false;
    }
    int size = Integer.highestOneBit(limit) << 2;
    int mask = size - 1;
    long[] keys = new long[size];
    boolean[] used = new boolean[size];
    int count = 0;
    for (int i = 0, at = 0; i < pixels; i++, at += channels) {
      long key = 0;
      for (int k = 0; k < channels; k++) {
        key = (key << 16) | samples[at + k];
      }
      long h = key * 0x9E3779B97F4A7C15L;
      int slot = (int) (h >>> 40) & mask;
      while (used[slot] && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (!used[slot]) {
        if (++count > limit) {
          return false;
        }
        used[slot] = true;
        keys[slot] = key;
      }
    }
    return true;
  }
}
