package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import dev.tegula.jpeg.JpegDecoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restore to pixels decodes a modelled file from its coefficients ({@link
 * JpegDecoder#decodeCoefficients}) without rebuilding the JPEG: the result must be what decoding
 * the JPEG gives, pixels, metadata, warnings and completeness, on every test JPEG and on cut
 * files whose later scans stay in the layout's tail (decoded from there on top of the given
 * coefficients). The coefficient coder plays no part here, so the plain {@link StoredRows} codes
 * the bands.
 */
class PixelsFromCoefficientsTest {
  static List<Path> jpegs() {
    return TestFiles.jpegs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void givesThePixelsOfTheJpeg(Path file) {
    assertSameAsJpeg(TestFiles.read(file), file.getFileName().toString());
  }

  /** Cut progressive and baseline files: the model keeps the whole scans, the rest is tail. */
  @Test
  void givesThePixelsOfCutFiles() {
    int modelledWithTail = 0;
    for (String name : new String[] {"progressive_420.jpg", "baseline_420.jpg",
        "progressive_gray.jpg", "restart_progressive_420.jpg", "progressive_custom_scans.jpg"}) {
      Path path = TestFiles.testdata().resolve("jpeg").resolve(name);
      if (!path.toFile().exists()) {
        continue;
      }
      byte[] jpeg = TestFiles.read(path);
      for (int cut = jpeg.length - 1; cut > 200; cut -= Math.max(1, jpeg.length / 23)) {
        byte[] part = Arrays.copyOf(jpeg, cut);
        if (assertSameAsJpeg(part, name + " cut at " + cut)) {
          modelledWithTail++;
        }
      }
    }
    assertTrue(modelledWithTail > 0, "no cut file was modelled");
  }

  /** A one-component frame sampled 3x3: the coefficient image is narrower than the decoder's. */
  @Test
  void givesThePixelsOfAOneComponentFrameSampled3x3() {
    byte[] jpeg = TestFiles.read(TestFiles.testdata().resolve("jpeg").resolve(
        "gray_odd_203x157.jpg")).clone();
    int sof = 0;
    while (!((jpeg[sof] & 0xFF) == 0xFF && (jpeg[sof + 1] & 0xFF) == 0xC0)) {
      sof++;
    }
    jpeg[sof + 11] = 0x33;
    assertTrue(assertSameAsJpeg(jpeg, "gray 3x3"), "modelled");
  }

  /** @return whether the file was modelled */
  private static boolean assertSameAsJpeg(byte[] jpeg, String name) {
    JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true,
        StoredRows.INSTANCE);
    DecodedImage expected;
    try {
      expected = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
    } catch (TegulaException e) {
      try {
        JpegRecompression.restore(c.tgl(), DecodeOptions.DEFAULT, StoredRows.INSTANCE);
        fail(name + ": the JPEG does not decode (" + e.getMessage() + ") but the .tgl does");
      } catch (TegulaException expectedToo) {
        return c.modelled(); // both refuse
      }
      return c.modelled();
    }
    DecodedImage got = JpegRecompression.restore(c.tgl(), DecodeOptions.DEFAULT,
        StoredRows.INSTANCE);
    assertEquals(expected.info(), got.info(), name);
    assertEquals(expected.complete(), got.complete(), name);
    assertEquals(expected.warning(), got.warning(), name);
    assertEquals(expected.image().width(), got.image().width(), name);
    assertEquals(expected.image().height(), got.image().height(), name);
    assertArrayEquals(expected.image().rgba(), got.image().rgba(), name);
    assertArrayEquals(expected.metadata().icc(), got.metadata().icc(), name);
    assertArrayEquals(expected.metadata().exif(), got.metadata().exif(), name);
    assertArrayEquals(expected.metadata().xmp(), got.metadata().xmp(), name);
    assertEquals(Map.copyOf(expected.metadata().text()), Map.copyOf(got.metadata().text()), name);
    return c.modelled();
  }
}
