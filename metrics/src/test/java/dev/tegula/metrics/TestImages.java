package dev.tegula.metrics;

import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test images: the shared testdata folder, PNG reading (ImageIO, tests only) and synthesis. */
final class TestImages {
  private TestImages() {}

  static Path testdata() {
    String property = System.getProperty("tegula.testdata");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/README.md"))) {
        return dir.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }

  /**
   * Reads an 8-bit RGB or RGBA PNG from the raster (not getRGB, which would colour-convert), as
   * RGBA8 with alpha 255 when the file has none.
   */
  static Image readPng(Path file) throws IOException {
    BufferedImage bi = ImageIO.read(file.toFile());
    if (bi == null) {
      throw new IOException("not an image: " + file);
    }
    Raster raster = bi.getRaster();
    int w = bi.getWidth();
    int h = bi.getHeight();
    int bands = raster.getNumBands();
    if (bands != 3 && bands != 4) {
      throw new IOException(file + ": expected RGB or RGBA, found " + bands + " bands");
    }
    int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        rgba[4 * i + c] = (byte) samples[bands * i + c];
      }
      rgba[4 * i + 3] = bands == 4 ? (byte) samples[bands * i + 3] : (byte) 0xFF;
    }
    return new Image(w, h, rgba);
  }

  /** A deterministic textured test image: gradients plus pseudo-random detail. */
  static Image synthetic(int width, int height, long seed) {
    byte[] rgba = new byte[width * height * 4];
    long state = seed;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
        int noise = (int) (state >>> 58);
        int p = 4 * (y * width + x);
        rgba[p] = (byte) ((x * 255 / Math.max(1, width - 1) + noise) & 0xFF);
        rgba[p + 1] = (byte) ((y * 255 / Math.max(1, height - 1) + 2 * noise) & 0xFF);
        rgba[p + 2] = (byte) (((x ^ y) * 7 + noise) & 0xFF);
        rgba[p + 3] = (byte) 0xFF;
      }
    }
    return new Image(width, height, rgba);
  }

  /** A copy with every sample of R, G and B moved by a small deterministic amount. */
  static Image distorted(Image image, int amplitude, long seed) {
    byte[] rgba = image.rgba().clone();
    long state = seed;
    for (int p = 0; p < rgba.length; p++) {
      if ((p & 3) == 3) {
        continue;
      }
      state = state * 6364136223846793005L + 1442695040888963407L;
      int delta = (int) ((state >>> 33) % (2 * amplitude + 1)) - amplitude;
      rgba[p] = (byte) Math.max(0, Math.min(255, (rgba[p] & 0xFF) + delta));
    }
    return new Image(image.width(), image.height(), rgba);
  }
}
