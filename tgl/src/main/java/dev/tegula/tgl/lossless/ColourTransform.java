package dev.tegula.tgl.lossless;

/**
 * Reversible colour transforms of R, G, B into three planes (format-lossless.md §3). The first
 * plane is G or a luma, which the later planes' prediction refers back to. Integer lifting
 * steps, exactly invertible.
 *
 * <ul>
 *   <li>{@link #YCOCG}: YCoCg-R: Co = R - B, t = B + (Co >> 1), Cg = G - t, Y = t + (Cg >> 1).
 *   <li>{@link #CROSS}: G; R - ((a·G) >> 5); B - ((b·G + c·R) >> 5), with signed 8-bit a, b, c.
 *       (0, 0, 0) keeps R and B, (32, 32, 0) is "subtract green", and a fitted (a, b, c) makes
 *       the colour planes of a two-colour antialiased drawing almost flat (WebP's cross-colour
 *       transform does the same per block).
 * </ul>
 *
 * <p>The encoder picks one per tile (LosslessCodec.chooseTransform).
 */
final class ColourTransform {
  /** No transform: grey or grey + alpha. */
  static final int NONE = 0;
  static final int YCOCG = 1;
  static final int CROSS = 2;

  final int kind;
  final int a;
  final int b;
  final int c;

  private ColourTransform(int kind, int a, int b, int c) {
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  static final ColourTransform NO_TRANSFORM = new ColourTransform(NONE, 0, 0, 0);
  static final ColourTransform YCOCG_R = new ColourTransform(YCOCG, 0, 0, 0);

  /** The cross-colour transform; multipliers must be -128..127. */
  static ColourTransform cross(int a, int b, int c) {
    return new ColourTransform(CROSS, a, b, c);
  }

  /** Bytes of the transform in the header (§2): the kind, and a, b, c for CROSS. */
  int headerBytes() {
    return kind == CROSS ? 4 : 1;
  }

  void write(byte[] out, int at) {
    out[at] = (byte) kind;
    if (kind == CROSS) {
      out[at + 1] = (byte) a;
      out[at + 2] = (byte) b;
      out[at + 3] = (byte) c;
    }
  }

  /** Splits interleaved RGB(A) samples into planes; planes beyond the third are copied as is. */
  void forward(int[] samples, int channels, int pixels, int[][] planes) {
    int[] p0 = planes[0];
    int[] p1 = planes[1];
    int[] p2 = planes[2];
    int[] px = new int[3];
    for (int i = 0, at = 0; i < pixels; i++, at += channels) {
      forwardPixel(samples[at], samples[at + 1], samples[at + 2], px, 0);
      p0[i] = px[0];
      p1[i] = px[1];
      p2[i] = px[2];
    }
    for (int k = 3; k < channels; k++) {
      int[] d = planes[k];
      for (int i = 0, at = k; i < pixels; i++, at += channels) {
        d[i] = samples[at];
      }
    }
  }

  /** Transforms one pixel into {@code out[at..at+2]}. */
  void forwardPixel(int r, int g, int bl, int[] out, int at) {
    if (kind == YCOCG) {
      int co = r - bl;
      int t = bl + (co >> 1);
      int cg = g - t;
      out[at] = t + (cg >> 1);
      out[at + 1] = co;
      out[at + 2] = cg;
    } else {
      out[at] = g;
      out[at + 1] = r - ((a * g) >> 5);
      out[at + 2] = bl - ((b * g + c * r) >> 5);
    }
  }

  /**
   * Joins planes back into interleaved samples. Returns the first pixel index whose R, G or B
   * falls outside 0..max (possible only for damaged data), or -1.
   */
  int inverse(int[][] planes, int channels, int pixels, int max, int[] out) {
    int[] p0 = planes[0];
    int[] p1 = planes[1];
    int[] p2 = planes[2];
    int bad = -1;
    for (int i = 0, at = 0; i < pixels; i++, at += channels) {
      int r;
      int g;
      int bl;
      if (kind == YCOCG) {
        int t = p0[i] - (p2[i] >> 1);
        g = p2[i] + t;
        bl = t - (p1[i] >> 1);
        r = p1[i] + bl;
      } else {
        g = p0[i];
        r = p1[i] + ((a * g) >> 5);
        bl = p2[i] + ((b * g + c * r) >> 5);
      }
      if (bad < 0 && ((r | g | bl) < 0 || r > max || g > max || bl > max)) {
        bad = i;
      }
      out[at] = r;
      out[at + 1] = g;
      out[at + 2] = bl;
    }
    for (int k = 3; k < channels; k++) {
      int[] d = planes[k];
      for (int i = 0, at = k; i < pixels; i++, at += channels) {
        out[at] = d[i];
      }
    }
    return bad;
  }

  /** Smallest value plane {@code k} can hold for samples 0..max. */
  int low(int k, int max) {
    if (k == 0 || k >= 3 || kind == NONE) {
      return 0;
    }
    if (kind == YCOCG) {
      return -max;
    }
    if (k == 1) {
      return -Math.max(0, (a * max) >> 5);
    }
    return -((Math.max(0, b * max) + Math.max(0, c * max)) >> 5);
  }

  /** Largest value plane {@code k} can hold for samples 0..max. */
  int high(int k, int max) {
    if (k == 0 || k >= 3 || kind != CROSS) {
      return max;
    }
    if (k == 1) {
      return max - Math.min(0, (a * max) >> 5);
    }
    return max - ((Math.min(0, b * max) + Math.min(0, c * max)) >> 5);
  }

  /**
   * The cross transform that best predicts the changes of R from those of G, and of B from
   * those of G and R (least squares over horizontal neighbour differences), in integers.
   */
  static ColourTransform fit(int[] samples, int width, int height, int channels) {
    long sgg = 0;
    long sgr = 0;
    long srr = 0;
    long sbg = 0;
    long sbr = 0;
    for (int y = 0; y < height; y += 2) {
      int at = y * width * channels;
      for (int x = 1; x < width; x++) {
        int p = at + x * channels;
        int q = p - channels;
        long dr = samples[p] - samples[q];
        long dg = samples[p + 1] - samples[q + 1];
        long db = samples[p + 2] - samples[q + 2];
        sgg += dg * dg;
        sgr += dg * dr;
        srr += dr * dr;
        sbg += db * dg;
        sbr += db * dr;
      }
    }
    // Scale the sums below 2^28 so that the products below cannot overflow.
    long biggest = Math.max(Math.max(sgg, srr),
        Math.max(Math.max(Math.abs(sgr), Math.abs(sbg)), Math.abs(sbr)));
    int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(biggest) - 28);
    sgg >>= shift;
    sgr >>= shift;
    srr >>= shift;
    sbg >>= shift;
    sbr >>= shift;
    if (sgg == 0) {
      return cross(0, 0, 0);
    }
    int a = clampMultiplier(32 * sgr / sgg);
    long det = sgg * srr - sgr * sgr;
    int b;
    int c;
    if (det <= 0) {
      b = clampMultiplier(32 * sbg / sgg);
      c = 0;
    } else {
      long d = Math.max(1, det >> 5);
      b = clampMultiplier((sbg * srr - sbr * sgr) / d);
      c = clampMultiplier((sbr * sgg - sbg * sgr) / d);
    }
    return cross(a, b, c);
  }

  private static int clampMultiplier(long m) {
    return (int) Math.max(-128, Math.min(127, m));
  }
}
