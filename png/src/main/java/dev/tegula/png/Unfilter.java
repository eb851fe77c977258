package dev.tegula.png;

/**
 * Reverses the scanline filters of filter method 0 (PNG spec §7.3, §9.2-§9.4): None, Sub, Up,
 * Average and Paeth. Rows are laid out as in the datastream, the filter-type byte at index 0 and
 * the filtered bytes after it; the previous row is already unfiltered, all zeros for the first row
 * of a pass.
 */
final class Unfilter {
  static final int NONE = 0;
  static final int SUB = 1;
  static final int UP = 2;
  static final int AVERAGE = 3;
  static final int PAETH = 4;

  private Unfilter() {}

  /**
   * Unfilters {@code row[1..len]} in place.
   *
   * @param bpp bytes per complete pixel, at least 1 (§9.2)
   * @return false when the filter-type byte is not 0-4
   */
  static boolean apply(byte[] row, byte[] prev, int len, int bpp) {
    int end = len + 1;
    switch (row[0]) {
      case NONE:
        return true;
      case SUB:
        for (int i = 1 + bpp; i < end; i++) {
          row[i] += row[i - bpp];
        }
        return true;
      case UP:
        for (int i = 1; i < end; i++) {
          row[i] += prev[i];
        }
        return true;
      case AVERAGE:
        average(row, prev, end, bpp);
        return true;
      case PAETH:
        paeth(row, prev, end, bpp);
        return true;
      default:
        return false;
    }
  }

  private static void average(byte[] row, byte[] prev, int end, int bpp) {
    int lead = Math.min(end, 1 + bpp);
    for (int i = 1; i < lead; i++) {
      row[i] += (prev[i] & 0xFF) >> 1;
    }
    for (int i = lead; i < end; i++) {
      row[i] += ((row[i - bpp] & 0xFF) + (prev[i] & 0xFF)) >> 1;
    }
  }

  private static void paeth(byte[] row, byte[] prev, int end, int bpp) {
    int lead = Math.min(end, 1 + bpp);
    // With a = c = 0 the predictor always picks b, the byte above.
    for (int i = 1; i < lead; i++) {
      row[i] += prev[i];
    }
    for (int i = lead; i < end; i++) {
      row[i] += predictPaeth(row[i - bpp] & 0xFF, prev[i] & 0xFF, prev[i - bpp] & 0xFF);
    }
  }

  /** §9.4: the neighbour (left a, above b, upper-left c) closest to a + b - c, ties to a then b. */
  static int predictPaeth(int a, int b, int c) {
    int pa = Math.abs(b - c);
    int pb = Math.abs(a - c);
    int pc = Math.abs(a + b - c - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }
}
