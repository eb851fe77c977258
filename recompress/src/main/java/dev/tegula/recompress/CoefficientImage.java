package dev.tegula.recompress;

import java.util.Arrays;

/**
 * The quantized DCT coefficients of one JPEG frame (T.81 §A.1, §F.1.1.4): what {@code
 * CoefficientCoder} compresses and what the JPEG model parses from and writes back to a file.
 *
 * <p>Each component's blocks are stored row-major, {@code blocksWide[c] × blocksHigh[c]} blocks,
 * 64 coefficients per block in natural (row-major, not zigzag) order, DC first. The block grid is
 * padded to whole MCUs as a decoder's buffer is (T.81 §A.2.4): blocks no scan codes stay zero.
 *
 * <p>An "MCU row" {@code r} (for the coder's bands) is block rows {@code [r·v[c], (r+1)·v[c])} of
 * component c, clipped to {@code blocksHigh[c]}; there are {@link #mcuRows()} of them.
 */
public final class CoefficientImage {
  public final int width;
  public final int height;
  public final int components;
  /** Sampling factors per component (T.81 §B.2.2 H and V). */
  public final int[] h;
  public final int[] v;
  public final int[] blocksWide;
  public final int[] blocksHigh;
  /** Per component: its quantization table, 64 values in natural order (context for the coder). */
  public final int[][] quant;
  /** Per component: {@code blocksWide·blocksHigh·64} coefficients. */
  public final short[][] coefficients;

  /**
   * Allocates zeroed coefficient arrays. The caller checks the frame against its limits first:
   * sizes are computed with {@link Math#multiplyExact} and overflow is caller misuse.
   */
  public CoefficientImage(int width, int height, int[] h, int[] v, int[][] quant) {
    this(width, height, h, v, quant, true);
  }

  /**
   * @param keep false for the geometry alone, every {@link #coefficients} entry null: for a
   *     decoder that hands each block on as it makes it ({@link BlockMasks#fromDecoder})
   */
  CoefficientImage(int width, int height, int[] h, int[] v, int[][] quant, boolean keep) {
    if (width < 1 || height < 1 || h.length == 0 || h.length != v.length
        || quant.length != h.length) {
      throw new IllegalArgumentException("bad frame geometry");
    }
    this.width = width;
    this.height = height;
    this.components = h.length;
    this.h = h.clone();
    this.v = v.clone();
    this.quant = new int[components][];
    int hMax = 1;
    int vMax = 1;
    for (int c = 0; c < components; c++) {
      if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4 || quant[c].length != 64) {
        throw new IllegalArgumentException("bad component " + c);
      }
      hMax = Math.max(hMax, h[c]);
      vMax = Math.max(vMax, v[c]);
      this.quant[c] = quant[c].clone();
    }
    int mcusAcross = ceilDiv(width, 8 * hMax);
    int mcusDown = ceilDiv(height, 8 * vMax);
    this.blocksWide = new int[components];
    this.blocksHigh = new int[components];
    this.coefficients = new short[components][];
    for (int c = 0; c < components; c++) {
      blocksWide[c] = components == 1 ? ceilDiv(width, 8) : mcusAcross * h[c];
      blocksHigh[c] = components == 1 ? ceilDiv(height, 8) : mcusDown * v[c];
      int size = Math.multiplyExact(Math.multiplyExact(blocksWide[c], blocksHigh[c]), 64);
      coefficients[c] = keep ? new short[size] : null;
    }
  }

  /**
   * Per component, per block: which coefficients are nonzero, zigzag position k at bit 63 − k
   * (as {@link BlockMasks} makes them), kept by a coefficient decoder as it writes the values
   * so that the rebuild need not find them again; null until a decoder asks for them.
   */
  private long[][] masks;
  /** Per MCU row: whether its blocks' {@link #masks} are those of its coefficients. */
  private boolean[] maskedRows;
  private int maskedCount;

  /**
   * Component c's block masks, for a decoder to fill (allocated on first use). A decoder that
   * fills those of an MCU row's blocks says so with {@link #rowMasked}.
   */
  long[] masksToFill(int c) {
    if (masks == null) {
      masks = new long[components][];
      maskedRows = new boolean[mcuRows()];
    }
    if (masks[c] == null) {
      masks[c] = new long[coefficients[c].length >> 6];
    }
    return masks[c];
  }

  /** The masks of every block of MCU row r were set to those of its coefficients. */
  void rowMasked(int r) {
    if (!maskedRows[r]) {
      maskedRows[r] = true;
      maskedCount++;
    }
  }

  /**
   * The masks of all blocks, or null unless a decoder set those of every MCU row since they
   * were last dropped: only then are they the coefficients' own.
   */
  long[][] masks() {
    if (maskedRows == null || maskedCount != maskedRows.length) {
      return null;
    }
    for (long[] m : masks) {
      if (m == null) {
        return null;
      }
    }
    return masks;
  }

  /** Forgets the masks: the coefficients were changed by someone who does not keep them. */
  void dropMasks() {
    if (maskedRows != null) {
      Arrays.fill(maskedRows, false);
      maskedCount = 0;
    }
  }

  /** Number of MCU rows: the unit of the coder's bands. */
  public int mcuRows() {
    int rows = 0;
    for (int c = 0; c < components; c++) {
      rows = Math.max(rows, ceilDiv(blocksHigh[c], v[c]));
    }
    return rows;
  }

  /** Offset of block (bx, by) of component c in {@code coefficients[c]}. */
  public int blockOffset(int c, int bx, int by) {
    return (by * blocksWide[c] + bx) << 6;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
