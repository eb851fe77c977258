package dev.tegula.jpeg;

/**
 * The common YCbCr layouts in one pass per output row: full-size Y with Cb and Cr upsampled by
 * jdsample.c's {@code h2v2_fancy_upsample} (4:2:0) or {@code h2v1_fancy_upsample} (4:2:2) and
 * converted with jdcolor.c's arithmetic, without writing the upsampled chroma rows anywhere. The
 * formulas are {@link Upsampler}'s and {@link ColorConverter}'s, so the pixels are identical.
 */
final class FusedYccRow {
  private static final int SCALEBITS = 16;
  private static final int ONE_HALF = 1 << (SCALEBITS - 1);
  private static final int FIX_1_40200 = ColorConverter.FIX_1_40200;
  private static final int FIX_1_77200 = ColorConverter.FIX_1_77200;
  private static final int FIX_0_71414 = ColorConverter.FIX_0_71414;
  private static final int FIX_0_34414 = ColorConverter.FIX_0_34414;

  private FusedYccRow() {}

  /** Whether the fused path applies: YCbCr, Y full size, Cb and Cr both H2V2 or both H2V1 fancy. */
  static boolean applies(int space, Upsampler[] ups) {
    if (space != ColorConverter.YCBCR || ups.length != 3 || ups[0].method != Upsampler.FULLSIZE) {
      return false;
    }
    int m = ups[1].method;
    return (m == Upsampler.H2V2_FANCY || m == Upsampler.H2V1_FANCY) && ups[2].method == m;
  }

  /**
   * Writes output row y, {@code width} pixels packed R | G << 8 | B << 16 | A << 24, to
   * {@code out[0 .. width)}.
   *
   * @param planes Y, Cb, Cr
   * @param h2v2 true for 4:2:0 (context rows above/below), false for 4:2:2
   */
  static void row(ComponentPlane[] planes, boolean h2v2, int y, int width, int[] out) {
    final ComponentPlane yp = planes[0];
    final ComponentPlane cbp = planes[1];
    final ComponentPlane crp = planes[2];
    final int dw = cbp.width;
    if (h2v2) {
      int cy = y >> 1;
      int last = cbp.height - 1;
      int ny = (y & 1) != 0 ? Math.min(cy + 1, last) : Math.max(cy - 1, 0);
      h2v2(yp.samples, yp.rowOffset(y), cbp.samples, cbp.rowOffset(cy), cbp.rowOffset(ny),
          crp.samples, crp.rowOffset(cy), crp.rowOffset(ny), dw, width, out);
    } else {
      h2v1(yp.samples, yp.rowOffset(y), cbp.samples, cbp.rowOffset(y), crp.samples,
          crp.rowOffset(y), dw, width, out);
    }
  }

  /** 4:2:0: h2v2_fancy_upsample on column sums 3 * near + far (shift 4, biases 8 and 7). */
  private static void h2v2(byte[] ya, int yi, byte[] cba, int cb0, int cb1, byte[] cra, int cr0,
      int cr1, int dw, int width, int[] out) {
    int cbThis = (cba[cb0] & 0xFF) * 3 + (cba[cb1] & 0xFF);
    int crThis = (cra[cr0] & 0xFF) * 3 + (cra[cr1] & 0xFF);
    int cbNext = (cba[cb0 + 1] & 0xFF) * 3 + (cba[cb1 + 1] & 0xFF);
    int crNext = (cra[cr0 + 1] & 0xFF) * 3 + (cra[cr1 + 1] & 0xFF);
    pixel(ya[yi] & 0xFF, (cbThis * 4 + 8) >> 4, (crThis * 4 + 8) >> 4, out, 0);
    pixel(ya[yi + 1] & 0xFF, (cbThis * 3 + cbNext + 7) >> 4, (crThis * 3 + crNext + 7) >> 4,
        out, 1);
    int cbLast = cbThis;
    int crLast = crThis;
    cbThis = cbNext;
    crThis = crNext;
    // Every index is the loop counter times a constant plus an invariant, which lets C2 hoist
    // the array bounds checks out of the loop.
    for (int i = 1; i < dw - 1; i++) {
      cbNext = (cba[cb0 + i + 1] & 0xFF) * 3 + (cba[cb1 + i + 1] & 0xFF);
      crNext = (cra[cr0 + i + 1] & 0xFF) * 3 + (cra[cr1 + i + 1] & 0xFF);
      int p = 2 * i;
      pixel(ya[yi + 2 * i] & 0xFF, (cbThis * 3 + cbLast + 8) >> 4,
          (crThis * 3 + crLast + 8) >> 4, out, p);
      pixel(ya[yi + 2 * i + 1] & 0xFF, (cbThis * 3 + cbNext + 7) >> 4,
          (crThis * 3 + crNext + 7) >> 4, out, p + 1);
      cbLast = cbThis;
      crLast = crThis;
      cbThis = cbNext;
      crThis = crNext;
    }
    int x = 2 * Math.max(dw - 1, 1);
    int p = x;
    pixel(ya[yi + x] & 0xFF, (cbThis * 3 + cbLast + 8) >> 4, (crThis * 3 + crLast + 8) >> 4,
        out, p);
    if (x + 1 < width) {
      pixel(ya[yi + x + 1] & 0xFF, (cbThis * 4 + 7) >> 4, (crThis * 4 + 7) >> 4, out, p + 1);
    }
  }

  /** 4:2:2: h2v1_fancy_upsample on the samples (shift 2, biases 1 and 2). */
  private static void h2v1(byte[] ya, int yi, byte[] cba, int cbi, byte[] cra, int cri, int dw,
      int width, int[] out) {
    int cbThis = cba[cbi] & 0xFF;
    int crThis = cra[cri] & 0xFF;
    int cbNext = cba[cbi + 1] & 0xFF;
    int crNext = cra[cri + 1] & 0xFF;
    pixel(ya[yi] & 0xFF, cbThis, crThis, out, 0);
    pixel(ya[yi + 1] & 0xFF, (cbThis * 3 + cbNext + 2) >> 2, (crThis * 3 + crNext + 2) >> 2,
        out, 1);
    int cbLast = cbThis;
    int crLast = crThis;
    cbThis = cbNext;
    crThis = crNext;
    for (int i = 1; i < dw - 1; i++) { // indexed by i alone, as in h2v2
      cbNext = cba[cbi + i + 1] & 0xFF;
      crNext = cra[cri + i + 1] & 0xFF;
      int p = 2 * i;
      pixel(ya[yi + 2 * i] & 0xFF, (cbThis * 3 + cbLast + 1) >> 2,
          (crThis * 3 + crLast + 1) >> 2, out, p);
      pixel(ya[yi + 2 * i + 1] & 0xFF, (cbThis * 3 + cbNext + 2) >> 2,
          (crThis * 3 + crNext + 2) >> 2, out, p + 1);
      cbLast = cbThis;
      crLast = crThis;
      cbThis = cbNext;
      crThis = crNext;
    }
    int x = 2 * Math.max(dw - 1, 1);
    int p = x;
    pixel(ya[yi + x] & 0xFF, (cbThis * 3 + cbLast + 1) >> 2, (crThis * 3 + crLast + 1) >> 2,
        out, p);
    if (x + 1 < width) {
      pixel(ya[yi + x + 1] & 0xFF, cbThis, crThis, out, p + 1);
    }
  }

  private static void pixel(int y, int cb, int cr, int[] out, int i) {
    cb -= 128;
    cr -= 128;
    int r = y + ((FIX_1_40200 * cr + ONE_HALF) >> SCALEBITS);
    int g = y + ((ONE_HALF - FIX_0_34414 * cb - FIX_0_71414 * cr) >> SCALEBITS);
    int b = y + ((FIX_1_77200 * cb + ONE_HALF) >> SCALEBITS);
    out[i] = ((r & ~255) == 0 ? r : (r < 0 ? 0 : 255))
        | ((g & ~255) == 0 ? g : (g < 0 ? 0 : 255)) << 8
        | ((b & ~255) == 0 ? b : (b < 0 ? 0 : 255)) << 16
        | 0xFF000000;
  }
}
