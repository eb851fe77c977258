package dev.tegula.transform;

import dev.tegula.core.Image;

/**
 * Moves rows between an {@link Image} and the resamplers' working form: four ints per pixel,
 * colour and alpha as 16-bit values (8-bit samples scaled by 257, exactly invertible), colour
 * optionally in linear light. One instance per resize; it allocates nothing per row.
 */
final class SampleRows {
  private final byte[] rgba;
  private final short[] rgba16;
  private final int width;
  private final int[] toLinear;

  SampleRows(Image image, boolean linear) {
    this.rgba = image.rgba();
    this.rgba16 = image.rgba16();
    this.width = image.width();
    this.toLinear = !linear ? null
        : rgba16 != null ? LinearLight.fromSrgb16() : LinearLight.fromSrgb8();
  }

  /** Row {@code y} as 16-bit R, G, B, A into {@code out[0, 4 * width)}. */
  void load(int y, int[] out) {
    int p = y * width * 4;
    int n = width * 4;
    if (rgba16 != null) {
      for (int i = 0; i < n; i += 4) {
        for (int c = 0; c < 3; c++) {
          int v = rgba16[p + i + c] & 0xFFFF;
          out[i + c] = toLinear != null ? toLinear[v] : v;
        }
        out[i + 3] = rgba16[p + i + 3] & 0xFFFF;
      }
    } else {
      for (int i = 0; i < n; i += 4) {
        for (int c = 0; c < 3; c++) {
          int v = rgba[p + i + c] & 0xFF;
          out[i + c] = toLinear != null ? toLinear[v] : v * 257;
        }
        out[i + 3] = (rgba[p + i + 3] & 0xFF) * 257;
      }
    }
  }

  /**
   * Writes one pixel of 16-bit (possibly linear) colour and alpha to the output arrays at sample
   * index {@code i}; {@code out16} is null when the source had only 8-bit samples.
   */
  static void store(int r, int g, int b, int a, char[] fromLinear, byte[] out8, short[] out16,
      int i) {
    if (fromLinear != null) {
      r = fromLinear[r];
      g = fromLinear[g];
      b = fromLinear[b];
    }
    out8[i] = to8(r);
    out8[i + 1] = to8(g);
    out8[i + 2] = to8(b);
    out8[i + 3] = to8(a);
    if (out16 != null) {
      out16[i] = (short) r;
      out16[i + 1] = (short) g;
      out16[i + 2] = (short) b;
      out16[i + 3] = (short) a;
    }
  }

  /** Nearest 8-bit value; exact inverse of the scaling by 257. */
  private static byte to8(int v16) {
    return (byte) ((v16 + 128) / 257);
  }
}
