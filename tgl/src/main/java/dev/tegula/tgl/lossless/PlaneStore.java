package dev.tegula.tgl.lossless;

/**
 * A finished plane's rows, kept for the planes that refer to it and for the output
 * (format-lossless.md §4: method 1 codes the planes one after another, and P1, P2 read P0, P1).
 * Issue 8's memory bound: samples are kept as their distance from the plane's {@code lo}, in
 * bytes, chars or ints, whichever the plane's range needs; a residual is kept as the prediction
 * it was measured from (same range as the samples), so that an 8-bit P0 takes two bytes a pixel.
 *
 * <p>The arrays grow to the largest tile and are reused by every tile of one decode: a store
 * belongs to one decoding thread at a time.
 */
final class PlaneStore {
  private byte[] bytes = new byte[0];
  private char[] chars = new char[0];
  private int[] ints = new int[0];
  private int kind;
  private int width;

  /** The narrowest kind for samples {@code lo..hi}: 1 bytes, 2 chars, 4 ints. */
  static int kindFor(long range) {
    return range <= 0xFF ? 1 : range <= 0xFFFF ? 2 : 4;
  }

  /** Makes room for {@code width · height} samples of the given kind. */
  void prepare(int width, int height, int kind) {
    int size = width * height;
    this.width = width;
    this.kind = kind;
    if (kind == 1 && bytes.length < size) {
      bytes = new byte[size];
    } else if (kind == 2 && chars.length < size) {
      chars = new char[size];
    } else if (kind == 4 && ints.length < size) {
      ints = new int[size];
    }
  }

  /** Stores row {@code y}: {@code src[from, from + width)} minus {@code lo}. */
  void put(int y, int[] src, int from, int lo) {
    int at = y * width;
    int w = width;
    if (kind == 1) {
      byte[] b = bytes;
      for (int x = 0; x < w; x++) {
        b[at + x] = (byte) (src[from + x] - lo);
      }
    } else if (kind == 2) {
      char[] c = chars;
      for (int x = 0; x < w; x++) {
        c[at + x] = (char) (src[from + x] - lo);
      }
    } else {
      int[] n = ints;
      for (int x = 0; x < w; x++) {
        n[at + x] = src[from + x] - lo;
      }
    }
  }

  /** Stores row {@code y}'s predictions: the samples minus their residuals, minus {@code lo}. */
  void putPredictions(int y, int[] values, int[] residuals, int from, int lo) {
    int at = y * width;
    int w = width;
    if (kind == 1) {
      byte[] b = bytes;
      for (int x = 0; x < w; x++) {
        b[at + x] = (byte) (values[from + x] - residuals[from + x] - lo);
      }
    } else if (kind == 2) {
      char[] c = chars;
      for (int x = 0; x < w; x++) {
        c[at + x] = (char) (values[from + x] - residuals[from + x] - lo);
      }
    } else {
      int[] n = ints;
      for (int x = 0; x < w; x++) {
        n[at + x] = values[from + x] - residuals[from + x] - lo;
      }
    }
  }

  /** Row {@code y} into {@code dst[to, to + width)}, plus {@code lo}. */
  void get(int y, int[] dst, int to, int lo) {
    int at = y * width;
    int w = width;
    if (kind == 1) {
      byte[] b = bytes;
      for (int x = 0; x < w; x++) {
        dst[to + x] = lo + (b[at + x] & 0xFF);
      }
    } else if (kind == 2) {
      char[] c = chars;
      for (int x = 0; x < w; x++) {
        dst[to + x] = lo + c[at + x];
      }
    } else {
      int[] n = ints;
      for (int x = 0; x < w; x++) {
        dst[to + x] = lo + n[at + x];
      }
    }
  }

  /**
   * Row {@code y}'s residuals into {@code dst[to, to + width)}: the samples, already in {@code
   * values[to, to + width)}, minus the stored predictions plus {@code lo}.
   */
  void getResiduals(int y, int[] values, int[] dst, int to, int lo) {
    int at = y * width;
    int w = width;
    if (kind == 1) {
      byte[] b = bytes;
      for (int x = 0; x < w; x++) {
        dst[to + x] = values[to + x] - lo - (b[at + x] & 0xFF);
      }
    } else if (kind == 2) {
      char[] c = chars;
      for (int x = 0; x < w; x++) {
        dst[to + x] = values[to + x] - lo - c[at + x];
      }
    } else {
      int[] n = ints;
      for (int x = 0; x < w; x++) {
        dst[to + x] = values[to + x] - lo - n[at + x];
      }
    }
  }
}
