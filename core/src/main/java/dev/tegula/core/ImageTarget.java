package dev.tegula.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/** An {@link RgbaTarget} that makes an {@link Image}. */
public final class ImageTarget extends RgbaTarget {
  private Image image;
  private byte[] rgba;
  /** The array seen as little-endian ints: a row goes in with one store per pixel. */
  private IntBuffer pixels;

  @Override
  protected void allocate(int width, int height) {
    rgba = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 4)];
    image = new Image(width, height, rgba);
    pixels = ByteBuffer.wrap(rgba).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
  }

  @Override
  protected void put(int first, int step, int[] px, int from, int n) {
    byte[] out = rgba;
    if (step == 1) {
      pixels.position(first);
      pixels.put(px, from, n);
      return;
    }
    for (int i = 0, at = first; i < n; i++, at += step) {
      int p = px[from + i];
      int o = at * 4;
      out[o] = (byte) p;
      out[o + 1] = (byte) (p >> 8);
      out[o + 2] = (byte) (p >> 16);
      out[o + 3] = (byte) (p >>> 24);
    }
  }

  /** The image; null before the decoder started the target. */
  public Image image() {
    return image;
  }
}
