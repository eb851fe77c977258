package dev.tegula.recompress;

/**
 * Content 2 of a mode-2 TILE (format-jpeg-coefficients-fast.md): the fast coding of a band of MCU
 * rows of quantized DCT coefficients, with multi-symbol tokens under adaptive frequency tables
 * and a rANS coder. Like content 0 a band is coded on its own.
 */
final class FastCoefficientCoder {
  /** §9: the band checksum's start and multiplier. */
  static final int HASH_START = 0x811C9DC5;
  static final int HASH_PRIME = 0x01000193;
  /** §8: the rANS state's lower bound; the encoder starts and the decoder must end there. */
  static final long RANS_L = 1L << 31;

  private FastCoefficientCoder() {}

  /** Codes MCU rows [rowStart, rowEnd) of img on their own (tables start afresh). */
  static byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    checkRows(img, rowStart, rowEnd);
    return FastBandEncoder.encode(img, rowStart, rowEnd);
  }

  /**
   * Fills rows [rowStart, rowEnd) of img.coefficients, zero on entry ({@link RowCoder#decode}),
   * from {@code data[offset, offset+length)}; throws a TegulaException (malformed/truncated, with
   * offset) on damaged data.
   */
  static void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd) {
    decode(data, offset, length, img, rowStart, rowEnd, null);
  }

  /**
   * @param dense null to fill img's coefficients, else what takes each block instead ({@link
   *     BlockMasks#fromDecoder})
   */
  static void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd, BlockMasks dense) {
    if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
      throw new IllegalArgumentException("bad data range");
    }
    checkRows(img, rowStart, rowEnd);
    FastBandDecoder.decode(data, offset, length, img, rowStart, rowEnd, dense);
  }

  private static void checkRows(CoefficientImage img, int rowStart, int rowEnd) {
    if (img == null) {
      throw new IllegalArgumentException("null image");
    }
    if (rowStart < 0 || rowEnd < rowStart || rowEnd > img.mcuRows()) {
      throw new IllegalArgumentException(
          "rows [" + rowStart + ", " + rowEnd + ") outside 0.." + img.mcuRows());
    }
  }

  /**
   * §9: the band checksum H over the coded bytes {@code data[from, end)} after H (the two
   * states and the W words), one multiplication per 32-bit word (not per coded value).
   */
  static int checksum(byte[] data, int from, int end) {
    int h = HASH_START;
    for (int i = from; i + 4 <= end; i += 4) {
      int w = (data[i] << 24) | ((data[i + 1] & 0xFF) << 16) | ((data[i + 2] & 0xFF) << 8)
          | (data[i + 3] & 0xFF);
      h = (h ^ w) * HASH_PRIME;
    }
    return h;
  }

  static int blocks(CoefficientImage img, int rowStart, int rowEnd) {
    long blocks = 0;
    for (int c = 0; c < img.components; c++) {
      blocks += (long) img.blocksWide[c] * img.v[c] * (rowEnd - rowStart);
    }
    return (int) Math.min(1 << 24, blocks);
  }
}
