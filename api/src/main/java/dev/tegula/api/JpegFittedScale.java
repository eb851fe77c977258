package dev.tegula.api;

import dev.tegula.jpeg.JpegEncodeOptions;

/**
 * JPEG's quality scale as it was when the estimates' corrections by quality were measured
 * (sessions 8-39): the effective quality q + (100 - q) / 5 was rounded down to a whole number,
 * so 26, 31, ..., 96 had the tables of the quality below and the scale stood still over the
 * hundredths before each of them. Since session 40 those qualities lie halfway to the next
 * effective quality (96: a scale of 7 % instead of 8 %), and the fine scale falls evenly across
 * them. A correction measures what the estimate misses at given table steps, so it is read at
 * the old quality whose table scale the encoder now has ({@link #quality}): 96 reads the
 * corrections at the old 96.50. Every other whole quality kept its tables and maps to itself.
 */
final class JpegFittedScale {
  private JpegFittedScale() {}

  /** The old scale at whole qualities 0-100, hundredths of a percent. */
  private static final int[] WHOLE = oldWholeScales();
  /** The old quality in hundredths for each quality in hundredths, 0-10000. */
  private static final int[] OLD = oldQualities();

  /**
   * The quality in hundredths at which the encoder before session 40 wrote the table scale it
   * now writes at {@code hundredths}; on a stretch where the old scale stood still, its start.
   */
  static int quality(int hundredths) {
    return OLD[hundredths];
  }

  private static int[] oldWholeScales() {
    int[] whole = new int[101];
    for (int q = 0; q <= 100; q++) {
      int effective = q < 25 ? q * 8 / 5 : (4 * q + 100) / 5;
      int ijg = Math.max(1, effective);
      whole[q] = 100 * (ijg < 50 ? 5000 / ijg : 200 - 2 * ijg);
    }
    return whole;
  }

  private static int[] oldQualities() {
    int[] old = new int[TargetSearch.TOP + 1];
    for (int h = 0; h <= TargetSearch.TOP; h++) {
      int s = JpegEncodeOptions.tableScaleHundredths(h);
      old[h] = s >= WHOLE[0] ? 0 : TargetSearch.TOP;
      for (int q = 0; q < 100; q++) {
        if (WHOLE[q] > s && s >= WHOLE[q + 1]) {
          old[h] = q * 100 + (int) Math.round(100.0 * (WHOLE[q] - s) / (WHOLE[q] - WHOLE[q + 1]));
          break;
        }
      }
    }
    return old;
  }
}
