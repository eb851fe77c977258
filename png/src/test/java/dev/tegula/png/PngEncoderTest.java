package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.GreyProfile;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every colour type and bit depth the encoder chooses round-trips exactly, through our decoder and
 * through javax.imageio; the choice is the smallest exact one.
 */
class PngEncoderTest {
  private static final int W = 37;
  private static final int H = 23;

  /** name, image, expected colour type, expected bit depth. */
  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("grey 1-bit", image8((x, y) -> grey(((x + y) & 1) * 255)), 0, 1),
        Arguments.of("grey 2-bit", image8((x, y) -> grey((x % 4) * 85)), 0, 2),
        Arguments.of("grey 4-bit", image8((x, y) -> grey(((x + y) % 16) * 17)), 0, 4),
        Arguments.of("grey 8-bit", image8((x, y) -> grey((x * 7 + y * 3) & 0xFF)), 0, 8),
        Arguments.of("grey 4-bit + tRNS key",
            image8((x, y) -> x == 3 ? 0x11111100 : grey((y % 16) * 17 == 0x11 ? 0 : (y % 16) * 17)),
            0, 4),
        Arguments.of("grey 8-bit + tRNS key",
            image8((x, y) -> x == y ? 0x05050500 : grey(6 + ((x * 5 + y * 11) % 250))), 0, 8),
        Arguments.of("grey + alpha", image8((x, y) -> grey(x * 6) & 0xFFFFFF00 | (y * 11)), 4, 8),
        Arguments.of("RGB", image8((x, y) -> rgb(x * 6, y * 11, (x * y) & 0xFF)), 2, 8),
        Arguments.of("RGB + tRNS key",
            image8((x, y) -> x == 0 ? 0x01020300 : rgb(x * 6, 10 + y * 11, (x * y) & 0xFF)), 2, 8),
        Arguments.of("RGBA", image8((x, y) -> rgb(x * 6, y * 11, x * y & 0xFF) & ~0xFF | x * 7),
            6, 8),
        Arguments.of("RGBA, two transparent colours",
            image8((x, y) -> x < 2 ? (x == 0 ? 0x01020300 : 0x03020100)
                : rgb(x * 6, 10 + y * 11, (x * y) & 0xFF)), 6, 8),
        Arguments.of("palette 1-bit", image8((x, y) -> (x + y) % 3 == 0 ? rgb(200, 10, 10)
            : rgb(10, 10, 200)), 3, 1),
        Arguments.of("palette 2-bit + tRNS", image8((x, y) -> paletteColor((x + 2 * y) % 4)), 3, 2),
        Arguments.of("palette 4-bit", image8((x, y) -> paletteColor(4 + (x * y) % 12)), 3, 4),
        Arguments.of("palette 8-bit, alpha", image8((x, y) -> paletteColor((x * 3 + y * 5) % 200)),
            3, 8),
        // More than 16 greys before the first colour (or translucent pixel): the colour table,
        // left unfilled while the image looked grey, is filled in a second scan.
        Arguments.of("37 greys, then a row of colours: palette 8-bit",
            image8((x, y) -> y < H - 1 ? grey(x * 5) : rgb(200, 10, x)), 3, 8),
        Arguments.of("37 greys, then one translucent grey: palette 8-bit",
            image8((x, y) -> x == W - 1 && y == H - 1 ? 0x80808080 : grey(x * 5)), 3, 8),
        Arguments.of("16-bit grey", image16((x, y) -> grey16(x * 1771 + y)), 0, 16),
        Arguments.of("16-bit grey + tRNS key",
            image16((x, y) -> x == 1 ? new int[] {4, 4, 4, 0} : grey16(300 + x * 1771 + y)), 0, 16),
        Arguments.of("16-bit grey + alpha",
            image16((x, y) -> new int[] {x * 1000, x * 1000, x * 1000, y * 2000 + 1}), 4, 16),
        Arguments.of("16-bit RGB",
            image16((x, y) -> new int[] {x * 1000 + 1, y * 2000, x * y * 50, 0xFFFF}), 2, 16),
        Arguments.of("16-bit RGB + tRNS key", image16((x, y) -> x == y ? new int[] {7, 8, 9, 0}
            : new int[] {x * 1000 + 1, y * 2000, x * y * 50, 0xFFFF}), 2, 16),
        Arguments.of("16-bit RGBA",
            image16((x, y) -> new int[] {x * 1000 + 1, y * 2000, x * y * 50, x * 999}), 6, 16),
        Arguments.of("16-bit that reduces to 8 exactly",
            image16((x, y) -> new int[] {x * 257, y * 257 * 3, 0, 0xFFFF}), 2, 8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void roundTripsEveryColourTypeAndDepth(String name, Image image, int type, int depth) {
    for (int effort = 0; effort <= PngEncodeOptions.MAX_EFFORT; effort++) {
      byte[] png = PngEncoder.encode(image, null, PngEncodeOptions.DEFAULT.withEffort(effort));
      assertEquals(type, png[25], name + ": colour type");
      assertEquals(depth, png[24], name + ": bit depth");
      assertDecodesTo(image, png, name + " effort " + effort);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyLevelRoundTrips(String name, Image image, int type, int depth) {
    for (int level = 0; level <= 9; level++) {
      byte[] png = PngEncoder.encode(image, null, PngEncodeOptions.DEFAULT
          .withCompressionLevel(level).withEffort(level % (PngEncodeOptions.MAX_EFFORT + 1)));
      assertDecodesTo(image, png, name + " level " + level);
    }
  }

  @Test
  void tinyAndThinImagesRoundTrip() {
    int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {3, 2}, {257, 1}, {1, 300}};
    for (int[] size : sizes) {
      for (int kind = 0; kind < 4; kind++) {
        int w = size[0];
        int h = size[1];
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < w * h; i++) {
          int v = kind == 0 ? (i & 1) * 255 : kind == 1 ? i * 37 : i % 3 * 100;
          rgba[i * 4] = (byte) v;
          rgba[i * 4 + 1] = (byte) (kind >= 2 ? v / 2 : v);
          rgba[i * 4 + 2] = (byte) v;
          rgba[i * 4 + 3] = (byte) (kind == 3 ? i * 11 : 255);
        }
        Image image = new Image(w, h, rgba);
        for (int effort = 0; effort <= PngEncodeOptions.MAX_EFFORT; effort++) {
          for (int level : new int[] {0, 1, 9}) {
            byte[] png = PngEncoder.encode(image, null, new PngEncodeOptions(level, effort, true,
                true));
            DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
            String what = w + "x" + h + " kind " + kind + " effort " + effort + " level " + level;
            assertNull(d.warning(), what);
            assertArrayEquals(rgba, d.image().rgba(), what);
          }
        }
      }
    }
  }

  @Test
  void sixteenBitSamplesAreDroppedOnRequest() {
    Image image = image16((x, y) -> new int[] {x * 1000 + 1, y * 2000, x * y * 50, 0xFFFF});
    byte[] png = PngEncoder.encode(image, null, PngEncodeOptions.DEFAULT.withKeep16Bit(false));
    assertEquals(8, png[24]);
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertArrayEquals(image.rgba(), d.image().rgba());
    assertNull(d.image().rgba16());
  }

  @Test
  void paletteReductionIsExactUpTo256Colours() {
    // 256 colours, transparent ones with different hidden RGB: all must come back as they were.
    Image full = image8((x, y) -> {
      int i = (y * W + x) % 256;
      return i < 40 ? (i * 0x01030700) | (i % 4 == 0 ? 0 : i * 6)
          : rgb(i, 255 - i, (i * 37) & 0xFF);
    });
    byte[] png = PngEncoder.encode(full);
    assertEquals(3, png[25]);
    assertEquals(8, png[24]);
    assertDecodesTo(full, png, "256 colours");
    List<PngBuilder.Part> parts = PngBuilder.parts(png);
    int plte = parts.stream().filter(p -> p.type().equals("PLTE")).findFirst().get().data().length;
    int trns = parts.stream().filter(p -> p.type().equals("tRNS")).findFirst().get().data().length;
    assertEquals(256 * 3, plte);
    assertEquals(40, trns, "translucent entries first, so tRNS stops after them");

    Image tooMany = image8((x, y) -> (y * W + x) < 257 ? rgb(y * W + x, 3, (y * W + x) >> 8)
        : rgb(1, 2, 3));
    byte[] rgb = PngEncoder.encode(tooMany);
    assertEquals(2, rgb[25], "257 colours cannot be a palette");
    assertDecodesTo(tooMany, rgb, "257 colours");
  }

  /**
   * §11.3.3.3: a colour ICC profile goes with colour types 2, 3 and 6 only, so a grey image
   * carrying one stays RGB (or a palette) and keeps its profile; a grey profile, or none, lets it
   * be greyscale. The pixels come back the same either way.
   */
  @Test
  void aColourProfileKeepsAGreyImageInColour() {
    Image many = image8((x, y) -> grey((x * 7 + y * 3) % 256));
    Image few = image8((x, y) -> grey(new int[] {0, 255}[(x + y) % 2]));
    Image many16 = image16((x, y) -> grey16(x * 1000 + y * 7 + 1));
    for (String space : new String[] {"RGB ", "GRAY", null}) {
      Metadata meta = Metadata.EMPTY;
      if (space != null) {
        byte[] icc = new byte[132];
        icc[3] = (byte) 132;
        for (int i = 0; i < 4; i++) {
          icc[16 + i] = (byte) space.charAt(i);
        }
        meta = new Metadata(icc, null, null, java.util.Map.of());
      }
      boolean colour = "RGB ".equals(space);
      for (Image image : new Image[] {many, few, many16}) {
        for (PngEncodeOptions o : new PngEncodeOptions[] {PngEncodeOptions.DEFAULT,
            PngEncodeOptions.DEFAULT.withEffort(0)}) {
          byte[] png = PngEncoder.encode(image, meta, o);
          String what = space + " " + png[24] + "-bit type " + png[25];
          if (colour) {
            assertTrue(png[25] == 2 || png[25] == 3, what);
          } else {
            assertEquals(0, png[25], what);
          }
          assertDecodesTo(image, png, what);
          if (space != null) {
            assertArrayEquals(meta.icc(),
                PngDecoder.decode(png, DecodeOptions.DEFAULT).metadata().icc(), what);
          }
        }
      }
    }
  }

  /**
   * A grey image whose colour profile has an exact grey equivalent (testdata/icc's gamma 1.8
   * matrix/TRC profile) is written greyscale with that grey profile (GreyProfile), 16-bit too; a
   * grey profile never goes on a palette (§11.3.3.3), where a grey image with few levels or
   * partial alpha would otherwise take one; a colour image keeps its profile.
   */
  @Test
  void aGreyImagesColourProfileBecomesGreyAndNeverGoesOnAPalette() throws Exception {
    byte[] rgb = TestData.bytes(TestData.root().resolve("icc").resolve("rgb-gamma18.icc"));
    Metadata meta = new Metadata(rgb, null, null, java.util.Map.of());
    byte[] grey = GreyProfile.fromColour(rgb);
    Image many = image8((x, y) -> grey((x * 7 + y * 3) % 256));
    Image three = image8((x, y) -> grey(new int[] {10, 100, 200}[(x + y) % 3]));
    Image translucent = image8((x, y) -> (new int[] {10, 100, 200}[(x + y) % 3] * 0x010101) << 8
        | (x % 2 == 0 ? 0xFF : 0x80));
    Image many16 = image16((x, y) -> grey16(x * 1000 + y * 7 + 1));
    for (Image image : new Image[] {many, three, translucent, many16}) {
      for (PngEncodeOptions o : new PngEncodeOptions[] {PngEncodeOptions.DEFAULT,
          PngEncodeOptions.DEFAULT.withEffort(0)}) {
        byte[] png = PngEncoder.encode(image, meta, o);
        String what = png[24] + "-bit type " + png[25];
        assertEquals(image == translucent ? 4 : 0, png[25], what);
        assertDecodesTo(image, png, what);
        assertArrayEquals(grey, PngDecoder.decode(png, DecodeOptions.DEFAULT).metadata().icc(),
            what);
      }
    }
    assertEquals(3, PngEncoder.encode(three)[25], "without a profile the palette is narrower");
    Image colour = image8((x, y) -> (x * 0x010203 + y) << 8 | 0xFF);
    byte[] png = PngEncoder.encode(colour, meta, PngEncodeOptions.DEFAULT);
    assertArrayEquals(rgb, PngDecoder.decode(png, DecodeOptions.DEFAULT).metadata().icc());
  }

  @Test
  void greyPrefersAPaletteOnlyWhenItIsNarrower() {
    // 3 greys off the 2-bit grid: palette of 2 bits beats 8-bit greyscale.
    Image three = image8((x, y) -> grey(new int[] {10, 100, 200}[(x + y) % 3]));
    byte[] png = PngEncoder.encode(three);
    assertEquals(3, png[25]);
    assertEquals(2, png[24]);
    assertDecodesTo(three, png, "3 greys");
  }

  @Test
  void photosRoundTripAndDoNotGrow() {
    for (String name : List.of("astronaut.png", "flower.png")) {
      byte[] file = TestData.bytes(TestData.root().resolve("photos").resolve(name));
      DecodedImage d = PngDecoder.decode(file, DecodeOptions.DEFAULT);
      int[] expected = TestData.decodeWithImageIo(file).rgba();
      assertArrayEquals(expected, TestData.unsigned(d.image().rgba()), name);
      byte[] png = PngEncoder.encode(d.image());
      assertArrayEquals(expected, TestData.decodeWithImageIo(png).rgba(), name + " re-encoded");
      assertTrue(png.length <= file.length,
          name + ": " + png.length + " bytes, the original has " + file.length);
    }
  }

  /**
   * Data of nearly nothing but long repeats at long distances: the coder's shallow match search
   * misses copies that zlib's hash chains find, and effort 3-4 fall back on zlib level 9 (the
   * graphic browser-tests' CompressFormatsTest encodes: flat blocks, a gradient band and a dot
   * pattern repeating every 97 pixels, 195 colours). Effort 3 had coded it 15 % larger than
   * effort 1's zlib 6.
   */
  @Test
  void aGraphicOfFarRepeatsCodesNoLargerThanZlib() {
    int w = 768;
    int h = 512;
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] c = y < 128 ? new int[] {x >> 2, 90, 200}
            : ((x >> 4) + (y >> 4)) % 3 == 0 ? new int[] {250, 250, 250}
            : (x * 7 + y * 3) % 97 < 3 ? new int[] {20, 20, 20} : new int[] {40, 120, 60};
        int i = (y * w + x) * 4;
        rgba[i] = (byte) c[0];
        rgba[i + 1] = (byte) c[1];
        rgba[i + 2] = (byte) c[2];
        rgba[i + 3] = (byte) 255;
      }
    }
    Image graphic = new Image(w, h, rgba);
    int zlib9 = PngEncoder.encode(graphic, null,
        PngEncodeOptions.DEFAULT.withEffort(1).withCompressionLevel(9)).length;
    for (int effort = 3; effort <= PngEncodeOptions.MAX_EFFORT; effort++) {
      byte[] png = PngEncoder.encode(graphic, null, PngEncodeOptions.DEFAULT.withEffort(effort));
      assertDecodesTo(graphic, png, "effort " + effort);
      assertTrue(png.length <= zlib9,
          "effort " + effort + ": " + png.length + " bytes, zlib 9 gives " + zlib9);
    }
  }

  @Test
  void largeImageSpansSeveralIdatChunks() {
    int w = 300;
    int h = 200;
    byte[] rgba = new byte[w * h * 4];
    long seed = 7;
    for (int i = 0; i < rgba.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      rgba[i] = (byte) (seed >>> 56);
    }
    Image img = new Image(w, h, rgba);
    byte[] png = PngEncoder.encode(img);
    long idats = PngBuilder.parts(png).stream().filter(p -> p.type().equals("IDAT")).count();
    assertTrue(idats > 1, "IDAT chunks: " + idats);
    assertDecodesTo(img, png, "noise");
  }

  @Test
  void misuseIsRefusedBeforeAnyWork() {
    assertThrows(IllegalArgumentException.class, () -> new PngEncodeOptions(-1));
    assertThrows(IllegalArgumentException.class, () -> new PngEncodeOptions(10));
    assertThrows(IllegalArgumentException.class, () -> new PngEncodeOptions(6, -1, true, true));
    assertThrows(IllegalArgumentException.class,
        () -> new PngEncodeOptions(6, PngEncodeOptions.MAX_EFFORT + 1, true, true));
    assertThrows(IllegalArgumentException.class,
        () -> PngEncodeOptions.DEFAULT.withCompressionLevel(11));
    assertThrows(IllegalArgumentException.class, () -> PngEncodeOptions.DEFAULT.withEffort(9));
    assertEquals(9, PngEncodeOptions.DEFAULT.compressionLevel());
    assertThrows(IllegalArgumentException.class,
        () -> PngEncoder.encode(null, Metadata.EMPTY, PngEncodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> PngEncoder.encode(image8((x, y) -> 0), Metadata.EMPTY, null));
  }

  // ---- helpers

  interface Pixel8 {
    int rgba(int x, int y);
  }

  interface Pixel16 {
    int[] rgba(int x, int y);
  }

  static int grey(int v) {
    return (v << 24) | (v << 16) | (v << 8) | 0xFF;
  }

  static int rgb(int r, int g, int b) {
    return ((r & 0xFF) << 24) | ((g & 0xFF) << 16) | ((b & 0xFF) << 8) | 0xFF;
  }

  static int[] grey16(int v) {
    v &= 0xFFFF;
    return new int[] {v, v, v, 0xFFFF};
  }

  /** Colours with various alpha, distinct for i in 0..255. */
  static int paletteColor(int i) {
    return (i << 24) | (((i * 13) & 0xFF) << 16) | (((255 - i) & 0xFF) << 8)
        | (i % 3 == 0 ? 0xFF : i);
  }

  static Image image8(Pixel8 f) {
    byte[] b = new byte[W * H * 4];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int c = f.rgba(x, y);
        int o = (y * W + x) * 4;
        b[o] = (byte) (c >>> 24);
        b[o + 1] = (byte) (c >>> 16);
        b[o + 2] = (byte) (c >>> 8);
        b[o + 3] = (byte) c;
      }
    }
    return new Image(W, H, b);
  }

  /** A 16-bit image whose 8-bit samples are what our decoder makes of them. */
  static Image image16(Pixel16 f) {
    short[] s = new short[W * H * 4];
    byte[] b = new byte[W * H * 4];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int[] c = f.rgba(x, y);
        int o = (y * W + x) * 4;
        for (int i = 0; i < 4; i++) {
          s[o + i] = (short) c[i];
          int v = c[i] & 0xFFFF;
          b[o + i] = (byte) (i == 3 ? (v + 256) / 257 : v / 257);
        }
      }
    }
    return new Image(W, H, b, s);
  }

  /** Our decoder and ImageIO both give back exactly the image's samples. */
  static void assertDecodesTo(Image image, byte[] png, String what) {
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertTrue(d.complete(), what);
    assertNull(d.warning(), what);
    assertArrayEquals(image.rgba(), d.image().rgba(), what);
    TestData.Reference io = TestData.decodeWithImageIo(png);
    if (image.rgba16() != null && png[24] == 16) {
      assertArrayEquals(image.rgba16(), d.image().rgba16(), what + " (16-bit)");
      assertNull(TestData.firstDifference(TestData.unsigned(image.rgba16()), io.rgba(),
          image.width()), what + " via ImageIO (16-bit)");
    } else {
      int[] expected = TestData.unsigned(image.rgba());
      int[] actual = io.rgba();
      boolean subByteGreyKey = png[25] == 0 && png[24] < 8
          && PngBuilder.parts(png).stream().anyMatch(p -> p.type().equals("tRNS"));
      if (subByteGreyKey) {
        // javax.imageio ignores tRNS below 8 bits (ImageMagick and libpng apply it): colour only.
        for (int i = 3; i < expected.length; i += 4) {
          expected[i] = 0;
          actual[i] = 0;
        }
      }
      assertNull(TestData.firstDifference(expected, actual, image.width()), what + " via ImageIO");
    }
  }
}
