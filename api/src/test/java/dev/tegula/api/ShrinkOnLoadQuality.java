package dev.tegula.api;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.metrics.Comparison;
import dev.tegula.metrics.Metrics;
import dev.tegula.transform.Resizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measurement, not a test: what decoding a JPEG shrunk ({@link DecodeOptions#jpegShrink()})
 * before a resize costs in fidelity and saves in time. For each JPEG and each factor F the image
 * is fitted within (its longer side / F), the reference is the whole decode resized by {@link
 * Resizer} (Lanczos-3); each shrink n in 2, 4, 8 that leaves the decode at least the fitted size
 * gives its decode resized to the same size, compared with the reference (RGB PSNR, SSIM) and
 * timed (decode + resize, best of 5, thread CPU). Prints one line per image, F and n.
 * With {@code -Doriginals=DIR} (X.png there for X.jpg), both are also compared with the original
 * resized the same way, the truth neither decode reaches: "truth" columns, reference then shrunk.
 * {@code java dev.tegula.api.ShrinkOnLoadQuality DIR-or-FILE... [-Dfactors=1.5,2,3,4,6,8]}.
 */
public class ShrinkOnLoadQuality {
  public static void main(String[] args) throws Exception {
    String[] fs = System.getProperty("factors", "1.5,2,3,4,6,8,12").split(",");
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      Path p = Paths.get(a);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
        .getThreadMXBean();

    if (Boolean.getBoolean("compress")) {
      compressTimes(files, fs, mx);
      return;
    }
    String originals = System.getProperty("originals");
    System.out.println("file\tF\tsize\tn\tPSNR\tSSIM\tms(n)\tms(1)\ttruthPSNR ref/n\ttruthSSIM ref/n");
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      for (String fa : fs) {
        double factor = Double.parseDouble(fa);
        Image whole = JpegDecoder.decode(data, DecodeOptions.DEFAULT).image();
        int max = (int) Math.round(Math.max(whole.width(), whole.height()) / factor);
        int[] t = Resizer.fittedSize(whole.width(), whole.height(), max);
        Image ref = Resizer.resize(whole, t[0], t[1], false);
        Image truth = null;
        if (originals != null) {
          Path o = Paths.get(originals, f.getFileName().toString().replace(".jpg", ".png"));
          if (Files.exists(o)) {
            Image orig = Tegula.decode(Files.readAllBytes(o)).image();
            truth = Resizer.resize(orig, t[0], t[1], false);
          }
        }
        long refNs = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
          long c0 = mx.getCurrentThreadCpuTime();
          Resizer.resize(JpegDecoder.decode(data, DecodeOptions.DEFAULT).image(), t[0], t[1],
              false);
          refNs = Math.min(refNs, mx.getCurrentThreadCpuTime() - c0);
        }
        for (int n = 2; n <= 8; n *= 2) {
          int w = (whole.width() + n - 1) / n;
          int h = (whole.height() + n - 1) / n;
          if (w < t[0] || h < t[1]) {
            break;
          }
          DecodeOptions o = DecodeOptions.DEFAULT.withJpegShrink(n);
          double ew = whole.width() / (double) n;
          double eh = whole.height() / (double) n;
          Image got = Resizer.resize(JpegDecoder.decode(data, o).image(), t[0], t[1], ew, eh,
              false);
          long ns = Long.MAX_VALUE;
          for (int r = 0; r < 5; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Resizer.resize(JpegDecoder.decode(data, o).image(), t[0], t[1], ew, eh, false);
            ns = Math.min(ns, mx.getCurrentThreadCpuTime() - c0);
          }
          Comparison c = Metrics.compare(ref, got);
          String tr = "";
          if (truth != null) {
            Comparison a = Metrics.compare(truth, ref);
            Comparison b = Metrics.compare(truth, got);
            tr = String.format("\t%.2f/%.2f\t%.5f/%.5f", a.psnr(), b.psnr(), a.ssim(), b.ssim());
          }
          System.out.printf("%s\t%s\t%dx%d\t%d\t%.2f\t%.5f\t%.1f\t%.1f%s%n", f.getFileName(),
              fa, t[0], t[1], n, c.psnr(), c.ssim(), ns / 1e6, refNs / 1e6, tr);
        }
      }
    }
  }
  /**
   * -Dcompress=true: a whole JPEG compress (q75, 4:2:0) fitted within (longer side / F), through
   * {@link Tegula#compressFile} (which decodes shrunk where it may) against the same compress of
   * a whole decode; thread CPU, best of 7 after 3 warm-ups, one line per file and F.
   */
  private static void compressTimes(List<Path> files, String[] fs,
      java.lang.management.ThreadMXBean mx) throws Exception {
    System.out.println("file\tF\tshrink\tms(shrunk)\tms(whole)\tratio");
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      dev.tegula.core.ImageInfo info = Tegula.readInfo(data);
      for (String fa : fs) {
        int max = (int) Math.round(Math.max(info.width(), info.height())
            / Double.parseDouble(fa));
        CompressOptions o = CompressOptions.lossy(75).withFormat(ImageFormat.JPEG)
            .withMaxDimension(max);
        long fast = Long.MAX_VALUE;
        long whole = Long.MAX_VALUE;
        for (int r = 0; r < 10; r++) {
          long c0 = mx.getCurrentThreadCpuTime();
          Tegula.compressFile(data, o, dev.tegula.core.Limits.DEFAULT);
          long c1 = mx.getCurrentThreadCpuTime();
          Tegula.compress(Tegula.decode(data), o);
          long c2 = mx.getCurrentThreadCpuTime();
          if (r >= 3) {
            fast = Math.min(fast, c1 - c0);
            whole = Math.min(whole, c2 - c1);
          }
        }
        System.out.printf("%s\t%s\t%d\t%.1f\t%.1f\t%.2f%n", f.getFileName(), fa,
            CompressPipeline.jpegShrink(info.width(), info.height(), o), fast / 1e6,
            whole / 1e6, (double) whole / fast);
      }
    }
  }
}
