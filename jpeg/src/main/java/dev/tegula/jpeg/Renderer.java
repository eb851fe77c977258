package dev.tegula.jpeg;

import dev.tegula.core.Limits;
import dev.tegula.core.RgbaTarget;
import java.util.Arrays;

/**
 * The output pass (jdapistd.c): per iMCU row, {@link ComponentPlane} dequantizes and
 * inverse-transforms the blocks, {@link Upsampler} brings each component to full resolution and
 * {@link ColorConverter} (or {@link FusedYccRow}) makes a row of packed RGBA pixels, which goes to
 * the caller's {@link RgbaTarget}. Row k is written once row k + 1 is transformed, for the
 * upsampler's context rows.
 *
 * <p>Fed either after the last scan, from a store of the whole image ({@link #finish}), or,
 * for a sequential image whose first scan holds every component (libjpeg's single-pass case), as
 * the scan decoder finishes each iMCU row ({@link #rowDecoded}): the store then holds one iMCU row
 * of coefficients, cleared here once transformed, so a decode needs no memory in proportion to
 * the coefficients.
 *
 * <p>At {@code jpegShrink} n the image is ceil(X / n) x ceil(Y / n) pixels, each component's block
 * size chosen as jdmaster.c's jpeg_calc_output_dimensions does: the smallest, 8 / n, doubled while
 * the component's sampling still divides evenly, so chroma is scaled by its IDCT rather than
 * upsampled where it can be.
 */
final class Renderer implements HuffmanScanDecoder.RowSink {
  private final int space;
  private final RgbaTarget target;
  private final int[] rowPixels;
  private final int width;
  private final int height;
  private final ComponentPlane[] planes;
  private final Upsampler[] ups;
  private final Idct idct = new Idct();
  private final BlockSmoothing smoothing;
  private final boolean clearTransformed;
  private final boolean fused;
  private final boolean h2v2;
  private final byte[][] arrays;
  private final int[] offsets;
  private final int rowsPerImcu;
  private final int imcuRows;
  /** The next iMCU row to transform. */
  private int next;

  /**
   * @param latched each component's quantizers (null: never coded, all zero)
   * @param smoothing block smoothing of a progressive image, or null
   * @param clearTransformed whether the store holds one iMCU row that the decoder refills
   * @param target where the rows go, started here once the size passed the limits
   * @param orientation the EXIF orientation the target turns the image by (1: none)
   */
  Renderer(Frame f, int space, int[][] latched, BlockSmoothing smoothing, int shrink,
      Limits limits, boolean clearTransformed, RgbaTarget target, int orientation) {
    this.space = space;
    this.smoothing = smoothing;
    this.clearTransformed = clearTransformed;
    int minSize = 8 / shrink;
    width = (int) ((f.width + (long) shrink - 1) / shrink);
    height = (int) ((f.height + (long) shrink - 1) / shrink);
    limits.checkDimensions(width, height, -1);
    this.target = target;
    target.start(width, height, orientation);
    rowPixels = new int[width];
    int n = f.components.length;
    planes = new ComponentPlane[n];
    ups = new Upsampler[n];
    for (int i = 0; i < n; i++) {
      FrameComponent c = f.components[i];
      int size = minSize;
      while (size < 8 && (f.hMax * minSize) % (c.h * size * 2) == 0
          && (f.vMax * minSize) % (c.v * size * 2) == 0) {
        size *= 2;
      }
      int[] q = latched[i] != null ? latched[i] : new int[64];
      planes[i] = new ComponentPlane(c, q, size, f);
      ups[i] = new Upsampler(planes[i], c.h * size / minSize, c.v * size / minSize, f.hMax,
          f.vMax, minSize > 1, width);
    }
    arrays = new byte[n][];
    offsets = new int[n];
    rowsPerImcu = f.vMax * minSize;
    imcuRows = f.mcusPerColumn;
    fused = FusedYccRow.applies(space, ups);
    h2v2 = fused && ups[1].method == Upsampler.H2V2_FANCY;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Transforms iMCU row k, whose coefficients are complete, and writes row k - 1. */
  @Override
  public void rowDecoded(int k) {
    if (k != next) {
      throw new IllegalStateException("iMCU row " + k + " decoded, " + next + " expected");
    }
    for (ComponentPlane pl : planes) {
      if (smoothing != null) {
        smoothing.transformRow(pl, k, idct);
      } else {
        pl.transformRow(k, idct);
      }
      if (clearTransformed) {
        FrameComponent c = pl.component;
        Arrays.fill(c.coefficients, (short) 0);
        Arrays.fill(c.blockLastK, (byte) 0);
      }
    }
    next++;
    if (k > 0) {
      write(k - 1);
    }
  }

  /**
   * Transforms the rows not yet transformed (all of them after the last scan; none after a
   * single-pass scan, which reports every row, even those past the end of damaged data) and
   * writes the rest of the image.
   */
  void finish() {
    while (next < imcuRows) {
      rowDecoded(next);
    }
    if (imcuRows > 0) {
      write(imcuRows - 1);
    }
  }

  private void write(int k) {
    int y0 = k * rowsPerImcu;
    int y1 = Math.min(height, y0 + rowsPerImcu);
    for (int y = y0; y < y1; y++) {
      if (fused) {
        FusedYccRow.row(planes, h2v2, y, width, rowPixels);
      } else {
        for (int i = 0; i < planes.length; i++) {
          ups[i].upsample(y);
          arrays[i] = ups[i].array;
          offsets[i] = ups[i].offset;
        }
        ColorConverter.convert(space, arrays, offsets, width, rowPixels);
      }
      target.row(y, rowPixels);
    }
  }
}
