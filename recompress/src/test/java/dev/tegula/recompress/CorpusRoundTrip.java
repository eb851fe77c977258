package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Not a test: the check before a commit that changes the rebuild or a coder. Every .jpg under the
 * given directories (recursively) is compressed with contents 0 and 2 and restored with {@code
 * restoreJpeg}; each must come back byte for byte (damaged ones are stored verbatim). {@code
 * java -cp ... CorpusRoundTrip DIR...}: prints the counts, exits 1 on any difference.
 */
public final class CorpusRoundTrip {
  private CorpusRoundTrip() {}

  public static void main(String[] args) throws Exception {
    int files = 0;
    int restores = 0;
    int modelled = 0;
    int bad = 0;
    for (String dir : args) {
      List<Path> paths;
      try (Stream<Path> s = Files.walk(Paths.get(dir))) {
        paths = s.filter(p -> p.toString().endsWith(".jpg")).sorted()
            .collect(Collectors.toList());
      }
      for (Path f : paths) {
        byte[] jpeg = Files.readAllBytes(f);
        files++;
        for (int content : new int[] {0, 2}) {
          JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, content);
          byte[] back = JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT);
          restores++;
          modelled += c.modelled() ? 1 : 0;
          if (!Arrays.equals(back, jpeg)) {
            bad++;
            System.out.println("DIFFERS content " + content + ": " + f);
          }
        }
      }
    }
    System.out.println(files + " files, " + restores + " restores, " + modelled + " modelled, "
        + bad + " not exact");
    System.exit(bad == 0 ? 0 : 1);
  }
}
