package dev.tegula.jpeg;

/** Pixel comparison helpers. */
final class Diff {
  private Diff() {}

  /** {max |a - b| over all samples, count of differing samples, first differing pixel index}. */
  static int[] maxDiff(byte[] rgba, int[] expected) {
    int max = 0;
    int count = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      int d = Math.abs((rgba[i] & 0xFF) - expected[i]);
      if (d != 0) {
        count++;
        if (first < 0) {
          first = i >> 2;
        }
        max = Math.max(max, d);
      }
    }
    return new int[] {max, count, first};
  }

  static String describe(int[] diff) {
    return diff[0] + " (" + diff[1] + " samples differ" + (diff[2] >= 0 ? ", first at pixel " + diff[2] : "") + ")";
  }
}
