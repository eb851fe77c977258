package dev.tegula.jpeg;

/**
 * The decoded samples of one component for a window of three iMCU rows (the previous, the current
 * and the next), enough for the upsampler's context rows (jdmainct.c): iMCU row k lives in slot
 * k mod 3. Each block gives {@link #blockSize} x blockSize samples: 8, or 4, 2 or 1 in a reduced
 * decode ({@link ReducedIdct}); a row is {@code blocksPerLine * blockSize} samples wide.
 */
final class ComponentPlane {
  final FrameComponent component;
  /** Quantizers in natural order, latched when the component's first scan started. */
  final int[] quant;
  /** Samples per block side: libjpeg's DCT_scaled_size. */
  final int blockSize;
  /** The component's size in samples at this block size (jdmaster.c's downsampled_width). */
  final int width;
  final int height;
  final int stride;
  final int rowsPerImcu;
  final byte[] samples;
  private final ReducedIdct reduced;

  /**
   * @param frame the frame: the component's sample size at {@code blockSize} is
   *     ceil(X * Hi * blockSize / (Hmax * 8)) (T.81 §A.1.1 scaled)
   */
  ComponentPlane(FrameComponent component, int[] quant, int blockSize, Frame frame) {
    this.component = component;
    this.quant = quant;
    this.blockSize = blockSize;
    this.width = (int) ceilDiv((long) frame.width * component.h * blockSize, frame.hMax * 8L);
    this.height = (int) ceilDiv((long) frame.height * component.v * blockSize, frame.vMax * 8L);
    this.stride = component.blocksPerLine * blockSize;
    this.rowsPerImcu = component.v * blockSize;
    this.samples = new byte[3 * rowsPerImcu * stride];
    this.reduced = blockSize < 8 ? new ReducedIdct() : null;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * Transforms one block (64 coefficients at {@code coef[off]}) to samples at {@code out}, by
   * this plane's block size; {@code lastK} as {@link Idct#transform(short[], int, int[], byte[],
   * int, int, int)}, or -1 when unknown.
   */
  void transformBlock(Idct idct, short[] coef, int off, int outOff, int lastK) {
    switch (blockSize) {
      case 8:
        if (lastK >= 0) {
          idct.transform(coef, off, quant, samples, outOff, stride, lastK);
        } else {
          idct.transform(coef, off, quant, samples, outOff, stride);
        }
        break;
      case 4:
        reduced.transform4(coef, off, quant, samples, outOff, stride);
        break;
      case 2:
        reduced.transform2(coef, off, quant, samples, outOff, stride);
        break;
      default:
        ReducedIdct.transform1(coef, off, quant, samples, outOff);
        break;
    }
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
      int rowBase = base + r * blockSize * stride;
      final byte[] lastK = c.blockLastK;
      final int coefRow = c.blockOffset(0, by);
      for (int bx = 0; bx < c.blocksPerLine; bx++) {
        int off = coefRow + (bx << 6);
        transformBlock(idct, coef, off, rowBase + bx * blockSize,
            lastK != null ? lastK[off >> 6] : -1);
      }
    }
  }
}
