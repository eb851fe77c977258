package dev.tegula.jpeg;

/**
 * One colour component being encoded: its sampling factors and tables (T.81 §B.2.2) and its
 * quantized coefficients, 64 per block in zig-zag order, blocks in raster order over the grid
 * padded to whole MCUs.
 */
final class EncoderComponent {
  final int id;
  final int index;
  final int h;
  final int v;
  final int quantTable;
  /** Huffman table number (0 luminance, 1 chrominance) for both DC and AC. */
  final int huffTable;
  /** Blocks per row and column in the MCU-padded grid (interleaved scans code all of them). */
  final int blocksWide;
  final int blocksHigh;
  /** Blocks that hold image samples: ceil(component size / 8) (non-interleaved scans, §A.2.2). */
  final int usedWide;
  final int usedHigh;
  final short[] coef;

  EncoderComponent(int id, int index, int h, int v, int quantTable, int huffTable, int blocksWide,
      int blocksHigh, int usedWide, int usedHigh) {
    this.id = id;
    this.index = index;
    this.h = h;
    this.v = v;
    this.quantTable = quantTable;
    this.huffTable = huffTable;
    this.blocksWide = blocksWide;
    this.blocksHigh = blocksHigh;
    this.usedWide = usedWide;
    this.usedHigh = usedHigh;
    this.coef = new short[Math.multiplyExact(Math.multiplyExact(blocksWide, blocksHigh), 64)];
  }

  /** A copy of {@code source} with its own coefficients, for a quantizer to write over. */
  EncoderComponent(EncoderComponent source) {
    this.id = source.id;
    this.index = source.index;
    this.h = source.h;
    this.v = source.v;
    this.quantTable = source.quantTable;
    this.huffTable = source.huffTable;
    this.blocksWide = source.blocksWide;
    this.blocksHigh = source.blocksHigh;
    this.usedWide = source.usedWide;
    this.usedHigh = source.usedHigh;
    this.coef = source.coef.clone();
  }
}
