package dev.tegula.recompress;

import dev.tegula.core.Limits;
import dev.tegula.jpeg.CoefficientReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures the coder on JPEG files given as arguments (files or folders), grouped by
 * the name's suffix after the last '_' or by folder. Prints, per file and per group, the coded
 * size against the JPEG's entropy-coded bytes and whole file, and the speed of encode and decode
 * in MB/s of input JPEG next to the jpeg module's Huffman decode of the same file (the baseline).
 * Run: java -cp ... dev.tegula.recompress.CoefficientCoderMeasure [-rows N] files...
 */
public final class CoefficientCoderMeasure {
  public static void main(String[] args) throws Exception {
    int bandRows = 0;
    int bandPixels = 0;
    boolean timed = true;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-rows")) {
        bandRows = Integer.parseInt(args[++i]);
        continue;
      }
      if (args[i].equals("-px")) {
        bandPixels = Integer.parseInt(args[++i]);
        continue;
      }
      if (args[i].equals("-size")) {
        timed = false;
        continue;
      }
      Path p = Path.of(args[i]);
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    java.util.Map<String, double[]> groups = new java.util.TreeMap<>();
    long totalIn = 0;
    double encNs = 0;
    double decNs = 0;
    double hufNs = 0;
    for (Path f : files) {
      byte[] jpeg = Files.readAllBytes(f);
      CoefficientImage img;
      try {
        img = CoefficientFixtures.read(jpeg);
      } catch (RuntimeException e) {
        System.out.println(f.getFileName() + " skipped: " + e.getMessage());
        continue;
      }
      int ecs = CoefficientFixtures.entropyCodedBytes(jpeg);
      int rows = img.mcuRows();
      int band = bandRows <= 0 ? rows : bandRows;
      if (bandPixels > 0) {
        int mcuHeight = 8;
        for (int c = 0; c < img.components; c++) {
          mcuHeight = Math.max(mcuHeight, 8 * img.v[c]);
        }
        band = Math.max(1, bandPixels / mcuHeight);
      }
      // warm-up and correctness
      List<byte[]> coded = encodeAll(img, band);
      CoefficientImage back = CoefficientFixtures.emptyLike(img);
      decodeAll(coded, back, band);
      for (int c = 0; c < img.components; c++) {
        if (!Arrays.equals(img.coefficients[c], back.coefficients[c])) {
          throw new AssertionError("mismatch " + f);
        }
      }
      int size = 0;
      for (byte[] b : coded) {
        size += b.length;
      }
      int reps = timed ? Math.max(2, (int) (4_000_000L / jpeg.length)) : 0;
      // Thread CPU time: the machine is shared, wall time measures the neighbours too.
      java.lang.management.ThreadMXBean mx =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long t0 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        CoefficientReader.read(jpeg, Limits.DEFAULT);
      }
      long t1 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        encodeAll(img, band);
      }
      long t2 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        decodeAll(coded, back, band);
      }
      long t3 = mx.getCurrentThreadCpuTime();
      if (timed) {
        hufNs += (t1 - t0) / (double) reps;
        encNs += (t2 - t1) / (double) reps;
        decNs += (t3 - t2) / (double) reps;
      }
      totalIn += jpeg.length;
      String name = f.getFileName().toString();
      String stem = name.substring(0, name.length() - 4);
      int cut = stem.lastIndexOf('_', stem.lastIndexOf('_') - 1);
      String group = f.getParent().getFileName() + "/" + (cut > 0 ? stem.substring(cut + 1) : "all");
      if (f.getParent().getFileName().toString().equals("jpeg")) {
        group = "testdata/jpeg";
      }
      double savEcs = 1 - size / (double) ecs;
      double savFile = 1 - (size + jpeg.length - ecs) / (double) jpeg.length;
      System.out.printf("%-50s file %8d ecs %8d coded %8d  saving ecs %5.1f%% file %5.1f%%%n",
          name, jpeg.length, ecs, size, 100 * savEcs, 100 * savFile);
      double[] g = groups.computeIfAbsent(group, k -> new double[5]);
      g[0] += savEcs;
      g[1] += savFile;
      g[2]++;
      g[3] += ecs;
      g[4] += size;
    }
    double[] all = new double[5];
    for (double[] g : groups.values()) {
      for (int i = 0; i < 5; i++) {
        all[i] += g[i];
      }
    }
    groups.put("~all", all);
    for (var e : groups.entrySet()) {
      double[] g = e.getValue();
      System.out.printf("group %-28s n=%3d mean saving vs ecs %5.1f%%, vs file %5.1f%%, "
          + "total ecs %5.1f%%%n", e.getKey(), (int) g[2], 100 * g[0] / g[2], 100 * g[1] / g[2],
          100 * (1 - g[4] / g[3]));
    }
    System.out.printf("speed (MB per CPU second of JPEG): encode %.1f, decode %.1f, baseline Huffman decode "
        + "(CoefficientReader) %.1f; encode/baseline %.2f, decode/baseline %.2f%n",
        totalIn / encNs * 1e3, totalIn / decNs * 1e3, totalIn / hufNs * 1e3, hufNs / encNs,
        hufNs / decNs);
  }

  static List<byte[]> encodeAll(CoefficientImage img, int band) {
    List<byte[]> out = new ArrayList<>();
    for (int r = 0; r < img.mcuRows(); r += band) {
      out.add(CoefficientCoder.encode(img, r, Math.min(img.mcuRows(), r + band)));
    }
    return out;
  }

  static void decodeAll(List<byte[]> coded, CoefficientImage img, int band) {
    int i = 0;
    for (int r = 0; r < img.mcuRows(); r += band) {
      byte[] b = coded.get(i++);
      CoefficientCoder.decode(b, 0, b.length, img, r, Math.min(img.mcuRows(), r + band));
    }
  }
}
