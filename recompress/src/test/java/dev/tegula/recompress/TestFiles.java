package dev.tegula.recompress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's JPEG test files (testdata/README.md). */
final class TestFiles {
  private TestFiles() {}

  static Path testdata() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("testdata"))) {
        return dir.resolve("testdata");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }

  /** Every .jpg under testdata: conformance, damaged, arithmetic twins. */
  static List<Path> jpegs() {
    try (Stream<Path> s = Files.walk(testdata())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of the .jpg files directly in {@code dir}, by name: the speed harnesses' input. */
  static List<byte[]> jpegBytesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted()
          .map(TestFiles::read).collect(Collectors.toList());
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
