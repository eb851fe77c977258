package dev.tegula.tgl.lossy;

/**
 * The restore-side deblocking filter (docs/format-lossy.md §8), part of the format: after the
 * inverse DCT, every 8x8 block edge inside the tile is smoothed where the step across it is small
 * enough to be a quantization artefact rather than an image edge. The decisions and taps are
 * H.264's (ITU-T H.264 §8.7.2.3-8.7.2.4: alpha/beta tests, the tc-clipped normal filter and the
 * strong filter for flat areas); the thresholds scale with the macroblock's quantizer step and a
 * strength signalled in the header. Vertical edges are filtered first, then horizontal ones, each
 * left to right and top to bottom.
 */
final class DeblockingFilter {
  private DeblockingFilter() {}

  /**
   * Filters one plane of {@code pw} x {@code ph} samples in place. {@code alpha[m]} is the edge
   * threshold of macroblock m of this plane ({@code mbShift} = log2 of its size in samples,
   * {@code mbw} per row); 0 leaves its edges alone.
   */
  static void filter(int[] p, int pw, int ph, int mbShift, int mbw, int[] alpha) {
    // Edges 8 apart touch disjoint samples (each reads 4 and writes 3 a side), so filtering edge
    // by edge, with one threshold per 8-sample segment, gives the row-by-row order's result.
    for (int y0 = 0; y0 < ph; y0 += 8) {
      int row = (y0 >> mbShift) * mbw;
      for (int x = 8; x < pw; x += 8) {
        int a = Math.max(alpha[row + (x >> mbShift)], alpha[row + ((x - 1) >> mbShift)]);
        if (a > 0) {
          for (int i = y0 * pw + x, end = i + 8 * pw; i < end; i += pw) {
            int delta = p[i] - p[i - 1];
            if (delta < a && -delta < a) {
              edge(p, i, 1, a);
            }
          }
        }
      }
    }
    for (int y = 8; y < ph; y += 8) {
      int row = (y >> mbShift) * mbw;
      int rowAbove = ((y - 1) >> mbShift) * mbw;
      for (int x0 = 0; x0 < pw; x0 += 8) {
        int a = Math.max(alpha[row + (x0 >> mbShift)], alpha[rowAbove + (x0 >> mbShift)]);
        if (a > 0) {
          for (int i = y * pw + x0, end = i + 8; i < end; i++) {
            int delta = p[i] - p[i - pw];
            if (delta < a && -delta < a) {
              edge(p, i, pw, a);
            }
          }
        }
      }
    }
  }

  /** One line of samples across an edge: q0 at {@code i}, p0 at {@code i - d}. */
  private static void edge(int[] s, int i, int d, int alpha) {
    int p0 = s[i - d];
    int q0 = s[i];
    int delta = q0 - p0;
    if (delta >= alpha || -delta >= alpha) {
      return;
    }
    int beta = (alpha >> 1) + 1;
    int p1 = s[i - 2 * d];
    int q1 = s[i + d];
    if (Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
      return;
    }
    int p2 = s[i - 3 * d];
    int q2 = s[i + 2 * d];
    boolean ap = Math.abs(p2 - p0) < beta;
    boolean aq = Math.abs(q2 - q0) < beta;
    if (Math.abs(delta) < (alpha >> 2) + 2) {
      // Strong filter: flat on both sides, the step is blocking; spread it over 3 samples a side.
      if (ap) {
        int p3 = s[i - 4 * d];
        s[i - d] = ((p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
        s[i - 2 * d] = ((p2 + p1 + p0 + q0 + 2) >> 2);
        s[i - 3 * d] = ((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
      } else {
        s[i - d] = ((2 * p1 + p0 + q1 + 2) >> 2);
      }
      if (aq) {
        int q3 = s[i + 3 * d];
        s[i] = ((p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
        s[i + d] = ((p0 + q0 + q1 + q2 + 2) >> 2);
        s[i + 2 * d] = ((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
      } else {
        s[i] = ((2 * q1 + q0 + p1 + 2) >> 2);
      }
      return;
    }
    int tc0 = (alpha >> 3) + 1;
    int tc = tc0 + (ap ? 1 : 0) + (aq ? 1 : 0);
    int f = ((delta << 2) + (p1 - q1) + 4) >> 3;
    f = f < -tc ? -tc : f > tc ? tc : f;
    s[i - d] = clamp(p0 + f);
    s[i] = clamp(q0 - f);
    int avg = (p0 + q0 + 1) >> 1;
    if (ap) {
      int g = (p2 + avg - 2 * p1) >> 1;
      s[i - 2 * d] = clamp(p1 + (g < -tc0 ? -tc0 : g > tc0 ? tc0 : g));
    }
    if (aq) {
      int g = (q2 + avg - 2 * q1) >> 1;
      s[i + d] = clamp(q1 + (g < -tc0 ? -tc0 : g > tc0 ? tc0 : g));
    }
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
