package dev.tegula.jpeg;

/**
 * The front of the encoder, one MCU row at a time: colour conversion ({@link ColorToYcc}),
 * chroma downsampling ({@link Downsampler}) and the forward DCT ({@link ForwardDct}) of every
 * block into the components' coefficient arrays (natural order, times 8). Only one MCU row of
 * samples (plus {@code vmax} rows above and below, for the chroma filter) is held at a time.
 */
final class BlockTransform {
  private BlockTransform() {}

  /**
   * @param sharpen strength of the downsampled chroma's pre-emphasis, 1/16
   *     ({@link Downsampler#sharpen}), 0 for none
   */
  static void run(byte[] rgba, int width, int height, EncoderComponent[] comps, int hmax,
      int vmax, int mcusX, int mcusY, int sharpen) {
    int rows = vmax * 8;
    int margin = vmax == 1 ? 0 : vmax;
    int stripRows = rows + 2 * margin;
    int stride = mcusX * hmax * 8;
    int n = stripRows * stride;
    boolean color = comps.length == 3;
    int[][] full = {new int[n], color ? new int[n] : null, color ? new int[n] : null};
    int[][] sub = new int[comps.length][];
    int[][] tmp = new int[comps.length][];
    for (int c = 0; c < comps.length; c++) {
      if (comps[c].h != hmax || comps[c].v != vmax) {
        int size = (stride * comps[c].h / hmax) * (stripRows * comps[c].v / vmax);
        sub[c] = new int[size];
        tmp[c] = sharpen > 0 ? new int[size] : null;
      }
    }
    int[] ws = new int[64];
    for (int my = 0; my < mcusY; my++) {
      ColorToYcc.convert(rgba, width, height, my * rows - margin, stripRows, stride, full[0],
          full[1], full[2]);
      for (int ci = 0; ci < comps.length; ci++) {
        EncoderComponent c = comps[ci];
        int w = stride * c.h / hmax;
        int[] plane = full[ci];
        int top = margin * stride;
        if (sub[ci] != null) {
          int fh = hmax / c.h;
          int fv = vmax / c.v;
          int subRows = stripRows / fv;
          Downsampler.downsample(full[ci], stride, fh, fv, sub[ci], w, subRows);
          plane = sub[ci];
          if (sharpen > 0) {
            Downsampler.sharpen(sub[ci], tmp[ci], w, subRows, fh, fv, sharpen);
            plane = tmp[ci];
          }
          top = margin / fv * w;
        }
        for (int br = 0; br < c.v; br++) {
          int outRow = (my * c.v + br) * c.blocksWide;
          for (int bx = 0; bx < c.blocksWide; bx++) {
            ForwardDct.transform(plane, top + br * 8 * w + bx * 8, w, ws, c.coef,
                (outRow + bx) * 64);
          }
        }
      }
    }
  }
}
