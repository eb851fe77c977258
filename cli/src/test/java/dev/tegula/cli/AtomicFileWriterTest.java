package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
  @TempDir
  Path dir;

  /**
   * Starts a write with AtomicFileWriter and holds it once the temporary file exists, for the
   * test that stops this JVM meanwhile. Held, not merely large: a large write can finish before
   * the stop arrives on a fast disk, and then the test would not be about the stop.
   */
  public static void main(String[] args) throws IOException {
    AtomicFileWriter.write(Path.of(args[0]), new byte[] {1, 2, 3}, false, () -> {
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  @Test
  void aJvmStoppedDuringTheWriteLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("big.png");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        AtomicFileWriterTest.class.getName(), target.toString()).inheritIO().start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (count() == 0 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertTrue(p.isAlive() && count() == 1, "the write is held with its temporary file");
    p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, not the writing thread's finally
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, count(), "neither the temporary file nor the target is left");
  }

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
