package dev.tegula.core;

/**
 * A decoded image: 8-bit RGBA, row-major, 4 bytes per pixel, not premultiplied. Sources with 16-bit
 * samples also keep them in {@link #rgba16()} (RGBA, 4 shorts per pixel, unsigned 0-65535) so that
 * callers who want full precision can have it.
 *
 * <p>Arrays are shared, not copied: the image owns them once constructed.
 */
public final class Image {
  private final int width;
  private final int height;
  private final byte[] rgba;
  private final short[] rgba16;

  public Image(int width, int height, byte[] rgba) {
    this(width, height, rgba, null);
  }

  public Image(int width, int height, byte[] rgba, short[] rgba16) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size " + width + "x" + height);
    }
    int n = Math.multiplyExact(Math.multiplyExact(width, height), 4);
    if (rgba == null || rgba.length != n) {
      throw new IllegalArgumentException("rgba must hold width*height*4 bytes");
    }
    if (rgba16 != null && rgba16.length != n) {
      throw new IllegalArgumentException("rgba16 must hold width*height*4 samples");
    }
    this.width = width;
    this.height = height;
    this.rgba = rgba;
    this.rgba16 = rgba16;
  }

  /** Allocates an image after checking its size against the limits. */
  public static Image allocate(int width, int height, Limits limits) {
    limits.checkDimensions(width, height, -1);
    return new Image(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 4)]);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** RGBA8 pixels, row-major. */
  public byte[] rgba() {
    return rgba;
  }

  /** RGBA16 samples when the source had 16-bit samples, else null. */
  public short[] rgba16() {
    return rgba16;
  }

  public boolean has16BitSamples() {
    return rgba16 != null;
  }

  /**
   * True when R = G = B at every pixel: in the 8-bit pixels, or with {@code sixteen} in the
   * 16-bit samples (an image grey at 8 bits may not be at 16).
   *
   * @throws IllegalArgumentException with {@code sixteen} when there are no 16-bit samples
   */
  public boolean isGrey(boolean sixteen) {
    if (sixteen) {
      if (rgba16 == null) {
        throw new IllegalArgumentException("the image has no 16-bit samples");
      }
      for (int i = 0; i < rgba16.length; i += 4) {
        if (rgba16[i] != rgba16[i + 1] || rgba16[i] != rgba16[i + 2]) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < rgba.length; i += 4) {
      if (rgba[i] != rgba[i + 1] || rgba[i] != rgba[i + 2]) {
        return false;
      }
    }
    return true;
  }

  /** True when every alpha byte is 255. */
  public boolean isOpaque() {
    for (int i = 3; i < rgba.length; i += 4) {
      if (rgba[i] != (byte) 0xFF) {
        return false;
      }
    }
    return true;
  }
}
