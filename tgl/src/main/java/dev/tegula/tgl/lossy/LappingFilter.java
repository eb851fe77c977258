package dev.tegula.tgl.lossy;

/**
 * The lapping filter (docs/format-lossy.md §8.2): a small symmetric 3x3 blur the decoder applies
 * to every plane, and whose approximate inverse (a sharpening) the encoder applies before the DCT.
 * Together they behave like a lapped transform: quantization error no longer stops at block
 * edges but is spread smoothly across them. This is JPEG XL's "gaborish" idea (libjxl
 * doc/format_overview.md); the weights here are integer (1/1024) so both runtimes agree.
 */
final class LappingFilter {
  /** Weights in 1/1024: each edge neighbour, each corner neighbour; the centre gets the rest. */
  private static final int SIDE = 69;
  private static final int DIAG = 37;
  private static final int CENTRE = 1024 - 4 * SIDE - 4 * DIAG;
  /** Encoder iterations; each cuts the residual blur of the highest frequency roughly in half. */
  private static final int ITERATIONS = 3;

  private LappingFilter() {}

  /** Decoder: blurs plane {@code p} (w x h) in place; edges repeat. {@code tmp} holds w*h. */
  static void apply(short[] p, int w, int h, short[] tmp) {
    System.arraycopy(p, 0, tmp, 0, w * h);
    int s = SIDE;
    int d = DIAG;
    int c = CENTRE;
    for (int y = 0; y < h; y++) {
      int up = (y > 0 ? y - 1 : 0) * w;
      int mid = y * w;
      int down = (y + 1 < h ? y + 1 : y) * w;
      p[mid] = blur(tmp, up, mid, down, 0, 0, w > 1 ? 1 : 0, c, s, d);
      for (int x = 1; x < w - 1; x++) {
        int edges = tmp[up + x] + tmp[down + x] + tmp[mid + x - 1] + tmp[mid + x + 1];
        int corners = tmp[up + x - 1] + tmp[up + x + 1] + tmp[down + x - 1] + tmp[down + x + 1];
        // Weights sum to 1024 and samples are 0..255, so no clamping is needed.
        p[mid + x] = (short) ((c * tmp[mid + x] + s * edges + d * corners + 512) >> 10);
      }
      if (w > 1) {
        p[mid + w - 1] = blur(tmp, up, mid, down, w - 1, w - 2, w - 1, c, s, d);
      }
    }
  }

  private static short blur(short[] t, int up, int mid, int down, int x, int l, int r, int c,
      int s, int d) {
    int edges = t[up + x] + t[down + x] + t[mid + l] + t[mid + r];
    int corners = t[up + l] + t[up + r] + t[down + l] + t[down + r];
    return (short) ((c * t[mid + x] + s * edges + d * corners + 512) >> 10);
  }

  /**
   * Encoder: replaces {@code x} (w x h samples) by y with blur(y) close to x, by the iteration
   * y += x - blur(y). Values may leave 0..255; they are only fed to the DCT.
   */
  static void invert(short[] x, int w, int h) {
    int n = w * h;
    int[] y = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i] << 4;
    }
    int s = SIDE;
    int d = DIAG;
    int c = CENTRE;
    for (int it = 0; it < ITERATIONS; it++) {
      for (int yy = 0; yy < h; yy++) {
        int up = (yy > 0 ? yy - 1 : 0) * w;
        int mid = yy * w;
        int down = (yy + 1 < h ? yy + 1 : yy) * w;
        for (int xx = 0; xx < w; xx++) {
          int l = xx > 0 ? xx - 1 : 0;
          int r = xx + 1 < w ? xx + 1 : xx;
          int edges = y[up + xx] + y[down + xx] + y[mid + l] + y[mid + r];
          int corners = y[up + l] + y[up + r] + y[down + l] + y[down + r];
          b[mid + xx] = (c * y[mid + xx] + s * edges + d * corners + 512) >> 10;
        }
      }
      for (int i = 0; i < n; i++) {
        y[i] += (x[i] << 4) - b[i];
      }
    }
    for (int i = 0; i < n; i++) {
      int v = (y[i] + 8) >> 4;
      x[i] = (short) (v < -256 ? -256 : v > 511 ? 511 : v);
    }
  }
}
