package dev.tegula.jpeg;

/**
 * A frame header (T.81 §B.2.2) with the derived MCU geometry (§A.2).
 */
final class Frame {
  /** The SOFn marker's low byte, 0xC0-0xCF. */
  final int marker;
  /** Sample precision P: 8 (or 12, refused for now). */
  final int precision;
  final int width;
  final int height;
  final FrameComponent[] components;
  /** SOF2, SOF6, SOF10, SOF14. */
  final boolean progressive;
  /** SOF9-SOF15. */
  final boolean arithmetic;
  final int hMax;
  final int vMax;
  /** MCUs per line of an interleaved scan: ceil(X / (8 * Hmax)). */
  final int mcusPerLine;
  /** MCU rows of an interleaved scan: ceil(Y / (8 * Vmax)). */
  final int mcusPerColumn;

  Frame(int marker, int precision, int width, int height, FrameComponent[] components) {
    this.marker = marker;
    this.precision = precision;
    this.width = width;
    this.height = height;
    this.components = components;
    int m = marker & 0x0F;
    this.progressive = m == 2 || m == 6 || m == 10 || m == 14;
    this.arithmetic = m >= 9;
    int hm = 1;
    int vm = 1;
    for (FrameComponent c : components) {
      hm = Math.max(hm, c.h);
      vm = Math.max(vm, c.v);
    }
    this.hMax = hm;
    this.vMax = vm;
    this.mcusPerLine = ceilDiv(width, 8 * hm);
    this.mcusPerColumn = ceilDiv(height, 8 * vm);
    for (FrameComponent c : components) {
      c.sampleWidth = ceilDiv(width * c.h, hm);
      c.sampleHeight = ceilDiv(height * c.v, vm);
      c.blocksPerLine = ceilDiv(c.sampleWidth, 8);
      c.blocksPerColumn = ceilDiv(c.sampleHeight, 8);
      c.blocksPerLineAlloc = mcusPerLine * c.h;
      c.blockRowsAlloc = mcusPerColumn * c.v;
      c.storeRows = c.blockRowsAlloc;
    }
  }

  /** Coefficients the store needs for all components, checked for overflow. */
  long coefficientCount() {
    long n = 0;
    for (FrameComponent c : components) {
      n += (long) c.blocksPerLineAlloc * c.blockRowsAlloc * 64;
    }
    return n;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
