package dev.tegula.tgl.lossless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LosslessCodecTest {

  static Stream<Path> testdataPngs() throws IOException {
    return TestImages.pngs(TestImages.testdata().resolve("png")).stream();
  }

  static Stream<Path> photoPngs() throws IOException {
    return TestImages.pngs(TestImages.testdata().resolve("photos")).stream();
  }

  static Stream<Path> corpusPngs() throws IOException {
    Path corpus = TestImages.corpus();
    if (corpus == null) {
      return Stream.empty();
    }
    List<Path> all = new java.util.ArrayList<>();
    for (String dir : new String[] {"photos", "graphics", "alpha"}) {
      all.addAll(TestImages.pngs(corpus.resolve(dir)));
    }
    return all.stream();
  }

  /** Every conformance PNG (all colour types, 1-16 bits, references in RGBA8 and RGBA16). */
  @ParameterizedTest
  @MethodSource("testdataPngs")
  void everyTestdataPngRoundTripsExactly(Path png) throws IOException {
    TestImages.Samples im = TestImages.read(png);
    assertRoundTrip(im.samples(), im.width(), im.height(), im.channels(), im.depth());
  }

  /** The repository's sample photos, tile by tile as the container codes them. */
  @ParameterizedTest
  @MethodSource("photoPngs")
  void samplePhotosRoundTripTileByTile(Path png) throws IOException {
    TestImages.Samples im = TestImages.read(png);
    assertTilesRoundTrip(im, 256);
  }

  /**
   * The shared developer corpus (photos, graphics, alpha), when this machine has it; a clone
   * without it runs no case here and the test below says so.
   */
  @ParameterizedTest(allowZeroInvocations = true)
  @MethodSource("corpusPngs")
  void corpusImagesRoundTripTileByTile(Path png) throws IOException {
    TestImages.Samples im = TestImages.read(png);
    assertTilesRoundTrip(im, 256);
  }

  @Test
  void corpusIsFoundOrTheCorpusTestIsSkippedVisibly() throws IOException {
    Assumptions.assumeTrue(TestImages.corpus() != null, "no shared corpus on this machine");
    assertTrue(corpusPngs().count() >= 10);
  }

  static Stream<GoldenCases.Case> goldenCases() throws IOException {
    return GoldenCases.all().stream();
  }

  /**
   * Payloads written by an earlier build still decode to the same pixels: the format is frozen,
   * and any change to the decoder's arithmetic shows up here first.
   */
  @ParameterizedTest
  @MethodSource("goldenCases")
  void committedPayloadsDecodeToTheirPixels(GoldenCases.Case c) throws IOException {
    for (String kind : new String[] {".bin", ".fast.bin"}) {
      byte[] coded;
      try (java.io.InputStream in = LosslessCodecTest.class.getResourceAsStream(
          "golden/" + c.name() + kind)) {
        assertTrue(in != null, "missing golden payload " + c.name() + kind);
        coded = in.readAllBytes();
      }
      assertEquals(kind.equals(".bin") ? 1 : 2, coded[0], "method of " + c.name() + kind);
      int[] out = new int[c.samples().length];
      LosslessCodec.decode(coded, 0, coded.length, c.width(), c.height(), c.channels(),
          c.depth(), out);
      assertArrayEquals(c.samples(), out, c.name() + kind);
    }
  }

  @Test
  void syntheticShapesDepthsAndExtremesRoundTrip() {
    int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 5}, {17, 33}, {40, 3}};
    int[] seed = {0x1234567};
    for (int[] size : sizes) {
      for (int channels = 1; channels <= 4; channels++) {
        for (int depth : new int[] {8, 16}) {
          for (int pattern = 0; pattern < 6; pattern++) {
            int[] s = pattern(pattern, size[0], size[1], channels, depth, seed);
            assertRoundTrip(s, size[0], size[1], channels, depth, ALL_EFFORTS);
          }
        }
      }
    }
  }

  @Test
  void wideAndTallTilesRoundTrip() {
    int[] seed = {99};
    assertRoundTrip(pattern(5, 1000, 2, 3, 8, seed), 1000, 2, 3, 8);
    assertRoundTrip(pattern(5, 2, 700, 4, 16, seed), 2, 700, 4, 16);
    assertRoundTrip(pattern(3, 300, 200, 3, 16, seed), 300, 200, 3, 16);
  }

  /**
   * §2: method 1 keeps a wide tile's first two planes whole, so it is limited to 1024 x 1024
   * pixels over 8 bits (issue 8's memory bound): the encoder takes method 2 above that even at
   * effort 4, and a decoder refuses method 1 there before decoding anything.
   */
  @Test
  void method1CodesWideTilesOnlyUpToTheMemoryLimit() {
    int width = 1025;
    int height = 1024;
    int[] grey16 = pattern(3, width, height, 1, 16, new int[] {7});
    byte[] coded = LosslessCodec.encode(grey16, width, height, 1, 16, LosslessCodec.MAX_EFFORT);
    assertEquals(LosslessCodec.METHOD_FAST, coded[0], "method byte");
    int[] out = new int[grey16.length];
    LosslessCodec.decode(coded, 0, coded.length, width, height, 1, 16, out);
    assertArrayEquals(grey16, out);

    byte[] method1 = {LosslessCodec.METHOD_PREDICTIVE, 0, 0, 0, 0, 0};
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(method1, 0, method1.length, width, height, 1, 16, out));
    assertTrue(e.getMessage().contains("method 1"), e.getMessage());
    MalformedInputException atLimit = assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(method1, 0, method1.length, 1024, 1024, 1, 16,
            new int[1024 * 1024]));
    assertFalse(atLimit.getMessage().contains("method 1 for a tile"),
        "at the limit it decodes (and these bytes fail as a plane): " + atLimit.getMessage());
    byte[] narrow = LosslessCodec.encode(pattern(3, 64, 64, 1, 16, new int[] {7}), 64, 64, 1, 16,
        LosslessCodec.MAX_EFFORT);
    assertEquals(LosslessCodec.METHOD_PREDICTIVE, narrow[0], "small tiles keep method 1");
  }

  @Test
  void theSameInputAlwaysGivesTheSameBytes() throws IOException {
    TestImages.Samples im = TestImages.read(TestImages.testdata().resolve("photos")
        .resolve("astronaut.png"));
    int[] tile = TestImages.crop(im, 100, 100, 128, 96);
    byte[] first = LosslessCodec.encode(tile, 128, 96, im.channels(), 8);
    // Other work in between must not influence the coder (no hidden shared state).
    LosslessCodec.encode(pattern(4, 64, 64, 3, 16, new int[] {5}), 64, 64, 3, 16);
    byte[] second = LosslessCodec.encode(tile.clone(), 128, 96, im.channels(), 8);
    assertArrayEquals(first, second);
  }

  /** The container codes tiles on several threads at once: no shared mutable state. */
  @Test
  void concurrentCallsGiveTheSameBytesAsSequentialOnes() throws Exception {
    TestImages.Samples im = TestImages.read(TestImages.testdata().resolve("photos")
        .resolve("astronaut.png"));
    List<int[]> tiles = new java.util.ArrayList<>();
    for (int k = 0; k < 6; k++) {
      tiles.add(TestImages.crop(im, 40 * k, 30 * k, 96, 80));
    }
    List<byte[]> sequential = new java.util.ArrayList<>();
    for (int[] t : tiles) {
      sequential.add(LosslessCodec.encode(t, 96, 80, 3, 8));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<byte[]>> parallel = new java.util.ArrayList<>();
      for (int[] t : tiles) {
        parallel.add(pool.submit(() -> LosslessCodec.encode(t, 96, 80, 3, 8)));
      }
      for (int k = 0; k < tiles.size(); k++) {
        assertArrayEquals(sequential.get(k), parallel.get(k).get(), "tile " + k);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void photosCompressWellAndFlatPlanesCostAlmostNothing() throws IOException {
    TestImages.Samples im = TestImages.read(TestImages.testdata().resolve("photos")
        .resolve("flower.png"));
    int[] tile = TestImages.crop(im, 256, 256, 256, 256);
    byte[] coded = LosslessCodec.encode(tile, 256, 256, im.channels(), 8);
    double bpp = coded.length * 8.0 / (256 * 256);
    assertTrue(bpp < 12, "flower tile: " + bpp + " bpp");
    int[] flat = new int[256 * 256 * 3];
    Arrays.fill(flat, 77);
    assertTrue(LosslessCodec.encode(flat, 256, 256, 3, 8).length < 100);
    assertTrue(LosslessCodec.encode(flat, 256, 256, 3, 8, LosslessCodec.MAX_EFFORT).length < 64);
  }

  /** 8-bit data stored in 16 bits, shifted 12-bit data and gapped histograms (§4.6). */
  @Test
  void scaledPlanesCostAboutWhatTheirRealPrecisionDoes() throws IOException {
    TestImages.Samples im = TestImages.read(TestImages.testdata().resolve("photos")
        .resolve("flower.png"));
    int[] eight = TestImages.crop(im, 300, 200, 128, 128);
    int[] wide = new int[eight.length];
    int[] shifted = new int[eight.length];
    int[] gapped = new int[eight.length];
    for (int i = 0; i < eight.length; i++) {
      wide[i] = eight[i] * 257;
      shifted[i] = (eight[i] * 16 + (i % 7)) << 4;
      gapped[i] = 1 + 2 * (eight[i] >> 1);
    }
    int base = LosslessCodec.encode(eight, 128, 128, 3, 8).length;
    assertRoundTrip(wide, 128, 128, 3, 16);
    assertRoundTrip(shifted, 128, 128, 3, 16);
    assertRoundTrip(gapped, 128, 128, 3, 8);
    int asWide = LosslessCodec.encode(wide, 128, 128, 3, 16).length;
    assertTrue(asWide < base * 1.05, "v*257: " + asWide + " bytes, 8-bit: " + base);
    int halved = LosslessCodec.encode(gapped, 128, 128, 3, 8).length;
    assertTrue(halved < base, "gapped: " + halved + " bytes, full: " + base);
  }

  /**
   * The default effort writes the fast method (§9), effort 4 the strongest (§4-§6); effort 3
   * tries every candidate transform, so it is never larger than effort 2, whose transform is one
   * of them; and the fast method stays within a few percent of the strongest on a photo.
   */
  @Test
  void effortsChooseTheMethodAndTradeSizeForTime() throws IOException {
    TestImages.Samples im = TestImages.read(TestImages.testdata().resolve("photos")
        .resolve("flower.png"));
    int[] tile = TestImages.crop(im, 200, 150, 192, 160);
    byte[] fast = LosslessCodec.encode(tile, 192, 160, 3, 8);
    assertEquals(2, fast[0]);
    byte[] quickest = LosslessCodec.encode(tile, 192, 160, 3, 8, 1);
    assertEquals(2, quickest[0]);
    assertEquals(ColourTransform.YCOCG, quickest[1]);
    byte[] tried = LosslessCodec.encode(tile, 192, 160, 3, 8, 3);
    byte[] strong = LosslessCodec.encode(tile, 192, 160, 3, 8, 4);
    assertEquals(1, strong[0]);
    assertTrue(tried.length <= fast.length, tried.length + " > " + fast.length);
    assertTrue(fast.length < strong.length * 1.15, fast.length + " vs " + strong.length);
    int[] s = new int[12];
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 2, 2, 3, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 2, 2, 3, 8, 5));
  }

  /**
   * Colour tiles with few distinct colours (drawings, text, screenshots) go to method 1 at
   * efforts 2 and 3, whose match candidates catch repeated shapes; effort 1 always codes fast.
   */
  @Test
  void fewColourTilesUseTheStrongMethodExceptAtEffortOne() {
    int w = 96;
    int h = 64;
    int[] text = new int[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean ink = ((x / 3) * 7 + (y / 4) * 5) % 11 < 3;
        text[(y * w + x) * 3] = ink ? 20 : 240;
        text[(y * w + x) * 3 + 1] = ink ? 30 : 240;
        text[(y * w + x) * 3 + 2] = ink ? 90 : 230;
      }
    }
    assertEquals(1, LosslessCodec.encode(text, w, h, 3, 8)[0]);
    assertEquals(1, LosslessCodec.encode(text, w, h, 3, 8, 3)[0]);
    assertEquals(2, LosslessCodec.encode(text, w, h, 3, 8, 1)[0]);
    assertRoundTrip(text, w, h, 3, 8, ALL_EFFORTS);
    assertTrue(ColourCount.atMost(text, w * h, 3, 2));
    assertTrue(!ColourCount.atMost(text, w * h, 3, 1));
    int[] noise = pattern(0, w, h, 4, 16, new int[] {17});
    assertTrue(!ColourCount.atMost(noise, w * h, 4, w * h / 32));
    assertTrue(ColourCount.atMost(noise, w * h, 4, w * h));
  }

  /** §9.1: the planes must end exactly at the end of the data. */
  @Test
  void fastMethodRefusesBytesAfterTheLastPlane() {
    int[] s = pattern(5, 20, 12, 3, 8, new int[] {11});
    byte[] coded = LosslessCodec.encode(s, 20, 12, 3, 8);
    byte[] longer = Arrays.copyOf(coded, coded.length + 1);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(longer, 0, longer.length, 20, 12, 3, 8, new int[s.length]));
    assertTrue(e.getMessage().contains("after the last plane"), e.getMessage());
  }

  @Test
  void callerMisuseIsIllegalArgument() {
    int[] s = new int[12];
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(null, 2, 2, 3, 8));
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 0, 2, 3, 8));
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 2, 2, 5, 8));
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 2, 2, 3, 12));
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(s, 3, 2, 3, 8));
    int[] big = s.clone();
    big[5] = 256;
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(big, 2, 2, 3, 8));
    big[5] = -1;
    assertThrows(IllegalArgumentException.class, () -> LosslessCodec.encode(big, 2, 2, 3, 16));
    byte[] coded = LosslessCodec.encode(s, 2, 2, 3, 8);
    assertThrows(IllegalArgumentException.class,
        () -> LosslessCodec.decode(coded, 0, coded.length, 2, 2, 3, 8, new int[11]));
    assertThrows(IllegalArgumentException.class,
        () -> LosslessCodec.decode(coded, 1, coded.length, 2, 2, 3, 8, new int[12]));
    assertThrows(IllegalArgumentException.class,
        () -> LosslessCodec.decode(null, 0, 0, 2, 2, 3, 8, new int[12]));
  }

  @Test
  void decodesFromTheMiddleOfALargerArray() {
    int[] s = pattern(5, 13, 11, 3, 8, new int[] {7});
    byte[] coded = LosslessCodec.encode(s, 13, 11, 3, 8);
    byte[] framed = new byte[coded.length + 10];
    Arrays.fill(framed, (byte) 0x5A);
    System.arraycopy(coded, 0, framed, 7, coded.length);
    int[] out = new int[s.length];
    LosslessCodec.decode(framed, 7, coded.length, 13, 11, 3, 8, out);
    assertArrayEquals(s, out);
  }

  @Test
  void headerErrorsNameTheirOffset() {
    int[] s = pattern(5, 8, 8, 3, 8, new int[] {3});
    byte[] coded = LosslessCodec.encode(s, 8, 8, 3, 8);
    int[] out = new int[s.length];
    MalformedInputException shortData = assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(coded, 0, 1, 8, 8, 3, 8, out));
    assertEquals(0, shortData.offset());
    byte[] method = coded.clone();
    method[0] = 9;
    assertEquals(0, assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(method, 0, method.length, 8, 8, 3, 8, out)).offset());
    byte[] transform = coded.clone();
    transform[1] = 7;
    assertEquals(1, assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(transform, 0, transform.length, 8, 8, 3, 8, out)).offset());
    // A grey plane has no colour transform.
    byte[] grey = LosslessCodec.encode(new int[64], 8, 8, 1, 8);
    grey[1] = 1;
    assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(grey, 0, grey.length, 8, 8, 1, 8, new int[64]));
    MalformedInputException cut = assertThrows(MalformedInputException.class,
        () -> LosslessCodec.decode(coded, 0, coded.length / 2, 8, 8, 3, 8, out));
    assertTrue(cut.getMessage().contains("ends"), cut.getMessage());
  }

  /**
   * Damaged data either decodes (to something) or throws a TegulaException; never another
   * exception, never a hang. Every truncation, single bit flips and random bytes.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
  void damagedDataNeverEscapesTheExceptionFamily(int effort) {
    int[][] shapes = {{24, 20, 3, 8}, {16, 16, 1, 16}, {12, 9, 4, 8}, {20, 10, 2, 16}};
    int[] seed = {0xBEEF};
    assertTimeout(Duration.ofSeconds(60), () -> {
      for (int[] shape : shapes) {
        int w = shape[0];
        int h = shape[1];
        int c = shape[2];
        int depth = shape[3];
        int[] s = pattern(5, w, h, c, depth, seed);
        byte[] coded = LosslessCodec.encode(s, w, h, c, depth, effort);
        int[] out = new int[s.length];
        for (int len = 0; len < coded.length; len++) {
          decodeDamaged(coded, len, w, h, c, depth, out, "cut at " + len);
        }
        for (int k = 0; k < 400; k++) {
          byte[] bad = coded.clone();
          int bit = (next(seed) >>> 1) % (bad.length * 8);
          bad[bit >> 3] ^= (byte) (1 << (bit & 7));
          decodeDamaged(bad, bad.length, w, h, c, depth, out, "bit " + bit);
        }
        for (int k = 0; k < 100; k++) {
          byte[] junk = new byte[2 + (next(seed) >>> 1) % 300];
          for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) next(seed);
          }
          junk[0] = coded[0];
          junk[1] = (byte) (c >= 3 ? 1 + (next(seed) & 1) : 0);
          decodeDamaged(junk, junk.length, w, h, c, depth, out, "junk " + k);
        }
      }
    });
  }

  private static void decodeDamaged(byte[] data, int length, int w, int h, int c, int depth,
      int[] out, String what) {
    try {
      LosslessCodec.decode(data, 0, length, w, h, c, depth, out);
      int max = (1 << depth) - 1;
      for (int v : out) {
        if (v < 0 || v > max) {
          fail(what + ": decoded sample " + v + " outside 0.." + max);
        }
      }
    } catch (TegulaException expected) {
      // the family the decoder may throw
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }

  static final int[] ALL_EFFORTS = {1, 2, 3, 4};
  /** The default (fast method) and the strongest method. */
  static final int[] BOTH_METHODS = {LosslessCodec.DEFAULT_EFFORT, LosslessCodec.MAX_EFFORT};

  static void assertRoundTrip(int[] samples, int w, int h, int c, int depth) {
    assertRoundTrip(samples, w, h, c, depth, BOTH_METHODS);
  }

  static void assertRoundTrip(int[] samples, int w, int h, int c, int depth, int[] efforts) {
    for (int effort : efforts) {
      byte[] coded = LosslessCodec.encode(samples, w, h, c, depth, effort);
      int[] out = new int[w * h * c];
      LosslessCodec.decode(coded, 0, coded.length, w, h, c, depth, out);
      if (!Arrays.equals(samples, 0, w * h * c, out, 0, w * h * c)) {
        fail("round trip differs: " + w + "x" + h + " channels " + c + " depth " + depth
            + " effort " + effort);
      }
    }
  }

  static void assertTilesRoundTrip(TestImages.Samples im, int tile) {
    for (int ty = 0; ty < im.height(); ty += tile) {
      for (int tx = 0; tx < im.width(); tx += tile) {
        int tw = Math.min(tile, im.width() - tx);
        int th = Math.min(tile, im.height() - ty);
        assertRoundTrip(TestImages.crop(im, tx, ty, tw, th), tw, th, im.channels(), im.depth());
      }
    }
  }

  /** Test content: 0 noise, 1 zeros, 2 maxima, 3 max-contrast checkerboard, 4 gradient, 5 mix. */
  static int[] pattern(int kind, int w, int h, int c, int depth, int[] seed) {
    int max = (1 << depth) - 1;
    int[] s = new int[w * h * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < c; k++) {
          int v = switch (kind) {
            case 0 -> (next(seed) >>> 1) % (max + 1);
            case 1 -> 0;
            case 2 -> max;
            case 3 -> ((x + y + k) & 1) == 0 ? 0 : max;
            case 4 -> (int) ((long) (x * 7 + y * 3 + k * 50) * max / (7L * w + 3L * h + 200));
            default -> ((x / 3 + y / 2 + k) % 4 == 0)
                ? (next(seed) >>> 1) % (max + 1)
                : (int) ((long) (x + y) * max / (w + h));
          };
          s[(y * w + x) * c + k] = v;
        }
      }
    }
    return s;
  }

  /** xorshift32: java.util.Random differs under TeaVM, and tests must not depend on it. */
  static int next(int[] state) {
    int x = state[0];
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    state[0] = x;
    return x;
  }
}
