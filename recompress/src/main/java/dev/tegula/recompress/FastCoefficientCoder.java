package dev.tegula.recompress;

/**
 * Content 2 of a mode-2 TILE (format-jpeg-coefficients-fast.md): the fast coding of a band of MCU
 * rows of quantized DCT coefficients, with multi-symbol tokens under adaptive frequency tables
 * and a rANS coder. Like content 0 a band is coded on its own.
 */
final class FastCoefficientCoder {
  static final int HASH_START = 0x811C9DC5;
  static final int HASH_PRIME = 0x01000193;
  /** §7: the rANS state's lower bound; the encoder starts and the decoder must end there. */
  static final int RANS_L = 1 << 23;

  private FastCoefficientCoder() {}

  static int blocks(CoefficientImage img, int rowStart, int rowEnd) {
    long blocks = 0;
    for (int c = 0; c < img.components; c++) {
      blocks += (long) img.blocksWide[c] * img.v[c] * (rowEnd - rowStart);
    }
    return (int) Math.min(1 << 24, blocks);
  }
}
