package dev.tegula.tgl;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test data: -Dtegula.testdata, else a testdata/ folder above the working dir. */
final class TestData {
  private TestData() {}

  static Path dir() {
    String property = System.getProperty("tegula.testdata");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }
}
