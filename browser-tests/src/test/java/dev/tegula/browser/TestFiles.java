package dev.tegula.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The repository's test data, found through the tegula.testdata property or by walking up. */
final class TestFiles {
  private TestFiles() {}

  static Path root() {
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

  /** Input files of a folder: everything but the reference decodes and manifests. */
  static List<Path> inputs(String folder) throws IOException {
    try (Stream<Path> s = Files.list(root().resolve(folder))) {
      // sub-folders (tgl/v1/jpeg: mode-2 files) have their own tests
      return s.filter(p -> {
            String n = p.getFileName().toString();
            return Files.isRegularFile(p) && !n.contains(".ref") && !n.endsWith(".tsv")
                && !n.endsWith(".md");
          })
          .sorted()
          .toList();
    }
  }
}
