package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir
  Path dir;

  @Test
  void createsANewFile() throws IOException {
    Path target = dir.resolve("a.png");
    AtomicFileWriter.write(target, new byte[] {1, 2, 3}, false);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(1, count());
  }

  @Test
  void anExistingFileStopsTheWriteAfterTheTemporaryFileWasWritten() throws IOException {
    // the target appears after the up-front check: the publishing step itself must refuse it
    Path target = dir.resolve("a.png");
    Files.write(target, new byte[] {9});
    assertThrows(FileAlreadyExistsException.class,
        () -> AtomicFileWriter.write(target, new byte[] {1, 2, 3}, false));
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
    assertEquals(1, count(), "the temporary file is gone");
  }

  @Test
  void replacesWhenAsked() throws IOException {
    Path target = dir.resolve("a.png");
    Files.write(target, new byte[] {9});
    AtomicFileWriter.write(target, new byte[] {1, 2}, true);
    assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(target));
    assertEquals(1, count());
  }

  @Test
  void replacesASymbolicLinkItselfNotItsTarget() throws IOException {
    Path elsewhere = Files.write(dir.resolve("elsewhere"), new byte[] {7});
    Path link = Files.createSymbolicLink(dir.resolve("link.png"), elsewhere);
    AtomicFileWriter.write(link, new byte[] {1}, true);
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(elsewhere));
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(link));
  }

  private long count() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }
}
