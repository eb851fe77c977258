package dev.tegula.jpeg;

/**
 * The decoded samples of one component for a window of three iMCU rows (the previous, the current
 * and the next), enough for the upsampler's context rows (jdmainct.c): iMCU row k lives in slot
 * k mod 3. A row is {@code blocksPerLine * 8} samples wide.
 */
final class ComponentPlane {
  final FrameComponent component;
  /** Quantizers in natural order, latched when the component's first scan started. */
  final int[] quant;
  final int stride;
  final int rowsPerImcu;
  final byte[] samples;

  ComponentPlane(FrameComponent component, int[] quant) {
    this.component = component;
    this.quant = quant;
    this.stride = component.blocksPerLine * 8;
    this.rowsPerImcu = component.v * 8;
    this.samples = new byte[3 * rowsPerImcu * stride];
  }

  /** Offset of component sample row cy (which must be in the window) in {@link #samples}. */
  int rowOffset(int cy) {
    int k = cy / rowsPerImcu;
    return ((k % 3) * rowsPerImcu + (cy - k * rowsPerImcu)) * stride;
  }

  /** Dequantizes and inverse-transforms the blocks of iMCU row k into its slot. */
  void transformRow(int k, Idct idct) {
    final FrameComponent c = component;
    final short[] coef = c.coefficients;
    final int v = c.v;
    final int base = (k % 3) * rowsPerImcu * stride;
    for (int r = 0; r < v; r++) {
      int by = k * v + r;
      if (by >= c.blocksPerColumn) {
        break;
      }
      int rowBase = base + r * 8 * stride;
      final byte[] lastK = c.blockLastK;
      for (int bx = 0; bx < c.blocksPerLine; bx++) {
        int off = c.blockOffset(bx, by);
        if (lastK != null) {
          idct.transform(coef, off, quant, samples, rowBase + bx * 8, stride, lastK[off >> 6]);
        } else {
          idct.transform(coef, off, quant, samples, rowBase + bx * 8, stride);
        }
      }
    }
  }
}
