package dev.tegula.recompress;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegDecoder;
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
 * the JPEG decoder's decode to pixels timed in the same run as the baseline. The first directory
 * also warms the JIT: give it twice and ignore the first line. It measures the default coding,
 * content 2 (format-jpeg-coefficients-fast.md); {@code -Dcontent=0} measures content 0
 * (format-jpeg-coefficients.md).
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
      long decodeNs = 0;
      for (Path f : files) {
        byte[] jpeg = Files.readAllBytes(f);
        long t0 = System.nanoTime();
        JpegCompression c = JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT,
            Integer.getInteger("content", TileContent.DEFAULT));
        long t1 = System.nanoTime();
        byte[] back = JpegRecompression.restoreJpeg(c.tgl(), Limits.DEFAULT);
        long t2 = System.nanoTime();
        JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
        long t3 = System.nanoTime();
        if (!Arrays.equals(back, jpeg)) {
          throw new AssertionError(f + " did not round-trip");
        }
        compressNs += t1 - t0;
        restoreNs += t2 - t1;
        decodeNs += t3 - t2;
        bytesIn += jpeg.length;
        bytesOut += c.tgl().length;
        savingSum += 1 - (double) c.tgl().length / jpeg.length;
        if (c.modelled()) {
          modelled++;
        } else if (System.getProperty("verbose") != null) {
          System.out.println("  verbatim " + f.getFileName() + ": " + c.reason());
        }
      }
      System.out.printf("%s: %d files, mean saving %.2f%%, total saving %.2f%%, modelled %d/%d,"
          + " compress %.2f MB/s, restore %.2f MB/s, JPEG decode to pixels %.2f MB/s%n", dir,
          files.size(), 100 * savingSum / files.size(), 100 * (1 - (double) bytesOut / bytesIn),
          modelled, files.size(), bytesIn / 1e6 / (compressNs / 1e9),
          bytesIn / 1e6 / (restoreNs / 1e9), bytesIn / 1e6 / (decodeNs / 1e9));
    }
  }
}
