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
  static void filter(short[] p, int pw, int ph, int mbShift, int mbw, int[] alpha) {
    for (int y = 0; y < ph; y++) {
      int row = (y >> mbShift) * mbw;
      for (int x = 8; x < pw; x += 8) {
        int a = Math.max(alpha[row + (x >> mbShift)], alpha[row + ((x - 1) >> mbShift)]);
        if (a > 0) {
          edge(p, y * pw + x, 1, a);
        }
      }
    }
    for (int y = 8; y < ph; y += 8) {
      int row = (y >> mbShift) * mbw;
      int rowAbove = ((y - 1) >> mbShift) * mbw;
      for (int x = 0; x < pw; x++) {
        int a = Math.max(alpha[row + (x >> mbShift)], alpha[rowAbove + (x >> mbShift)]);
        if (a > 0) {
          edge(p, y * pw + x, pw, a);
        }
      }
    }
  }

  /** One line of samples across an edge: q0 at {@code i}, p0 at {@code i - d}. */
  private static void edge(short[] s, int i, int d, int alpha) {
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
        s[i - d] = (short) ((p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
        s[i - 2 * d] = (short) ((p2 + p1 + p0 + q0 + 2) >> 2);
        s[i - 3 * d] = (short) ((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
      } else {
        s[i - d] = (short) ((2 * p1 + p0 + q1 + 2) >> 2);
      }
      if (aq) {
        int q3 = s[i + 3 * d];
        s[i] = (short) ((p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
        s[i + d] = (short) ((p0 + q0 + q1 + q2 + 2) >> 2);
        s[i + 2 * d] = (short) ((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
      } else {
        s[i] = (short) ((2 * q1 + q0 + p1 + 2) >> 2);
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

  private static short clamp(int v) {
    return (short) (v < 0 ? 0 : v > 255 ? 255 : v);
  }
}
