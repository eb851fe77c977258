package dev.tegula.png;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes and times of the PNG encoder per effort, for comparing with OptiPNG (not a test). Every
 * output is decoded and compared with the input. Run from the png module:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:CORE_JAR dev.tegula.png.PngEncoderBench \
 *     EFFORTS FILE_OR_DIR...
 * </pre>
 *
 * EFFORTS is a comma-separated list such as {@code 0,2,3} ({@code 3,3} gives a cold and a warm
 * pass). Prints one line per file and effort: bytes, wall and CPU milliseconds of the encode
 * (decoding the input is not counted); the JVM's warm-up is part of the first files' times, as it
 * would be for a command-line run. The OptiPNG side of the comparison, in the same run:
 *
 * <pre>
 * for f in DIR/*.png; do /usr/bin/time -f "%e s wall %U s user" optipng -quiet -o2 -out /tmp/o.png $f
 * done
 * </pre>
 */
public final class PngEncoderBench {
  private PngEncoderBench() {}

  public static void main(String[] args) throws Exception {
    String[] efforts = args[0].split(",");
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path p = Paths.get(args[i]);
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".png")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String e : efforts) {
      int effort = Integer.parseInt(e.trim());
      PngEncodeOptions options = PngEncodeOptions.DEFAULT.withEffort(effort);
      long totalBytes = 0;
      long totalWall = 0;
      long totalCpu = 0;
      for (Path f : files) {
        Image image = PngDecoder.decode(Files.readAllBytes(f), DecodeOptions.DEFAULT).image();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        byte[] png = PngEncoder.encode(image, Metadata.EMPTY, options);
        long wall = System.nanoTime() - t0;
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        Image back = PngDecoder.decode(png, DecodeOptions.DEFAULT).image();
        if (!java.util.Arrays.equals(back.rgba(), image.rgba())) {
          throw new AssertionError(f + ": pixels differ after the round trip");
        }
        totalBytes += png.length;
        totalWall += wall;
        totalCpu += cpu;
        System.out.printf("effort %d %-32s %9d bytes %7d ms wall %7d ms cpu%n", effort,
            f.getFileName(), png.length, wall / 1_000_000, cpu / 1_000_000);
      }
      System.out.printf("effort %d %-32s %9d bytes %7d ms wall %7d ms cpu%n", effort, "TOTAL",
          totalBytes, totalWall / 1_000_000, totalCpu / 1_000_000);
    }
  }
}
