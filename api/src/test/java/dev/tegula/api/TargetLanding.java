package dev.tegula.api;
import dev.tegula.core.*;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.nio.file.*;
import java.util.*;
import java.util.function.IntFunction;
/**
 * Measurement, not a test: lands size targets of 20-500 KB over a photo directory with the
 * fine-scale and whole-quality searches of JPEG and of .tgl in one run, and prints
 * how many land in the 3% band, the encodes used and the landing error. Run with the api test
 * classpath: {@code java dev.tegula.api.TargetLanding ../shared/corpus/photos}.
 */
public class TargetLanding {
  public static void main(String[] a) throws Exception {
    long[] targets = {20_000, 50_000, 100_000, 200_000, 500_000};
    String[] names = {"JPEG fine", "JPEG whole", "TGL fine", "TGL whole"};
    List<List<double[]>> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) rows.add(new ArrayList<>());
    int[] reach = new int[4]; int[] gap = new int[4];
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(a[0]), "*.png")) {
      List<Path> ps = new ArrayList<>(); ds.forEach(ps::add); Collections.sort(ps);
      for (Path p : ps) {
        Image img = Tegula.decode(Files.readAllBytes(p)).image();
        long px = (long) img.width() * img.height();
        for (int m = 0; m < 4; m++) {
          boolean jpeg = m < 2;
          IntFunction<byte[]> enc = jpeg
              ? h -> Tegula.encodeJpeg(img, Metadata.EMPTY, TargetSearch.jpegOptions(h))
              : h -> dev.tegula.tgl.TglEncoder.encode(img, Metadata.EMPTY,
                  dev.tegula.tgl.TglEncodeOptions.lossyHundredths(h));
          long lo = enc.apply(0).length, hi = enc.apply(10000).length;
          long below97 = enc.apply(jpeg ? 9699 : 9600).length, at97 = enc.apply(9700).length;
          for (long t : targets) {
            if (t < lo || t >= hi) continue;
            reach[m]++;
            TargetSearch.Result r = TargetSearch.forSize(jpeg ? ImageFormat.JPEG : ImageFormat.TGL,
                m == 0 || m == 2 ? 1 : 100, jpeg, px, t, enc);
            double err = 100.0 * (t - r.bytes().length) / t;
            if (below97 < 0.97 * t && at97 > t) { gap[m]++; System.out.print("[in the jump to q97] "); }
            rows.get(m).add(new double[] {err, r.encodes()});
            System.out.printf("%s %s %d q%.2f %d enc %.2f%%%n", names[m], p.getFileName(), t,
                r.quality() / 100.0, r.encodes(), err);
          }
        }
      }
    }
    for (int m = 0; m < 4; m++) {
      List<double[]> l = rows.get(m);
      double[] e = l.stream().mapToDouble(x -> x[0]).sorted().toArray();
      int in = 0, over = 0; int[] encs = new int[13];
      for (double[] x : l) { if (x[0] <= 3) in++; if (x[0] < 0) over++; encs[(int) x[1]]++; }
      System.out.printf("%s: %d/%d in band, overshoot %d, encodes 1:%d 2:%d 3:%d >3:%d, error median %.2f%% p90 %.2f%% max %.2f%%%n",
          names[m] + " (" + gap[m] + " targets in the jump to q97, from 96.99 for JPEG, 96 for .tgl)", in, reach[m], over, encs[1], encs[2], encs[3], l.size() - encs[1] - encs[2] - encs[3],
          e[e.length / 2], e[(int) Math.ceil(0.9 * e.length) - 1], e[e.length - 1]);
    }
  }
}
