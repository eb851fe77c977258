package dev.tegula.jpeg;

import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.UnsupportedFeatureException;

/**
 * The quantized DCT coefficients of a JPEG after all its scans (T.81 §A.1, §F.1.1.4, §G.1.2), as
 * the decoder holds them before the IDCT; for the JPEG-recompression coder's measurements and
 * tests. No pixels are produced and damaged files are not assessed beyond what the scan decoders
 * do themselves.
 */
public final class CoefficientReader {
  private CoefficientReader() {}

  /** One frame's coefficients, per component in the decoder's MCU-padded block layout. */
  public static final class Coefficients {
    public final int width;
    public final int height;
    public final boolean progressive;
    public final int[] h;
    public final int[] v;
    /** Blocks per line and block rows of each component's store (whole MCUs). */
    public final int[] blocksWide;
    public final int[] blocksHigh;
    /** Per component, its quantization table in natural order (zeros if never defined). */
    public final int[][] quant;
    /** Per component, 64 coefficients per block in natural order, blocks row-major. */
    public final short[][] coefficients;

    Coefficients(Frame f, int[][] quant) {
      int n = f.components.length;
      width = f.width;
      height = f.height;
      progressive = f.progressive;
      h = new int[n];
      v = new int[n];
      blocksWide = new int[n];
      blocksHigh = new int[n];
      coefficients = new short[n][];
      this.quant = quant;
      for (int i = 0; i < n; i++) {
        FrameComponent c = f.components[i];
        h[i] = c.h;
        v[i] = c.v;
        blocksWide[i] = c.blocksPerLineAlloc;
        blocksHigh[i] = c.blockRowsAlloc;
        coefficients[i] = c.coefficients;
      }
    }
  }

  /** Decodes every scan of {@code jpeg} into coefficients. */
  public static Coefficients read(byte[] jpeg, Limits limits) {
    if (jpeg == null || limits == null) {
      throw new IllegalArgumentException("null input");
    }
    JpegParser p = new JpegParser(jpeg, limits, false);
    p.readSoi();
    Scan scan = p.nextScan();
    if (scan == null || p.frame == null) {
      throw new MalformedInputException("no frame and scan", p.pos);
    }
    Frame f = p.frame;
    limits.checkDimensions(f.width, f.height, p.frameOffset);
    for (FrameComponent c : f.components) {
      if (f.hMax % c.h != 0 || f.vMax % c.v != 0) {
        throw new UnsupportedFeatureException("non-integral sampling ratio", p.frameOffset);
      }
    }
    if (f.coefficientCount() > Integer.MAX_VALUE - 16) {
      throw new UnsupportedFeatureException("frame too large", p.frameOffset);
    }
    int[][] quant = new int[f.components.length][];
    for (FrameComponent c : f.components) {
      c.coefficients = new short[c.blocksPerLineAlloc * c.blockRowsAlloc * 64];
      if (!f.arithmetic) {
        c.blockLastK = new byte[c.blocksPerLineAlloc * c.blockRowsAlloc];
      }
      if (f.progressive && !f.arithmetic) {
        c.acMask = new long[c.blocksPerLineAlloc * c.blockRowsAlloc];
      }
    }
    if (!f.progressive && !f.arithmetic) {
      StandardHuffmanTables.fillMissing(p.dcTables, p.acTables);
    }
    HuffmanScanDecoder huffman = new HuffmanScanDecoder(jpeg);
    while (scan != null) {
      for (FrameComponent c : scan.components) {
        if (quant[c.index] == null && p.quantTables[c.quantTable] != null) {
          quant[c.index] = p.quantTables[c.quantTable].clone();
        }
      }
      if (f.arithmetic) {
        p.pos = ArithmeticScanDecoder.decodeScan(jpeg, p.pos, f, scan, p.conditioning);
      } else {
        int n = scan.components.length;
        HuffmanTable[] dc = new HuffmanTable[n];
        HuffmanTable[] ac = new HuffmanTable[n];
        HuffmanScanDecoder.tables(p, f, scan, dc, ac, p.pos);
        p.pos = huffman.decodeScan(p.pos, f, scan, dc, ac);
      }
      scan = p.nextScan();
    }
    for (int i = 0; i < quant.length; i++) {
      if (quant[i] == null) {
        quant[i] = new int[64];
      }
    }
    return new Coefficients(f, quant);
  }
}
