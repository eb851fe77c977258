package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measurement, not a test: every value of the size estimate ({@link SizeCurve}'s two sides at
 * each whole quality, exactly, as the bits of the doubles) of each image in the given directories,
 * both formats, for the encoders' chroma and for 4:4:4, 4:2:0 and grey output, so that two builds
 * can be compared line for line (a change meant to give the same values); {@code -Dsteps=true}
 * the source steps {@link SourceLattice} finds in JPEG's SSIM estimate instead. {@code
 * -Dloop=N}: the estimates N times over without printing (a workload for a profiler). {@code java
 * dev.tegula.api.SizeEstimateDump DIR...}
 */
public class SizeEstimateDump {
  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(a), "*.png")) {
        List<Path> set = new ArrayList<>();
        ds.forEach(set::add);
        Collections.sort(set);
        files.addAll(set);
      }
    }
    List<Image> images = new ArrayList<>();
    for (Path p : files) {
      images.add(Tegula.decode(Files.readAllBytes(p)).image());
    }
    int loop = Integer.getInteger("loop", 0);
    JpegEncodeOptions.Subsampling[] fixed = {null, JpegEncodeOptions.Subsampling.S444,
        JpegEncodeOptions.Subsampling.S420, null};
    if (loop > 0) {
      double sink = 0;
      for (int n = 0; n < loop; n++) {
        for (Image img : images) {
          for (boolean jpeg : new boolean[] {true, false}) {
            sink += SsimCurve.sizeOf(img, jpeg).at(8000);
          }
        }
      }
      System.out.println(sink);
      return;
    }
    for (int i = 0; i < files.size(); i++) {
      Image img = images.get(i);
      if (Boolean.getBoolean("steps")) {
        // the source lattice SsimCurve finds in the sample (SourceLattice.steps)
        System.out.printf("%s %s%n", files.get(i),
            java.util.Arrays.toString(SsimCurve.of(img, true).sourceSteps()));
        continue;
      }
      for (boolean jpeg : new boolean[] {true, false}) {
        for (int f = 0; f < fixed.length; f++) {
          SizeCurve c = SsimCurve.sizeOf(img, jpeg, fixed[f], f == 3, SearchRules.DEFAULT);
          StringBuilder sb = new StringBuilder();
          for (int q = 0; q <= 100; q++) {
            sb.append(' ').append(Long.toHexString(Double.doubleToLongBits(c.sub[q])))
                .append('/').append(Long.toHexString(Double.doubleToLongBits(c.full[q])));
          }
          System.out.printf("%s %s %s%s%n", files.get(i), jpeg ? "JPEG" : "TGL",
              f == 0 ? "auto" : f == 1 ? "444" : f == 2 ? "420" : "grey", sb);
        }
      }
    }
  }
}
