package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The encode cut into jobs gives the bytes of {@link PngEncoder#encode} however its jobs are run:
 * on a thread pool, or in reverse order, at every effort; large images code their deflate parts
 * as separate jobs.
 */
class PngEncodingTest {

  @Test
  void jobsOnAPoolOrInAnyOrderGiveTheSameBytes() throws Exception {
    // 700x500 RGB: 1 MiB of filtered rows, so effort 3 codes two deflate parts as two jobs.
    Image large = picture(700, 500);
    Image small = picture(60, 40);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (Image image : List.of(small, large)) {
        for (int effort = 0; effort <= PngEncodeOptions.MAX_EFFORT; effort++) {
          if (effort == 4 && image == large) {
            continue; // as effort 3, several times slower
          }
          PngEncodeOptions options = PngEncodeOptions.DEFAULT.withEffort(effort);
          byte[] expected = PngEncoder.encode(image, Metadata.EMPTY, options);
          String what = image.width() + "x" + image.height() + " effort " + effort;
          assertArrayEquals(expected, onPool(image, options, pool), what + " on a pool");
          assertArrayEquals(expected, reversed(image, options), what + " jobs reversed");
          PngEncoderTest.assertDecodesTo(image, expected, what);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void largeImagesCodeTheirDeflatePartsAsSeparateJobs() {
    PngEncoding enc = PngEncoder.start(picture(700, 500), Metadata.EMPTY,
        PngEncodeOptions.DEFAULT);
    int most = 0;
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      most = Math.max(most, jobs.size());
      jobs.forEach(Runnable::run);
    }
    // the filter strategies' jobs, their rankings, then two parts of one finalist
    assertTrue(most >= 2, "jobs in the largest step: " + most);
    assertTrue(enc.result().length > 0);
  }

  @Test
  void aFinalistRankedOnASampleDecodesExactly() {
    // 261 rows: ranked on every 4th band of 16 rows (more than 64K of filtered rows), the
    // finalist copies those bands from the sample, the last one (band 16) only 5 rows long.
    for (int effort = 1; effort <= 3; effort += 2) {
      Image image = picture(300, 16 * 16 + 5);
      byte[] png = PngEncoder.encode(image, Metadata.EMPTY,
          PngEncodeOptions.DEFAULT.withEffort(effort));
      PngEncoderTest.assertDecodesTo(image, png, "300x261 effort " + effort);
    }
  }

  @Test
  void resultBeforeTheJobsHaveRunIsRefused() {
    PngEncoding enc = PngEncoder.start(picture(20, 10), null, PngEncodeOptions.DEFAULT);
    List<Runnable> jobs = enc.nextJobs();
    assertFalse(jobs.isEmpty());
    assertThrows(IllegalStateException.class, enc::result);
    jobs.forEach(Runnable::run);
    byte[] png = enc.runHere();
    assertArrayEquals(png, enc.result());
    assertEquals(List.of(), enc.nextJobs());
  }

  private static byte[] onPool(Image image, PngEncodeOptions options, ExecutorService pool)
      throws Exception {
    PngEncoding enc = PngEncoder.start(image, Metadata.EMPTY, options);
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable job : jobs) {
        futures.add(pool.submit(job));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return enc.result();
  }

  private static byte[] reversed(Image image, PngEncodeOptions options) {
    PngEncoding enc = PngEncoder.start(image, Metadata.EMPTY, options);
    for (List<Runnable> jobs = enc.nextJobs(); !jobs.isEmpty(); jobs = enc.nextJobs()) {
      List<Runnable> backwards = new ArrayList<>(jobs);
      Collections.reverse(backwards);
      backwards.forEach(Runnable::run);
    }
    return enc.result();
  }

  /** Smooth gradients with noise and repeated shapes: filters and matches both matter. */
  static Image picture(int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    long seed = 11;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int noise = (int) (seed >>> 62);
        boolean shape = ((x / 16) + (y / 16)) % 5 == 0;
        int o = (y * w + x) * 4;
        rgba[o] = (byte) (shape ? 200 : x * 255 / w + noise);
        rgba[o + 1] = (byte) (shape ? 30 : y * 255 / h);
        rgba[o + 2] = (byte) ((x + y) / 4 + noise);
        rgba[o + 3] = (byte) 0xFF;
      }
    }
    return new Image(w, h, rgba);
  }
}
