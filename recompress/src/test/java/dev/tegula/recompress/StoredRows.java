package dev.tegula.recompress;

import dev.tegula.core.MalformedInputException;

/**
 * A plain coefficient coder for tests: the band's coefficients as big-endian 16-bit numbers,
 * component by component, block row by block row: damage behind a valid CRC reaches the SHA-256.
 */
final class StoredRows implements RowCoder {
  static final StoredRows INSTANCE = new StoredRows();

  @Override
  public byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
    ByteSinkOut out = new ByteSinkOut(1024);
    for (int c = 0; c < img.components; c++) {
      int from = img.blockOffset(c, 0, Math.min(rowStart * img.v[c], img.blocksHigh[c]));
      int to = img.blockOffset(c, 0, Math.min(rowEnd * img.v[c], img.blocksHigh[c]));
      short[] coef = img.coefficients[c];
      for (int i = from; i < to; i++) {
        out.write(coef[i] >> 8);
        out.write(coef[i]);
      }
    }
    return out.toByteArray();
  }

  @Override
  public void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
      int rowEnd) {
    int at = offset;
    int end = offset + length;
    for (int c = 0; c < img.components; c++) {
      int from = img.blockOffset(c, 0, Math.min(rowStart * img.v[c], img.blocksHigh[c]));
      int to = img.blockOffset(c, 0, Math.min(rowEnd * img.v[c], img.blocksHigh[c]));
      if (end - at < 2L * (to - from)) {
        throw new MalformedInputException("stored coefficient rows are cut short", at);
      }
      short[] coef = img.coefficients[c];
      for (int i = from; i < to; i++) {
        coef[i] = (short) (((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF));
        at += 2;
      }
    }
    if (at != end) {
      throw new MalformedInputException("extra bytes after stored coefficient rows", at);
    }
  }
}
