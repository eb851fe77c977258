package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.LimitExceededException;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Checks the arithmetic scan decoder against libjpeg-turbo's coefficients: every file in
 * testdata/jpeg-arith-twins/twins.tsv must decode to the coefficients libjpeg-turbo 2.1.5 reads
 * from its Huffman twin (a lossless jpegtran conversion) or, for damaged files, from the file
 * itself. The digests were computed by coeftool.c (see that folder's README.md).
 */
class ArithmeticScanDecoderTest {

  private static final Path TWINS = testdata().resolve("jpeg-arith-twins");

  // ---------------------------------------------------------------------------------------------
  // Conformance with libjpeg-turbo

  @TestFactory
  Stream<DynamicTest> coefficientsEqualLibjpegTurbo() throws IOException {
    Map<String, List<String[]>> digests = readDigests(TWINS.resolve("coefficients.tsv"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : Files.readAllLines(TWINS.resolve("twins.tsv"))) {
      String[] f = line.split("\t");
      if (f.length == 2) {
        tests.add(
            DynamicTest.dynamicTest(f[0] + " = " + f[1], () -> checkTwin(digests, f[0], f[1])));
      }
    }
    assertTrue(tests.size() >= 25, "twins.tsv lists the twins");
    return tests.stream();
  }

  private static void checkTwin(Map<String, List<String[]>> digests, String arith, String ref)
      throws IOException {
    Frame frame = MiniParser.decode(Files.readAllBytes(TWINS.resolve(arith)));
    assertTrue(frame.arithmetic);
    assertComponentsMatch(frame, digests.get(ref), ref);
    // libjpeg-turbo's own reading of the arithmetic file agrees too (proves the twin is a twin).
    assertComponentsMatch(frame, digests.get(arith), arith);
  }

  /** The same coefficients coded with different scan scripts, restarts and DAC conditioning. */
  @Test
  void scanScriptsAndRestartsDoNotChangeCoefficients() throws IOException {
    String[] variants = {
      "s420.arith.jpg", "s420_rst3.arith.jpg", "s420_noninterleaved_rst2.arith.jpg",
      "s420_prog.arith.jpg", "s420_prog_rst1.arith.jpg", "s420_deep_refine.arith.jpg",
      "s420_dac.arith.jpg", "s420_prog_dac.arith.jpg"
    };
    Frame first = MiniParser.decode(Files.readAllBytes(TWINS.resolve(variants[0])));
    for (String v : variants) {
      Frame other = MiniParser.decode(Files.readAllBytes(TWINS.resolve(v)));
      for (int ci = 0; ci < first.components.length; ci++) {
        assertArrayEquals(imageBlocks(first.components[ci]), imageBlocks(other.components[ci]), v);
      }
    }
    assertTrue(nonZero(imageBlocks(first.components[0])) > 100, "the image has content");
  }

  /**
   * Opt-in bulk comparison: -Dtegula.arith.fuzzdir=DIR with DIR/coefficients.tsv written by
   * {@code coeftool digest} over many damaged files (see the twins README). Files libjpeg-turbo
   * could not read are simply absent from the list.
   */
  @Test
  @EnabledIfSystemProperty(named = "tegula.arith.fuzzdir", matches = ".+")
  void bulkDamagedFilesEqualLibjpegTurbo() throws IOException {
    Path dir = Paths.get(System.getProperty("tegula.arith.fuzzdir"));
    Map<String, List<String[]>> digests = readDigests(dir.resolve("coefficients.tsv"));
    int compared = 0;
    List<String> refused = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, List<String[]>> e : digests.entrySet()) {
      byte[] data = Files.readAllBytes(dir.resolve(e.getKey()));
      Frame frame;
      try {
        frame = MiniParser.decode(data);
      } catch (TegulaException ex) {
        // Headers libjpeg-turbo tolerates but we refuse: table numbers 4-15 (T.81 allows 0-3,
        // libjpeg 0-15) and segments running past the end, which only the test parser reads.
        refused.add(e.getKey() + ": " + ex.getMessage());
        continue;
      }
      compared++;
      for (String[] row : e.getValue()) {
        FrameComponent comp = frame.components[Integer.parseInt(row[1])];
        if (!row[4].equals(digest(comp))) {
          mismatches.add(e.getKey() + " component " + row[1]);
        }
      }
    }
    System.out.println(
        "bulk: " + compared + " damaged files equal libjpeg-turbo, " + refused.size() + " refused "
            + refused);
    assertTrue(compared > 0, "no files in " + dir);
    assertTrue(refused.size() * 10 < compared, "refused " + refused);
    assertTrue(mismatches.isEmpty(), mismatches.size() + "/" + compared + ": " + mismatches);
  }

  // ---------------------------------------------------------------------------------------------
  // End of scan and markers

  @Test
  void returnsTheOffsetOfTheNextMarker() throws IOException {
    byte[] data = Files.readAllBytes(testdata().resolve("jpeg/arith_progressive_420.jpg"));
    List<Integer> ends = new ArrayList<>();
    MiniParser.decode(data, ends);
    assertEquals(10, ends.size());
    for (int end : ends) {
      assertEquals(0xFF, data[end] & 0xFF);
      int code = data[end + 1] & 0xFF;
      assertTrue(
          code == 0xCC || code == 0xDA || code == 0xD9, "marker " + Integer.toHexString(code));
    }
    assertEquals(data.length - 2, ends.get(ends.size() - 1));
  }

  @Test
  void trailingRestartMarkersAreSkipped() throws IOException {
    byte[] data = Files.readAllBytes(testdata().resolve("jpeg/arith_420.jpg"));
    Frame plain = MiniParser.decode(data);
    // RST0, fill bytes and RST5 between the entropy-coded data and EOI
    byte[] extra = {(byte) 0xFF, (byte) 0xD0, (byte) 0xFF, (byte) 0xFF, (byte) 0xD5};
    byte[] padded = new byte[data.length + extra.length];
    System.arraycopy(data, 0, padded, 0, data.length - 2);
    System.arraycopy(extra, 0, padded, data.length - 2, extra.length);
    padded[padded.length - 2] = (byte) 0xFF;
    padded[padded.length - 1] = (byte) 0xD9;
    List<Integer> ends = new ArrayList<>();
    Frame withRst = MiniParser.decode(padded, ends);
    assertEquals(List.of(padded.length - 2), ends);
    for (int ci = 0; ci < 3; ci++) {
      assertArrayEquals(plain.components[ci].coefficients, withRst.components[ci].coefficients);
    }
  }

  @Test
  void dataEndingInsideTheScanReturnsTheDataLength() throws IOException {
    byte[] data = Files.readAllBytes(testdata().resolve("jpeg/arith_restart_444.jpg"));
    for (int cut : new int[] {data.length - 2, data.length - 1, data.length / 2, 700}) {
      byte[] part = java.util.Arrays.copyOf(data, cut);
      List<Integer> ends = new ArrayList<>();
      Frame frame = MiniParser.decode(part, ends);
      assertEquals(List.of(cut), ends, "cut at " + cut);
      assertNotNull(frame.components[0].coefficients);
    }
  }

  @Test
  void emptyScanDecodesFromZerosUpToTheMarker() {
    Frame frame = frame(0xC9, 64, 48, 1, 1);
    Scan scan = scan(frame, 0, 63, 0, 0, 0, 0, 0);
    byte[] data = {(byte) 0xFF, (byte) 0xD9};
    assertEquals(0, ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, cond()));
    byte[] empty = {};
    assertEquals(0, ArithmeticScanDecoder.decodeScan(empty, 0, frame, scan, cond()));
  }

  // ---------------------------------------------------------------------------------------------
  // Parameters

  @Test
  void rejectsTablesThatCannotExist() {
    Frame frame = frame(0xC9, 16, 16, 1, 1);
    byte[] data = {(byte) 0xFF, (byte) 0xD9};
    MalformedInputException e =
        assertThrows(
            MalformedInputException.class,
            () ->
                ArithmeticScanDecoder.decodeScan(
                    data, 0, frame, scan(frame, 0, 63, 0, 0, 4, 0, 0), cond()));
    assertTrue(e.getMessage().contains("table 4"), e.getMessage());
    assertThrows(
        MalformedInputException.class,
        () ->
            ArithmeticScanDecoder.decodeScan(
                data, 0, frame, scan(frame, 0, 63, 0, 0, 0, 7, 0), cond()));
  }

  @Test
  void rejectsImpossibleProgressiveParameters() {
    Frame frame = frame(0xCA, 16, 16, 1, 1);
    byte[] data = {(byte) 0xFF, (byte) 0xD9};
    int[][] bad = {
      {0, 5, 0, 0}, {3, 2, 0, 0}, {1, 64, 0, 0}, {1, 63, 2, 0}, {0, 0, 0, 14}, {1, 63, 3, 1}
    };
    for (int[] p : bad) {
      Scan scan = scan(frame, p[0], p[1], p[2], p[3], 0, 0, 0);
      assertThrows(
          MalformedInputException.class,
          () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, cond()),
          java.util.Arrays.toString(p));
    }
    FrameComponent[] two = {frame.components[0], frame.components[0]};
    Scan acTwo = new Scan(two, new int[2], new int[2], 1, 63, 0, 0, 0);
    assertThrows(
        MalformedInputException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, acTwo, cond()));
  }

  @Test
  void rejectsBadConditioningAndLosslessFrames() {
    Frame frame = frame(0xC9, 16, 16, 1, 1);
    byte[] data = {(byte) 0xFF, (byte) 0xD9};
    Scan scan = scan(frame, 0, 63, 0, 0, 0, 0, 0);
    ArithmeticConditioning lBiggerThanU = cond();
    lBiggerThanU.dcLower[0] = 3;
    lBiggerThanU.dcUpper[0] = 2;
    assertThrows(
        MalformedInputException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, lBiggerThanU));
    ArithmeticConditioning u16 = cond();
    u16.dcUpper[0] = 16;
    assertThrows(
        MalformedInputException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, u16));
    // Kx outside T.81's 1-63 is decoded as libjpeg does: it only moves the X1 bins' threshold.
    ArithmeticConditioning kx0 = cond();
    kx0.acKx[0] = 0;
    assertEquals(0, ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, kx0));
    Frame lossless = frame(0xCB, 16, 16, 1, 1);
    assertThrows(
        UnsupportedFeatureException.class,
        () ->
            ArithmeticScanDecoder.decodeScan(
                data, 0, lossless, scan(lossless, 0, 63, 0, 0, 0, 0, 0), cond()));
  }

  @Test
  void callerMisuseIsIllegalArgument() {
    Frame frame = frame(0xC9, 16, 16, 1, 1);
    Scan scan = scan(frame, 0, 63, 0, 0, 0, 0, 0);
    byte[] data = {(byte) 0xFF, (byte) 0xD9};
    assertThrows(
        IllegalArgumentException.class,
        () -> ArithmeticScanDecoder.decodeScan(null, 0, frame, scan, cond()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 3, frame, scan, cond()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, null));
    Frame huffman = frame(0xC0, 16, 16, 1, 1);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ArithmeticScanDecoder.decodeScan(
                data, 0, huffman, scan(huffman, 0, 63, 0, 0, 0, 0, 0), cond()));
    frame.components[0].coefficients = new short[10];
    assertThrows(
        IllegalArgumentException.class,
        () -> ArithmeticScanDecoder.decodeScan(data, 0, frame, scan, cond()));
  }

  // ---------------------------------------------------------------------------------------------
  // Damaged data: only TegulaException or a normal return, in bounded time

  @Test
  void damagedFilesNeverThrowAnythingElse() throws IOException {
    String[] files = {
      "jpeg/arith_420.jpg",
      "jpeg/arith_progressive_420.jpg",
      "jpeg/arith_restart_444.jpg",
      "jpeg-arith-twins/s420_deep_refine.arith.jpg",
      "jpeg-arith-twins/s420_prog_rst1.arith.jpg",
      "jpeg-arith-twins/s411.arith.jpg"
    };
    Random random = new Random(20240611L);
    int cases = 0;
    int decoded = 0;
    long worst = 0;
    long start = System.nanoTime();
    for (String name : files) {
      byte[] data = Files.readAllBytes(testdata().resolve(name));
      List<byte[]> variants = new ArrayList<>();
      for (int cut = 1; cut < data.length; cut += 1 + data.length / 60) {
        variants.add(java.util.Arrays.copyOf(data, cut));
      }
      for (int i = 0; i < 150; i++) {
        byte[] d = data.clone();
        int flips = 1 + random.nextInt(4);
        for (int j = 0; j < flips; j++) {
          d[2 + random.nextInt(d.length - 2)] ^= (byte) (1 + random.nextInt(255));
        }
        variants.add(d);
      }
      int sos = indexOf(data, (byte) 0xFF, (byte) 0xDA);
      for (int i = 0; i < 60; i++) {
        // markers dropped into the entropy-coded data, and runs of garbage
        byte[] d = data.clone();
        int at = sos + 20 + random.nextInt(d.length - sos - 24);
        int kind = random.nextInt(4);
        if (kind == 0) {
          d[at] = (byte) 0xFF;
          d[at + 1] = (byte) (0xD0 + random.nextInt(8));
        } else if (kind == 1) {
          d[at] = (byte) 0xFF;
          d[at + 1] = (byte) (0xC0 + random.nextInt(0x3F));
        } else if (kind == 2) {
          java.util.Arrays.fill(d, at, Math.min(d.length, at + 1 + random.nextInt(200)), (byte) -1);
        } else {
          for (int j = at; j < Math.min(d.length, at + 64); j++) {
            d[j] = (byte) random.nextInt(256);
          }
        }
        variants.add(d);
      }
      for (byte[] d : variants) {
        cases++;
        long t0 = System.nanoTime();
        try {
          MiniParser.decode(d);
          decoded++;
        } catch (TegulaException expected) {
          assertNotNull(expected.getMessage());
        } catch (RuntimeException | Error e) {
          fail(name + " variant " + cases + " threw " + e, e);
        }
        worst = Math.max(worst, System.nanoTime() - t0);
      }
    }
    long total = (System.nanoTime() - start) / 1_000_000;
    assertTrue(cases > 1000, "cases " + cases);
    assertTrue(decoded > cases / 2, "most damaged files still decode: " + decoded + "/" + cases);
    assertTrue(worst < 2_000_000_000L, "slowest case " + worst / 1_000_000 + " ms");
    assertTrue(total < 30_000, "all cases " + total + " ms");
  }

  /**
   * A big frame whose scans have no data at all costs time linear in blocks, nothing more; fill
   * bytes before the end and the end itself both feed the coder zeros, so they decode alike.
   */
  @Test
  void hugeFrameWithoutDataIsLinear() {
    Frame filled = frame(0xCA, 4096, 4096, 1, 1);
    Frame empty = frame(0xCA, 4096, 4096, 1, 1);
    byte[] fill = new byte[100_000];
    java.util.Arrays.fill(fill, (byte) 0xFF);
    long t0 = System.nanoTime();
    int[][] scans = {{0, 0, 0, 1}, {1, 63, 0, 1}, {1, 63, 2, 1}, {0, 0, 1, 0}, {1, 63, 1, 0}};
    for (int[] p : scans) {
      Scan scan = scan(filled, p[0], p[1], p[2], p[3], 0, 0, 1);
      assertEquals(fill.length, ArithmeticScanDecoder.decodeScan(fill, 0, filled, scan, cond()));
      Scan same = scan(empty, p[0], p[1], p[2], p[3], 0, 0, 1);
      assertEquals(0, ArithmeticScanDecoder.decodeScan(new byte[0], 0, empty, same, cond()));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // 10 scans x 262144 blocks, a restart before each: well under a second on any machine
    assertTrue(ms < 10_000, ms + " ms");
    assertArrayEquals(empty.components[0].coefficients, filled.components[0].coefficients);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static ArithmeticConditioning cond() {
    return new ArithmeticConditioning();
  }

  private static Frame frame(int marker, int width, int height, int h, int v) {
    Frame frame = new Frame(marker, 8, width, height, new FrameComponent[] {
      new FrameComponent(1, 0, h, v, 0)
    });
    frame.components[0].coefficients = new short[(int) frame.coefficientCount()];
    return frame;
  }

  private static Scan scan(Frame frame, int ss, int se, int ah, int al, int td, int ta, int ri) {
    return new Scan(frame.components, new int[] {td}, new int[] {ta}, ss, se, ah, al, ri);
  }

  /** The blocks holding image samples, as libjpeg-turbo's width/height_in_blocks cover. */
  private static short[] imageBlocks(FrameComponent comp) {
    short[] out = new short[comp.blocksPerLine * comp.blocksPerColumn * 64];
    int n = 0;
    for (int by = 0; by < comp.blocksPerColumn; by++) {
      for (int bx = 0; bx < comp.blocksPerLine; bx++) {
        System.arraycopy(comp.coefficients, comp.blockOffset(bx, by), out, n, 64);
        n += 64;
      }
    }
    return out;
  }

  private static int nonZero(short[] a) {
    int n = 0;
    for (short s : a) {
      n += s != 0 ? 1 : 0;
    }
    return n;
  }

  /** FNV-1a 64 over the image blocks, each coefficient low byte first, as coeftool.c. */
  static String digest(FrameComponent comp) {
    long h = 0xcbf29ce484222325L;
    for (short s : imageBlocks(comp)) {
      h = (h ^ (s & 0xFF)) * 0x100000001b3L;
      h = (h ^ ((s >> 8) & 0xFF)) * 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static void assertComponentsMatch(Frame frame, List<String[]> rows, String reference) {
    assertNotNull(rows, "no digest for " + reference);
    assertEquals(frame.components.length, rows.size(), reference);
    for (String[] row : rows) {
      FrameComponent comp = frame.components[Integer.parseInt(row[1])];
      assertEquals(Integer.parseInt(row[2]), comp.blocksPerLine, reference + " width in blocks");
      assertEquals(Integer.parseInt(row[3]), comp.blocksPerColumn, reference + " height in blocks");
      assertEquals(row[4], digest(comp), reference + " component " + row[1]);
    }
  }

  private static Map<String, List<String[]>> readDigests(Path tsv) throws IOException {
    Map<String, List<String[]>> map = new LinkedHashMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      if (f.length == 5) {
        map.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
      }
    }
    return map;
  }

  private static int indexOf(byte[] d, byte a, byte b) {
    for (int i = 0; i + 1 < d.length; i++) {
      if (d[i] == a && d[i + 1] == b) {
        return i;
      }
    }
    return d.length;
  }

  static Path testdata() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata/ not found");
  }

  /**
   * Test-only reader of the few markers needed to drive arithmetic scans (T.81 §B.2: SOFn, DAC,
   * DRI, SOS; everything else skipped), so these tests do not depend on the real parser.
   */
  static final class MiniParser {
    private static final int MAX_COEFFICIENTS = 1 << 22;

    static Frame decode(byte[] d) {
      return decode(d, new ArrayList<>());
    }

    /** Decodes all scans; scanEnds receives what each decodeScan call returned. */
    static Frame decode(byte[] d, List<Integer> scanEnds) {
      if (d.length < 2 || u8(d, 0) != 0xFF || u8(d, 1) != 0xD8) {
        throw new MalformedInputException("no SOI", 0);
      }
      Frame frame = null;
      ArithmeticConditioning cond = new ArithmeticConditioning();
      int restartInterval = 0;
      int p = 2;
      while (p < d.length) {
        if (u8(d, p) != 0xFF) {
          p++; // garbage before a marker is skipped, as libjpeg's next_marker does
          continue;
        }
        int m = u8(d, p + 1);
        if (m == 0xFF) {
          p++;
          continue;
        }
        if (m == 0xD9) {
          break;
        }
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01 || m == 0xD8) {
          p += 2;
          continue;
        }
        int len = u16(d, p + 2);
        int s = p + 4;
        int end = p + 2 + len;
        if (len < 2) {
          throw new MalformedInputException("segment length " + len, p + 2);
        }
        if (end > d.length) {
          throw new TruncatedInputException("segment runs past the end", p);
        }
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
          if (frame != null) {
            throw new MalformedInputException("second SOF", p);
          }
          frame = readFrame(d, m, s, end);
        } else if (m == 0xCC) {
          readDac(d, s, end, cond);
        } else if (m == 0xDD) {
          restartInterval = u16(d, s);
        } else if (m == 0xDA) {
          if (frame == null) {
            throw new MalformedInputException("SOS before SOF", p);
          }
          Scan scan = readScan(d, s, end, frame, restartInterval);
          if (!frame.arithmetic) {
            throw new UnsupportedFeatureException("Huffman frame", p);
          }
          p = ArithmeticScanDecoder.decodeScan(d, end, frame, scan, cond);
          scanEnds.add(p);
          continue;
        }
        p = end;
      }
      if (frame == null) {
        throw new MalformedInputException("no frame", p);
      }
      return frame;
    }

    private static Frame readFrame(byte[] d, int m, int s, int end) {
      int height = u16(d, s + 1);
      int width = u16(d, s + 3);
      int n = u8(d, s + 5);
      if (width == 0 || height == 0 || n == 0 || n > 4 || s + 6 + 3 * n > end) {
        throw new MalformedInputException("frame header", s);
      }
      FrameComponent[] comps = new FrameComponent[n];
      for (int i = 0; i < n; i++) {
        int hv = u8(d, s + 7 + 3 * i);
        int h = hv >> 4;
        int v = hv & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4) {
          throw new MalformedInputException("sampling factors", s);
        }
        comps[i] = new FrameComponent(u8(d, s + 6 + 3 * i), i, h, v, u8(d, s + 8 + 3 * i));
      }
      Frame frame = new Frame(m, u8(d, s), width, height, comps);
      if (frame.coefficientCount() > MAX_COEFFICIENTS) {
        throw new LimitExceededException("test frame too big");
      }
      for (FrameComponent c : comps) {
        c.coefficients = new short[c.blocksPerLineAlloc * c.blockRowsAlloc * 64];
      }
      return frame;
    }

    private static void readDac(byte[] d, int s, int end, ArithmeticConditioning cond) {
      for (int i = s; i + 1 < end; i += 2) {
        int tc = u8(d, i) >> 4;
        int tb = u8(d, i) & 15;
        int cs = u8(d, i + 1);
        if (tb > 3) {
          throw new MalformedInputException("DAC table " + tb, i);
        }
        if (tc == 0) {
          cond.dcLower[tb] = cs & 15;
          cond.dcUpper[tb] = cs >> 4;
        } else {
          cond.acKx[tb] = cs;
        }
      }
    }

    private static Scan readScan(byte[] d, int s, int end, Frame frame, int ri) {
      int n = u8(d, s);
      if (s + 4 + 2 * n > end) {
        throw new MalformedInputException("scan header", s);
      }
      FrameComponent[] comps = new FrameComponent[n];
      int[] dc = new int[n];
      int[] ac = new int[n];
      for (int i = 0; i < n; i++) {
        int id = u8(d, s + 1 + 2 * i);
        for (FrameComponent c : frame.components) {
          if (c.id == id) {
            comps[i] = c;
          }
        }
        if (comps[i] == null) {
          throw new MalformedInputException("scan component " + id, s);
        }
        dc[i] = u8(d, s + 2 + 2 * i) >> 4;
        ac[i] = u8(d, s + 2 + 2 * i) & 15;
      }
      int q = s + 1 + 2 * n;
      int ahal = u8(d, q + 2);
      return new Scan(comps, dc, ac, u8(d, q), u8(d, q + 1), ahal >> 4, ahal & 15, ri);
    }

    private static int u8(byte[] d, int i) {
      if (i >= d.length) {
        throw new TruncatedInputException("data ends", d.length);
      }
      return d[i] & 0xFF;
    }

    private static int u16(byte[] d, int i) {
      return (u8(d, i) << 8) | u8(d, i + 1);
    }
  }
}
