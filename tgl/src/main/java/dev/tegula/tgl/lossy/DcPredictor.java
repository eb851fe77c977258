package dev.tegula.tgl.lossy;

/**
 * DC prediction (docs/format-lossy.md §7.3): the median edge detector of LOCO-I over the
 * reconstructed DC values of the left, upper and upper-left blocks. Prediction works on
 * dequantized values, so neighbours in macroblocks with another adaptive step still predict
 * well; the predicted value is then quantized with the block's own step.
 */
final class DcPredictor {
  private DcPredictor() {}

  /** Reconstructed DC (orthonormal units) of quantized value {@code q} at step16 {@code step}. */
  static int dequantize(int q, int step) {
    int dc = q * step;
    return (dc + (dc < 0 ? -8 : 8)) / 16;
  }

  /** Predicted DC of block (bx, by), orthonormal units. */
  static int predict(int[] dc, int bw, int bx, int by) {
    int b = by * bw + bx;
    if (bx > 0 && by > 0) {
      int l = dc[b - 1];
      int a = dc[b - bw];
      int al = dc[b - bw - 1];
      int lo = Math.min(l, a);
      int hi = Math.max(l, a);
      return al >= hi ? lo : al <= lo ? hi : l + a - al;
    }
    return bx > 0 ? dc[b - 1] : by > 0 ? dc[b - bw] : 0;
  }

  /** The prediction in steps of the block, rounded half away from zero. */
  static int predictQ(int[] dc, int bw, int bx, int by, int step) {
    int p = predict(dc, bw, bx, by) * 16;
    int h = step >> 1;
    return p < 0 ? -((-p + h) / step) : (p + h) / step;
  }

  /** Context bucket from how much the neighbours disagree, in steps. */
  static int bucket(int[] dc, int bw, int bx, int by, int step) {
    int b = by * bw + bx;
    if (bx == 0 || by == 0) {
      // Tile edge: one neighbour or none, a context of its own.
      return bx + by == 0 ? 5 : 4;
    }
    long spread = Math.abs((long) dc[b - 1] - dc[b - bw - 1])
        + Math.abs((long) dc[b - bw] - dc[b - bw - 1]);
    return CoefficientCoder.dcBucket((int) Math.min(1L << 20, spread * 16 / step));
  }
}
