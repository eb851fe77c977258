package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Tegula#compress(DecodedImage, CompressOptions, java.util.function.Consumer)}. */
class CompressPngJobsTest {
  private static DecodedImage photo() throws IOException {
    return Tegula.decode(Files.readAllBytes(TglFacadeTest.testdata("photos/astronaut.png")));
  }

  /** Every job of a step on a pool of four threads, in reverse order; waits for all of them. */
  private static void onPool(List<Runnable> jobs, ExecutorService pool, AtomicInteger most) {
    most.accumulateAndGet(jobs.size(), Math::max);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = jobs.size() - 1; i >= 0; i--) {
      futures.add(pool.submit(jobs.get(i)));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void pngJobsOnAPoolGiveTheBytesOfTheSequentialEncode(int effort) throws IOException {
    DecodedImage d = photo();
    CompressOptions options = CompressOptions.lossless().withFormat(ImageFormat.PNG)
        .withPngEffort(effort).withMaxDimension(300);
    byte[] sequential = Tegula.compress(d, options).bytes();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger most = new AtomicInteger();
    try {
      byte[] pooled = Tegula.compress(d, options, jobs -> onPool(jobs, pool, most)).bytes();
      assertArrayEquals(sequential, pooled);
    } finally {
      pool.shutdownNow();
    }
    assertTrue(most.get() > 1, "the encode gave the runner a step of several jobs");
    assertArrayEquals(Tegula.prepare(d, options).image().rgba(),
        Tegula.decode(sequential).image().rgba(), "PNG is lossless");
  }

  @Test
  void otherFormatsDoNotUseTheRunner() throws IOException {
    DecodedImage d = photo();
    CompressOptions options = CompressOptions.lossy(60).withFormat(ImageFormat.JPEG)
        .withMaxDimension(128);
    byte[] jpeg = Tegula.compress(d, options, jobs -> {
      throw new AssertionError("a JPEG encode handed out PNG jobs");
    }).bytes();
    assertArrayEquals(Tegula.compress(d, options).bytes(), jpeg);
  }

  @Test
  void aNullRunnerIsMisuse() throws IOException {
    DecodedImage d = photo();
    assertThrows(IllegalArgumentException.class, () -> Tegula.compress(d,
        CompressOptions.lossless().withFormat(ImageFormat.PNG), null));
  }
}
