package dev.tegula.transform;

import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test images: reference PNGs of testdata/transform (read with ImageIO) and generated ones. */
final class TestImages {
  private TestImages() {}

  static Path root() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/transform"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata not found; set -Dtegula.testdata");
  }

  /** An 8-bit PNG as RGBA8 (opaque when it has no alpha). */
  static Image read(String relative) throws IOException {
    BufferedImage b = ImageIO.read(root().resolve(relative).toFile());
    int w = b.getWidth();
    int h = b.getHeight();
    byte[] rgba = new byte[w * h * 4];
    boolean alpha = b.getColorModel().hasAlpha();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = b.getRGB(x, y);
        int i = (y * w + x) * 4;
        rgba[i] = (byte) (argb >> 16);
        rgba[i + 1] = (byte) (argb >> 8);
        rgba[i + 2] = (byte) argb;
        rgba[i + 3] = alpha ? (byte) (argb >>> 24) : (byte) 255;
      }
    }
    return new Image(w, h, rgba);
  }

  static Image noise(int w, int h, long seed, boolean alpha) {
    Random r = new Random(seed);
    byte[] rgba = new byte[w * h * 4];
    r.nextBytes(rgba);
    if (!alpha) {
      for (int i = 3; i < rgba.length; i += 4) {
        rgba[i] = (byte) 255;
      }
    }
    return new Image(w, h, rgba);
  }

  static Image constant(int w, int h, int r, int g, int b, int a) {
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < rgba.length; i += 4) {
      rgba[i] = (byte) r;
      rgba[i + 1] = (byte) g;
      rgba[i + 2] = (byte) b;
      rgba[i + 3] = (byte) a;
    }
    return new Image(w, h, rgba);
  }

  static int at(Image im, int x, int y, int c) {
    return im.rgba()[(y * im.width() + x) * 4 + c] & 0xFF;
  }
}
