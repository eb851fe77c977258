package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.metrics.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement, not a test: what a size rule does to its results' SSIM. Reads two {@link
 * TargetLanding} size outputs of the same searches ({@code BASE NEW SETDIR...}) and, for each
 * search whose result differs, encodes both results as the search did ({@link SearchEncoder}
 * with {@link TargetLanding#options}) and prints their SSIM ({@link Metrics#ssim}), then the
 * count of results whose SSIM rose and fell and the median change. Session 23.
 */
public class SizeResultSsim {
  private static final Pattern LINE = Pattern.compile(
      "^(\\S+) (JPEG|TGL) fine (\\S+) (\\d+) q(\\d+)\\.(\\d\\d)( 4:4:4)?(?: lambda x(\\d)\\.(\\d\\d))?");

  public static void main(String[] args) throws Exception {
    Map<String, Integer> base = codes(Paths.get(args[0]));
    Map<String, Integer> now = codes(Paths.get(args[1]));
    Map<String, Path> sets = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      sets.put(Paths.get(args[i]).getFileName().toString(), Paths.get(args[i]));
    }
    List<Double> changes = new ArrayList<>();
    int up = 0;
    for (Map.Entry<String, Integer> e : base.entrySet()) {
      Integer c = now.get(e.getKey());
      if (c == null || c.equals(e.getValue())) {
        continue;
      }
      String[] k = e.getKey().split(" ");
      ImageFormat f = ImageFormat.valueOf(k[1]);
      Image img = Tegula.decode(Files.readAllBytes(sets.get(k[0]).resolve(k[2]))).image();
      SearchEncoder enc = new SearchEncoder(img, Metadata.EMPTY, TargetLanding.options(f));
      double a = Metrics.ssim(img, Tegula.decode(enc.apply(e.getValue())).image());
      double b = Metrics.ssim(img, Tegula.decode(enc.apply(c)).image());
      changes.add(b - a);
      up += b > a ? 1 : 0;
      System.out.printf(Locale.ROOT, "%s %.5f -> %.5f (%+.5f)%n", e.getKey(), a, b, b - a);
    }
    changes.sort(null);
    System.out.printf(Locale.ROOT, "changed %d: SSIM higher %d, lower %d, median %+.5f%n",
        changes.size(), up, changes.size() - up,
        changes.isEmpty() ? 0 : changes.get(changes.size() / 2));
  }

  private static Map<String, Integer> codes(Path out) throws Exception {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out)) {
      Matcher x = LINE.matcher(line);
      if (x.find()) {
        int code = Integer.parseInt(x.group(5)) * 100 + Integer.parseInt(x.group(6));
        if (x.group(7) != null && code < TargetSearch.JUMP) {
          code |= TargetSearch.FULL_CHROMA;
        }
        if (x.group(8) != null) {
          code = TargetSearch.withLambda(code,
              Integer.parseInt(x.group(8)) * 100 + Integer.parseInt(x.group(9)));
        }
        m.put(x.group(1) + " " + x.group(2) + " " + x.group(3) + " " + x.group(4), code);
      }
    }
    return m;
  }
}
