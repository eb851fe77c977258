package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance PNG decodes to exactly its reference: ImageMagick's RGBA8 decode, the stored
 * samples ({@code .raw.ref.png}) for PngSuite files whose plain reference has gamma applied, and
 * the RGBA16 expectation ({@code .ref16.png}) for 16-bit files.
 */
class PngConformanceTest {

  static List<String> files() {
    return TestData.conformanceFiles();
  }

  @ParameterizedTest
  @MethodSource("files")
  void decodesExactlyToReference(String name) {
    byte[] data = TestData.bytes(TestData.png(name));
    DecodedImage decoded = PngDecoder.decode(data, DecodeOptions.DEFAULT);
    assertTrue(decoded.complete(), name + ": " + decoded.warning());
    assertNull(decoded.warning(), name);

    String stem = name.substring(0, name.length() - ".png".length());
    Path raw = TestData.png(stem + ".raw.ref.png");
    Path ref = Files.exists(raw) ? raw : TestData.png(stem + ".ref.png");
    TestData.Reference expected = TestData.reference(ref);
    assertEquals(8, expected.bits());
    assertEquals(expected.width(), decoded.image().width(), name);
    assertEquals(expected.height(), decoded.image().height(), name);
    assertNull(TestData.firstDifference(
        expected.rgba(), TestData.unsigned(decoded.image().rgba()), expected.width()),
        name + " vs " + ref.getFileName());

    Path ref16 = TestData.png(stem + ".ref16.png");
    if (decoded.info().bitDepth() == 16) {
      assertNotNull(decoded.image().rgba16(), name);
      assertTrue(Files.exists(ref16), "16-bit file without .ref16.png: " + name);
    } else {
      assertNull(decoded.image().rgba16(), name);
    }
    if (Files.exists(ref16)) {
      TestData.Reference expected16 = TestData.reference(ref16);
      assertEquals(16, expected16.bits());
      assertNull(TestData.firstDifference(
          expected16.rgba(), TestData.unsigned(decoded.image().rgba16()), expected16.width()),
          name + " vs " + ref16.getFileName());
    }
  }

  /**
   * The plain references of the PngSuite gAMA/cHRM files have ImageMagick's gamma applied; the
   * decoder returns stored samples, so it must match the raw reference and not the plain one.
   */
  @Test
  void gammaIsNotApplied() {
    int withRaw = 0;
    for (String name : files()) {
      String stem = name.substring(0, name.length() - ".png".length());
      Path raw = TestData.png(stem + ".raw.ref.png");
      if (!Files.exists(raw)) {
        continue;
      }
      withRaw++;
      int[] ours = TestData.unsigned(
          PngDecoder.decode(TestData.bytes(TestData.png(name)), DecodeOptions.DEFAULT)
              .image().rgba());
      int[] gammaApplied = TestData.reference(TestData.png(stem + ".ref.png")).rgba();
      assertNotNull(TestData.firstDifference(gammaApplied, ours, 32), name);
    }
    assertEquals(6, withRaw);
  }
}
