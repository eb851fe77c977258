package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance image survives encode then decode, by our decoder and by javax.imageio. */
class PngEncoderTest {

  static List<String> files() {
    return TestData.conformanceFiles();
  }

  @ParameterizedTest
  @MethodSource("files")
  void roundTripsExactly(String name) {
    Image original =
        PngDecoder.decode(TestData.bytes(TestData.png(name)), DecodeOptions.DEFAULT).image();
    byte[] png = PngEncoder.encode(original, Metadata.EMPTY, PngEncodeOptions.DEFAULT);

    DecodedImage ours = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertTrue(ours.complete());
    assertNull(ours.warning(), name);
    assertEquals(8, ours.info().bitDepth());
    assertArrayEquals(original.rgba(), ours.image().rgba(), name);

    TestData.Reference imageIo = TestData.decodeWithImageIo(png);
    assertEquals(original.width(), imageIo.width());
    assertArrayEquals(TestData.unsigned(original.rgba()), imageIo.rgba(), name + " via ImageIO");
  }

  @Test
  void photosDecodeAsImageIoDoesAndRoundTrip() {
    for (String name : List.of("astronaut.png", "flower.png")) {
      byte[] file = TestData.bytes(TestData.root().resolve("photos").resolve(name));
      DecodedImage d = PngDecoder.decode(file, DecodeOptions.DEFAULT);
      assertTrue(d.complete());
      int[] expected = TestData.decodeWithImageIo(file).rgba();
      assertArrayEquals(expected, TestData.unsigned(d.image().rgba()), name);
      byte[] png = PngEncoder.encode(d.image());
      assertArrayEquals(expected, TestData.decodeWithImageIo(png).rgba(), name + " re-encoded");
      assertTrue(png.length < file.length * 11 / 10,
          name + ": " + png.length + " bytes, the original has " + file.length);
    }
  }

  @Test
  void choosesTheSmallestExactColourType() {
    assertEquals(0, colourTypeOf(image(10, 10, 10, 255, 99, 99, 99, 255)));
    assertEquals(4, colourTypeOf(image(10, 10, 10, 255, 99, 99, 99, 0)));
    assertEquals(2, colourTypeOf(image(10, 10, 11, 255, 99, 99, 99, 255)));
    assertEquals(6, colourTypeOf(image(10, 10, 11, 255, 99, 99, 99, 254)));
  }

  @Test
  void everyLevelRoundTrips() {
    // A smooth image with soft alpha: what filters and deflate are made for.
    int w = 64;
    int h = 48;
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 4;
        rgba[o] = (byte) (x * 4);
        rgba[o + 1] = (byte) (y * 5);
        rgba[o + 2] = (byte) ((x + y) * 2);
        rgba[o + 3] = (byte) (255 - x);
      }
    }
    Image img = new Image(w, h, rgba);
    int stored = 0;
    int best = Integer.MAX_VALUE;
    for (int level = 0; level <= 9; level++) {
      byte[] png = PngEncoder.encode(img, null, new PngEncodeOptions(level));
      assertArrayEquals(img.rgba(), PngDecoder.decode(png, DecodeOptions.DEFAULT).image().rgba());
      assertArrayEquals(TestData.unsigned(img.rgba()), TestData.decodeWithImageIo(png).rgba());
      if (level == 0) {
        stored = png.length;
      }
      best = Math.min(best, png.length);
    }
    assertTrue(stored > img.rgba().length, "level 0 stores");
    assertTrue(best < stored / 2, "higher levels compress: " + best + " vs " + stored);
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
    assertArrayEquals(rgba, PngDecoder.decode(png, DecodeOptions.DEFAULT).image().rgba());
    assertArrayEquals(TestData.unsigned(rgba), TestData.decodeWithImageIo(png).rgba());
  }

  @Test
  void iccAndExifPassThrough() {
    byte[] icc = new byte[5000];
    for (int i = 0; i < icc.length; i++) {
      icc[i] = (byte) (i % 251);
    }
    byte[] exif = PngDecoder.decode(TestData.bytes(TestData.png("pngsuite_exif2c08.png")),
        DecodeOptions.DEFAULT).metadata().exif();
    Image img = image(1, 2, 3, 255, 4, 5, 6, 255);
    byte[] png = PngEncoder.encode(img, new Metadata(icc, exif, null, Map.of("a", "b")),
        PngEncodeOptions.DEFAULT);
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertArrayEquals(icc, d.metadata().icc());
    assertArrayEquals(exif, d.metadata().exif());
    assertNull(d.warning());
    List<String> types = PngBuilder.parts(png).stream().map(PngBuilder.Part::type).toList();
    assertEquals(List.of("IHDR", "iCCP", "eXIf", "IDAT", "IEND"), types);
  }

  @Test
  void misuseIsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> new PngEncodeOptions(-1));
    assertThrows(IllegalArgumentException.class, () -> new PngEncodeOptions(10));
    assertEquals(6, PngEncodeOptions.DEFAULT.compressionLevel());
    assertThrows(IllegalArgumentException.class,
        () -> PngEncoder.encode(null, Metadata.EMPTY, PngEncodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> PngEncoder.encode(image(1, 1, 1, 1, 1, 1, 1, 1), Metadata.EMPTY, null));
  }

  private static Image image(int... rgbaOfTwoPixels) {
    byte[] b = new byte[rgbaOfTwoPixels.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rgbaOfTwoPixels[i];
    }
    return new Image(2, 1, b);
  }

  private static int colourTypeOf(Image img) {
    byte[] png = PngEncoder.encode(img);
    assertArrayEquals(img.rgba(), PngDecoder.decode(png, DecodeOptions.DEFAULT).image().rgba());
    return png[25];
  }
}
