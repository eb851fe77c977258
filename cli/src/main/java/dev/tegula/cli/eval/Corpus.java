package dev.tegula.cli.eval;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The images of a corpus folder: every JPEG and PNG file below it, in name order. Symbolic links
 * are followed, so that a corpus can be assembled from links to other folders (a link loop is an
 * error).
 */
public final class Corpus {
  private Corpus() {}

  /** An image file and its name relative to the corpus (forward slashes on every platform). */
  public record Entry(String name, Path file) {}

  public static List<Entry> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      return files
          .filter(Files::isRegularFile)
          .filter(Corpus::isImageName)
          .map(f -> new Entry(dir.relativize(f).toString().replace('\\', '/'), f))
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .toList();
    }
  }

  private static boolean isImageName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }
}
