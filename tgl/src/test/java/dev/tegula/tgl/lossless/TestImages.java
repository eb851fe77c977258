package dev.tegula.tgl.lossless;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Finds test images and reads them as interleaved samples through javax.imageio (tests only). */
final class TestImages {
  private TestImages() {}

  /** An image as interleaved samples, as the container hands them to the codec. */
  record Samples(String name, int[] samples, int width, int height, int channels, int depth) {}

  static Path testdata() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("png"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }

  /**
   * The shared developer corpus ({@code -Dtegula.corpus}, else {@code ../shared/corpus} next to
   * the checkout), or null when this machine does not have it.
   */
  static Path corpus() {
    String prop = System.getProperty("tegula.corpus");
    Path p = prop != null ? Paths.get(prop)
        : testdata().toAbsolutePath().getParent().resolveSibling("shared").resolve("corpus");
    return Files.isDirectory(p.resolve("photos")) ? p : null;
  }

  static List<Path> pngs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted()
          .collect(Collectors.toList());
    }
  }

  /**
   * Reads a PNG's samples: palette images are expanded to RGB or RGBA, everything else keeps its
   * bands and bit depth (1-8 bit samples count as 8-bit, 16-bit stays 16-bit).
   */
  static Samples read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException("not an image: " + file);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    Raster r = img.getRaster();
    String name = file.getFileName().toString();
    if (img.getColorModel() instanceof IndexColorModel icm) {
      int c = icm.hasAlpha() ? 4 : 3;
      int[] idx = r.getPixels(0, 0, w, h, (int[]) null);
      int[] s = new int[w * h * c];
      for (int i = 0; i < w * h; i++) {
        int v = idx[i];
        s[i * c] = icm.getRed(v);
        s[i * c + 1] = icm.getGreen(v);
        s[i * c + 2] = icm.getBlue(v);
        if (c == 4) {
          s[i * c + 3] = icm.getAlpha(v);
        }
      }
      return new Samples(name, s, w, h, c, 8);
    }
    int c = r.getNumBands();
    int depth = r.getSampleModel().getSampleSize(0) > 8 ? 16 : 8;
    return new Samples(name, r.getPixels(0, 0, w, h, (int[]) null), w, h, c, depth);
  }

  /** The samples of a rectangle of an image. */
  static int[] crop(Samples im, int x0, int y0, int w, int h) {
    int c = im.channels();
    int[] t = new int[w * h * c];
    for (int y = 0; y < h; y++) {
      System.arraycopy(im.samples(), ((y0 + y) * im.width() + x0) * c, t, y * w * c, w * c);
    }
    return t;
  }
}
