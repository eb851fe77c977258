package dev.tegula.bench;

import dev.tegula.api.Tegula;
import dev.tegula.bench.jmh.RecompressBenchmarks;
import dev.tegula.core.Limits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JPEG XL's lossless JPEG recompression, the peer issue 7 names ("JPEG XL ~20 %"), on the inputs of
 * {@link RecompressBenchmarks} in the same run: {@code cjxl --lossless_jpeg=1} and {@code djxl}
 * reconstructing the JPEG (Debian libjxl-tools), one thread each ({@code cjxl --num_threads=0},
 * {@code djxl --num_threads=1}). Their speed is MB of input JPEG per second of wall time with the
 * process start-up taken out, {@code REPS · bytes / (time of 1 + REPS runs − time of 1 run)} (both
 * tools repeat the work with {@code --num_reps}), three trials; JMH's figures are wall time too.
 * Skipped, with a line saying so, when the tools are not on the PATH.
 */
final class JpegXlPeer {
  private static final int REPS = 10;
  private static final int TRIALS = 3;

  private JpegXlPeer() {}

  /**
   * Adds {@code jxlCompress:PHOTO} and {@code jxlRestore:PHOTO} (median, min, max MB/s) to
   * {@code mbps} and returns the size comparison, or why the peer was left out.
   */
  static String measure(Path testdata, Map<String, double[]> mbps) {
    if (!onPath("cjxl") || !onPath("djxl")) {
      return "JPEG XL: not measured (cjxl and djxl, Debian libjxl-tools, are not on the PATH)\n";
    }
    // the inputs are made as in the JMH forks, which are told where testdata is the same way
    System.setProperty("tegula.testdata", testdata.toAbsolutePath().toString());
    StringBuilder sizes = new StringBuilder("| input | JPEG bytes | .tgl (Tegula) | JPEG XL |\n"
        + "|---|---|---|---|\n");
    try {
      Path dir = Files.createTempDirectory("tegula-jxl-peer");
      try {
        for (String photo : new String[] {"baseline", "progressive"}) {
          byte[] jpeg = RecompressBenchmarks.inputJpeg(photo);
          Path in = dir.resolve(photo + ".jpg");
          Path jxl = dir.resolve(photo + ".jxl");
          Path back = dir.resolve(photo + ".back.jpg");
          Files.write(in, jpeg);
          String[] compress = {"cjxl", "--lossless_jpeg=1", "--num_threads=0", "--quiet",
              in.toString(), jxl.toString()};
          String[] restore = {"djxl", "--num_threads=1", "--quiet", jxl.toString(),
              back.toString()};
          run(compress);
          run(restore);
          if (!Arrays.equals(Files.readAllBytes(back), jpeg)) {
            return "JPEG XL: not measured (djxl did not restore the " + photo + " JPEG exactly)\n";
          }
          mbps.put("jxlCompress:" + photo, speed(compress, jpeg.length));
          mbps.put("jxlRestore:" + photo, speed(restore, jpeg.length));
          long tgl = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).tgl().length;
          long jxlBytes = Files.size(jxl);
          sizes.append(String.format(Locale.ROOT, "| %s | %d | %d (%.1f%% smaller) | %d (%.1f%%"
              + " smaller) |%n", photo, jpeg.length, tgl, saving(jpeg.length, tgl), jxlBytes,
              saving(jpeg.length, jxlBytes)));
        }
      } finally {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.delete(p);
          }
        }
        Files.delete(dir);
      }
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "JPEG XL: not measured (" + e.getMessage() + ")\n";
    }
    return "Sizes, the same inputs (JPEG XL: cjxl " + version() + ")\n\n" + sizes;
  }

  private static double saving(long jpeg, long coded) {
    return 100.0 * (jpeg - coded) / jpeg;
  }

  /** Median, min and max over the trials of MB of input per second, start-up taken out. */
  private static double[] speed(String[] command, int inputBytes)
      throws IOException, InterruptedException {
    double[] trials = new double[TRIALS];
    for (int t = 0; t < TRIALS; t++) {
      double once = timed(withReps(command, 1));
      double many = timed(withReps(command, 1 + REPS));
      trials[t] = REPS * (double) inputBytes / Math.max(1e-6, many - once) / 1e6;
    }
    Arrays.sort(trials);
    return new double[] {trials[TRIALS / 2], trials[0], trials[TRIALS - 1]};
  }

  private static String[] withReps(String[] command, int reps) {
    String[] out = Arrays.copyOf(command, command.length + 1);
    out[command.length] = "--num_reps=" + reps;
    return out;
  }

  /** Wall seconds of one run of the command. */
  private static double timed(String[] command) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    run(command);
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void run(String[] command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command[0] + " took over 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
    }
  }

  private static String version() {
    try {
      Process p = new ProcessBuilder("cjxl", "--version").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
      p.waitFor(10, TimeUnit.SECONDS);
      return first.replaceFirst("^cjxl ", "").replaceFirst(" \\[.*", "");
    } catch (IOException | InterruptedException e) {
      return "(version unknown)";
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }
}
