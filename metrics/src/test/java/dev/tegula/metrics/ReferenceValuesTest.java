package dev.tegula.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair in testdata/metrics/reference.tsv, made and measured by
 * metrics/scripts/reference_values.py with scikit-image: PSNR within 0.01 dB, SSIM (and MS-SSIM,
 * against the script's port of msssim.m) within 0.0005.
 */
class ReferenceValuesTest {
  static final double PSNR_TOLERANCE = 0.01;
  static final double SSIM_TOLERANCE = 0.0005;

  static Path dir() {
    return TestImages.testdata().resolve("metrics");
  }

  static Stream<Arguments> pairs() throws IOException {
    List<String> lines = Files.readAllLines(dir().resolve("reference.tsv"));
    String[] header = null;
    Stream.Builder<Arguments> rows = Stream.builder();
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (header == null) {
        header = f;
        continue;
      }
      rows.add(Arguments.of(f[0], f[1], f));
    }
    return rows.build();
  }

  @Test
  void theTableHasAtLeastTenPairs() throws IOException {
    assertTrue(pairs().count() >= 10);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("pairs")
  void agreesWithScikitImage(String reference, String test, String[] row) throws IOException {
    Image a = TestImages.readPng(dir().resolve(reference));
    Image b = TestImages.readPng(dir().resolve(test));
    Comparison c = Metrics.compare(a, b);
    assertClose("psnr", row[3], c.psnr(), PSNR_TOLERANCE);
    assertClose("psnr_luma", row[4], c.psnrLuma(), PSNR_TOLERANCE);
    assertClose("ssim", row[5], c.ssim(), SSIM_TOLERANCE);
    assertClose("ssim_luma", row[6], c.ssimLuma(), SSIM_TOLERANCE);
    assertClose("msssim", row[7], c.msSsim(), SSIM_TOLERANCE);
    if (row[8].isEmpty()) {
      assertTrue(!c.alpha() && Double.isNaN(c.psnrAlpha()) && Double.isNaN(c.ssimAlpha()));
    } else {
      assertTrue(c.alpha());
      assertClose("psnr_alpha", row[8], c.psnrAlpha(), PSNR_TOLERANCE);
      assertClose("ssim_alpha", row[9], c.ssimAlpha(), SSIM_TOLERANCE);
    }
  }

  private static void assertClose(String what, String expected, double actual, double tolerance) {
    if (expected.equals("inf")) {
      assertEquals(Double.POSITIVE_INFINITY, actual, what);
      return;
    }
    double e = Double.parseDouble(expected);
    assertEquals(e, actual, tolerance, what);
  }
}
