package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a Huffman-coded JPEG (baseline, extended or progressive; T.81 Annex B, F, G) into its
 * coefficients and a {@link JpegLayout}. Sizes are checked against the limits before the
 * coefficients are allocated. A scan that cannot be modelled after the first one ends the model:
 * it and everything after it go to the layout's tail verbatim.
 */
final class JpegModel {
  final CoefficientImage image;
  final JpegLayout layout;
  /** Why the model stops before the end of the file (null when every scan is modelled). */
  final String cutReason;

  private JpegModel(CoefficientImage image, JpegLayout layout, String cutReason) {
    this.image = image;
    this.layout = layout;
    this.cutReason = cutReason;
  }

  static JpegModel parse(byte[] jpeg, Limits limits) {
    JpegSyntax syn = new JpegSyntax(jpeg, limits);
    int at = syn.nextScan();
    if (at < 0) {
      throw new NotModellable("no scan in the file");
    }
    CoefficientImage img = imageFor(syn, limits);
    List<byte[]> pieces = new ArrayList<>();
    List<ScanRecord> records = new ArrayList<>();
    int pieceStart = 0;
    String cut = null;
    int[] end = new int[1];
    while (true) {
      limits.checkScans(pieces.size() + 1, at);
      ScanRecord r;
      try {
        r = ScanDecoder.decode(jpeg, syn, img, end);
      } catch (NotModellable e) {
        if (pieces.isEmpty()) {
          throw e;
        }
        cut = "scan " + (pieces.size() + 1) + ": " + e.getMessage();
        break;
      }
      pieces.add(Arrays.copyOfRange(jpeg, pieceStart, at));
      records.add(r);
      pieceStart = end[0];
      int next;
      try {
        syn.resumeAt(pieceStart);
        next = syn.nextScan();
      } catch (NotModellable e) {
        cut = "after scan " + pieces.size() + ": " + e.getMessage();
        break;
      }
      if (next < 0) {
        break;
      }
      at = next;
    }
    byte[] tail = Arrays.copyOfRange(jpeg, pieceStart, jpeg.length);
    JpegLayout layout = new JpegLayout(pieces.toArray(new byte[0][]),
        records.toArray(new ScanRecord[0]), tail);
    return new JpegModel(img, layout, cut);
  }

  /**
   * The coefficient image of the frame {@code syn} has read, after checking its size. The
   * quantization tables are those in force at the first scan; a missing one reads as all ones
   * (it only steers the coder's contexts).
   */
  static CoefficientImage imageFor(JpegSyntax syn, Limits limits) {
    return imageFor(syn, limits, true);
  }

  /** @param keep false for the frame's geometry without coefficient arrays */
  static CoefficientImage imageFor(JpegSyntax syn, Limits limits, boolean keep) {
    limits.checkDimensions(syn.width, syn.height, 0);
    int n = syn.components;
    return new CoefficientImage(syn.width, syn.height, Arrays.copyOf(syn.h, n),
        Arrays.copyOf(syn.v, n), quantFor(syn), keep);
  }

  /** The quantization tables {@link #imageFor} gives the image's components. */
  static int[][] quantFor(JpegSyntax syn) {
    int n = syn.components;
    int[][] quant = new int[n][];
    for (int c = 0; c < n; c++) {
      int[] q = syn.quant[syn.tq[c]];
      quant[c] = new int[64];
      for (int i = 0; i < 64; i++) {
        quant[c][i] = q == null ? 1 : Math.max(1, q[i]);
      }
    }
    return quant;
  }

  /**
   * Whether {@code img} is the image {@link #imageFor} makes of the frame {@code syn} read: the
   * same size, sampling and quantization tables (the coefficient coder's contexts).
   */
  static boolean isImageOf(CoefficientImage img, JpegSyntax syn) {
    if (syn.width != img.width || syn.height != img.height || syn.components != img.components) {
      return false;
    }
    for (int c = 0; c < img.components; c++) {
      if (syn.h[c] != img.h[c] || syn.v[c] != img.v[c]) {
        return false;
      }
    }
    return Arrays.deepEquals(quantFor(syn), img.quant);
  }
}
