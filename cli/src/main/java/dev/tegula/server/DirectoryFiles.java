package dev.tegula.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Files under a directory (`tegula serve --root DIR`). A request is answered only when the file's
 * real path, symbolic links resolved, still lies under the root's real path: a link inside the
 * root that points elsewhere is treated as missing.
 */
public final class DirectoryFiles implements StaticFiles {
  private final Path root;

  /** @throws NotDirectoryException when {@code root} is not a directory */
  public DirectoryFiles(Path root) throws IOException {
    Path real = root.toRealPath();
    if (!Files.isDirectory(real)) {
      throw new NotDirectoryException(root.toString());
    }
    this.root = real;
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<Resource> find(String relativePath) {
    if (!RequestPath.isSafeRelative(relativePath)) {
      return Optional.empty();
    }
    Path candidate = root;
    for (String segment : relativePath.split("/")) {
      candidate = candidate.resolve(segment);
    }
    if (!candidate.normalize().startsWith(root)) {
      return Optional.empty();
    }
    try {
      Path real = candidate.toRealPath();
      if (!real.startsWith(root)) {
        return Optional.empty();
      }
      BasicFileAttributes attributes =
          Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(new FileResource(relativePath, real, attributes));
    } catch (FileSystemException e) {
      // missing, unreadable, a file used as a directory, a link loop: all "not found" to a client
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class FileResource implements Resource {
    private final String path;
    private final Path real;
    private final long size;
    private final String etag;

    FileResource(String path, Path real, BasicFileAttributes attributes) {
      this.path = path;
      this.real = real;
      this.size = attributes.size();
      this.etag = "\"" + Long.toHexString(size) + "-"
          + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS)) + "\"";
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public String etag() {
      return etag;
    }

    @Override
    public InputStream open() throws IOException {
      // the real path was checked; refusing a link here narrows the window for swapping one in
      return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
