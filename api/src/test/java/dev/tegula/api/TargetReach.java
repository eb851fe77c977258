package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Measurement, not a test: whether a JPEG SSIM target can land at all. For each {@code
 * image:target}, the lowest quality reaching the target by bisection on JPEG's own fine scale
 * (4:2:0 to 96.99, 4:4:4 from 97) and on 4:4:4 below 97, with the SSIM there and one hundredth
 * below: "unreachable" when even the lowest SSIM reaching the target is above the band.
 * {@code java dev.tegula.api.TargetReach photos/flower.png:0.99 ...}
 */
public class TargetReach {
  public static void main(String[] args) throws Exception {
    for (String a : args) {
      int c = a.lastIndexOf(':');
      Image img = Tegula.decode(Files.readAllBytes(Paths.get(a.substring(0, c)))).image();
      double t = Double.parseDouble(a.substring(c + 1));
      double top = t + (1 - TargetSearch.SSIM_BAND) * (1 - t);
      Map<Integer, Double> memo = new HashMap<>();
      IntToDoubleFunction ssim = code -> memo.computeIfAbsent(code, cc -> dev.tegula.metrics
          .Metrics.ssim(img, Tegula.decode(Tegula.encodeJpeg(img, Metadata.EMPTY,
              TargetSearch.jpegOptions(cc))).image()));
      StringBuilder sb = new StringBuilder(a);
      boolean reachable = false;
      for (int flag : new int[] {0, TargetSearch.FULL_CHROMA}) {
        int lo = 0;
        int hi = flag == 0 ? 10000 : 9699;
        if (ssim.applyAsDouble(hi | flag) < t) {
          sb.append(flag == 0 ? " own scale: none" : " | 4:4:4 below 97: none");
          continue;
        }
        while (lo < hi) {
          int mid = (lo + hi) / 2;
          if (ssim.applyAsDouble(mid | flag) >= t) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        double v = ssim.applyAsDouble(lo | flag);
        boolean in = v <= top;
        reachable |= in;
        sb.append(String.format("%s q%.2f SSIM %.5f (%.1f%% of the budget), q-0.01: %.5f%s",
            flag == 0 ? " own scale:" : " | 4:4:4 below 97:", lo / 100.0, v,
            100 * (v - t) / (1 - t), lo > 0 ? ssim.applyAsDouble((lo - 1) | flag) : Double.NaN,
            in ? " lands" : " over the band"));
      }
      System.out.println(sb + (reachable ? "" : " => unreachable"));
    }
  }
}
