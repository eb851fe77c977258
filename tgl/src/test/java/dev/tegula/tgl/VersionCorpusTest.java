package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of every format version in testdata/tgl/v* decodes to its reference pixels (format.md
 * §3.6), and survives the damage rules of §11 on every file: truncation (around every chunk
 * boundary and at 200 more places), a flipped bit in each tile, a header claiming a huge image.
 */
class VersionCorpusTest {
  static final String REGENERATE = ". A decoder must keep reading every frozen file of every"
      + " version: see testdata/tgl/README.md";

  static Stream<Path> corpus() throws IOException {
    Path root = TestData.dir().resolve("tgl");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> versions = Files.list(root)) {
      for (Path v : versions.filter(p -> p.getFileName().toString().matches("v\\d+")).toList()) {
        try (Stream<Path> s = Files.list(v)) {
          s.filter(p -> p.toString().endsWith(".tgl")).sorted().forEach(files::add);
        }
      }
    }
    assertFalse(files.isEmpty(), "no corpus files under " + root);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void decodesToItsReferencePixels(Path file) throws IOException {
    skipStaleDraft(file);
    DecodedImage d;
    try {
      d = TglDecoder.decode(Files.readAllBytes(file), Limits.DEFAULT);
    } catch (TegulaException e) {
      throw new AssertionError(file + " no longer decodes: " + e.getMessage() + REGENERATE, e);
    }
    String[] facts = manifestLine(file);
    TglHeader h = TglDecoder.open(Files.readAllBytes(file), Limits.DEFAULT).header();
    assertEquals(facts[1] + "x" + facts[2] + " colour " + facts[3] + " alpha " + facts[4]
        + " bits " + facts[5] + " " + facts[6] + " q" + facts[7],
        h.width() + "x" + h.height() + " colour " + h.colour() + " alpha " + (h.alpha() ? 1 : 0)
        + " bits " + h.bitDepth() + " " + (h.lossy() ? "lossy" : "lossless") + " q" + h.quality());
    assertEquals(Boolean.parseBoolean(facts[9]), d.complete(), d.warning() + REGENERATE);
    assertArrayEquals(reference(file, ".ref.png"), toInts(d.image().rgba()),
        file + " decodes to other pixels than its reference" + REGENERATE);
    Path ref16 = sibling(file, ".ref16.png");
    assertEquals(Files.exists(ref16), d.image().has16BitSamples());
    if (Files.exists(ref16)) {
      assertArrayEquals(reference(file, ".ref16.png"), toInts(d.image().rgba16()));
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void everyTruncationIsTruncatedOrAPartialImageWithTheLostTilesNamed(Path file)
      throws IOException {
    skipStaleDraft(file);
    byte[] data = Files.readAllBytes(file);
    TglFile whole = TglDecoder.open(data, Limits.DEFAULT);
    int[] reference = reference(file, ".ref.png");
    for (int n : cutPoints(data)) {
      byte[] cut = java.util.Arrays.copyOf(data, n);
      DecodedImage d;
      try {
        d = TglDecoder.decode(cut, Limits.DEFAULT);
      } catch (TruncatedInputException e) {
        continue;
      } catch (TegulaException e) {
        fail(file.getFileName() + " cut at " + n + ": " + e.code() + " " + e.getMessage());
        return;
      }
      assertFalse(d.complete(), "cut at " + n);
      for (int t = 0; t < whole.tileCount(); t++) {
        TileEntry entry = whole.tile(t);
        boolean intact = entry.offset() + entry.size() <= n;
        if (intact) {
          assertTileEquals(reference, d.image(), entry.rect(), file + " cut at " + n);
        } else {
          assertTrue(names(d.warning(), entry.rect(), "the file ends"),
              "cut at " + n + ": " + d.warning());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void aFlippedBitInAnyTileIsCaughtByItsChecksum(Path file) throws IOException {
    skipStaleDraft(file);
    byte[] data = Files.readAllBytes(file);
    TglFile whole = TglDecoder.open(data, Limits.DEFAULT);
    int[] reference = reference(file, ".ref.png");
    for (int t = 0; t < whole.tileCount(); t++) {
      TileEntry entry = whole.tile(t);
      byte[] bad = data.clone();
      bad[entry.offset() + 8 + (entry.size() - 12) / 2] ^= 0x04;
      if (whole.tileCount() == 1) {
        assertThrows(MalformedInputException.class, () -> TglDecoder.decode(bad, Limits.DEFAULT));
        continue;
      }
      DecodedImage d = TglDecoder.decode(bad, Limits.DEFAULT);
      assertFalse(d.complete());
      assertTrue(d.warning().contains(entry.rect().describe() + ": checksum mismatch"),
          d.warning());
      for (int other = 0; other < whole.tileCount(); other++) {
        if (other != t) {
          assertTileEquals(reference, d.image(), whole.tile(other).rect(), file + " tile " + t);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void aHeaderClaimingAHugeImageFailsTheLimitCheck(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    TglBytes.Chunk head = TglBytes.first(data, "THDR");
    Bytes.putU32(data, head.dataOffset(), 1_000_000);
    Bytes.putU32(data, head.dataOffset() + 4, 1_000_000);
    TglBytes.fixCrc(data, head);
    assertThrows(LimitExceededException.class, () -> TglDecoder.decode(data, Limits.DEFAULT));
  }

  /**
   * Where to cut: every length inside the preamble and first chunk header, around every chunk
   * boundary (the structural cases), and 200 places spread over the rest; every length would
   * decode the intact tiles thousands of times.
   */
  static java.util.SortedSet<Integer> cutPoints(byte[] data) {
    java.util.SortedSet<Integer> cuts = new java.util.TreeSet<>();
    for (int n = 0; n < Math.min(64, data.length); n++) {
      cuts.add(n);
    }
    for (TglBytes.Chunk c : TglBytes.chunks(data)) {
      for (int n : new int[] {c.offset() - 1, c.offset(), c.offset() + 1, c.offset() + 9,
          c.end() - 1}) {
        if (n >= 0 && n < data.length) {
          cuts.add(n);
        }
      }
    }
    for (int i = 0; i < 200; i++) {
      cuts.add((int) ((long) data.length * i / 200));
    }
    return cuts;
  }

  /**
   * A draft file (one made by a pixel codec before the v1 freeze, MANIFEST status "draft") that
   * its codec no longer reads the same way is out of date, not a broken promise: its tests are
   * skipped, visibly, until it is regenerated. Frozen files are always held to their pixels.
   */
  static void skipStaleDraft(Path file) throws IOException {
    if (!manifestLine(file)[10].equals("draft")) {
      return;
    }
    boolean current;
    try {
      DecodedImage d = TglDecoder.decode(Files.readAllBytes(file), Limits.DEFAULT);
      current = d.complete()
          && java.util.Arrays.equals(reference(file, ".ref.png"), toInts(d.image().rgba()));
    } catch (TegulaException e) {
      current = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(current, file.getFileName()
        + " is a draft file its codec now decodes differently: regenerate the corpus"
        + " (testdata/tgl/README.md)");
  }

  /** Whether the warning names tile {@code r}, alone or in a range, with {@code problem}. */
  static boolean names(String warning, TileRect r, String problem) {
    if (warning.contains(r.describe() + ": " + problem)) {
      return true;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("tiles (\\d+)-(\\d+) \\(from [^)]*\\) to [^)]*\\)\\): " + problem)
        .matcher(warning);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) <= r.index() && r.index() <= Integer.parseInt(m.group(2))) {
        return true;
      }
    }
    return false;
  }

  static void assertTileEquals(int[] reference, Image image, TileRect r, String what) {
    byte[] rgba = image.rgba();
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        int p = (y * image.width() + x) * 4;
        for (int k = 0; k < 4; k++) {
          if ((rgba[p + k] & 0xFF) != reference[p + k]) {
            fail(what + ": " + r.describe() + " differs at " + x + "," + y);
          }
        }
      }
    }
  }

  static int[] reference(Path file, String suffix) throws IOException {
    return ReferencePng.read(sibling(file, suffix));
  }

  static Path sibling(Path file, String suffix) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - 4) + suffix);
  }

  static String[] manifestLine(Path file) throws IOException {
    for (String line : Files.readAllLines(file.resolveSibling("MANIFEST.tsv"))) {
      String[] f = line.split("\t");
      if (f[0].equals(file.getFileName().toString())) {
        return f;
      }
    }
    throw new AssertionError(file + " is not in MANIFEST.tsv");
  }

  static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] & 0xFF;
    }
    return out;
  }

  static int[] toInts(short[] s) {
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i] & 0xFFFF;
    }
    return out;
  }
}
