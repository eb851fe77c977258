package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JPEG is read by the decoder's parser and scan decoder; what mode 2 leaves out
 * (format-jpeg.md §6.1) is kept verbatim, before the first scan the whole file, after it the rest
 * of the file; and files written before this reading still restore.
 */
class SyntaxTest {
  private static final Limits LIMITS = Limits.DEFAULT;

  private static byte[] jpeg(String name) {
    return TestFiles.read(TestFiles.testdata().resolve("jpeg").resolve(name));
  }

  private static JpegCompression compress(byte[] jpeg) {
    JpegCompression c = JpegRecompression.compressDetailed(jpeg, LIMITS, true,
        StoredRows.INSTANCE);
    assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(c.tgl(), LIMITS, StoredRows.INSTANCE));
    return c;
  }

  /** The end of scan 0's entropy-coded data: its first marker other than RSTn. */
  private static int firstScanEnd(byte[] jpeg) {
    int p = JpegModel.parse(jpeg, LIMITS).layout.pieces()[0].length;
    while (!((jpeg[p] & 0xFF) == 0xFF && jpeg[p + 1] != 0 && (jpeg[p + 1] & 0xF8) != 0xD0)) {
      p++;
    }
    return p;
  }

  private static byte[] insert(byte[] jpeg, int at, int... bytes) {
    byte[] out = new byte[jpeg.length + bytes.length];
    System.arraycopy(jpeg, 0, out, 0, at);
    for (int i = 0; i < bytes.length; i++) {
      out[at + i] = (byte) bytes[i];
    }
    System.arraycopy(jpeg, at, out, at + bytes.length, jpeg.length - at);
    return out;
  }

  /** Offset of the first marker {@code m} at or after {@code from}. */
  private static int marker(byte[] jpeg, int m, int from) {
    for (int p = from; p + 1 < jpeg.length; p++) {
      if ((jpeg[p] & 0xFF) == 0xFF && (jpeg[p + 1] & 0xFF) == m) {
        return p;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(m));
  }

  @Test
  void aDnlSegmentIsNotModelled() {
    byte[] progressive = jpeg("progressive_420.jpg");
    int[] dnl = {0xFF, 0xDC, 0x00, 0x04, 0x00, 0xC0}; // the frame's own 192 lines
    JpegCompression late = compress(insert(progressive, firstScanEnd(progressive), dnl));
    assertTrue(late.modelled());
    assertTrue(late.reason().startsWith("after scan 1") && late.reason().contains("DNL"),
        late.reason());

    byte[] baseline = jpeg("baseline_420.jpg");
    JpegCompression early = compress(insert(baseline, marker(baseline, 0xDA, 2), dnl));
    assertFalse(early.modelled());
    assertTrue(early.reason().contains("DNL"), early.reason());
  }

  /** Bytes where a marker must start: the decoder reads past them, mode 2 does not model them. */
  @Test
  void bytesBetweenSegmentsAreNotModelled() {
    byte[] baseline = jpeg("baseline_420.jpg");
    JpegCompression early = compress(insert(baseline, marker(baseline, 0xDB, 2), 1, 2, 3));
    assertFalse(early.modelled());
    assertTrue(early.reason().contains("where a marker must start"), early.reason());

    byte[] progressive = jpeg("progressive_420.jpg");
    int second = marker(progressive, 0xDA, firstScanEnd(progressive));
    JpegCompression late = compress(insert(progressive, second, 0x55));
    assertTrue(late.modelled());
    assertTrue(late.reason().startsWith("after scan 1"), late.reason());

    // between a segment's last block and its marker: not reproduced by a re-encoding
    JpegCompression inScan = compress(insert(baseline, marker(baseline, 0xD9, 2), 0x12, 0x34));
    assertFalse(inScan.modelled());
    assertTrue(inScan.reason().contains("after the last block"), inScan.reason());
  }

  /** T.81 §B.2.4.1 has 8- and 16-bit tables (Pq 0, 1); the decoder takes Pq 2 as 16-bit. */
  @Test
  void aDqtPrecisionAboveOneIsNotModelled() {
    byte[] jpeg = jpeg("q1_extended_16bit_dqt.jpg").clone();
    int dqt = marker(jpeg, 0xDB, 2);
    assertEquals(0x10, jpeg[dqt + 4] & 0xF0);
    jpeg[dqt + 4] = (byte) (0x20 | (jpeg[dqt + 4] & 15));
    JpegCompression c = compress(jpeg);
    assertFalse(c.modelled());
    assertTrue(c.reason().contains("DQT precision 2"), c.reason());
  }

  /**
   * Damaged files (single bytes changed anywhere) read leniently by the decoder's scan decoder:
   * each is modelled, cut or kept verbatim, never refused, and restores byte for byte.
   */
  @Test
  void damagedFilesRestoreExactly() {
    int modelled = 0;
    int cut = 0;
    long seed = 0x9E3779B97F4A7C15L;
    for (String name : new String[] {"progressive_420.jpg", "restart_progressive_420.jpg",
        "baseline_420.jpg", "restart_5blocks_444.jpg"}) {
      byte[] original = jpeg(name);
      for (int i = 0; i < 60; i++) {
        seed ^= seed << 13;
        seed ^= seed >>> 7;
        seed ^= seed << 17;
        byte[] damaged = original.clone();
        int at = (int) ((seed >>> 1) % damaged.length);
        damaged[at] = (byte) (seed >>> 40 == 0 ? 1 : seed >>> 40);
        JpegCompression c = compress(damaged);
        modelled += c.modelled() ? 1 : 0;
        cut += c.modelled() && c.reason() != null ? 1 : 0;
      }
    }
    System.out.println("SyntaxTest: 240 damaged files, " + modelled + " modelled (" + cut
        + " of them cut)");
    assertTrue(modelled > 0 && modelled < 240, modelled + " modelled");
  }

  /** The parser's errors name the offset. */
  @Test
  void parserErrorsKeepTheirOffsets() {
    byte[] cut = TestFiles.read(
        TestFiles.testdata().resolve("invalid").resolve("jpeg_truncated_header.jpg"));
    JpegCompression c = compress(cut);
    assertFalse(c.modelled());
    assertTrue(c.reason().matches(".*truncated.*\\(at byte \\d+\\)"), c.reason());
  }

  /**
   * .tgl files written by the recompression of 0.1 (before it read JPEGs with the decoder's
   * parser), with {@link StoredRows} tiles so that they do not depend on the coefficient coder:
   * baseline, progressive, restarts, 4:1:1, grey, 16-bit tables, a COM segment, bytes before SOI
   * and after EOI, runs split where libjpeg does not split them and zero padding, and files cut
   * between and inside scans. Each restores to its JPEG, and compressing that JPEG again writes
   * the same file (the layout and its container are unchanged), except for a file cut inside a
   * scan: the coefficients stored then include what the scan decoder read of the cut scan
   * before the data ran out (libjpeg's decoder reads on with zero bits to the MCU's end), which
   * the rebuilt JPEG does not use.
   */
  @Test
  void filesWrittenBeforeRestore() {
    List<String> names = new ArrayList<>();
    try (InputStream list = SyntaxTest.class.getResourceAsStream("written-by-0.1/files.txt")) {
      for (String line : new String(list.readAllBytes(), "UTF-8").split("\n")) {
        if (!line.isBlank()) {
          names.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(names.size() >= 12, names.toString());
    for (String name : names) {
      byte[] tgl = resource(name + ".tgl");
      byte[] jpeg = resource(name + ".jpg");
      assertTrue(JpegRecompression.inspect(tgl, LIMITS).modelled(), name);
      assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(tgl, LIMITS, StoredRows.INSTANCE),
          name);
      byte[] again = JpegRecompression.compressDetailed(jpeg, LIMITS, true, StoredRows.INSTANCE)
          .tgl();
      if (name.contains("cut")) {
        assertArrayEquals(jpeg, JpegRecompression.restoreJpeg(again, LIMITS, StoredRows.INSTANCE));
      } else {
        assertArrayEquals(tgl, again, name);
      }
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = SyntaxTest.class.getResourceAsStream("written-by-0.1/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
