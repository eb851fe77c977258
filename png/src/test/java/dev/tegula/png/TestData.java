package dev.tegula.png;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Finds the shared test data and reads reference PNGs through javax.imageio (test code only). */
final class TestData {
  private TestData() {}

  static Path root() {
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

  static Path png(String name) {
    return root().resolve("png").resolve(name);
  }

  static Path invalid(String name) {
    return root().resolve("invalid").resolve(name);
  }

  static byte[] bytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isReference(String name) {
    return name.endsWith(".ref.png") || name.endsWith(".ref16.png");
  }

  /** Every conformance PNG that is not a reference decode, by file name. */
  static List<String> conformanceFiles() {
    try (Stream<Path> files = Files.list(root().resolve("png"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".png") && !isReference(n))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A decoded reference: RGBA samples (8 or 16 bits each) as ints. */
  record Reference(int width, int height, int bits, int[] rgba) {}

  static Reference reference(Path path) {
    return decodeWithImageIo(bytes(path));
  }

  /** Decodes through javax.imageio, which applies no gamma: the stored samples as RGBA ints. */
  static Reference decodeWithImageIo(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        throw new IllegalStateException("ImageIO cannot read it");
      }
      int w = img.getWidth();
      int h = img.getHeight();
      int[] out = new int[w * h * 4];
      if (img.getColorModel() instanceof java.awt.image.IndexColorModel) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int argb = img.getRGB(x, y);
            int o = (y * w + x) * 4;
            out[o] = (argb >>> 16) & 0xFF;
            out[o + 1] = (argb >>> 8) & 0xFF;
            out[o + 2] = argb & 0xFF;
            out[o + 3] = argb >>> 24;
          }
        }
        return new Reference(w, h, 8, out);
      }
      Raster r = img.getRaster();
      int bands = r.getNumBands();
      int bits = img.getColorModel().getComponentSize(0);
      int max = (1 << bits) - 1;
      int[] px = new int[bands];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          r.getPixel(x, y, px);
          int o = (y * w + x) * 4;
          boolean grey = bands <= 2;
          out[o] = px[0];
          out[o + 1] = grey ? px[0] : px[1];
          out[o + 2] = grey ? px[0] : px[2];
          out[o + 3] = bands == 2 ? px[1] : bands == 4 ? px[3] : max;
        }
      }
      return new Reference(w, h, bits, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] unsigned(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xFF;
    }
    return out;
  }

  static int[] unsigned(short[] s) {
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] & 0xFFFF;
    }
    return out;
  }

  /** The first differing sample as a readable message, or null when equal. */
  static String firstDifference(int[] expected, int[] actual, int width) {
    if (expected.length != actual.length) {
      return "length " + actual.length + " instead of " + expected.length;
    }
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        int pixel = i / 4;
        return "pixel (" + (pixel % width) + "," + (pixel / width) + ") channel " + (i % 4)
            + ": " + actual[i] + " instead of " + expected[i];
      }
    }
    return null;
  }
}
