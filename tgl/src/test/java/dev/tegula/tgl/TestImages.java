package dev.tegula.tgl;

import dev.tegula.core.Image;

/** Deterministic synthetic images (xorshift noise over gradients; java.util.Random differs under TeaVM). */
final class TestImages {
  private TestImages() {}

  static int next(int[] state) {
    int x = state[0];
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[0] = x;
    return x;
  }

  /** Colour gradient plus noise; {@code alpha} adds a ramp with fully opaque and clear areas. */
  static Image rgb(int w, int h, int seed, boolean alpha) {
    int[] s = {seed | 1};
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 4;
        int n = next(s) & 15;
        rgba[p] = (byte) (x * 255 / Math.max(1, w - 1) ^ n);
        rgba[p + 1] = (byte) (y * 255 / Math.max(1, h - 1) + n);
        rgba[p + 2] = (byte) ((x + y) * 3 + (next(s) & 7));
        rgba[p + 3] = (byte) (alpha ? alphaAt(x, y, w) : 255);
      }
    }
    return new Image(w, h, rgba);
  }

  /** Left third clear, middle a ramp, right third opaque. */
  static int alphaAt(int x, int y, int w) {
    if (x < w / 3) {
      return 0;
    }
    if (x >= 2 * w / 3) {
      return 255;
    }
    return (x * 7 + y) & 0xFF;
  }

  /** R = G = B everywhere. */
  static Image grey(int w, int h, int seed) {
    Image c = rgb(w, h, seed, false);
    byte[] rgba = c.rgba();
    for (int p = 0; p < rgba.length; p += 4) {
      rgba[p + 1] = rgba[p];
      rgba[p + 2] = rgba[p];
    }
    return c;
  }

  /** 16-bit samples (and the matching 8-bit reduction), optionally grey, optionally with alpha. */
  static Image sixteen(int w, int h, int seed, boolean grey, boolean alpha) {
    int[] s = {seed | 1};
    short[] rgba16 = new short[w * h * 4];
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      int p = i * 4;
      int r = (i * 37 + (next(s) & 0xFFF)) & 0xFFFF;
      int g = grey ? r : (next(s) & 0xFFFF);
      int b = grey ? r : (i * 101) & 0xFFFF;
      int a = alpha ? ((i % 3 == 0) ? 65535 : (next(s) & 0xFFFF)) : 65535;
      rgba16[p] = (short) r;
      rgba16[p + 1] = (short) g;
      rgba16[p + 2] = (short) b;
      rgba16[p + 3] = (short) a;
      rgba[p] = (byte) (r / 257);
      rgba[p + 1] = (byte) (g / 257);
      rgba[p + 2] = (byte) (b / 257);
      rgba[p + 3] = (byte) ((a + 256) / 257);
    }
    return new Image(w, h, rgba, rgba16);
  }

  /** One colour everywhere. */
  static Image flat(int w, int h, int r, int g, int b, int a) {
    byte[] rgba = new byte[w * h * 4];
    for (int p = 0; p < rgba.length; p += 4) {
      rgba[p] = (byte) r;
      rgba[p + 1] = (byte) g;
      rgba[p + 2] = (byte) b;
      rgba[p + 3] = (byte) a;
    }
    return new Image(w, h, rgba);
  }
}
