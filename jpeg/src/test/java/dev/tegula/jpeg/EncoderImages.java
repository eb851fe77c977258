package dev.tegula.jpeg;

import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Images for the encoder tests: the test photos, crops of them and synthetic patterns. */
final class EncoderImages {
  private EncoderImages() {}

  /** A photo of testdata/photos as RGBA. */
  static Image photo(String name) {
    return load(TestFiles.root().resolve("photos").resolve(name));
  }

  /** Any image file ImageIO reads, as opaque-or-not RGBA. */
  static Image load(java.nio.file.Path p) {
    BufferedImage b;
    try {
      b = ImageIO.read(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int w = b.getWidth();
    int h = b.getHeight();
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = b.getRGB(x, y);
        int o = (y * w + x) * 4;
        rgba[o] = (byte) (argb >> 16);
        rgba[o + 1] = (byte) (argb >> 8);
        rgba[o + 2] = (byte) argb;
        rgba[o + 3] = (byte) (argb >>> 24);
      }
    }
    return new Image(w, h, rgba);
  }

  static Image crop(Image src, int x0, int y0, int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src.rgba(), ((y0 + y) * src.width() + x0) * 4, rgba, y * w * 4, w * 4);
    }
    return new Image(w, h, rgba);
  }

  /** Smooth gradients, a hard-edged disc and seeded noise: every kind of block at once. */
  static Image synthetic(int w, int h, long seed) {
    byte[] rgba = new byte[w * h * 4];
    long s = seed;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        s = s * 6364136223846793005L + 1442695040888963407L;
        int noise = (int) ((s >>> 58) & 31) - 16;
        int dx = x - w / 2;
        int dy = y - h / 2;
        boolean disc = dx * dx + dy * dy < (w * w + h * h) / 16;
        int o = (y * w + x) * 4;
        rgba[o] = (byte) clamp((x * 255) / Math.max(1, w - 1) + noise);
        rgba[o + 1] = (byte) clamp(disc ? 230 : (y * 255) / Math.max(1, h - 1));
        rgba[o + 2] = (byte) clamp(disc ? 20 : 128 + noise);
        rgba[o + 3] = (byte) 255;
      }
    }
    return new Image(w, h, rgba);
  }

  static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }

  /** PSNR of RGB against the source (alpha ignored). */
  static double psnr(Image a, byte[] b) {
    byte[] x = a.rgba();
    double se = 0;
    long n = 0;
    for (int i = 0; i < x.length; i++) {
      if ((i & 3) == 3) {
        continue;
      }
      int d = (x[i] & 0xFF) - (b[i] & 0xFF);
      se += d * d;
      n++;
    }
    return se == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 * n / se);
  }
}
