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

  /** Decoder scratch of {@link #lappedRow}: row buffers at least a plane row long. */
  static final class Rows {
    final int[] up;
    final int[] mid;
    final int[] down;
    final int[] vert;
    final int[] vertL;
    final int[] vertR;
    final int[] midL;
    final int[] midR;

    Rows(int w) {
      up = new int[w];
      mid = new int[w];
      down = new int[w];
      vert = new int[w];
      vertL = new int[w];
      vertR = new int[w];
      midL = new int[w];
      midR = new int[w];
    }
  }

  /**
   * Decoder, row by row: row {@code y} of the blurred plane {@code p} (w x h, left unchanged),
   * written to {@code out[0, w)}; edges repeat. Done as whole-row operations on 0-based buffers,
   * the left and right neighbours supplied by array copies shifted by one: every loop then reads
   * each array at the loop index alone, the form HotSpot's C2 vectorizes (a rolling scalar loop
   * took 2.2 ns per sample, this about a quarter of that). edges = vert[x] + mid[x-1] + mid[x+1],
   * corners = vert[x-1] + vert[x+1], with vert = above + below.
   */
  static void lappedRow(int[] p, int w, int h, int y, int[] out, Rows t) {
    int mo = y * w;
    int[] u = t.up;
    int[] m = t.mid;
    int[] d = t.down;
    int[] v = t.vert;
    int[] vL = t.vertL;
    int[] vR = t.vertR;
    int[] mL = t.midL;
    int[] mR = t.midR;
    System.arraycopy(p, y > 0 ? mo - w : mo, u, 0, w);
    System.arraycopy(p, mo, m, 0, w);
    System.arraycopy(p, y + 1 < h ? mo + w : mo, d, 0, w);
    for (int x = 0; x < w; x++) {
      v[x] = u[x] + d[x];
    }
    System.arraycopy(v, 0, vL, 1, w - 1);
    vL[0] = v[0];
    System.arraycopy(v, 1, vR, 0, w - 1);
    vR[w - 1] = v[w - 1];
    System.arraycopy(m, 0, mL, 1, w - 1);
    mL[0] = m[0];
    System.arraycopy(m, 1, mR, 0, w - 1);
    mR[w - 1] = m[w - 1];
    int s = SIDE;
    int dg = DIAG;
    int c = CENTRE;
    // Weights sum to 1024 and samples are 0..255, so no clamping is needed.
    for (int x = 0; x < w; x++) {
      out[x] = (c * m[x] + s * (v[x] + mL[x] + mR[x]) + dg * (vL[x] + vR[x]) + 512) >> 10;
    }
  }

  /**
   * Encoder: replaces {@code x} (w x h samples) by y with blur(y) close to x, by the iteration
   * y += x - blur(y). Values may leave 0..255; they are only fed to the DCT. The blur is the
   * decoder's {@link #lappedRow} on y (the same sums; integer sums in any order are equal), whose
   * whole-row loops C2 vectorizes: a loop clamping its neighbours per sample took about twice the
   * CPU at 3 MP, 9 % of a .tgl target search's CPU (a JFR profile of SearchCost, session 20).
   */
  static void invert(short[] x, int w, int h) {
    int n = w * h;
    int[] y = new int[n];
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i] << 4;
    }
    Rows rows = new Rows(w);
    int[] row = new int[w];
    for (int it = 0; it < ITERATIONS; it++) {
      for (int yy = 0; yy < h; yy++) {
        lappedRow(y, w, h, yy, row, rows);
        System.arraycopy(row, 0, b, yy * w, w);
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
