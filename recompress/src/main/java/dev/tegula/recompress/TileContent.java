package dev.tegula.recompress;

/** The TILE {@code content} values of mode 2 (format-jpeg.md §7) and the coder of each. */
final class TileContent {
  static final int ADAPTIVE = JpegContainer.CONTENT_COEFFICIENTS;
  static final int FAST = 2;

  /**
   * The content {@link JpegRecompression#compressDetailed(byte[], dev.tegula.core.Limits)}
   * writes: 0 until content 2 saves as much (docs/format-jpeg-coefficients-fast.md §9).
   */
  static final int DEFAULT = FAST;

  /** Content 2 (format-jpeg-coefficients-fast.md). */
  static final RowCoder FAST_CODER = new RowCoder() {
    @Override
    public byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
      return FastCoefficientCoder.encode(img, rowStart, rowEnd);
    }

    @Override
    public void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
        int rowEnd) {
      FastCoefficientCoder.decode(data, offset, length, img, rowStart, rowEnd);
    }
  };

  private TileContent() {}

  /** A name for {@code tegula info}. */
  static String describe(int content) {
    return switch (content) {
      case ADAPTIVE -> "content 0 (adaptive binary coding)";
      case FAST -> "content 2 (fast rANS coding)";
      case JpegContainer.CONTENT_EMPTY -> "none (verbatim)";
      default -> "content " + content + " (unknown)";
    };
  }
}
