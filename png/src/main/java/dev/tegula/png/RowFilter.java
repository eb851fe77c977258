package dev.tegula.png;

/**
 * Chooses and applies a scanline filter per row (PNG spec §9.2-§9.4; choice as §12.8 suggests and
 * libpng does): every filter type is tried and the one whose output has the smallest sum of
 * absolute values, bytes read as signed, wins. Buffers are allocated once per image.
 */
final class RowFilter {
  private final int bpp;
  private final int len;
  /** One candidate row per filter type, each with its filter-type byte at index 0. */
  private final byte[][] candidates = new byte[5][];

  /**
   * @param bpp bytes per pixel
   * @param len bytes per scanline without the filter byte
   */
  RowFilter(int bpp, int len) {
    this.bpp = bpp;
    this.len = len;
    for (int f = 0; f < 5; f++) {
      candidates[f] = new byte[len + 1];
      candidates[f][0] = (byte) f;
    }
  }

  /**
   * Filters {@code row} (raw bytes at index 1..len) against {@code prev} (the raw previous row in
   * the same layout, zeros for the first row).
   *
   * @return the filtered row with its filter-type byte, valid until the next call
   */
  byte[] filter(byte[] row, byte[] prev) {
    byte[] none = candidates[Unfilter.NONE];
    byte[] sub = candidates[Unfilter.SUB];
    byte[] up = candidates[Unfilter.UP];
    byte[] avg = candidates[Unfilter.AVERAGE];
    byte[] paeth = candidates[Unfilter.PAETH];
    for (int i = 1; i <= len; i++) {
      int x = row[i] & 0xFF;
      int b = prev[i] & 0xFF;
      int a = i > bpp ? row[i - bpp] & 0xFF : 0;
      int c = i > bpp ? prev[i - bpp] & 0xFF : 0;
      none[i] = (byte) x;
      sub[i] = (byte) (x - a);
      up[i] = (byte) (x - b);
      avg[i] = (byte) (x - ((a + b) >> 1));
      paeth[i] = (byte) (x - Unfilter.predictPaeth(a, b, c));
    }
    byte[] best = none;
    long bestSum = Long.MAX_VALUE;
    for (byte[] candidate : candidates) {
      long sum = 0;
      for (int i = 1; i <= len; i++) {
        sum += Math.abs(candidate[i]);
      }
      if (sum < bestSum) {
        bestSum = sum;
        best = candidate;
      }
    }
    return best;
  }
}
