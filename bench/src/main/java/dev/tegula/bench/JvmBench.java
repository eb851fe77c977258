package dev.tegula.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks (dev.tegula.bench.jmh) and prints a Markdown table: median ms per
 * image, MP/s, the ratio against ImageIO's codec for the same job in the same run, and the .tgl
 * speed targets of issue 3.
 */
final class JvmBench {
  /** The photo of BenchImages: the corpus flower beside its mirror image. */
  static final double MEGAPIXELS = 2268 * 756 / 1e6;

  /** benchmark, what, baseline (or null), target MP/s (or 0). */
  private static final String[][] ROWS = {
    {"jpegDecodeImageIo", "JPEG decode, ImageIO (baseline)", null, "0"},
    {"jpegDecodeTegula", "JPEG decode, Tegula", "jpegDecodeImageIo", "0"},
    {"pngDecodeImageIo", "PNG decode, ImageIO (baseline)", null, "0"},
    {"pngDecodeTegula", "PNG decode, Tegula", "pngDecodeImageIo", "0"},
    {"tglDecodeLossyQ75", ".tgl lossy q75 decode", "jpegDecodeImageIo", "40"},
    {"tglDecodeLossless", ".tgl lossless decode", "pngDecodeImageIo", "0"},
    {"jpegEncodeImageIoQ75", "JPEG encode q75, ImageIO (baseline)", null, "0"},
    {"jpegEncodeTegulaQ75", "JPEG encode q75, Tegula", "jpegEncodeImageIoQ75", "0"},
    {"pngEncodeImageIo", "PNG encode, ImageIO (baseline)", null, "0"},
    {"pngEncodeTegula", "PNG encode, Tegula", "pngEncodeImageIo", "0"},
    {"tglEncodeLossyQ75", ".tgl lossy q75 encode", "jpegEncodeImageIoQ75", "10"},
    {"tglEncodeLossless", ".tgl lossless encode", "pngEncodeImageIo", "0"},
    {"ssim", "SSIM (scikit-image default, RGB)", null, "0"},
    {"msSsim", "MS-SSIM (luma)", null, "0"},
    {"allMetrics", "all metrics (PSNR, SSIM, Gaussian SSIM, MS-SSIM)", null, "0"},
  };

  record Settings(int forks, int warmups, int iterations, int seconds, String filter) {}

  private JvmBench() {}

  static String run(Settings s, Path testdata, Path json, PrintStream log) throws RunnerException {
    log.printf(Locale.ROOT, "JMH: %d fork(s), %d warm-up and %d measured iterations of %d s, one thread%n",
        s.forks(), s.warmups(), s.iterations(), s.seconds());
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("dev\\.tegula\\.bench\\.jmh\\..*" + (s.filter() == null ? "" : s.filter()))
        .forks(s.forks())
        .warmupIterations(s.warmups())
        .warmupTime(TimeValue.seconds(s.seconds()))
        .measurementIterations(s.iterations())
        .measurementTime(TimeValue.seconds(s.seconds()))
        .threads(1)
        .jvmArgsAppend("-Xmx3g", "-Dtegula.testdata=" + testdata.toAbsolutePath())
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build()).run();
    Map<String, double[]> medians = new HashMap<>();
    Map<String, double[]> throughputs = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      // RecompressBenchmarks: throughput of input JPEG bytes, one row per input
      boolean recompress = r.getParams().getBenchmark().contains(".RecompressBenchmarks.");
      List<Double> scores = new ArrayList<>();
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          scores.add(recompress ? i.getSecondaryResults().get("jpegBytes").getScore()
              : i.getPrimaryResult().getScore());
        }
      }
      scores.sort(null);
      double[] m = {scores.get(scores.size() / 2), scores.get(0), scores.get(scores.size() - 1)};
      if (recompress) {
        throughputs.put(name + ":" + r.getParams().getParam("photo"), m);
      } else {
        medians.put(name, m);
      }
    }
    // a filter that picks only some benchmarks leaves the other table out, header and all
    String images = medians.isEmpty() ? "" : table(medians);
    // the peer on the same inputs, after JMH so that the two never share the machine
    String peer = throughputs.isEmpty() ? "" : JpegXlPeer.measure(testdata, throughputs);
    String recompress = throughputs.isEmpty() ? "" : recompressTable(throughputs) + "\n" + peer;
    return images + (images.isEmpty() || recompress.isEmpty() ? "" : "\n") + recompress;
  }

  /** benchmark, what, target MB/s (or 0): issue 7's JPEG recompression. */
  private static final String[][] RECOMPRESS_ROWS = {
    {"jpegDecode", "JPEG decode to pixels, Tegula (the reference)", "0"},
    {"compress", "compress (--jpeg-lossless, content 2)", "5"},
    {"restoreJpeg", "restore the JPEG file", "15"},
    {"restorePixels", "restore straight to pixels", "0"},
    {"compressAdaptive", "compress --jpeg-coding adaptive (content 0)", "5"},
    {"restoreJpegAdaptive", "restore the JPEG file, content 0", "15"},
    {"restorePixelsAdaptive", "restore straight to pixels, content 0", "0"},
    {"jxlCompress", "JPEG XL: cjxl --lossless_jpeg=1 (peer, one thread)", "0"},
    {"jxlRestore", "JPEG XL: djxl restores the JPEG file (peer, one thread)", "0"},
  };

  /**
   * JPEG recompression: MB of input JPEG per second (median, min-max), the ratio to the JPEG
   * decode of the same file in the same run, and issue 7's targets. Keys are benchmark:photo.
   */
  static String recompressTable(Map<String, double[]> mbps) {
    StringBuilder out = new StringBuilder(
        "JPEG recompression (RecompressBenchmarks), one thread; MB of input JPEG per second\n\n");
    out.append("| job | input | MB/s (median, min-max) | vs JPEG decode, same run | target |\n");
    out.append("|---|---|---|---|---|\n");
    for (String photo : new String[] {"baseline", "progressive"}) {
      double[] base = mbps.get("jpegDecode:" + photo);
      for (String[] row : RECOMPRESS_ROWS) {
        double[] m = mbps.get(row[0] + ":" + photo);
        if (m == null) {
          continue;
        }
        String ratio = base == null || row[0].equals("jpegDecode") ? ""
            : String.format(Locale.ROOT, "%.2fx", m[0] / base[0]);
        int target = Integer.parseInt(row[2]);
        String goal = target == 0 ? ""
            : ">= " + target + " MB/s: " + (m[0] >= target ? "met" : "not met");
        out.append(String.format(Locale.ROOT, "| %s | %s | %.2f (%.2f-%.2f) | %s | %s |%n",
            row[1], photo, m[0], m[1], m[2], ratio, goal));
      }
    }
    return out.toString();
  }

  static String table(Map<String, double[]> ms) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%.2f MP photo, one thread; median of the measured iterations%n%n", MEGAPIXELS));
    out.append("| job | ms per image (median, min-max) | MP/s | vs ImageIO, same run | target |\n");
    out.append("|---|---|---|---|---|\n");
    for (String[] row : ROWS) {
      double[] m = ms.get(row[0]);
      if (m == null) {
        continue;
      }
      double mps = MEGAPIXELS / (m[0] / 1000);
      String ratio = "";
      if (row[2] != null && ms.containsKey(row[2])) {
        ratio = String.format(Locale.ROOT, "%.2fx ImageIO %s", ms.get(row[2])[0] / m[0],
            row[2].startsWith("jpegDecode") ? "JPEG decode" : row[2].startsWith("pngDecode")
                ? "PNG decode" : row[2].startsWith("jpegEncode") ? "JPEG encode" : "PNG encode");
      }
      int target = Integer.parseInt(row[3]);
      String goal = target == 0 ? ""
          : ">= " + target + " MP/s: " + (mps >= target ? "met" : "not met");
      out.append(String.format(Locale.ROOT, "| %s | %.1f (%.1f-%.1f) | %.1f | %s | %s |%n",
          row[1], m[0], m[1], m[2], mps, ratio, goal));
    }
    return out.toString();
  }
}
