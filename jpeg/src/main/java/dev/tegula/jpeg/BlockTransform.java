package dev.tegula.jpeg;

/**
 * The front of the encoder, one MCU row at a time: colour conversion ({@link ColorToYcc}),
 * chroma downsampling ({@link Downsampler}) and the forward DCT ({@link ForwardDct}) of every
 * block into the components' coefficient arrays (natural order, times 8). Only one MCU row of
 * samples is held at a time.
 */
final class BlockTransform {
  private BlockTransform() {}

  static void run(byte[] rgba, int width, int height, EncoderComponent[] comps, int hmax,
      int vmax, int mcusX, int mcusY) {
    int rows = vmax * 8;
    int stride = mcusX * hmax * 8;
    int n = rows * stride;
    boolean color = comps.length == 3;
    int[][] full = {new int[n], color ? new int[n] : null, color ? new int[n] : null};
    int[][] sub = new int[comps.length][];
    for (int c = 0; c < comps.length; c++) {
      if (comps[c].h != hmax || comps[c].v != vmax) {
        sub[c] = new int[(stride * comps[c].h / hmax) * (rows * comps[c].v / vmax)];
      }
    }
    int[] ws = new int[64];
    for (int my = 0; my < mcusY; my++) {
      ColorToYcc.convert(rgba, width, height, my * rows, rows, stride, full[0], full[1], full[2]);
      for (int ci = 0; ci < comps.length; ci++) {
        EncoderComponent c = comps[ci];
        int w = stride * c.h / hmax;
        int[] plane = full[ci];
        if (sub[ci] != null) {
          Downsampler.downsample(full[ci], stride, hmax / c.h, vmax / c.v, sub[ci], w, c.v * 8);
          plane = sub[ci];
        }
        for (int br = 0; br < c.v; br++) {
          int outRow = (my * c.v + br) * c.blocksWide;
          for (int bx = 0; bx < c.blocksWide; bx++) {
            ForwardDct.transform(plane, br * 8 * w + bx * 8, w, ws, c.coef, (outRow + bx) * 64);
          }
        }
      }
    }
  }
}
