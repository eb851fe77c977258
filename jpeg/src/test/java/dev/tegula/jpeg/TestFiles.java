package dev.tegula.jpeg;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Locates the shared test data and reads reference PNGs as plain samples. */
final class TestFiles {
  private TestFiles() {}

  static Path root() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/jpeg"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata not found; set -Dtegula.testdata");
  }

  static Path jpeg(String name) {
    return root().resolve("jpeg").resolve(name);
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The conformance files: every testdata/jpeg/*.jpg, sorted. */
  static List<String> conformanceFiles() {
    try (Stream<Path> s = Files.list(root().resolve("jpeg"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jpg"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reference PNG as RGBA8 (gray expanded to R=G=B), read from the raster without colour management. */
  static int[] readPngRgba(Path p, int[] size) {
    BufferedImage img;
    try {
      img = ImageIO.read(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Raster r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    int bands = r.getNumBands();
    int[] out = new int[w * h * 4];
    int[] px = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.getPixel(x, y, px);
        int o = (y * w + x) * 4;
        if (bands == 1 || bands == 2) {
          out[o] = out[o + 1] = out[o + 2] = px[0];
          out[o + 3] = bands == 2 ? px[1] : 255;
        } else {
          out[o] = px[0];
          out[o + 1] = px[1];
          out[o + 2] = px[2];
          out[o + 3] = bands == 4 ? px[3] : 255;
        }
      }
    }
    size[0] = w;
    size[1] = h;
    return out;
  }
}
