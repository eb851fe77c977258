package dev.tegula.recompress;

import java.util.zip.CRC32;

/**
 * The TILE {@code content} values of mode 2 (format-jpeg.md §7) and the coder of each. {@link
 * JpegContainer} lays tiles out as content 0; {@link #retag} sets another coefficient content in
 * a laid-out file (the byte and the chunk's CRC), so the container's layout code stays one.
 */
final class TileContent {
  static final int ADAPTIVE = JpegContainer.CONTENT_COEFFICIENTS;
  static final int FAST = 2;

  /**
   * The content {@link JpegRecompression#compressDetailed(byte[], dev.tegula.core.Limits)}
   * writes: 0 until content 2 saves as much (docs/format-jpeg-coefficients-fast.md §9).
   */
  static final int DEFAULT = ADAPTIVE;

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

  /** Sets every TILE's content byte of a file JpegContainer wrote to {@code content}. */
  static void retag(byte[] tgl, int content) {
    int at = JpegContainer.SIGNATURE.length + 2;
    CRC32 crc = new CRC32();
    while (at + 12 <= tgl.length) {
      int length = (int) JpegContainer.u32(tgl, at);
      boolean tile = tgl[at + 4] == 'T' && tgl[at + 5] == 'I' && tgl[at + 6] == 'L'
          && tgl[at + 7] == 'E';
      if (tile) {
        tgl[at + 8 + 4] = (byte) content;
        crc.reset();
        crc.update(tgl, at + 4, 4 + length);
        JpegContainer.putU32(tgl, at + 8 + length, crc.getValue());
      }
      at += 12 + length;
    }
  }
}
