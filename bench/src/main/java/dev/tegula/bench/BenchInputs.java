package dev.tegula.bench;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The browser bench's images, made in a work directory (never in the repository): photos from
 * testdata, and a 12-megapixel photo made at run time by tiling the corpus flower (1134x756) with
 * its mirror images to 4000x3000, which keeps a photo's native detail (an upscale would be smoother
 * and faster to code than a camera's image). It is written as PNG and as a baseline 4:2:0 JPEG
 * (ImageIO, quality 0.85, Annex K Huffman tables, as cameras write them). manifest.json lists
 * every file with the SHA-256 of Tegula's JVM decode, the reference the page checks against.
 */
final class BenchInputs {
  static final String[] JPEGS = {"libjxl_flower_small_q85_420_non_interleaved.jpg",
      "size_1023x769_420.jpg", "size_1023x769_progressive_444.jpg"};
  static final String[] PHOTOS = {"astronaut.png", "flower.png"};
  static final String LARGE = "photo_12mp";
  static final int LARGE_WIDTH = 4000;
  static final int LARGE_HEIGHT = 3000;

  private BenchInputs() {}

  /** Writes the images and manifest.json into {@code dir}; {@code quick}: one small JPEG only. */
  static Path prepare(Path testdata, Path dir, boolean quick) throws IOException {
    Files.createDirectories(dir);
    List<String> jpeg = new ArrayList<>();
    List<String> png = new ArrayList<>();
    for (String name : quick ? new String[] {JPEGS[0]} : JPEGS) {
      copy(testdata.resolve("jpeg").resolve(name), dir.resolve(name));
      jpeg.add(name);
    }
    if (!quick) {
      for (String name : PHOTOS) {
        copy(testdata.resolve("photos").resolve(name), dir.resolve(name));
        png.add(name);
      }
      makeLarge(testdata.resolve("photos/flower.png"), dir);
      jpeg.add(LARGE + "_q85.jpg");
      png.add(LARGE + ".png");
    }
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"jpeg\": [").append(entries(dir, jpeg)).append("],\n");
    json.append("  \"png\": [").append(entries(dir, png)).append("],\n");
    json.append("  \"photos\": [").append(entries(dir, quick ? List.of() : List.of(PHOTOS)))
        .append("],\n");
    json.append("  \"large\": ")
        .append(quick ? "null" : entries(dir, List.of(LARGE + ".png"))).append("\n}\n");
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, json);
    return manifest;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new IOException("missing test file " + from);
    }
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String entries(Path dir, List<String> names) throws IOException {
    StringBuilder s = new StringBuilder();
    for (String name : names) {
      Image image = Tegula.decode(Files.readAllBytes(dir.resolve(name))).image();
      s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
          "{\"file\": \"%s\", \"width\": %d, \"height\": %d, \"sha256\": \"%s\"}",
          name, image.width(), image.height(), sha256(image.rgba())));
    }
    return s.toString();
  }

  private static void makeLarge(Path flower, Path dir) throws IOException {
    Path png = dir.resolve(LARGE + ".png");
    Path jpg = dir.resolve(LARGE + "_q85.jpg");
    if (Files.isRegularFile(png) && Files.isRegularFile(jpg)) {
      return; // made by an earlier run: the same deterministic content
    }
    Image source = Tegula.decode(Files.readAllBytes(flower)).image();
    BufferedImage large = mirrorTiled(source, LARGE_WIDTH, LARGE_HEIGHT);
    writeAtomically(png, ImageIoCodec.png(large));
    writeAtomically(jpg, ImageIoCodec.jpeg(large, 0.85f));
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The source repeated, every other copy mirrored, so that no seam shows an edge. */
  static BufferedImage mirrorTiled(Image source, int width, int height) {
    int sw = source.width();
    int sh = source.height();
    byte[] p = source.rgba();
    int[] row = new int[width];
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      int sy = reflect(y, sh);
      for (int x = 0; x < width; x++) {
        int i = (sy * sw + reflect(x, sw)) * 4;
        row[x] = (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff);
      }
      out.setRGB(0, y, width, 1, row, 0, width);
    }
    return out;
  }

  private static int reflect(int v, int n) {
    int period = v / n;
    int r = v % n;
    return (period & 1) == 0 ? r : n - 1 - r;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Bytes the JVM allocates for one decode of {@code file} (after a warm-up): an upper bound of
   * the Java heap the same code needs when compiled to WasmGC, whose objects the browser's own
   * memory measurement sees only while they are alive.
   */
  static long allocatedByDecode(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Tegula.decode(data);
    long before = threads.getCurrentThreadAllocatedBytes();
    Tegula.decode(data);
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
