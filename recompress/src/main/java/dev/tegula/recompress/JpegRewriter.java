package dev.tegula.recompress;

import dev.tegula.core.Limits;

/**
 * Rebuilds a JPEG file from its layout and coefficients: each piece verbatim, then the scan it
 * announces Huffman-encoded by {@link ScanEncoder}, then the tail. The pieces are walked by the
 * same {@link JpegSyntax} as when the file was parsed, so each scan sees the tables it saw then.
 */
final class JpegRewriter {
  private JpegRewriter() {}

  /**
   * @param expectedLength the original's length (only sizes the buffer)
   * @throws NotModellable when the layout does not describe scans over this image
   */
  static byte[] rewrite(JpegLayout layout, CoefficientImage img, int expectedLength,
      Limits limits) {
    ByteSinkOut out = new ByteSinkOut(expectedLength);
    JpegSyntax syn = new JpegSyntax();
    for (int k = 0; k < layout.scans(); k++) {
      byte[] piece = layout.pieces()[k];
      out.write(piece, 0, piece.length);
      int at = syn.walk(piece, k == 0 ? JpegSyntax.soi(piece, piece.length) : 0, piece.length);
      if (at != piece.length) {
        throw new NotModellable("piece " + k + " of the layout does not end with a scan header");
      }
      limits.checkSegments(syn.segments, -1);
      if (k == 0) {
        checkGeometry(syn, img);
      }
      ScanEncoder.encode(syn, img, layout.records()[k], out);
    }
    out.write(layout.tail(), 0, layout.tail().length);
    return out.toByteArray();
  }

  static void checkGeometry(JpegSyntax syn, CoefficientImage img) {
    boolean same = syn.width == img.width && syn.height == img.height
        && syn.components == img.components;
    for (int c = 0; same && c < img.components; c++) {
      same = syn.h[c] == img.h[c] && syn.v[c] == img.v[c];
    }
    if (!same) {
      throw new NotModellable("the frame header does not match the coefficient image");
    }
  }
}
