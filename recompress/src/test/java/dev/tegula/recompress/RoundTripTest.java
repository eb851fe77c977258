package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JPEG of the test set comes back bit-exact; the Huffman-coded intact ones are modelled. */
class RoundTripTest {
  static List<Path> jpegs() {
    return TestFiles.jpegs();
  }

  /** Content 0 (format-jpeg-coefficients.md). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void restoresEveryFileExactly(Path file) {
    byte[] jpeg = TestFiles.read(file);
    JpegCompression c =
        JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, TileContent.ADAPTIVE);
    byte[] back = JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT);
    assertArrayEquals(jpeg, back);
    JpegTglInfo info = JpegRecompression.inspect(c.tgl(), Limits.DEFAULT);
    assertEquals(c.modelled(), info.modelled());
    assertEquals(jpeg.length, info.jpegLength());
    assertEquals(c.modelled() ? "content 0 (adaptive binary coding)" : "none (verbatim)",
        info.coding());
    System.out.println("ROUNDTRIP " + file.getFileName() + " " + jpeg.length + " -> "
        + c.tgl().length + " " + info.kind() + (c.reason() == null ? "" : " (" + c.reason() + ")"));
  }

  /** Content 2 (format-jpeg-coefficients-fast.md), the default: the same exactness. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void restoresEveryFileExactlyWithTheFastCoding(Path file) {
    byte[] jpeg = TestFiles.read(file);
    JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT);
    assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT));
    JpegTglInfo info = JpegRecompression.inspect(c.tgl(), Limits.DEFAULT);
    assertEquals(c.modelled(), info.modelled());
    assertEquals(c.modelled() ? "content 2 (fast rANS coding)" : "none (verbatim)", info.coding());
  }

  /** Huffman-coded files of the conformance set, intact: every one is modelled, all scans. */
  @Test
  void modelsEveryHuffmanCodedConformanceFile() {
    for (Path file : TestFiles.jpegs()) {
      String name = file.getFileName().toString();
      if (!file.getParent().getFileName().toString().equals("jpeg") || name.startsWith("arith")) {
        continue;
      }
      byte[] jpeg = TestFiles.read(file);
      JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true,
          JpegRecompression.MODEL);
      assertTrue(c.reason() == null, name + ": " + c.reason());
      assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT), name);
      assertTrue(c.modelled(), name + " stored verbatim: " + c.reason());
      JpegCompression fast = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true,
          TileContent.FAST_CODER);
      assertTrue(fast.modelled() && fast.reason() == null, name + ": " + fast.reason());
      assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(fast.tgl(), Limits.DEFAULT), name);
    }
  }
}
