package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Measurement, not a test: what scoring one encode of a target-SSIM search costs, split into the
 * decode ({@link Tegula#decode}) and the SSIM ({@link Metrics#ssim}), against the encode
 * itself ({@link SearchEncoder} at quality 80), in thread CPU (median of {@code -Dreps=5} per
 * image). Per image and format one line; then per format and size class (under 0.5 MP, and the
 * camera-sized images made by tiling each set's first image {@code -Dtile=4} x 4 times) the
 * medians over images of each part as a share of encode + decode + SSIM. Run with the api test
 * classpath: {@code java dev.tegula.api.ScoringCost [-Dper=N] DIR...}.
 */
public class ScoringCost {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final int REPS = Integer.getInteger("reps", 5);

  public static void main(String[] args) throws Exception {
    int per = Integer.getInteger("per", 6);
    int tile = Integer.getInteger("tile", 4);
    List<Image> small = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Image> large = new ArrayList<>();
    for (String dir : args) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(dir), "*.png")) {
        ds.forEach(files::add);
      }
      Collections.sort(files);
      int n = Math.min(per, files.size());
      for (int i = 0; i < n; i++) {
        Path p = files.get(i * files.size() / n);
        small.add(Tegula.decode(Files.readAllBytes(p)).image());
        names.add(Paths.get(dir).getFileName() + "/" + p.getFileName());
      }
      large.add(tiled(small.get(small.size() - n), tile));
    }
    for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
      // warm-up on the first images: the JIT compiles encoder, decoder and SSIM
      for (int w = 0; w < 3; w++) {
        measure(small.get(w % small.size()), f);
      }
      List<double[]> rows = new ArrayList<>();
      for (int i = 0; i < small.size(); i++) {
        double[] r = measure(small.get(i), f);
        rows.add(r);
        print(f + " " + names.get(i), small.get(i), r);
      }
      List<double[]> big = new ArrayList<>();
      for (Image img : large) {
        double[] r = measure(img, f);
        big.add(r);
        print(f + " tiled", img, r);
      }
      summarize(f + " small", rows);
      summarize(f + " camera", big);
    }
  }

  /** {encode, decode, ssim} in ms, medians of REPS. */
  private static double[] measure(Image img, ImageFormat format) {
    CompressOptions o = CompressOptions.lossy(80).withFormat(format);
    SearchEncoder enc = new SearchEncoder(img, Metadata.EMPTY, o);
    long[][] t = new long[3][REPS];
    for (int k = 0; k < REPS; k++) {
      long t0 = MX.getCurrentThreadCpuTime();
      byte[] b = enc.apply(8000);
      long t1 = MX.getCurrentThreadCpuTime();
      Image d = Tegula.decode(b).image();
      long t2 = MX.getCurrentThreadCpuTime();
      Metrics.ssim(img, d);
      long t3 = MX.getCurrentThreadCpuTime();
      t[0][k] = t1 - t0;
      t[1][k] = t2 - t1;
      t[2][k] = t3 - t2;
    }
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      Arrays.sort(t[i]);
      r[i] = t[i][REPS / 2] / 1e6;
    }
    return r;
  }

  private static void print(String name, Image img, double[] r) {
    double all = r[0] + r[1] + r[2];
    System.out.printf("%s %dx%d: encode %.1f ms, decode %.1f ms (%.0f%%), ssim %.1f ms (%.0f%%)%n",
        name, img.width(), img.height(), r[0], r[1], 100 * r[1] / all, r[2], 100 * r[2] / all);
  }

  private static void summarize(String what, List<double[]> rows) {
    double[] dec = new double[rows.size()];
    double[] ssim = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      double all = r[0] + r[1] + r[2];
      dec[i] = r[1] / all;
      ssim[i] = r[2] / all;
    }
    Arrays.sort(dec);
    Arrays.sort(ssim);
    System.out.printf("%s, %d images: median share of encode+decode+ssim: decode %.0f%%, "
        + "ssim %.0f%%%n", what, rows.size(), 100 * dec[dec.length / 2],
        100 * ssim[ssim.length / 2]);
  }

  /** {@code n} x {@code n} copies of {@code img}, mirrored alternately so the seams are smooth. */
  static Image tiled(Image img, int n) {
    int w = img.width();
    int h = img.height();
    int tw = w * n;
    byte[] src = img.rgba();
    byte[] dst = new byte[tw * h * n * 4];
    for (int y = 0; y < h * n; y++) {
      int sy = (y / h) % 2 == 0 ? y % h : h - 1 - y % h;
      for (int x = 0; x < tw; x++) {
        int sx = (x / w) % 2 == 0 ? x % w : w - 1 - x % w;
        System.arraycopy(src, (sy * w + sx) * 4, dst, (y * tw + x) * 4, 4);
      }
    }
    return new Image(tw, h * n, dst);
  }
}
