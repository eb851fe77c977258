package dev.tegula.metrics;

/**
 * SSIM as scikit-image 0.19 computes it by default ({@code structural_similarity} with a 7x7
 * uniform window, sample covariance (N − 1 = 48), K1 = 0.01, K2 = 0.03, data range 255), for one
 * channel of interleaved RGBA8.
 *
 * <p>scikit-image evaluates SSIM at every pixel and then averages only over pixels at least 3 from
 * every edge ({@code crop(S, pad)}), so every window that counts lies wholly inside the image and
 * the filter's border mode never matters. The window sums of x, y, x², y² and xy are then exact
 * integers, kept as running column sums, and with N = 49:
 *
 * <pre>
 *   SSIM = (2·Sx·Sy + C1·N²)(2·(N·Sxy − Sx·Sy) + C2·N(N−1))
 *        / ((Sx² + Sy² + C1·N²)(N·Sxx − Sx² + N·Syy − Sy² + C2·N(N−1)))
 * </pre>
 *
 * which is skimage's formula with the divisions by N and N − 1 multiplied out. Every product fits
 * an int (49·255 = 12495; 12495² · 2 &lt; 2³¹); only the last step is double.
 */
public final class BoxSsim {
  public static final int WINDOW = 7;
  private static final int RADIUS = WINDOW / 2;
  private static final int N = WINDOW * WINDOW;
  private static final double C1N = 0.01 * 255 * (0.01 * 255) * N * N;
  private static final double C2N = 0.03 * 255 * (0.03 * 255) * N * (N - 1);

  private BoxSsim() {}

  /** True when an image of this size has at least one whole window. */
  public static boolean fits(int width, int height) {
    return width >= WINDOW && height >= WINDOW;
  }

  /**
   * Mean SSIM of channel {@code c} (0-3) over the cropped region. When {@code map} is not null,
   * each counted pixel's SSIM times {@code mapWeight} is added to {@code map[y·width + x]}.
   *
   * @throws IllegalArgumentException when the image is smaller than the window
   */
  public static double mean(byte[] a, byte[] b, int width, int height, int c, float[] map,
      float mapWeight) {
    if (!fits(width, height)) {
      throw new IllegalArgumentException("SSIM needs at least 7x7 pixels");
    }
    int[] ca = new int[width];
    int[] cb = new int[width];
    int[] caa = new int[width];
    int[] cbb = new int[width];
    int[] cab = new int[width];
    for (int y = 0; y < WINDOW; y++) {
      addRow(a, b, y * width * 4 + c, width, ca, cb, caa, cbb, cab);
    }
    double total = 0;
    for (int yc = RADIUS; ; yc++) {
      total += row(ca, cb, caa, cbb, cab, width, map, yc * width, mapWeight);
      if (yc + RADIUS + 1 >= height) {
        break;
      }
      slideRow(a, b, width, c, yc - RADIUS, yc + RADIUS + 1, ca, cb, caa, cbb, cab);
    }
    return total / ((double) (width - 2 * RADIUS) * (height - 2 * RADIUS));
  }

  private static void addRow(byte[] a, byte[] b, int p, int width, int[] ca, int[] cb, int[] caa,
      int[] cbb, int[] cab) {
    for (int x = 0; x < width; x++, p += 4) {
      int va = a[p] & 0xFF;
      int vb = b[p] & 0xFF;
      ca[x] += va;
      cb[x] += vb;
      caa[x] += va * va;
      cbb[x] += vb * vb;
      cab[x] += va * vb;
    }
  }

  /** Moves the column sums down one row: row {@code out} leaves, row {@code in} enters. */
  private static void slideRow(byte[] a, byte[] b, int width, int c, int out, int in, int[] ca,
      int[] cb, int[] caa, int[] cbb, int[] cab) {
    int po = out * width * 4 + c;
    int pi = in * width * 4 + c;
    for (int x = 0; x < width; x++, po += 4, pi += 4) {
      int oa = a[po] & 0xFF;
      int ob = b[po] & 0xFF;
      int ia = a[pi] & 0xFF;
      int ib = b[pi] & 0xFF;
      ca[x] += ia - oa;
      cb[x] += ib - ob;
      caa[x] += ia * ia - oa * oa;
      cbb[x] += ib * ib - ob * ob;
      cab[x] += ia * ib - oa * ob;
    }
  }

  /** Sum of SSIM over the window centres of one row, sliding the window along the column sums. */
  private static double row(int[] ca, int[] cb, int[] caa, int[] cbb, int[] cab, int width,
      float[] map, int mapRow, float mapWeight) {
    int sa = 0;
    int sb = 0;
    int saa = 0;
    int sbb = 0;
    int sab = 0;
    for (int x = 0; x < WINDOW; x++) {
      sa += ca[x];
      sb += cb[x];
      saa += caa[x];
      sbb += cbb[x];
      sab += cab[x];
    }
    double rowSum = 0;
    for (int xc = RADIUS; ; xc++) {
      int ab = sa * sb;
      double s = ((2 * ab + C1N) * (2 * (N * sab - ab) + C2N))
          / ((sa * sa + sb * sb + C1N) * (N * saa - sa * sa + N * sbb - sb * sb + C2N));
      rowSum += s;
      if (map != null) {
        map[mapRow + xc] += (float) s * mapWeight;
      }
      int in = xc + RADIUS + 1;
      if (in >= width) {
        break;
      }
      int out = xc - RADIUS;
      sa += ca[in] - ca[out];
      sb += cb[in] - cb[out];
      saa += caa[in] - caa[out];
      sbb += cbb[in] - cbb[out];
      sab += cab[in] - cab[out];
    }
    return rowSum;
  }
}
