package dev.tegula.png;

/**
 * Pass geometry of interlace method 1, Adam7 (PNG spec §8.2). A non-interlaced image is treated as
 * one pass covering every pixel, so the rest of the decoder has a single path.
 */
final class Adam7 {
  private static final int[] X0 = {0, 4, 0, 2, 0, 1, 0};
  private static final int[] Y0 = {0, 0, 4, 0, 2, 0, 1};
  private static final int[] DX = {8, 8, 4, 4, 2, 2, 1};
  private static final int[] DY = {8, 8, 8, 4, 4, 2, 2};

  private Adam7() {}

  static int passCount(boolean interlaced) {
    return interlaced ? 7 : 1;
  }

  static int startX(boolean interlaced, int pass) {
    return interlaced ? X0[pass] : 0;
  }

  static int startY(boolean interlaced, int pass) {
    return interlaced ? Y0[pass] : 0;
  }

  static int stepX(boolean interlaced, int pass) {
    return interlaced ? DX[pass] : 1;
  }

  static int stepY(boolean interlaced, int pass) {
    return interlaced ? DY[pass] : 1;
  }

  /** Columns of the pass; 0 when the image is too narrow for it (the pass is then empty). */
  static int passWidth(int width, boolean interlaced, int pass) {
    return span(width, startX(interlaced, pass), stepX(interlaced, pass));
  }

  static int passHeight(int height, boolean interlaced, int pass) {
    return span(height, startY(interlaced, pass), stepY(interlaced, pass));
  }

  /** Passes that hold at least one pixel: small images have empty passes. */
  static int nonEmptyPasses(int width, int height, boolean interlaced) {
    int n = 0;
    for (int p = 0; p < passCount(interlaced); p++) {
      if (passWidth(width, interlaced, p) > 0 && passHeight(height, interlaced, p) > 0) {
        n++;
      }
    }
    return n;
  }

  private static int span(int size, int start, int step) {
    return size <= start ? 0 : (int) (((long) size - start + step - 1) / step);
  }
}
