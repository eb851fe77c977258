package dev.tegula.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a partial
 * file: the bytes go to a temporary file beside the target, are synced, then renamed over it. The
 * temporary file is removed whatever fails, and by a shutdown hook when Ctrl-C stops the JVM
 * during a write (which skips the writing thread's finally).
 */
final class AtomicFileWriter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : IN_FLIGHT) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort while the JVM stops
        }
      }
    }, "tegula-temporary-files"));
  }

  private AtomicFileWriter() {}

  /**
   * @param replace whether an existing target may be replaced
   * @throws FileAlreadyExistsException when the target exists and {@code replace} is false
   */
  static void write(Path target, byte[] bytes, boolean replace) throws IOException {
    write(target, bytes, replace, () -> {});
  }

  /**
   * @param whileWriting runs once the temporary file exists, before its bytes are written: the
   *     test that stops a JVM mid-write holds the write there, so the stop cannot miss it
   */
  static void write(Path target, byte[] bytes, boolean replace, Runnable whileWriting)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = createTemporary(absolute);
    try {
      whileWriting.run();
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (replace) {
        replace(temporary, absolute);
      } else {
        publishNew(temporary, absolute);
      }
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the write's own outcome is what the caller needs to hear about
      }
      IN_FLIGHT.remove(temporary);
    }
  }

  private static void replace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A rename would silently replace a target created meanwhile (POSIX rename does), so the new
   * file is published with a hard link, which fails if the name is taken.
   */
  private static void publishNew(Path temporary, Path target) throws IOException {
    try {
      Files.createLink(target, temporary);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // file systems without hard links: checked, then moved (the check and move can race)
      Files.move(temporary, target);
    }
  }

  /**
   * Created empty with default permissions (not the owner-only ones of createTempFile). The name
   * is registered for the shutdown hook before the file exists, so a stop arriving between the
   * two still removes it.
   */
  private static Path createTemporary(Path target) throws IOException {
    Path dir = target.getParent();
    String base = target.getFileName().toString();
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    for (int attempt = 0; ; attempt++) {
      Path candidate = dir.resolve("." + base + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
      IN_FLIGHT.add(candidate);
      try {
        return Files.createFile(candidate);
      } catch (IOException e) {
        IN_FLIGHT.remove(candidate);
        if (!(e instanceof FileAlreadyExistsException) || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
