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

  /**
   * Decoder, row by row: row {@code y} of the blurred plane {@code p} (w x h, left unchanged),
   * written to {@code out[oo, oo + w)}; edges repeat.
   */
  static void lappedRow(short[] p, int w, int h, int y, short[] out, int oo) {
    int mid = y * w;
    row(p, y > 0 ? mid - w : mid, p, mid, p, y + 1 < h ? mid + w : mid, out, oo, w);
  }

  /**
   * One output row from the rows above, at and below it. Vertical pair sums roll along in locals,
   * so each sample of the three rows is read once: edges = v[x] + m[x-1] + m[x+1], corners =
   * v[x-1] + v[x+1] with v = above + below.
   */
  private static void row(short[] ua, int uo, short[] ma, int mo, short[] da, int dOff,
      short[] out, int oo, int w) {
    int s = SIDE;
    int d = DIAG;
    int c = CENTRE;
    int m0 = ma[mo];
    int v0 = ua[uo] + da[dOff];
    int mR = w > 1 ? ma[mo + 1] : m0;
    int vR = w > 1 ? ua[uo + 1] + da[dOff + 1] : v0;
    int mL = m0;
    int vL = v0;
    // Weights sum to 1024 and samples are 0..255, so no clamping is needed.
    int x = 0;
    // Two outputs per iteration: fewer loop overheads and moves of the rolling values.
    for (; x < w - 3; x += 2) {
      int m2 = ma[mo + x + 2];
      int v2 = ua[uo + x + 2] + da[dOff + x + 2];
      int m3 = ma[mo + x + 3];
      int v3 = ua[uo + x + 3] + da[dOff + x + 3];
      out[oo + x] = (short) ((c * m0 + s * (v0 + mL + mR) + d * (vL + vR) + 512) >> 10);
      out[oo + x + 1] = (short) ((c * mR + s * (vR + m0 + m2) + d * (v0 + v2) + 512) >> 10);
      mL = mR;
      vL = vR;
      m0 = m2;
      v0 = v2;
      mR = m3;
      vR = v3;
    }
    for (; x < w - 2; x++) {
      out[oo + x] = (short) ((c * m0 + s * (v0 + mL + mR) + d * (vL + vR) + 512) >> 10);
      mL = m0;
      vL = v0;
      m0 = mR;
      v0 = vR;
      mR = ma[mo + x + 2];
      vR = ua[uo + x + 2] + da[dOff + x + 2];
    }
    // The last two columns: the right neighbour of the last one repeats it.
    for (x = w < 2 ? 0 : w - 2; x < w; x++) {
      out[oo + x] = (short) ((c * m0 + s * (v0 + mL + mR) + d * (vL + vR) + 512) >> 10);
      mL = m0;
      vL = v0;
      m0 = mR;
      v0 = vR;
    }
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
