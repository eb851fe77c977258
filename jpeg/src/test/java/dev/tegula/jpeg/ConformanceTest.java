package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every testdata/jpeg/*.jpg decoded and compared with djpeg's output (name.ref.png): the issue
 * requires a maximum difference of at most 2 per channel; the aim is 0. The summary of maximum
 * differences per file is printed after the run.
 */
class ConformanceTest {
  static final int TOLERANCE = 2;
  private static final Map<String, String> SUMMARY = new TreeMap<>();

  static List<String> files() {
    return TestFiles.conformanceFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void matchesDjpeg(String name) {
    byte[] data = TestFiles.read(TestFiles.jpeg(name));
    if (name.startsWith("arith_")) {
      Assumptions.assumeTrue(ArithmeticSupport.available(),
          "ArithmeticScanDecoder is still a placeholder");
    }
    DecodedImage d = JpegDecoder.decode(data, DecodeOptions.DEFAULT);
    Path ref = TestFiles.jpeg(name.replace(".jpg", ".ref.png"));
    assertTrue(Files.exists(ref), "reference " + ref);
    int[] size = new int[2];
    int[] expected = TestFiles.readPngRgba(ref, size);
    assertEquals(size[0], d.image().width(), "width");
    assertEquals(size[1], d.image().height(), "height");
    int[] diff = Diff.maxDiff(d.image().rgba(), expected);
    SUMMARY.put(name, Diff.describe(diff) + (d.complete() ? "" : " (incomplete)")
        + (d.warning() == null ? "" : " warning: " + d.warning()));
    assertTrue(d.complete(), "complete: " + d.warning());
    assertTrue(diff[0] <= TOLERANCE, name + ": " + Diff.describe(diff));
  }

  @AfterAll
  static void printSummary() {
    StringBuilder sb = new StringBuilder("\nJPEG conformance: max |difference| per file vs djpeg\n");
    int exact = 0;
    for (Map.Entry<String, String> e : SUMMARY.entrySet()) {
      sb.append(String.format("  %-55s %s%n", e.getKey(), e.getValue()));
      if (e.getValue().startsWith("0 ")) {
        exact++;
      }
    }
    sb.append(String.format("  %d of %d files exact%n", exact, SUMMARY.size()));
    System.out.println(sb);
  }
}
