package dev.tegula.jpeg;

import dev.tegula.core.UnsupportedFeatureException;

/**
 * Brings one component's samples to the full image resolution, one output row at a time, with
 * exactly the methods libjpeg-turbo's jdsample.c picks for djpeg's default (fancy) upsampling:
 *
 * <ul>
 *   <li>fullsize when the component has the maximum sampling factors;
 *   <li>{@code h2v1_fancy_upsample} (triangle filter, 3/4 and 1/4, biases 1 and 2) for 2:1
 *       horizontally when the component is more than 2 samples wide, else replication;
 *   <li>{@code h1v2_fancy_upsample} for 2:1 vertically (biases 1 above and 2 below);
 *   <li>{@code h2v2_fancy_upsample} (9/16, 3/16, 3/16, 1/16 with biases 8 and 7) for 2:1 both ways
 *       when more than 2 samples wide, else replication;
 *   <li>{@code int_upsample} (replication) for any other integral ratio (4:1:1, luma subsampled);
 *   <li>non-integral ratios are refused, as libjpeg refuses them.
 * </ul>
 *
 * <p>Rows above the first and below the last (the component's own last row, ceil(Y * Vi / Vmax)
 * - 1) repeat that row, as jdmainct.c's context rows do; columns beyond the component's width are
 * never read.
 */
final class Upsampler {
  static final int FULLSIZE = 0;
  static final int H2V1_FANCY = 1;
  static final int H1V2_FANCY = 2;
  static final int H2V2_FANCY = 3;
  static final int REPLICATE = 4;

  final int method;
  final int hExpand;
  final int vExpand;
  private final ComponentPlane plane;
  /** Samples of the upsampled row (unless fullsize, which reads the plane in place). */
  private final byte[] row;

  /** Where the current output row's samples are: {@link #array} from {@link #offset}. */
  byte[] array;
  int offset;

  /**
   * @param hIn the component's horizontal sampling factor scaled by its block size over the
   *     smallest block size (jdsample.c's h_in_group; Hi at full size), {@code vIn} likewise
   * @param fancy whether fancy methods may be used: not when the smallest block size is 1
   *     (jdsample.c: jdmainct.c has no context rows then)
   */
  Upsampler(ComponentPlane plane, int hIn, int vIn, int hMax, int vMax, boolean fancy,
      int outWidth) {
    this.plane = plane;
    int dw = plane.width;
    if (hIn == hMax && vIn == vMax) {
      method = FULLSIZE;
    } else if (hIn * 2 == hMax && vIn == vMax) {
      method = fancy && dw > 2 ? H2V1_FANCY : REPLICATE;
    } else if (hIn == hMax && vIn * 2 == vMax && fancy) {
      method = H1V2_FANCY;
    } else if (hIn * 2 == hMax && vIn * 2 == vMax) {
      method = fancy && dw > 2 ? H2V2_FANCY : REPLICATE;
    } else if (hMax % hIn == 0 && vMax % vIn == 0) {
      method = REPLICATE;
    } else {
      throw new UnsupportedFeatureException(
          "non-integral sampling ratio " + hMax + "/" + hIn + " x " + vMax + "/" + vIn
              + " of component " + plane.component.id);
    }
    hExpand = hMax / hIn;
    vExpand = vMax / vIn;
    row = method == FULLSIZE ? null : new byte[outWidth + 2 * hMax + 16];
  }

  /** Produces output row y (0 .. image height - 1) into {@link #array}/{@link #offset}. */
  void upsample(int y) {
    final ComponentPlane p = plane;
    final byte[] in = p.samples;
    final int dw = p.width;
    final int last = p.height - 1;
    switch (method) {
      case FULLSIZE:
        array = in;
        offset = p.rowOffset(y);
        return;
      case H2V1_FANCY: {
        int i0 = p.rowOffset(y);
        h2v1(in, i0, dw, row);
        break;
      }
      case H1V2_FANCY: {
        int cy = y >> 1;
        boolean below = (y & 1) != 0;
        int ny = below ? Math.min(cy + 1, last) : Math.max(cy - 1, 0);
        int i0 = p.rowOffset(cy);
        int i1 = p.rowOffset(ny);
        int bias = below ? 2 : 1;
        final byte[] out = row;
        for (int x = 0; x < dw; x++) {
          out[x] = (byte) ((3 * (in[i0 + x] & 0xFF) + (in[i1 + x] & 0xFF) + bias) >> 2);
        }
        break;
      }
      case H2V2_FANCY: {
        int cy = y >> 1;
        boolean below = (y & 1) != 0;
        int ny = below ? Math.min(cy + 1, last) : Math.max(cy - 1, 0);
        h2v2(in, p.rowOffset(cy), p.rowOffset(ny), dw, row);
        break;
      }
      default: {
        int i0 = p.rowOffset(Math.min(y / vExpand, last));
        final byte[] out = row;
        final int he = hExpand;
        int o = 0;
        for (int x = 0; x < dw; x++) {
          byte s = in[i0 + x];
          for (int k = 0; k < he; k++) {
            out[o++] = s;
          }
        }
        break;
      }
    }
    array = row;
    offset = 0;
  }

  /** jdsample.c h2v1_fancy_upsample for one row of dw > 2 samples. */
  private static void h2v1(byte[] in, int i0, int dw, byte[] out) {
    int cur = in[i0] & 0xFF;
    int next = in[i0 + 1] & 0xFF;
    out[0] = (byte) cur;
    out[1] = (byte) ((cur * 3 + next + 2) >> 2);
    int o = 2;
    int prev = cur;
    cur = next;
    for (int x = 1; x < dw - 1; x++) {
      next = in[i0 + x + 1] & 0xFF;
      int c3 = cur * 3;
      out[o] = (byte) ((c3 + prev + 1) >> 2);
      out[o + 1] = (byte) ((c3 + next + 2) >> 2);
      o += 2;
      prev = cur;
      cur = next;
    }
    out[o] = (byte) ((cur * 3 + prev + 1) >> 2);
    out[o + 1] = (byte) cur;
  }

  /** jdsample.c h2v2_fancy_upsample for one output row: nearest row i0, next nearest i1. */
  private static void h2v2(byte[] in, int i0, int i1, int dw, byte[] out) {
    int thisSum = (in[i0] & 0xFF) * 3 + (in[i1] & 0xFF);
    int nextSum = (in[i0 + 1] & 0xFF) * 3 + (in[i1 + 1] & 0xFF);
    out[0] = (byte) ((thisSum * 4 + 8) >> 4);
    out[1] = (byte) ((thisSum * 3 + nextSum + 7) >> 4);
    int lastSum = thisSum;
    thisSum = nextSum;
    int o = 2;
    for (int x = 2; x < dw; x++) {
      nextSum = (in[i0 + x] & 0xFF) * 3 + (in[i1 + x] & 0xFF);
      out[o] = (byte) ((thisSum * 3 + lastSum + 8) >> 4);
      out[o + 1] = (byte) ((thisSum * 3 + nextSum + 7) >> 4);
      o += 2;
      lastSum = thisSum;
      thisSum = nextSum;
    }
    out[o] = (byte) ((thisSum * 3 + lastSum + 8) >> 4);
    out[o + 1] = (byte) ((thisSum * 4 + 7) >> 4);
  }
}
