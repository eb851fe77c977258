package dev.tegula.tgl.lossy;

import dev.tegula.core.Platform;

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
   * written to {@code out[0, w)}; edges repeat. On HotSpot the three rows are copied to 0-based
   * buffers for {@link #blurPasses}; under TeaVM {@link #blurScalar} reads the plane in place.
   */
  static void lappedRow(int[] p, int w, int h, int y, int[] out, Rows t) {
    int mo = y * w;
    int uo = y > 0 ? mo - w : mo;
    int dn = y + 1 < h ? mo + w : mo;
    if (Platform.TEAVM) {
      blurScalar(p, uo, p, mo, p, dn, w, out);
      return;
    }
    System.arraycopy(p, uo, t.up, 0, w);
    System.arraycopy(p, mo, t.mid, 0, w);
    System.arraycopy(p, dn, t.down, 0, w);
    blurPasses(t.up, t.mid, t.down, w, out, t);
  }

  /**
   * The blur of the row at {@code m[mo, mo + w)} between {@code u[uo..]} (above) and {@code
   * d[dn..]} (below), written to {@code out[0, w)}, which must be none of them: in the form that
   * is fastest on this runtime.
   */
  private static void blur(int[] u, int uo, int[] m, int mo, int[] d, int dn, int w, int[] out,
      Rows t) {
    if (Platform.TEAVM) {
      blurScalar(u, uo, m, mo, d, dn, w, out);
    } else {
      blurPasses(u, m, d, w, out, t);
    }
  }

  /**
   * The blur in one scalar pass that carries the column sums and middle samples of x-1, x and
   * x+1 in locals: three loads and one store per sample, against the passes' eleven array
   * accesses and seven row copies. The form for WebAssembly, where nothing is vectorized; on
   * HotSpot it takes about twice the passes' time.
   */
  static void blurScalar(int[] u, int uo, int[] m, int mo, int[] d, int dn, int w, int[] out) {
    int vLeft = u[uo] + d[dn];
    int mLeft = m[mo];
    int v = vLeft;
    int mid = mLeft;
    int last = w - 1;
    for (int x = 0; x < last; x++) {
      int vRight = u[uo + x + 1] + d[dn + x + 1];
      int mRight = m[mo + x + 1];
      out[x] = (CENTRE * mid + SIDE * (v + mLeft + mRight) + DIAG * (vLeft + vRight) + 512) >> 10;
      vLeft = v;
      v = vRight;
      mLeft = mid;
      mid = mRight;
    }
    out[last] = (CENTRE * mid + SIDE * (v + mLeft + mid) + DIAG * (vLeft + v) + 512) >> 10;
  }

  /**
   * The blur as whole-row passes over 0-based rows, the left and right neighbours supplied by
   * array copies shifted by one: every loop then reads each array at the loop index alone, the
   * form HotSpot's C2 vectorizes (a rolling scalar loop took 2.2 ns per sample, this about a
   * quarter of that). edges = vert[x] + mid[x-1] + mid[x+1], corners = vert[x-1] + vert[x+1],
   * with vert = above + below.
   */
  static void blurPasses(int[] u, int[] m, int[] d, int w, int[] out, Rows t) {
    int[] v = t.vert;
    int[] vL = t.vertL;
    int[] vR = t.vertR;
    int[] mL = t.midL;
    int[] mR = t.midR;
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
   * y += x - blur(y) (y in 1/16, starting at x). Values may leave 0..255; they are only fed to
   * the DCT. The blur is the decoder's (the same sums; integer sums in any order are equal).
   *
   * <p>The iterations run as a wavefront down the plane: iteration k's row r needs only rows
   * r-1..r+1 of iteration k-1, so each iteration keeps its last three rows and trails the one
   * before it by a row, and the last one writes its row into {@code x} as soon as no iteration
   * reads that row of {@code x} any more. Whole-plane iterations allocated two int planes per
   * colour plane (8 bytes a sample, 144 MB at 12 MP 4:2:0): in the browser's Wasm, fresh arrays
   * cost about 3 ns a byte and these passes ran at seven times the JVM's time (session 23).
   */
  static void invert(short[] x, int w, int h) {
    // ring[k][r % 3] is row r of iteration k (0: x itself, in 1/16)
    int[][][] ring = new int[ITERATIONS][3][w];
    Rows t = new Rows(w);
    int[] out = new int[w];
    for (int s = 0; s < h + ITERATIONS; s++) {
      if (s < h) {
        int[] row = ring[0][s % 3];
        int o = s * w;
        for (int i = 0; i < w; i++) {
          row[i] = x[o + i] << 4;
        }
      }
      for (int k = 1; k <= ITERATIONS; k++) {
        int r = s - k;
        if (r < 0 || r >= h) {
          continue;
        }
        int[][] prev = ring[k - 1];
        int[] mid = prev[r % 3];
        blur(prev[(r > 0 ? r - 1 : r) % 3], 0, mid, 0, prev[(r + 1 < h ? r + 1 : r) % 3], 0, w,
            out, t);
        int o = r * w;
        if (k < ITERATIONS) {
          int[] next = ring[k][r % 3];
          for (int i = 0; i < w; i++) {
            next[i] = mid[i] + (x[o + i] << 4) - out[i];
          }
        } else {
          for (int i = 0; i < w; i++) {
            int v = (mid[i] + (x[o + i] << 4) - out[i] + 8) >> 4;
            x[o + i] = (short) (v < -256 ? -256 : v > 511 ? 511 : v);
          }
        }
      }
    }
  }
}
