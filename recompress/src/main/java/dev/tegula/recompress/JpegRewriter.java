package dev.tegula.recompress;

import dev.tegula.core.Limits;

/**
 * Rebuilds a JPEG file from its layout and coefficients: each piece verbatim, then the scan it
 * announces Huffman-encoded by {@link ScanEncoder}, then the tail. The pieces are read by the
 * same {@link JpegSyntax} as when the file was parsed, one after the other as if the scans were
 * not between them, so each scan sees the tables it saw then.
 */
final class JpegRewriter {
  private JpegRewriter() {}

  /**
   * @param expectedLength the original's length (only sizes the buffer)
   * @throws NotModellable when the layout does not describe scans over this image
   */
  static byte[] rewrite(JpegLayout layout, CoefficientImage img, int expectedLength,
      Limits limits) {
    return rewrite(layout, img, expectedLength, limits, (BlockMasks) null);
  }

  /**
   * @param dense the dense form a decoder made of img's blocks ({@link BlockMasks#fromDecoder}),
   *     or null to make it from img's coefficients
   */
  static byte[] rewrite(JpegLayout layout, CoefficientImage img, int expectedLength,
      Limits limits, BlockMasks dense) {
    BlockMasks masks = dense != null ? dense : new BlockMasks(img);
    return rewrite(layout, img, expectedLength, limits,
        (syn, image, record, out) -> ScanEncoder.encode(syn, image, record, out, masks));
  }

  /** How a scan's entropy-coded data is written: {@link ScanEncoder}, or a reference in tests. */
  interface ScanWriter {
    void encode(JpegSyntax syn, CoefficientImage img, ScanRecord record, ByteSinkOut out);
  }

  static byte[] rewrite(JpegLayout layout, CoefficientImage img, int expectedLength,
      Limits limits, ScanWriter scans) {
    ByteSinkOut out = new ByteSinkOut(expectedLength);
    byte[] first = layout.pieces()[0];
    JpegSyntax syn = new JpegSyntax(joined(layout), JpegSyntax.soi(first, first.length), limits);
    int pieceEnd = 0;
    for (int k = 0; k < layout.scans(); k++) {
      byte[] piece = layout.pieces()[k];
      out.write(piece, 0, piece.length);
      pieceEnd += piece.length;
      if (syn.nextScan() != pieceEnd) {
        throw new NotModellable("piece " + k + " of the layout does not end with a scan header");
      }
      if (k == 0) {
        checkGeometry(syn, img);
      }
      scans.encode(syn, img, layout.records()[k], out);
    }
    out.write(layout.tail(), 0, layout.tail().length);
    return out.toByteArray();
  }

  /**
   * The file without the modelled scans' entropy-coded data, what the JPEG decoder reads beside
   * the coefficients to decode them to pixels ({@code JpegDecoder.decodeCoefficients}): the
   * pieces one after the other, and the tail where the original has it, at the end of its
   * {@code length} bytes (so that the offsets the decoder reports in the tail, in a scan the
   * model left there, are the original's), or right after the pieces when {@code length} leaves
   * no room for it.
   *
   * @param resumeAt receives, per scan, where the decoder goes on after it
   */
  static byte[] skeleton(JpegLayout layout, long length, int[] resumeAt) {
    byte[][] pieces = layout.pieces();
    byte[] tail = layout.tail();
    long outside = tail.length;
    for (byte[] piece : pieces) {
      outside += piece.length;
    }
    long size = length >= outside && length <= Integer.MAX_VALUE - 16 ? length : outside;
    byte[] all = new byte[Math.toIntExact(size)];
    int at = 0;
    for (int k = 0; k < pieces.length; k++) {
      System.arraycopy(pieces[k], 0, all, at, pieces[k].length);
      at += pieces[k].length;
      resumeAt[k] = at;
    }
    resumeAt[pieces.length - 1] = all.length - tail.length;
    System.arraycopy(tail, 0, all, all.length - tail.length, tail.length);
    return all;
  }

  /** Whether the layout's tail is empty or starts with EOI (fill bytes allowed): no scan in it. */
  static boolean tailStartsWithEoi(JpegLayout layout) {
    byte[] tail = layout.tail();
    int i = 0;
    while (i < tail.length && tail[i] == (byte) 0xFF) {
      i++;
    }
    return tail.length == 0 || (i > 0 && i < tail.length && tail[i] == (byte) 0xD9);
  }

  /** The pieces one after the other: the file without its entropy-coded data and tail. */
  private static byte[] joined(JpegLayout layout) {
    int n = 0;
    for (byte[] piece : layout.pieces()) {
      n = Math.addExact(n, piece.length);
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] piece : layout.pieces()) {
      System.arraycopy(piece, 0, all, at, piece.length);
      at += piece.length;
    }
    return all;
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
