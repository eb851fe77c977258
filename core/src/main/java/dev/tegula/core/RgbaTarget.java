package dev.tegula.core;

/**
 * Where a decoder stores its 8-bit RGBA, a row at a time, as it makes the rows (wuffs' caller-owned
 * pixel buffer). The decoder never holds the whole image itself: the target puts each row where
 * its owner wants the pixels (an {@link Image}'s array, or memory the caller owns, such as
 * WebAssembly linear memory), turned upright by an EXIF orientation on the way when asked, so an
 * upright image costs no second copy either.
 *
 * <p>A pixel is packed as {@code R | G << 8 | B << 16 | A << 24}: in little-endian memory that is
 * the bytes R, G, B, A. A target serves one decode.
 */
public abstract class RgbaTarget {
  private int width;
  private int height;
  private int orientation;
  private boolean started;

  /**
   * Called once by the decoder, after it checked the size against its limits and before any
   * {@link #row}.
   *
   * @param width the decoded image's width, as stored in the file
   * @param height its height
   * @param orientation the EXIF orientation (EXIF 2.3 §4.6.4) to turn the image upright by, 1 to
   *     store it as decoded; 5 to 8 swap width and height
   * @throws IllegalStateException when called twice
   */
  public final void start(int width, int height, int orientation) {
    if (started) {
      throw new IllegalStateException("a target serves one decode");
    }
    if (width < 1 || height < 1 || orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException(
          "size " + width + "x" + height + ", orientation " + orientation);
    }
    this.width = width;
    this.height = height;
    this.orientation = orientation;
    started = true;
    boolean swap = orientation >= 5;
    allocate(swap ? height : width, swap ? width : height);
  }

  /**
   * Stores row {@code y} of the decoded image: {@code px[0 .. width)}, packed as the class says.
   * Rows may come in any order and more than once (the last one counts).
   */
  public final void row(int y, int[] px) {
    row(y, px, 0, 1, width);
  }

  /**
   * Stores {@code count} pixels of row {@code y}, {@code px[i]} at column {@code x0 + i * dx}
   * (an interlaced image's pass fills every dx-th column).
   */
  public final void row(int y, int[] px, int x0, int dx, int count) {
    row(y, px, 0, x0, dx, count);
  }

  /**
   * Stores {@code count} pixels of row {@code y}, {@code px[from + i]} at column {@code x0 + i *
   * dx} (a tile's row out of the tile's pixels).
   */
  public final void row(int y, int[] px, int from, int x0, int dx, int count) {
    if (!started) {
      throw new IllegalStateException("row before start");
    }
    if (y < 0 || y >= height || x0 < 0 || dx < 1 || count < 0 || from < 0
        || px.length - from < count || (count > 0 && x0 + (long) (count - 1) * dx >= width)) {
      throw new IllegalArgumentException("row " + y + " of " + height + ", " + count
          + " pixels from column " + x0 + " every " + dx + " for a width of " + width);
    }
    if (count == 0) {
      return;
    }
    int w = width;
    int h = height;
    // Where stored pixel (x, y) lands in the upright image, as first + x * step: the inverse of
    // Orientation's mapping, linear in x for every orientation.
    int first;
    int step;
    switch (orientation) {
      case 1 -> {
        first = y * w;
        step = 1;
      }
      case 2 -> {
        first = y * w + w - 1;
        step = -1;
      }
      case 3 -> {
        first = (h - 1 - y) * w + w - 1;
        step = -1;
      }
      case 4 -> {
        first = (h - 1 - y) * w;
        step = 1;
      }
      case 5 -> {
        first = y;
        step = h;
      }
      case 6 -> {
        first = h - 1 - y;
        step = h;
      }
      case 7 -> {
        first = (w - 1) * h + h - 1 - y;
        step = -h;
      }
      default -> {
        first = (w - 1) * h + y;
        step = -h;
      }
    }
    put(first + x0 * step, dx * step, px, from, count);
  }

  /**
   * Stores a whole upright image, for decoders that do not write through a target. Call it
   * instead of {@link #start} and {@link #row}.
   */
  public final void putImage(Image image) {
    int w = image.width();
    start(w, image.height(), 1);
    byte[] rgba = image.rgba();
    int[] px = new int[w];
    for (int y = 0, o = 0; y < image.height(); y++) {
      for (int x = 0; x < w; x++, o += 4) {
        px[x] = (rgba[o] & 0xFF) | (rgba[o + 1] & 0xFF) << 8 | (rgba[o + 2] & 0xFF) << 16
            | rgba[o + 3] << 24;
      }
      row(y, px);
    }
  }

  /** Makes room for the upright image, {@code width} x {@code height} pixels. */
  protected abstract void allocate(int width, int height);

  /**
   * Stores {@code n} pixels {@code px[from + i]} at pixel index {@code first + i * step} of the
   * upright image (row-major), every index inside it.
   */
  protected abstract void put(int first, int step, int[] px, int from, int n);
}
