package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mode-2 files of the .tgl version corpus (testdata/tgl/v1/jpeg/, testdata/tgl/README.md)
 * restore to their original JPEG byte for byte and name their coding. As for the pixel codecs, a
 * {@code draft} file that its coding no longer restores is skipped visibly until the corpus is
 * regenerated ({@link JpegCorpusWriter}); a {@code frozen} one must always restore.
 */
class JpegVersionCorpusTest {
  static Path folder() {
    return TestFiles.testdata().resolve("tgl/v1/jpeg");
  }

  static Stream<String> rows() throws IOException {
    List<String> lines = Files.readAllLines(folder().resolve("MANIFEST.tsv"));
    return lines.stream().skip(1).filter(l -> !l.isBlank());
  }

  @ParameterizedTest
  @MethodSource("rows")
  void restoresTheOriginalJpeg(String row) throws IOException {
    String[] f = row.split("\t");
    byte[] tgl = Files.readAllBytes(folder().resolve(f[0]));
    byte[] original = Files.readAllBytes(TestFiles.testdata().resolve(f[1]));
    byte[] restored;
    try {
      restored = JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT);
    } catch (TegulaException e) {
      Assumptions.assumeFalse(f[3].equals("draft"), f[0] + " is a draft file its coding no"
          + " longer restores (" + e.getMessage() + "): regenerate the corpus");
      throw e;
    }
    assertArrayEquals(original, restored, f[0]);
    assertEquals(f[2], JpegRecompression.inspect(tgl, Limits.DEFAULT).coding(), f[0]);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void everyManifestRowNamesAStoredFileWithItsFields(String row) {
    String[] f = row.split("\t");
    assertEquals(5, f.length, row);
    assertTrue(Files.exists(folder().resolve(f[0])), f[0]);
  }
}
