package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.tgl.RangeEncoder;

/**
 * Lossless coding of a band of MCU rows of quantized DCT coefficients
 * (docs/format-jpeg-coefficients.md). A band is coded on its own: its contexts start afresh and
 * no block outside it is looked at, so bands decode independently (and in parallel).
 */
final class CoefficientCoder {
  private CoefficientCoder() {}

  /** Codes MCU rows [rowStart, rowEnd) of img on their own (contexts start afresh). */
  static byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    checkRows(img, rowStart, rowEnd);
    RangeEncoder enc = new RangeEncoder(estimate(img, rowStart, rowEnd));
    BlockModel model = new BlockModel(ModelCoder.encoder(enc), img);
    codeBand(model, img, rowStart, rowEnd);
    int h = model.hash();
    enc.encodeDirect(h >>> 16, 16);
    enc.encodeDirect(h & 0xFFFF, 16);
    return enc.finish();
  }

  /**
   * Fills rows [rowStart, rowEnd) of img.coefficients from {@code data[offset, offset+length)};
   * throws a TegulaException (malformed/truncated, with offset) on damaged data.
   */
  static void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd) {
    if (data == null) {
      throw new IllegalArgumentException("null data");
    }
    checkRows(img, rowStart, rowEnd);
    ModelCoder dec = ModelCoder.decoder(data, offset, length);
    BlockModel model = new BlockModel(dec, img);
    try {
      codeBand(model, img, rowStart, rowEnd);
    } catch (MalformedInputException e) {
      if (dec.overrun() > 0) {
        // The model went astray on the zeros read past the end: the data was cut.
        throw new TruncatedInputException("coefficient data of MCU rows " + rowStart + "-"
            + (rowEnd - 1) + " cut short: " + length + " bytes", (long) offset + length);
      }
      throw new MalformedInputException(
          "damaged coefficient data of MCU rows " + rowStart + "-" + (rowEnd - 1) + ": "
              + rawMessage(e), offset);
    }
    int h = (dec.decodeDirect(16) << 16) | dec.decodeDirect(16);
    if (dec.overrun() > 0) {
      throw new TruncatedInputException("coefficient data of MCU rows " + rowStart + "-"
          + (rowEnd - 1) + " cut short: " + length + " bytes", (long) offset + length);
    }
    if (h != model.hash()) {
      throw new MalformedInputException("coefficient data of MCU rows " + rowStart + "-"
          + (rowEnd - 1) + " damaged: checksum mismatch", offset);
    }
  }

  /** §2: blocks in MCU-row order, per MCU row each component's block rows in turn. */
  private static void codeBand(BlockModel model, CoefficientImage img, int rowStart,
      int rowEnd) {
    for (int r = rowStart; r < rowEnd; r++) {
      for (int c = 0; c < img.components; c++) {
        int v = img.v[c];
        int first = rowStart * v;
        int end = Math.min((r + 1) * v, img.blocksHigh[c]);
        int bw = img.blocksWide[c];
        for (int by = r * v; by < end; by++) {
          boolean hasAbove = by > first;
          for (int bx = 0; bx < bw; bx++) {
            model.block(c, bx, by, hasAbove);
          }
        }
      }
    }
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

  /** A first output buffer size (8 bytes per block, at most 16 MiB); the encoder grows it. */
  private static int estimate(CoefficientImage img, int rowStart, int rowEnd) {
    long blocks = 0;
    for (int c = 0; c < img.components; c++) {
      blocks += (long) img.blocksWide[c] * img.v[c] * (rowEnd - rowStart);
    }
    return (int) Math.min(1 << 24, blocks * 8 + 64);
  }

  private static String rawMessage(MalformedInputException e) {
    String m = e.getMessage();
    int at = m.indexOf(" (at byte ");
    return at >= 0 ? m.substring(0, at) : m;
  }
}
