package dev.tegula.jpeg;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * This build's JPEG decoder against a baseline build in the same run, one thread:
 * {@code DecodeSpeedAb BASELINE.jar ROUNDS FILE.jpg...}. Each decoder is loaded in a class loader
 * of its own (with the same core classes), the rounds alternate between them, and each round's
 * thread CPU time over all files is kept; prints the best and median round of each and their
 * ratio. Neither side is favoured by loading order or JIT history beyond the alternation.
 */
public final class DecodeSpeedAb {
  public static void main(String[] args) throws Throwable {
    URL core = dev.tegula.core.Image.class.getProtectionDomain().getCodeSource().getLocation();
    URL current = JpegDecoder.class.getProtectionDomain().getCodeSource().getLocation();
    URL baseline = Paths.get(args[0]).toUri().toURL();
    int rounds = Integer.parseInt(args[1]);
    byte[][] files = new byte[args.length - 2][];
    long bytes = 0;
    for (int i = 2; i < args.length; i++) {
      files[i - 2] = Files.readAllBytes(Paths.get(args[i]));
      bytes += files[i - 2].length;
    }
    MethodHandle[] decode = {decoder(baseline, core), decoder(current, core)};
    Object[] options = {defaults(decode[0]), defaults(decode[1])};
    String[] names = {"baseline", "this build"};
    long[][] times = new long[2][rounds];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int v = (r & 1) == 0 ? k : 1 - k;
        long t0 = cpu.getCurrentThreadCpuTime();
        for (byte[] f : files) {
          decode[v].invoke(f, options[v]);
        }
        times[v][r] = cpu.getCurrentThreadCpuTime() - t0;
      }
    }
    System.out.printf("%d files, %.1f MB, %d rounds each, alternating%n", files.length,
        bytes / 1e6, rounds);
    double[] median = new double[2];
    for (int v = 0; v < 2; v++) {
      long[] t = times[v].clone();
      Arrays.sort(t);
      median[v] = t[t.length / 2] / 1e6;
      System.out.printf("%-10s best %8.1f ms  median %8.1f ms  (%.1f MB/s median)%n", names[v],
          t[0] / 1e6, median[v], bytes / 1e3 / median[v]);
    }
    System.out.printf("this build / baseline, median CPU time: %.3f%n", median[1] / median[0]);
  }

  private static MethodHandle decoder(URL jpeg, URL core) throws Exception {
    ClassLoader loader = new URLClassLoader(new URL[] {jpeg, core},
        ClassLoader.getPlatformClassLoader());
    Class<?> decoder = loader.loadClass("dev.tegula.jpeg.JpegDecoder");
    Class<?> options = loader.loadClass("dev.tegula.core.DecodeOptions");
    Class<?> result = loader.loadClass("dev.tegula.core.DecodedImage");
    return MethodHandles.publicLookup().findStatic(decoder, "decode",
        MethodType.methodType(result, byte[].class, options));
  }

  private static Object defaults(MethodHandle decode) throws Exception {
    Class<?> options = decode.type().parameterType(1);
    return options.getField("DEFAULT").get(null);
  }
}
