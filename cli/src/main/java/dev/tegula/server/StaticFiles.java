package dev.tegula.server;

import java.util.Optional;

/**
 * Where the server's files come from: a directory ({@link DirectoryFiles}) or the classpath
 * ({@link ClasspathFiles}).
 */
public interface StaticFiles {
  /**
   * Looks a file up.
   *
   * @param relativePath a path already checked by {@link RequestPath}: '/'-separated, no leading
   *     slash, no empty, "." or ".." segments, no backslash, NUL or control character
   * @return the file, or empty when there is no regular file by that name inside the root
   * @throws java.io.UncheckedIOException when the lookup itself fails (the server answers 500)
   */
  Optional<Resource> find(String relativePath);
}
