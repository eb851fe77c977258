package dev.tegula.jpeg;

/**
 * One image component of a frame (T.81 §B.2.2, frame header parameters Ci, Hi, Vi, Tqi) and the
 * buffer its quantized DCT coefficients are decoded into.
 *
 * <p>Coefficients are kept for the whole image (progressive scans refine them in place), or for
 * one iMCU row when the image is a single sequential scan that is rendered as it is decoded.
 * Block (bx, by) lives at {@code ((by mod storeRows) * blocksPerLineAlloc + bx) * 64}, its 64
 * coefficients in natural (row-major) order, not zig-zag order, and not yet multiplied by the
 * quantizer.
 */
final class FrameComponent {
  /** Component identifier Ci, as scans refer to it. */
  final int id;
  /** Position in the frame header, 0-based. */
  final int index;
  /** Horizontal sampling factor Hi, 1-4. */
  final int h;
  /** Vertical sampling factor Vi, 1-4. */
  final int v;
  /** Quantization table selector Tqi, 0-3. */
  final int quantTable;

  /** Blocks per line that hold image samples: ceil(ceil(X * Hi / Hmax) / 8) (T.81 §A.2.2). */
  int blocksPerLine;
  /** Block rows that hold image samples: ceil(ceil(Y * Vi / Vmax) / 8). */
  int blocksPerColumn;
  /** Blocks per line in the store: mcusPerLine * Hi, so interleaved MCUs never fall outside. */
  int blocksPerLineAlloc;
  /** Block rows in the store: mcusPerColumn * Vi. */
  int blockRowsAlloc;
  /** Samples per line of the component: ceil(X * Hi / Hmax). */
  int sampleWidth;
  /** Sample lines of the component: ceil(Y * Vi / Vmax). */
  int sampleHeight;
  /**
   * Block rows the store holds: blockRowsAlloc, or v when it holds one iMCU row at a time (a
   * single-pass decode, {@link Renderer}); block row by lives in store row by mod storeRows.
   */
  int storeRows;
  /** The coefficient store, allocated by the decoder once the frame header passed the limits. */
  short[] coefficients;
  /**
   * Per block (index {@code blockOffset(bx, by) >> 6}), an upper bound of the zig-zag index of its
   * last nonzero AC coefficient (0: DC only), kept by the Huffman decoder so that the IDCT can
   * skip zero terms; null when not kept (arithmetic-coded frames), and the IDCT looks instead.
   */
  byte[] blockLastK;
  /**
   * Per block, in progressive Huffman-coded frames: which AC coefficients are nonzero, zig-zag
   * index k at bit 63 − k (bit 63, DC, unused), kept by the AC scans so that refinement scans
   * skip zeros without reading them; null until an AC scan needs it.
   */
  long[] acMask;

  FrameComponent(int id, int index, int h, int v, int quantTable) {
    this.id = id;
    this.index = index;
    this.h = h;
    this.v = v;
    this.quantTable = quantTable;
  }

  /** The acMask of every block, from the coefficients. */
  static long[] acMasks(short[] coefficients) {
    long[] m = new long[coefficients.length >> 6];
    int[] natural = ZigZag.NATURAL_ORDER;
    for (int b = 0; b < m.length; b++) {
      long x = 0;
      for (int k = 1; k < 64; k++) {
        if (coefficients[(b << 6) + natural[k]] != 0) {
          x |= Long.MIN_VALUE >>> k;
        }
      }
      m[b] = x;
    }
    return m;
  }

  /**
   * A block's acMask after writing {@code value} at zig-zag index k (past 63, a corrupt run's
   * write lands on 63, as {@link ZigZag#NATURAL_ORDER} pads it).
   */
  static long withAc(long mask, int k, int value) {
    long bit = Long.MIN_VALUE >>> Math.min(k, 63);
    return (mask & ~bit) | (bit & -(long) ((value | -value) >>> 31));
  }

  /** Offset of block (bx, by) in {@link #coefficients}. */
  int blockOffset(int bx, int by) {
    int row = by < storeRows ? by : by % storeRows;
    return (row * blocksPerLineAlloc + bx) << 6;
  }
}
