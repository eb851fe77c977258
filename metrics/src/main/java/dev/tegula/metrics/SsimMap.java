package dev.tegula.metrics;

import dev.tegula.core.Image;

/**
 * Per-pixel SSIM (the {@link BoxSsim} value of the 7x7 window centred on each pixel, averaged over
 * R, G and B), the error map behind heatmaps and "worst region" crops. SSIM is undefined within 3
 * pixels of an edge, where scikit-image does not count it either; those pixels repeat the nearest
 * defined value so that the map covers the whole image.
 */
public final class SsimMap {
  private final int width;
  private final int height;
  private final float[] values;

  SsimMap(int width, int height, float[] values) {
    this.width = width;
    this.height = height;
    this.values = values;
    fillBorders();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** SSIM at (x, y), normally in 0..1 (negative for anti-correlated detail). */
  public float at(int x, int y) {
    return values[y * width + x];
  }

  /** A rectangle of the image and its mean SSIM. */
  public record Region(int x, int y, int width, int height, double meanSsim) {}

  /**
   * The {@code size}x{@code size} square (clipped to the image) with the lowest mean SSIM, among
   * squares on a grid of step size/4: where a codec does worst.
   */
  public Region worstRegion(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive");
    }
    int w = Math.min(size, width);
    int h = Math.min(size, height);
    // summed-area table in double: a float sum over millions of pixels would lose the differences
    double[] sat = new double[(width + 1) * (height + 1)];
    for (int y = 0; y < height; y++) {
      double rowSum = 0;
      for (int x = 0; x < width; x++) {
        rowSum += values[y * width + x];
        sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + rowSum;
      }
    }
    int step = Math.max(1, size / 4);
    Region worst = null;
    for (int y = 0; ; y = Math.min(y + step, height - h)) {
      for (int x = 0; ; x = Math.min(x + step, width - w)) {
        double sum = sat[(y + h) * (width + 1) + x + w] - sat[y * (width + 1) + x + w]
            - sat[(y + h) * (width + 1) + x] + sat[y * (width + 1) + x];
        double mean = sum / ((double) w * h);
        if (worst == null || mean < worst.meanSsim()) {
          worst = new Region(x, y, w, h, mean);
        }
        if (x == width - w) {
          break;
        }
      }
      if (y == height - h) {
        break;
      }
    }
    return worst;
  }

  /** The whole map as a heatmap image (see {@link #heatmap(Region)}). */
  public Image heatmap() {
    return heatmap(new Region(0, 0, width, height, Double.NaN));
  }

  /**
   * A region of the map rendered with the inferno colour map: colour index
   * round(255·sqrt(clamp(1 − SSIM, 0, 1))), black where the images agree, pale yellow where SSIM
   * is 0 or below. The square root spreads the small errors of good encodes (SSIM 0.9-1) over the
   * darker half of the scale instead of crowding them into the first tenth.
   */
  public Image heatmap(Region r) {
    if (r.x() < 0 || r.y() < 0 || r.width() < 1 || r.height() < 1
        || r.x() + r.width() > width || r.y() + r.height() > height) {
      throw new IllegalArgumentException("region outside the map");
    }
    byte[] rgba = new byte[Math.multiplyExact(r.width() * r.height(), 4)];
    int p = 0;
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++, p += 4) {
        int rgb = Inferno.rgb(colourIndex(values[y * width + x]));
        rgba[p] = (byte) (rgb >> 16);
        rgba[p + 1] = (byte) (rgb >> 8);
        rgba[p + 2] = (byte) rgb;
        rgba[p + 3] = (byte) 0xFF;
      }
    }
    return new Image(r.width(), r.height(), rgba);
  }

  /**
   * A reduced heatmap whose longer side is at most {@code maxSide}: each pixel is coloured by the
   * mean SSIM of the block of {@code scale}x{@code scale} map pixels it stands for (colouring first
   * and averaging colours would invent colours the scale does not have).
   *
   * @return the image; its scale is ceil(longer side / maxSide)
   */
  public Image heatmapThumbnail(int maxSide) {
    if (maxSide < 1) {
      throw new IllegalArgumentException("maxSide must be positive");
    }
    int scale = thumbnailScale(maxSide);
    int tw = (width + scale - 1) / scale;
    int th = (height + scale - 1) / scale;
    byte[] rgba = new byte[tw * th * 4];
    for (int ty = 0; ty < th; ty++) {
      for (int tx = 0; tx < tw; tx++) {
        double sum = 0;
        int n = 0;
        for (int y = ty * scale; y < Math.min(height, (ty + 1) * scale); y++) {
          for (int x = tx * scale; x < Math.min(width, (tx + 1) * scale); x++) {
            sum += values[y * width + x];
            n++;
          }
        }
        int rgb = Inferno.rgb(colourIndex((float) (sum / n)));
        int p = 4 * (ty * tw + tx);
        rgba[p] = (byte) (rgb >> 16);
        rgba[p + 1] = (byte) (rgb >> 8);
        rgba[p + 2] = (byte) rgb;
        rgba[p + 3] = (byte) 0xFF;
      }
    }
    return new Image(tw, th, rgba);
  }

  /** How many map pixels one thumbnail pixel covers along each side. */
  public int thumbnailScale(int maxSide) {
    return Math.max(1, (Math.max(width, height) + maxSide - 1) / maxSide);
  }

  /** Index into the colour map; integer rounding so that JVM and Wasm agree. */
  static int colourIndex(float ssim) {
    double error = 1.0 - ssim;
    if (!(error > 0)) {
      return 0;
    }
    if (error >= 1) {
      return 255;
    }
    // (int) truncates toward zero, which for this positive value is floor, then + 0.5 rounds
    return (int) (255 * Math.sqrt(error) + 0.5);
  }

  private void fillBorders() {
    int r = BoxSsim.WINDOW / 2;
    for (int y = r; y < height - r; y++) {
      int row = y * width;
      for (int x = 0; x < r; x++) {
        values[row + x] = values[row + r];
        values[row + width - 1 - x] = values[row + width - 1 - r];
      }
    }
    for (int y = 0; y < r; y++) {
      System.arraycopy(values, r * width, values, y * width, width);
      System.arraycopy(values, (height - 1 - r) * width, values, (height - 1 - y) * width, width);
    }
  }
}
