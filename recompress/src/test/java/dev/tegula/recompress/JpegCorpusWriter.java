package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the mode-2 part of the .tgl version corpus (testdata/tgl/v1/jpeg/, its README): each
 * source JPEG of testdata stored with each coefficient coding, plus a verbatim file. Run from
 * recompress/ with the test classpath: {@code java ... dev.tegula.recompress.JpegCorpusWriter
 * ../testdata/tgl/v1/jpeg}.
 */
final class JpegCorpusWriter {
  /** Source (under testdata), what it covers. */
  static final String[][] SOURCES = {
    {"jpeg/size_17x9_411.jpg", "4:1:1 baseline, partial MCUs"},
    {"jpeg/progressive_420.jpg", "4:2:0 progressive with refinement scans"},
    {"jpeg/restart_progressive_420.jpg", "progressive with restart intervals"},
    {"invalid/jpeg_truncated_half.jpg", "a cut JPEG: stored verbatim"},
  };

  private JpegCorpusWriter() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    List<String> manifest = new ArrayList<>();
    manifest.add("file\toriginal\tcoding\tstatus\tcovers");
    for (String[] s : SOURCES) {
      byte[] jpeg = Files.readAllBytes(TestFiles.testdata().resolve(s[0]));
      String stem = Path.of(s[0]).getFileName().toString().replace(".jpg", "");
      for (int coding : new int[] {JpegRecompression.CODING_ADAPTIVE,
          JpegRecompression.CODING_FAST}) {
        JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, coding);
        String name = stem + (c.modelled() ? "-content" + coding : "-verbatim") + ".tgl";
        Files.write(out.resolve(name), c.tgl());
        String described = JpegRecompression.inspect(c.tgl(), Limits.DEFAULT).coding();
        manifest.add(name + "\t" + s[0] + "\t" + described + "\tdraft\t" + s[1]);
        if (!c.modelled()) {
          break; // verbatim whatever the coding: one file is enough
        }
      }
    }
    Files.write(out.resolve("MANIFEST.tsv"), manifest);
  }
}
