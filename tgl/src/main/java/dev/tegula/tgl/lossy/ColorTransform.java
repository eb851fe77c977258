package dev.tegula.tgl.lossy;

/**
 * Colour transform and chroma resampling of the lossy mode (docs/format-lossy.md §4): full-range
 * YCbCr as in JFIF (the BT.601 matrix in 16-bit fixed point, as libjpeg's jccolor.c / jdcolor.c),
 * 2x2 box downsampling of chroma at encode and libjpeg's "fancy" triangle upsampling at decode
 * (jdsample.c h2v2_fancy_upsample), whose centre matches the box filter's.
 *
 * <p>Planes are of the padded size ({@code short[]} at encode, {@code int[]} at decode, the
 * type the decoder's vectorized lapping wants); the encoder fills the padding by repeating the
 * last column and row, so edge blocks code no artificial edge.
 */
final class ColorTransform {
  private static final int FIX_0_299 = 19595;
  private static final int FIX_0_587 = 38470;
  private static final int FIX_0_114 = 7471;
  private static final int FIX_0_169 = 11059;
  private static final int FIX_0_331 = 21709;
  private static final int FIX_0_5 = 32768;
  private static final int FIX_0_419 = 27439;
  private static final int FIX_0_081 = 5329;
  private static final int FIX_1_402 = 91881;
  private static final int FIX_0_344 = 22554;
  private static final int FIX_0_714 = 46802;
  private static final int FIX_1_772 = 116130;

  private ColorTransform() {}

  /**
   * Splits interleaved samples into planes. Grey ({@code channels} 1) fills only {@code y}. With
   * {@code subsample}, {@code cb}/{@code cr} are (pw/2) x (ph/2), else pw x ph.
   */
  static void forward(byte[] samples, int width, int height, int channels, boolean subsample,
      short[] y, short[] cb, short[] cr, int pw, int ph) {
    if (channels == 1) {
      for (int r = 0; r < ph; r++) {
        int sr = (r < height ? r : height - 1) * width;
        int o = r * pw;
        for (int c = 0; c < pw; c++) {
          y[o + c] = (short) (samples[sr + (c < width ? c : width - 1)] & 0xFF);
        }
      }
      return;
    }
    int cw = subsample ? pw >> 1 : pw;
    for (int r = 0; r < ph; r++) {
      int sr = (r < height ? r : height - 1) * width;
      int o = r * pw;
      for (int c = 0; c < pw; c++) {
        int p = (sr + (c < width ? c : width - 1)) * 3;
        int red = samples[p] & 0xFF;
        int green = samples[p + 1] & 0xFF;
        int blue = samples[p + 2] & 0xFF;
        y[o + c] =
            (short) ((FIX_0_299 * red + FIX_0_587 * green + FIX_0_114 * blue + FIX_0_5) >> 16);
      }
    }
    if (!subsample) {
      for (int r = 0; r < ph; r++) {
        int sr = (r < height ? r : height - 1) * width;
        int o = r * cw;
        for (int c = 0; c < pw; c++) {
          int p = (sr + (c < width ? c : width - 1)) * 3;
          cb[o + c] = (short) clamp((cbOf(samples, p) + (128 << 16) + FIX_0_5) >> 16);
          cr[o + c] = (short) clamp((crOf(samples, p) + (128 << 16) + FIX_0_5) >> 16);
        }
      }
      return;
    }
    int chh = ph >> 1;
    for (int r = 0; r < chh; r++) {
      int r0 = Math.min(2 * r, height - 1) * width;
      int r1 = Math.min(2 * r + 1, height - 1) * width;
      int o = r * cw;
      for (int c = 0; c < cw; c++) {
        int c0 = Math.min(2 * c, width - 1);
        int c1 = Math.min(2 * c + 1, width - 1);
        int a = (r0 + c0) * 3;
        int b = (r0 + c1) * 3;
        int d = (r1 + c0) * 3;
        int e = (r1 + c1) * 3;
        // Average in full precision, round once.
        int sb = cbOf(samples, a) + cbOf(samples, b) + cbOf(samples, d) + cbOf(samples, e);
        int sr = crOf(samples, a) + crOf(samples, b) + crOf(samples, d) + crOf(samples, e);
        cb[o + c] = (short) clamp(((sb + (1 << 17)) >> 18) + 128);
        cr[o + c] = (short) clamp(((sr + (1 << 17)) >> 18) + 128);
      }
    }
  }

  private static int cbOf(byte[] s, int p) {
    return -FIX_0_169 * (s[p] & 0xFF) - FIX_0_331 * (s[p + 1] & 0xFF) + FIX_0_5 * (s[p + 2] & 0xFF);
  }

  private static int crOf(byte[] s, int p) {
    return FIX_0_5 * (s[p] & 0xFF) - FIX_0_419 * (s[p + 1] & 0xFF) - FIX_0_081 * (s[p + 2] & 0xFF);
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }

  /**
   * Writes the {@code width} x {@code height} result from the decoded (and deblocked) planes,
   * applying the lapping filter (§8.2) on the way when {@code lapping}: each output row is made
   * from lapped rows computed into small row buffers, so the planes are read once and never
   * written back. Pixel (x, y) goes to {@code out[offset + y * stride + x * step]}: {@code step}
   * 1 (grey) or 3 (RGB) for interleaved samples, or 4 for RGBA, where grey fills R, G and B and
   * {@code opaque} also sets A to 255.
   */
  static void inverse(int[] y, int[] cb, int[] cr, int pw, int ph, boolean subsample,
      boolean lapping, int width, int height, byte[] out, int offset, int stride, int step,
      boolean opaque) {
    inverse(y, cb, cr, pw, ph, subsample, lapping, width, height, out, null, offset, stride, step,
        opaque);
  }

  /**
   * {@link #inverse} into packed pixels, {@code R | G << 8 | B << 16 | A << 24} (RgbaTarget's
   * packing): pixel (x, y) goes to {@code out[offset + y * stride + x]}, A is 255 when {@code
   * opaque}, else 0. One int store per pixel instead of four byte stores, and the rows go on to
   * an RgbaTarget as they are.
   */
  static void inversePacked(int[] y, int[] cb, int[] cr, int pw, int ph, boolean subsample,
      boolean lapping, int width, int height, int[] out, int offset, int stride, boolean opaque) {
    inverse(y, cb, cr, pw, ph, subsample, lapping, width, height, null, out, offset, stride, 1,
        opaque);
  }

  /** Into {@code out} when it is given, else into {@code packed}. */
  private static void inverse(int[] y, int[] cb, int[] cr, int pw, int ph, boolean subsample,
      boolean lapping, int width, int height, byte[] out, int[] packed, int offset, int stride,
      int step, boolean opaque) {
    int[] yRow = new int[pw];
    LappingFilter.Rows rows = lapping ? new LappingFilter.Rows(pw) : null;
    if (cb == null) {
      for (int r = 0; r < height; r++) {
        int yo = planeRow(y, pw, ph, r, rows, yRow);
        if (packed != null) {
          greyRow(lapping ? yRow : y, yo, width, packed, offset + r * stride, opaque);
        } else {
          greyRow(lapping ? yRow : y, yo, width, out, offset + r * stride, step, opaque);
        }
      }
      return;
    }
    if (!subsample) {
      int[] bRow = new int[pw];
      int[] rRow = new int[pw];
      for (int r = 0; r < height; r++) {
        int yo = planeRow(y, pw, ph, r, rows, yRow);
        planeRow(cb, pw, ph, r, rows, bRow);
        planeRow(cr, pw, ph, r, rows, rRow);
        if (packed != null) {
          colourRow(lapping ? yRow : y, lapping ? bRow : cb, lapping ? rRow : cr, yo, width,
              packed, offset + r * stride, opaque);
        } else {
          colourRow(lapping ? yRow : y, lapping ? bRow : cb, lapping ? rRow : cr, yo, width, out,
              offset + r * stride, step, opaque);
        }
      }
      return;
    }
    int cw = pw >> 1;
    int chh = ph >> 1;
    // Lapped chroma rows c-1, c, c+1 around the current one, chroma row c in slot c % 3.
    int[][] bRing = new int[3][cw];
    int[][] rRing = new int[3][cw];
    int ready = -1;
    for (int r = 0; r < height; r++) {
      int near = r >> 1;
      int far = (r & 1) == 0 ? near - 1 : near + 1;
      far = far < 0 ? 0 : far >= chh ? chh - 1 : far;
      int last = Math.max(near, far);
      while (ready < last) {
        ready++;
        int slot = ready % 3;
        if (lapping) {
          LappingFilter.lappedRow(cb, cw, chh, ready, bRing[slot], rows);
          LappingFilter.lappedRow(cr, cw, chh, ready, rRing[slot], rows);
        } else {
          System.arraycopy(cb, ready * cw, bRing[slot], 0, cw);
          System.arraycopy(cr, ready * cw, rRing[slot], 0, cw);
        }
      }
      int yo = planeRow(y, pw, ph, r, rows, yRow);
      if (packed != null) {
        row420(lapping ? yRow : y, yo, bRing[near % 3], bRing[far % 3], rRing[near % 3],
            rRing[far % 3], cw, width, packed, offset + r * stride, opaque);
      } else {
        row420(lapping ? yRow : y, yo, bRing[near % 3], bRing[far % 3], rRing[near % 3],
            rRing[far % 3], cw, width, out, offset + r * stride, step, opaque);
      }
    }
  }

  /**
   * Row {@code r} of a plane: lapped into {@code row} (offset 0) when {@code rows} (lapping's
   * scratch) is given, or its offset in the plane.
   */
  private static int planeRow(int[] p, int w, int h, int r, LappingFilter.Rows rows, int[] row) {
    if (rows != null) {
      LappingFilter.lappedRow(p, w, h, r, row, rows);
      return 0;
    }
    return r * w;
  }

  private static void greyRow(int[] y, int s, int width, byte[] out, int o, int step,
      boolean opaque) {
    if (step == 1) {
      for (int c = 0; c < width; c++) {
        out[o + c] = (byte) y[s + c];
      }
      return;
    }
    for (int c = 0; c < width; c++, o += step) {
      byte v = (byte) y[s + c];
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
      if (opaque) {
        out[o + 3] = (byte) 0xFF;
      }
    }
  }

  private static void colourRow(int[] y, int[] cb, int[] cr, int s, int width, byte[] out,
      int o, int step, boolean opaque) {
    for (int c = 0; c < width; c++, o += step) {
      pixel(y[s + c], cb[s + c] & 0xFF, cr[s + c] & 0xFF, out, o, opaque);
    }
  }

  /**
   * One output row of 4:2:0: h2v2 fancy upsampling (jdsample.c, 3/4 nearer and 1/4 farther
   * sample on each axis) fused with the colour conversion. The chroma rows nearer and farther
   * from the output row are {@code bN}/{@code rN} and {@code bF}/{@code rF}. Per chroma column
   * the vertically blended sums of the previous, current and next column roll along in locals; each gives two
   * output pixels.
   */
  private static void row420(int[] y, int s, int[] bN, int[] bF, int[] rN, int[] rF, int cw,
      int width, byte[] out, int o, int step, boolean opaque) {
    int pairs = (width + 1) >> 1;
    int bPrev = 3 * bN[0] + bF[0];
    int rPrev = 3 * rN[0] + rF[0];
    int bCur = bPrev;
    int rCur = rPrev;
    int step2 = 2 * step;
    // The last pair is done apart when the width is odd or the chroma row ends, so the main
    // loop has neither test.
    int full = Math.min(width >> 1, cw - 1);
    int start = 0;
    if (step == 4) {
      // RGBA, the container's case: output index linear in i, so the JIT drops bounds checks.
      for (int i = 0; i < full; i++) {
        int bNext = 3 * bN[i + 1] + bF[i + 1];
        int rNext = 3 * rN[i + 1] + rF[i + 1];
        int oo = o + 8 * i;
        pixel(y[s + 2 * i], (3 * bCur + bPrev + 8) >> 4, (3 * rCur + rPrev + 8) >> 4, out, oo,
            opaque);
        pixel(y[s + 2 * i + 1], (3 * bCur + bNext + 7) >> 4, (3 * rCur + rNext + 7) >> 4, out,
            oo + 4, opaque);
        bPrev = bCur;
        rPrev = rCur;
        bCur = bNext;
        rCur = rNext;
      }
      o += 8 * full;
      start = full;
    }
    for (int i = start; i < full; i++, o += step2) {
      int bNext = 3 * bN[i + 1] + bF[i + 1];
      int rNext = 3 * rN[i + 1] + rF[i + 1];
      pixel(y[s + 2 * i], (3 * bCur + bPrev + 8) >> 4, (3 * rCur + rPrev + 8) >> 4, out, o,
          opaque);
      pixel(y[s + 2 * i + 1], (3 * bCur + bNext + 7) >> 4, (3 * rCur + rNext + 7) >> 4, out,
          o + step, opaque);
      bPrev = bCur;
      rPrev = rCur;
      bCur = bNext;
      rCur = rNext;
    }
    for (int i = full; i < pairs; i++, o += step2) {
      int bNext = i + 1 < cw ? 3 * bN[i + 1] + bF[i + 1] : bCur;
      int rNext = i + 1 < cw ? 3 * rN[i + 1] + rF[i + 1] : rCur;
      pixel(y[s + 2 * i], (3 * bCur + bPrev + 8) >> 4, (3 * rCur + rPrev + 8) >> 4, out, o,
          opaque);
      if (2 * i + 1 < width) {
        pixel(y[s + 2 * i + 1], (3 * bCur + bNext + 7) >> 4, (3 * rCur + rNext + 7) >> 4, out,
            o + step, opaque);
      }
      bPrev = bCur;
      rPrev = rCur;
      bCur = bNext;
      rCur = rNext;
    }
  }

  /**
   * One RGB(A) pixel from luma and 0..255 chroma, jdcolor.c's arithmetic (its tables' entries,
   * computed inline, which is faster here than the lookups); A = 255 at {@code o + 3} when
   * {@code opaque}.
   */
  private static void pixel(int lum, int u, int v, byte[] out, int o, boolean opaque) {
    u -= 128;
    v -= 128;
    int r = lum + ((FIX_1_402 * v + FIX_0_5) >> 16);
    int g = lum + ((-FIX_0_344 * u + FIX_0_5 - FIX_0_714 * v) >> 16);
    int b = lum + ((FIX_1_772 * u + FIX_0_5) >> 16);
    out[o] = (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    out[o + 1] = (byte) (g < 0 ? 0 : g > 255 ? 255 : g);
    out[o + 2] = (byte) (b < 0 ? 0 : b > 255 ? 255 : b);
    if (opaque) {
      out[o + 3] = (byte) 0xFF;
    }
  }

  private static void greyRow(int[] y, int s, int width, int[] out, int o, boolean opaque) {
    int a = opaque ? 0xFF000000 : 0;
    for (int c = 0; c < width; c++) {
      int v = y[s + c] & 0xFF;
      out[o + c] = v | v << 8 | v << 16 | a;
    }
  }

  private static void colourRow(int[] y, int[] cb, int[] cr, int s, int width, int[] out, int o,
      boolean opaque) {
    int a = opaque ? 0xFF000000 : 0;
    for (int c = 0; c < width; c++) {
      out[o + c] = packed(y[s + c], cb[s + c] & 0xFF, cr[s + c] & 0xFF) | a;
    }
  }

  /** {@link #row420} into packed pixels. */
  private static void row420(int[] y, int s, int[] bN, int[] bF, int[] rN, int[] rF, int cw,
      int width, int[] out, int o, boolean opaque) {
    int a = opaque ? 0xFF000000 : 0;
    int pairs = (width + 1) >> 1;
    int bPrev = 3 * bN[0] + bF[0];
    int rPrev = 3 * rN[0] + rF[0];
    int bCur = bPrev;
    int rCur = rPrev;
    int full = Math.min(width >> 1, cw - 1);
    for (int i = 0; i < full; i++) {
      int bNext = 3 * bN[i + 1] + bF[i + 1];
      int rNext = 3 * rN[i + 1] + rF[i + 1];
      out[o + 2 * i] = packed(y[s + 2 * i], (3 * bCur + bPrev + 8) >> 4,
          (3 * rCur + rPrev + 8) >> 4) | a;
      out[o + 2 * i + 1] = packed(y[s + 2 * i + 1], (3 * bCur + bNext + 7) >> 4,
          (3 * rCur + rNext + 7) >> 4) | a;
      bPrev = bCur;
      rPrev = rCur;
      bCur = bNext;
      rCur = rNext;
    }
    for (int i = full; i < pairs; i++) {
      int bNext = i + 1 < cw ? 3 * bN[i + 1] + bF[i + 1] : bCur;
      int rNext = i + 1 < cw ? 3 * rN[i + 1] + rF[i + 1] : rCur;
      out[o + 2 * i] = packed(y[s + 2 * i], (3 * bCur + bPrev + 8) >> 4,
          (3 * rCur + rPrev + 8) >> 4) | a;
      if (2 * i + 1 < width) {
        out[o + 2 * i + 1] = packed(y[s + 2 * i + 1], (3 * bCur + bNext + 7) >> 4,
            (3 * rCur + rNext + 7) >> 4) | a;
      }
      bPrev = bCur;
      rPrev = rCur;
      bCur = bNext;
      rCur = rNext;
    }
  }

  /** {@link #pixel}'s arithmetic, packed as R | G << 8 | B << 16 with A 0. */
  private static int packed(int lum, int u, int v) {
    u -= 128;
    v -= 128;
    int r = lum + ((FIX_1_402 * v + FIX_0_5) >> 16);
    int g = lum + ((-FIX_0_344 * u + FIX_0_5 - FIX_0_714 * v) >> 16);
    int b = lum + ((FIX_1_772 * u + FIX_0_5) >> 16);
    return (r < 0 ? 0 : r > 255 ? 255 : r) | (g < 0 ? 0 : g > 255 ? 255 : g) << 8
        | (b < 0 ? 0 : b > 255 ? 255 : b) << 16;
  }
}
