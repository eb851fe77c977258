package dev.tegula.transform;

import dev.tegula.core.Image;

/**
 * Grey from colour with the Rec. 709 / sRGB luma weights (ITU-R BT.709-6 item 3.2: 0.2126 R +
 * 0.7152 G + 0.0722 B) applied to the encoded samples, as image tools do. The result has R = G = B
 * (which the encoders store as one channel) and the same alpha.
 */
public final class Grayscale {
  // 16-bit fixed point, summing to exactly 65536 so that grey input stays the same grey
  private static final int KR = 13933;
  private static final int KG = 46871;
  private static final int KB = 65536 - KR - KG;

  private Grayscale() {}

  public static Image convert(Image image) {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    byte[] src = image.rgba();
    byte[] dst = new byte[src.length];
    for (int i = 0; i < src.length; i += 4) {
      byte y = (byte) luma(src[i] & 0xFF, src[i + 1] & 0xFF, src[i + 2] & 0xFF);
      dst[i] = y;
      dst[i + 1] = y;
      dst[i + 2] = y;
      dst[i + 3] = src[i + 3];
    }
    short[] src16 = image.rgba16();
    short[] dst16 = null;
    if (src16 != null) {
      dst16 = new short[src16.length];
      for (int i = 0; i < src16.length; i += 4) {
        short y = (short) luma(src16[i] & 0xFFFF, src16[i + 1] & 0xFFFF, src16[i + 2] & 0xFFFF);
        dst16[i] = y;
        dst16[i + 1] = y;
        dst16[i + 2] = y;
        dst16[i + 3] = src16[i + 3];
      }
    }
    return new Image(image.width(), image.height(), dst, dst16);
  }

  /** Rounded half up; long because 16-bit samples times the weights overflow an int. */
  static int luma(int r, int g, int b) {
    return (int) (((long) KR * r + (long) KG * g + (long) KB * b + 32768) >> 16);
  }
}
