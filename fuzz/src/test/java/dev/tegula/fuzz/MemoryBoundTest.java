package dev.tegula.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.TegulaException;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's memory bound: decoding allocates at most 12 bytes per declared pixel plus 16 MiB,
 * over every file of the test corpus. 12 bytes is the RGBA8 output (4) plus room for one
 * full-size working plane; the 16 MiB covers tables, metadata and per-row buffers.
 *
 * <p>Measured with HotSpot's per-thread allocation counter, which counts every heap byte this
 * thread allocated whether or not it is still live: it is the decoder's whole appetite, not its
 * peak. The codec runs on the calling thread (no threads inside it, .tgl tiles included), so the
 * counter sees all of it. Each file is decoded once before measuring so that one-time class
 * initialisation (static tables) is not charged to the first file that happens to need it.
 *
 * <p>It lives in the fuzz module because this is the one module that sees every decoder without
 * being one of them: the codec modules cannot see each other, and the api module's own tests are
 * run by its engineers many times a session.
 */
class MemoryBoundTest {
  static final long BYTES_PER_PIXEL = 12;
  static final long SLACK = 16L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private record Measured(String name, long pixels, long allocated) {
    double perPixel() {
      return pixels == 0 ? 0 : (double) allocated / pixels;
    }
  }

  private static final List<Measured> REPORT = new ArrayList<>();

  static List<String> files() {
    return Corpus.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void decodingStaysWithinTheBound(String name) {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
    THREADS.setThreadAllocatedMemoryEnabled(true);
    byte[] data = Corpus.bytes(name);
    long pixels = declaredPixels(data);

    decode(data); // warm-up: class initialisation and static tables
    long allocated = allocatedWhileDecoding(data);

    long bound = BYTES_PER_PIXEL * pixels + SLACK;
    synchronized (REPORT) {
      REPORT.add(new Measured(name, pixels, allocated));
    }
    assertTrue(allocated <= bound, name + ": allocated " + allocated + " bytes for " + pixels
        + " declared pixels, over the bound of " + bound);
  }

  /**
   * Decoders that allocate more per pixel than the bound, measured and reported to the lead
   * (issue 8); skipped visibly, with the figure, until their decoders are reworked. The corpus
   * files are too small to show it: the 16 MiB slack hides any per-pixel cost below ~1 MP.
   *
   * <p>.tgl lossless method 1 at 16 bits keeps P0 and P1 of the tile being decoded whole (12
   * bytes a pixel of the tile), made once per decode: that costs per pixel of the largest tile,
   * not of the image, and format-lossless.md §2 limits such tiles to 1024 x 1024, so it stays
   * inside the slack ({@link #wideMethod1TileAtItsLimit}); the slope below measures it with tiles
   * of the same size in both pictures ("-tiles128").
   */
  static final Map<String, String> KNOWN_OVER = Map.of();

  /**
   * The bound at scale, where the slack no longer hides a per-pixel cost: the same picture
   * encoded at two heights (4x the pixels, same width, so that buffers of a row cancel out), and
   * the extra bytes allocated per extra pixel must stay within "about 12": 12.1, since a 16-bit
   * PNG needs exactly 12 for its two outputs (RGBA8 and RGBA16). The .tgl lossless cases cover
   * each effort (method 2, the fast one, at 1-3; method 1 at 4 and for few-colour graphics at
   * 2-3), alpha, grey, 16 bits, stored planes (noise) and constant ones (a flat picture), and
   * small tiles, where anything made per tile adds up.
   */
  @ParameterizedTest(name = "{0}")
  @Timeout(120) // encoding at effort 4 in small tiles takes most of it on a busy machine
  @ValueSource(strings = {"jpeg", "png", "png16", "tgl-lossy", "tgl-lossless",
      "tgl-lossless-effort1", "tgl-lossless-effort3", "tgl-lossless-effort4",
      "tgl-lossless-graphics", "tgl-lossless-alpha",
      "tgl-lossless-alpha-effort4", "tgl-lossless-grey", "tgl-lossless-grey-effort4",
      "tgl-lossless16", "tgl-lossless16-effort4-tiles128",
      "tgl-stored", "tgl-constant", "tgl-lossless-tiles64", "tgl-lossless-effort4-tiles64"})
  void perPixelCostAtScale(String codec) {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
    // -Dtegula.memory.all=true measures these too (for whoever reworks those decoders).
    assumeTrue(!KNOWN_OVER.containsKey(codec) || Boolean.getBoolean("tegula.memory.all"),
        () -> "known over the bound: " + KNOWN_OVER.get(codec));
    THREADS.setThreadAllocatedMemoryEnabled(true);
    Image photo = Tegula.decode(Corpus.bytes("photos/flower.png")).image();
    // The lossless variants are measured 512 wide: their encoders (effort 3 and 4, small tiles)
    // are slow, and the decoders' row buffers cancel out at any width.
    int width = codec.startsWith("tgl-lossless-") || codec.startsWith("tgl-lossless16")
        || codec.equals("tgl-stored") || codec.equals("tgl-constant") ? 512 : 1024;
    byte[] small = encode(codec, picture(codec, photo, width, 128));
    byte[] large = encode(codec, picture(codec, photo, width, 512));
    decode(small);
    long a1 = allocatedWhileDecoding(small);
    decode(large);
    long a2 = allocatedWhileDecoding(large);
    double perPixel = (double) (a2 - a1) / (width * 512 - width * 128);
    System.out.printf("MemoryBoundTest: %s allocates %.3f bytes per extra pixel%n", codec,
        perPixel);
    assertTrue(perPixel <= BYTES_PER_PIXEL + 0.1, codec + ": " + perPixel + " bytes per pixel ("
        + a1 + " bytes for " + width + "x128, " + a2 + " for " + width + "x512)");
  }

  /**
   * The largest tile .tgl lossless method 1 may code over 8 bits (format-lossless.md §2), decoded
   * as one tile: its whole P0 and P1 (12 MiB) plus the two outputs stay within the bound.
   */
  @Test
  @Timeout(300) // effort 4 encodes a megapixel of 16-bit samples slowly on a busy machine
  void wideMethod1TileAtItsLimit() {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
    THREADS.setThreadAllocatedMemoryEnabled(true);
    Image photo = Tegula.decode(Corpus.bytes("photos/flower.png")).image();
    byte[] rgba = new byte[1024 * 1024 * 4];
    for (int y = 0; y < 1024; y++) {
      for (int x = 0; x < 1024; x++) {
        int from = ((y % photo.height()) * photo.width() + x % photo.width()) * 4;
        System.arraycopy(photo.rgba(), from, rgba, (y * 1024 + x) * 4, 4);
      }
    }
    Image wide = widen(new Image(1024, 1024, rgba));
    byte[] tgl = Tegula.compress(wide, null,
        CompressOptions.lossless().withEffort(4).withTileSize(1024));
    decode(tgl);
    long allocated = allocatedWhileDecoding(tgl);
    long bound = BYTES_PER_PIXEL * 1024 * 1024 + SLACK;
    System.out.printf("MemoryBoundTest: 16-bit method 1, one 1024x1024 tile: %d bytes (bound"
        + " %d)%n", allocated, bound);
    assertTrue(allocated <= bound, allocated + " bytes, over the bound of " + bound);
  }

  private static byte[] encode(String codec, Image image) {
    return switch (codec) {
      case "jpeg" -> Tegula.encodeJpeg(image, null, JpegEncodeOptions.ofQuality(90));
      case "png" -> Tegula.encodePng(image, null);
      case "png16" -> Tegula.encodePng(widen(image), null);
      case "tgl-lossy" -> Tegula.compress(image, null, CompressOptions.lossy(75));
      default -> {
        if (!codec.startsWith("tgl-")) {
          throw new IllegalArgumentException(codec);
        }
        CompressOptions options = CompressOptions.lossless();
        int effort = codec.indexOf("-effort");
        if (effort >= 0) {
          options = options.withEffort(codec.charAt(effort + 7) - '0');
        }
        int tiles = codec.indexOf("-tiles");
        if (tiles >= 0) {
          options = options.withTileSize(Integer.parseInt(codec.substring(tiles + 6)));
        }
        yield Tegula.compress(image, null, options);
      }
    };
  }

  /**
   * The picture a case encodes: the photo, or what the case's name asks for. Graphics have few
   * colours (efforts 2 and 3 code such tiles with method 1, format-lossless.md §8); noise makes
   * the encoder store the planes (codec 0) and a flat picture makes them constant (codec 1).
   */
  private static Image picture(String codec, Image photo, int width, int height) {
    Image crop = crop(photo, width, height);
    if (codec.contains("graphics")) {
      return graphics(width, height);
    } else if (codec.contains("alpha")) {
      return withAlpha(crop);
    } else if (codec.contains("grey")) {
      return grey(crop);
    } else if (codec.startsWith("tgl-lossless16")) {
      return widen(crop);
    } else if (codec.equals("tgl-stored")) {
      return noise(width, height);
    } else if (codec.equals("tgl-constant")) {
      return flat(width, height);
    }
    return crop;
  }

  /** Text-like strokes and flat boxes in eight colours, antialiasing-free like a screenshot. */
  private static Image graphics(int width, int height) {
    int[] palette = {0xFFFFFF, 0x202020, 0x3060C0, 0xE0E0E0, 0xC03030, 0x30A050, 0xF0C000,
        0x808080};
    byte[] rgba = new byte[width * height * 4];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int box = ((x / 96) * 7 + (y / 40) * 3) % 4;
        int glyph = ((x % 8) < 2 || (y % 12) == 3 || ((x + y) % 11) == 0) && (y % 40) > 8
            && (x % 96) > 10 ? 1 + ((x / 8 + y / 12) % 3) * 2 : 0;
        int c = palette[glyph != 0 && box != 2 ? glyph : box == 0 ? 0 : box + 2];
        int p = (y * width + x) * 4;
        rgba[p] = (byte) (c >> 16);
        rgba[p + 1] = (byte) (c >> 8);
        rgba[p + 2] = (byte) c;
        rgba[p + 3] = (byte) 0xFF;
      }
    }
    return new Image(width, height, rgba);
  }

  /** The photo with a soft alpha ramp and a cut-out disc. */
  private static Image withAlpha(Image image) {
    byte[] rgba = image.rgba().clone();
    int w = image.width();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < w; x++) {
        int dx = x - w / 2;
        int dy = y - 64;
        int a = dx * dx + dy * dy < 40 * 40 ? 0 : (x * 255 / w + y) & 0xFF;
        rgba[(y * w + x) * 4 + 3] = (byte) a;
      }
    }
    return new Image(w, image.height(), rgba);
  }

  private static Image grey(Image image) {
    byte[] rgba = image.rgba().clone();
    for (int p = 0; p < rgba.length; p += 4) {
      int g = ((rgba[p] & 0xFF) * 77 + (rgba[p + 1] & 0xFF) * 150 + (rgba[p + 2] & 0xFF) * 29) >> 8;
      rgba[p] = (byte) g;
      rgba[p + 1] = (byte) g;
      rgba[p + 2] = (byte) g;
    }
    return new Image(image.width(), image.height(), rgba);
  }

  private static Image noise(int width, int height) {
    byte[] rgba = new byte[width * height * 4];
    new java.util.Random(8).nextBytes(rgba);
    for (int p = 3; p < rgba.length; p += 4) {
      rgba[p] = (byte) 0xFF;
    }
    return new Image(width, height, rgba);
  }

  private static Image flat(int width, int height) {
    byte[] rgba = new byte[width * height * 4];
    for (int p = 0; p < rgba.length; p += 4) {
      rgba[p] = 40;
      rgba[p + 1] = 90;
      rgba[p + 2] = (byte) 200;
      rgba[p + 3] = (byte) 0xFF;
    }
    return new Image(width, height, rgba);
  }

  private static Image crop(Image image, int width, int height) {
    byte[] rgba = new byte[width * height * 4];
    for (int y = 0; y < height; y++) {
      System.arraycopy(image.rgba(), y * image.width() * 4, rgba, y * width * 4, width * 4);
    }
    return new Image(width, height, rgba);
  }

  /** 16-bit samples whose low bytes vary, so that the encoder cannot reduce them to 8 bits. */
  private static Image widen(Image image) {
    byte[] rgba = image.rgba();
    short[] wide = new short[rgba.length];
    for (int i = 0; i < rgba.length; i++) {
      wide[i] = (short) ((rgba[i] & 0xFF) * 257 ^ (i % 3));
    }
    return new Image(image.width(), image.height(), rgba, wide);
  }

  static long allocatedWhileDecoding(byte[] data) {
    long id = Thread.currentThread().getId();
    long before = THREADS.getThreadAllocatedBytes(id);
    decode(data);
    return THREADS.getThreadAllocatedBytes(id) - before;
  }

  private static void decode(byte[] data) {
    try {
      Tegula.decode(data, DecodeOptions.DEFAULT);
    } catch (TegulaException expected) {
      // a damaged file: the allocation up to the failure is what is measured
    }
  }

  /** Pixels the header declares, or 0 when there is no readable header. */
  static long declaredPixels(byte[] data) {
    try {
      ImageInfo info = Tegula.readInfo(data);
      return (long) info.width() * info.height();
    } catch (TegulaException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** The heaviest decoders per pixel, for the record (surefire keeps stdout in its report). */
  @AfterAll
  static void printHeaviest() {
    List<Measured> all;
    synchronized (REPORT) {
      all = new ArrayList<>(REPORT);
    }
    all.sort(Comparator.comparingDouble(Measured::perPixel).reversed());
    System.out.println("MemoryBoundTest: heaviest allocation per declared pixel");
    for (Measured m : all.subList(0, Math.min(15, all.size()))) {
      System.out.printf("  %-58s %9d px %11d B %7.2f B/px%n", m.name(), m.pixels(), m.allocated(),
          m.perPixel());
    }
    all.sort(Comparator.comparingLong(Measured::allocated).reversed());
    System.out.println("MemoryBoundTest: largest allocations");
    for (Measured m : all.subList(0, Math.min(8, all.size()))) {
      System.out.printf("  %-58s %9d px %11d B %7.2f B/px%n", m.name(), m.pixels(), m.allocated(),
          m.perPixel());
    }
  }
}
