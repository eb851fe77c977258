package dev.tegula.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The repository's test corpus (testdata/, see its README): every input file of the JPEG
 * conformance set, the arithmetic twins, the PNG conformance set, the damaged files, the .tgl
 * version corpus and the sample photos. Reference decodes ({@code *.ref.png}) are outputs, not
 * inputs, and are left out.
 */
final class Corpus {
  enum Format {
    JPEG(".jpg"),
    PNG(".png"),
    TGL(".tgl");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }
  }

  private static final List<String> FOLDERS =
      List.of("jpeg", "jpeg-arith-twins", "png", "invalid", "tgl/v1", "photos");

  private Corpus() {}

  static Path root() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("jpeg"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("testdata/ not found; set -Dtegula.testdata");
  }

  /** Every input file, as paths relative to testdata/ (stable names for parameterized tests). */
  static List<String> all() {
    Path root = root();
    return FOLDERS.stream()
        .flatMap(folder -> list(root.resolve(folder)))
        .filter(Corpus::isInput)
        .map(p -> root.relativize(p).toString().replace('\\', '/'))
        .sorted()
        .collect(Collectors.toList());
  }

  /** The input files of one format, by extension (damaged files included). */
  static List<String> of(Format format) {
    return all().stream().filter(n -> n.endsWith(format.extension)).collect(Collectors.toList());
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isInput(Path p) {
    String name = p.getFileName().toString();
    if (name.contains(".ref") || !Files.isRegularFile(p)) {
      return false;
    }
    return name.endsWith(".jpg") || name.endsWith(".png") || name.endsWith(".tgl");
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
