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
   * (issue 8); skipped visibly, with the figure, until their decoders are reworked (none now:
   * .tgl lossless went from 40.3 to 4.3 B per extra pixel on 28 Nov). The corpus
   * files are too small to show it: the 16 MiB slack hides any per-pixel cost below ~1 MP.
   */
  static final Map<String, String> KNOWN_OVER = Map.of();

  /**
   * The bound at scale, where the slack no longer hides a per-pixel cost: the same picture
   * encoded at two heights (4x the pixels, same width, so that buffers of a row cancel out), and
   * the extra bytes allocated per extra pixel must stay within "about 12": 12.1, since a 16-bit
   * PNG needs exactly 12 for its two outputs (RGBA8 and RGBA16).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg", "png", "png16", "tgl-lossy", "tgl-lossless"})
  void perPixelCostAtScale(String codec) {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
    // -Dtegula.memory.all=true measures these too (for whoever reworks those decoders).
    assumeTrue(!KNOWN_OVER.containsKey(codec) || Boolean.getBoolean("tegula.memory.all"),
        () -> "known over the bound: " + KNOWN_OVER.get(codec));
    THREADS.setThreadAllocatedMemoryEnabled(true);
    Image photo = Tegula.decode(Corpus.bytes("photos/flower.png")).image();
    byte[] small = encode(codec, crop(photo, 1024, 128));
    byte[] large = encode(codec, crop(photo, 1024, 512));
    decode(small);
    long a1 = allocatedWhileDecoding(small);
    decode(large);
    long a2 = allocatedWhileDecoding(large);
    double perPixel = (double) (a2 - a1) / (1024 * 512 - 1024 * 128);
    System.out.printf("MemoryBoundTest: %s allocates %.3f bytes per extra pixel%n", codec,
        perPixel);
    assertTrue(perPixel <= BYTES_PER_PIXEL + 0.1, codec + ": " + perPixel + " bytes per pixel ("
        + a1 + " bytes for 1024x128, " + a2 + " for 1024x512)");
  }

  private static byte[] encode(String codec, Image image) {
    return switch (codec) {
      case "jpeg" -> Tegula.encodeJpeg(image, null, JpegEncodeOptions.ofQuality(90));
      case "png" -> Tegula.encodePng(image, null);
      case "png16" -> Tegula.encodePng(widen(image), null);
      case "tgl-lossy" -> Tegula.compress(image, null, CompressOptions.lossy(75));
      case "tgl-lossless" -> Tegula.compress(image, null, CompressOptions.lossless());
      default -> throw new IllegalArgumentException(codec);
    };
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
