package dev.tegula.transform;

import dev.tegula.core.Image;

/**
 * Resizing for re-encoding: exact box averaging when both sides shrink by whole factors,
 * Lanczos-3 otherwise (separable, fixed-point taps precomputed per output row and column), alpha
 * premultiplied while filtering, grey staying grey (every channel goes through the same taps), and
 * optionally in linear light. 16-bit sources keep 16-bit samples.
 */
public final class Resizer {
  private Resizer() {}

  /**
   * The image at exactly {@code width} x {@code height}; the same instance when the size does
   * not change.
   *
   * @param gammaCorrect filter in linear light (sRGB decoded to 16-bit linear, encoded again
   *     after), which keeps fine bright detail from darkening; slower
   */
  public static Image resize(Image image, int width, int height, boolean gammaCorrect) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    checkSize(width, height);
    int w = image.width();
    int h = image.height();
    if (width == w && height == h) {
      return image;
    }
    if (width <= w && height <= h && w % width == 0 && h % height == 0) {
      return BoxDownscaler.downscale(image, w / width, h / height, gammaCorrect);
    }
    return LanczosResampler.resize(image, width, height, gammaCorrect);
  }

  /**
   * The image at exactly {@code width} x {@code height}, of which only the region [0,
   * extentWidth) x [0, extentHeight) (in pixels, from the top left) is the picture: its last
   * column and row may stand for less than a whole pixel. A JPEG decoded at 1/n its size is
   * ceil(W / n) pixels wide but shows W / n pixels' worth; resized as whole pixels it would be
   * stretched by up to a pixel.
   *
   * @throws IllegalArgumentException for an extent outside (size - 1, size] of the image
   */
  public static Image resize(Image image, int width, int height, double extentWidth,
      double extentHeight, boolean gammaCorrect) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    if (!(extentWidth > image.width() - 1 && extentWidth <= image.width()
        && extentHeight > image.height() - 1 && extentHeight <= image.height())) {
      throw new IllegalArgumentException("extent " + extentWidth + "x" + extentHeight
          + " outside the last pixel of a " + image.width() + "x" + image.height() + " image");
    }
    if (extentWidth == image.width() && extentHeight == image.height()) {
      return resize(image, width, height, gammaCorrect);
    }
    checkSize(width, height);
    return LanczosResampler.resize(image, width, height, extentWidth, extentHeight,
        gammaCorrect);
  }

  private static void checkSize(int width, int height) {
    if (width < 1 || height < 1 || (long) width * height * 4 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
    }
  }

  /**
   * The image shrunk so that neither side exceeds {@code maxWidthOrHeight}, aspect ratio kept;
   * the same instance when it already fits (never enlarges). See {@link #fittedSize} for the
   * rounding.
   */
  public static Image fitWithin(Image image, int maxWidthOrHeight, boolean gammaCorrect) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    int[] size = fittedSize(image.width(), image.height(), maxWidthOrHeight);
    return resize(image, size[0], size[1], gammaCorrect);
  }

  /**
   * {width, height} within {@code max}: the longer side becomes {@code max} exactly, the shorter
   * one {@code shorter * max / longer} rounded half up, at least 1. Sizes that fit come back
   * unchanged.
   */
  public static int[] fittedSize(int width, int height, int max) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size " + width + "x" + height);
    }
    if (max < 1) {
      throw new IllegalArgumentException("the maximum side must be at least 1, not " + max);
    }
    int longer = Math.max(width, height);
    if (longer <= max) {
      return new int[] {width, height};
    }
    int shorter = Math.min(width, height);
    int scaled = (int) Math.max(1, ((long) shorter * max * 2 + longer) / (2L * longer));
    return width >= height ? new int[] {max, scaled} : new int[] {scaled, max};
  }
}
