package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Not a test: the measurement behind format-jpeg.md §9. {@code java -cp ... Measure DIR...} prints
 * per directory the mean saving, the modelled fraction and the compress/restore throughput, with
 * a plain copy of the bytes timed in the same run as the baseline.
 */
public final class Measure {
  private Measure() {}

  public static void main(String[] args) throws Exception {
    for (String dir : args) {
      List<Path> files;
      try (Stream<Path> s = Files.list(Paths.get(dir))) {
        files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().collect(Collectors.toList());
      }
      double savingSum = 0;
      int modelled = 0;
      long bytesIn = 0;
      long bytesOut = 0;
      long compressNs = 0;
      long restoreNs = 0;
      long shaNs = 0;
      long jdkShaNs = 0;
      int modelWorks = 0;
      for (Path f : files) {
        byte[] jpeg = Files.readAllBytes(f);
        for (int warm = 0; warm < 2; warm++) {
          JpegRecompression.restoreJpeg(JpegRecompression.compress(jpeg, Limits.DEFAULT),
              Limits.DEFAULT);
        }
        long t0 = System.nanoTime();
        JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT);
        long t1 = System.nanoTime();
        byte[] back = JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT);
        long t2 = System.nanoTime();
        Sha256.digest(jpeg, jpeg.length);
        long t3 = System.nanoTime();
        java.security.MessageDigest.getInstance("SHA-256").digest(jpeg);
        jdkShaNs += System.nanoTime() - t3;
        if (JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true,
            JpegRecompression.MODEL).reason() == null) {
          modelWorks++;
        }
        if (!Arrays.equals(back, jpeg)) {
          throw new AssertionError(f + " did not round-trip");
        }
        compressNs += t1 - t0;
        restoreNs += t2 - t1;
        shaNs += t3 - t2;
        bytesIn += jpeg.length;
        bytesOut += c.tgl().length;
        savingSum += 1 - (double) c.tgl().length / jpeg.length;
        if (c.modelled()) {
          modelled++;
        } else if (args.length > 0 && System.getProperty("verbose") != null) {
          System.out.println("  verbatim " + f.getFileName() + ": " + c.reason());
        }
      }
      System.out.printf("%s: %d files, mean saving %.2f%%, total saving %.2f%%, modelled %d/%d,"
          + " model covers all scans of %d, compress %.1f MB/s, restore %.1f MB/s,"
          + " our SHA-256 %.1f MB/s, the JDK's %.1f MB/s%n", dir,
          files.size(), 100 * savingSum / files.size(), 100 * (1 - (double) bytesOut / bytesIn),
          modelled, files.size(), modelWorks, bytesIn / 1e6 / (compressNs / 1e9),
          bytesIn / 1e6 / (restoreNs / 1e9), bytesIn / 1e6 / (shaNs / 1e9),
          bytesIn / 1e6 / (jdkShaNs / 1e9));
    }
  }
}
