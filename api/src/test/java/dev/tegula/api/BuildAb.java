package dev.tegula.api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Measurement, not a test: the CPU of whole target-SSIM searches ({@link Tegula#compress} with
 * {@link CompressOptions#withTargetSsim}, at 0.90, 0.95, 0.97 and 0.99) of two builds in one run,
 * for a change meant to save CPU without changing any file: each build in its own class loader
 * (its classpath file, as the api test classpath), the two in turns, thread CPU per search the
 * median of {@code -Dreps=3}, and every pair of files compared byte for byte. Per search one
 * line, then per size class (under and from 0.5 megapixels) the B/A ratios' median, mean and
 * quartiles and how many files differ. {@code -Dtile=n} searches PNGs of n x n mirrored copies
 * of each image instead (camera-sized images from the corpus). Run: {@code java
 * dev.tegula.api.BuildAb CP-FILE-A CP-FILE-B jpeg|tgl [-Dper=N images per set] [-Dtile=n]
 * DIR...}; copy a build's classes and jars first when it may be rebuilt during the run.
 */
public class BuildAb {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  static final class Build {
    final ClassLoader cl;
    final Method decode;
    final Method lossy;
    final Method withFormat;
    final Method withTarget;
    final Method compress;
    final Method bytes;
    final Method image;
    final Method rgba;
    final Method width;
    final Method height;
    final Method encodePng;
    final Object format;
    Build(String cpFile, String fmt) throws Exception {
      List<URL> urls = new ArrayList<>();
      for (String p : Files.readString(Paths.get(cpFile)).trim().split(":")) {
        urls.add(Paths.get(p).toUri().toURL());
      }
      cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
      Class<?> tegula = cl.loadClass("dev.tegula.api.Tegula");
      Class<?> opts = cl.loadClass("dev.tegula.api.CompressOptions");
      Class<?> fmtC = cl.loadClass("dev.tegula.api.ImageFormat");
      Class<?> decoded = cl.loadClass("dev.tegula.core.DecodedImage");
      Class<?> img = cl.loadClass("dev.tegula.core.Image");
      Class<?> res = cl.loadClass("dev.tegula.api.CompressResult");
      Class<?> meta = cl.loadClass("dev.tegula.core.Metadata");
      decode = tegula.getMethod("decode", byte[].class);
      lossy = opts.getMethod("lossy", int.class);
      withFormat = opts.getMethod("withFormat", fmtC);
      withTarget = opts.getMethod("withTargetSsim", double.class);
      compress = tegula.getMethod("compress", decoded, opts);
      bytes = res.getMethod("bytes");
      image = decoded.getMethod("image");
      rgba = img.getMethod("rgba");
      width = img.getMethod("width");
      height = img.getMethod("height");
      encodePng = tegula.getMethod("encodePng", img, meta);
      format = fmtC.getField(fmt.toUpperCase()).get(null);
    }
    Object decoded(byte[] file) throws Exception {
      return decode.invoke(null, (Object) file);
    }
    byte[] search(Object decoded, double target) throws Exception {
      Object o = withTarget.invoke(withFormat.invoke(lossy.invoke(null, 75), format), target);
      return (byte[]) bytes.invoke(compress.invoke(null, decoded, o));
    }
  }

  public static void main(String[] args) throws Exception {
    Build a = new Build(args[0], args[2]);
    Build b = new Build(args[1], args[2]);
    int per = Integer.getInteger("per", 3);
    int tile = Integer.getInteger("tile", 0);
    double[] targets = {0.90, 0.95, 0.97, 0.99};
    List<byte[]> files = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int d = 3; d < args.length; d++) {
      List<Path> all = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(args[d]), "*.png")) {
        ds.forEach(all::add);
      }
      Collections.sort(all);
      int n = Math.min(per, all.size());
      for (int i = 0; i < n; i++) {
        Path p = all.get(i * all.size() / n);
        byte[] f = Files.readAllBytes(p);
        if (tile > 1) {
          f = tiled(a, f, tile);
        }
        files.add(f);
        names.add(Paths.get(args[d]).getFileName() + "/" + p.getFileName());
      }
    }
    // warm-up: every build compiles its encoder, decoder, SSIM and probes
    for (int w = 0; w < Integer.getInteger("warmUp", 2); w++) {
      for (int f = 0; f < Math.min(files.size(), 4); f++) {
        for (double t : targets) {
          a.search(a.decoded(files.get(f)), t);
          b.search(b.decoded(files.get(f)), t);
        }
      }
    }
    int reps = Integer.getInteger("reps", 3);
    List<double[]> rows = new ArrayList<>();
    int turn = 0;
    for (int i = 0; i < files.size(); i++) {
      Object da = a.decoded(files.get(i));
      Object db = b.decoded(files.get(i));
      Object im = a.image.invoke(da);
      double mp = (int) a.width.invoke(im) * (double) (int) a.height.invoke(im) / 1e6;
      for (double t : targets) {
        long[][] times = new long[2][reps];
        byte[][] out = new byte[2][];
        for (int rep = 0; rep < reps; rep++) {
          for (int k = 0; k < 2; k++) {
            int v = (k + turn) % 2;
            Build x = v == 0 ? a : b;
            long t0 = MX.getCurrentThreadCpuTime();
            out[v] = x.search(v == 0 ? da : db, t);
            times[v][rep] = MX.getCurrentThreadCpuTime() - t0;
          }
          turn++;
        }
        long[] cpu = new long[2];
        for (int v = 0; v < 2; v++) {
          Arrays.sort(times[v]);
          cpu[v] = times[v][reps / 2];
        }
        boolean same = Arrays.equals(out[0], out[1]);
        rows.add(new double[] {mp, cpu[1] / (double) cpu[0], same ? 1 : 0});
        System.out.printf("%s %.2fMP %.2f: A %.1f ms, B %.1f ms, B/A %.2f%s%n", names.get(i), mp, t,
            cpu[0] / 1e6, cpu[1] / 1e6, cpu[1] / (double) cpu[0], same ? "" : " FILES DIFFER");
      }
    }
    for (int small = 1; small >= 0; small--) {
      List<Double> r = new ArrayList<>();
      int differ = 0;
      for (double[] row : rows) {
        if ((row[0] < 0.5) == (small == 1)) {
          r.add(row[1]);
          differ += row[2] == 1 ? 0 : 1;
        }
      }
      if (r.isEmpty()) {
        continue;
      }
      Collections.sort(r);
      double mean = r.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf("%s MP, %d searches: B/A median %.3f, mean %.3f, quartiles %.3f-%.3f; "
          + "%d files differ%n",
          small == 1 ? "<0.5" : ">=0.5", r.size(), r.get(r.size() / 2), mean, r.get(r.size() / 4),
          r.get(3 * r.size() / 4), differ);
    }
  }

  /** The PNG of n x n mirrored copies of the image in {@code file}. */
  static byte[] tiled(Build x, byte[] file, int n) throws Exception {
    Object im = x.image.invoke(x.decoded(file));
    int w = (int) x.width.invoke(im);
    int h = (int) x.height.invoke(im);
    byte[] src = (byte[]) x.rgba.invoke(im);
    int tw = w * n;
    byte[] dst = new byte[tw * h * n * 4];
    for (int y = 0; y < h * n; y++) {
      int sy = (y / h) % 2 == 0 ? y % h : h - 1 - y % h;
      for (int xx = 0; xx < tw; xx++) {
        int sx = (xx / w) % 2 == 0 ? xx % w : w - 1 - xx % w;
        System.arraycopy(src, (sy * w + sx) * 4, dst, (y * tw + xx) * 4, 4);
      }
    }
    Class<?> img = x.cl.loadClass("dev.tegula.core.Image");
    Object big = img.getConstructor(int.class, int.class, byte[].class).newInstance(tw, h * n, dst);
    return (byte[]) x.encodePng.invoke(null, big, null);
  }
}
