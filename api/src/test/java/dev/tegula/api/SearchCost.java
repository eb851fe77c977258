package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Measurement, not a test: what a whole JPEG (with {@code -Dformat=tgl}: lossy .tgl) target
 * search costs a user, in thread CPU against one encode and its SSIM of the same image (quality
 * 80, the median of three measured around each search, so that the ratio holds on a shared, noisy
 * machine). Each search is timed as {@link CompressPipeline} runs it: the estimate ({@link
 * SsimCurve#of}, {@link SsimCurve#sizeOf}), then the search, whose encodes and SSIM scores are
 * timed apart; the rest of the search is its probes (KnobProbe's mosaic at two lambdas,
 * MosaicCurve's codes) and its own arithmetic. Per search one line, then per set and image size
 * (under and from 0.5 megapixels) the medians and means of each part. The encodes are {@link
 * SearchEncoder}'s, which prepare the image once per chroma side; {@code -Dab=true} also runs
 * every search with a one-shot encode per code (as before session 19), the two in turns, and
 * summarizes each apart. Run with the api test classpath: {@code java dev.tegula.api.SearchCost
 * ssim|size [-Dper=N images per set] [-Dab=true] [-Dformat=tgl] [-Dtrim=false] DIR...}.
 */
public class SearchCost {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final double[] SSIM_TARGETS = {0.90, 0.95, 0.97, 0.99};
  private static final long[] SIZE_TARGETS = {20_000, 50_000, 100_000, 200_000, 500_000};
  /** Untimed rounds of every target on the first image, for the JIT. */
  private static final int WARM_UP = Integer.getInteger("warmUp", 3);
  /** Part names in the order of a row's columns after the reference. */
  private static final String[] PARTS = {"total", "estimate", "encodes", "ssim", "probes"};
  /** Whether every search also runs with one-shot encodes, for a same-run comparison. */
  private static final boolean AB = Boolean.getBoolean("ab");
  /** -Dformat=tgl: the searches of lossy .tgl instead of JPEG. */
  /** -Dtrim=false: size searches without trims (SearchRules.Rule.JPEG_SIZE_TRIM off). */
  private static final SearchRules RULES = SearchRules.DEFAULT.with(
      SearchRules.Rule.JPEG_SIZE_TRIM, !"false".equals(System.getProperty("trim")));
  private static final ImageFormat FORMAT = "tgl".equals(System.getProperty("format"))
      ? ImageFormat.TGL : ImageFormat.JPEG;

  public static void main(String[] args) throws Exception {
    boolean size = args[0].equals("size");
    int per = Integer.getInteger("per", 1000);
    List<String> summary = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    List<double[]> allOneShot = new ArrayList<>();
    int turn = 0;
    for (int a = 1; a < args.length; a++) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(args[a]), "*.png")) {
        ds.forEach(files::add);
      }
      Collections.sort(files);
      List<Path> picked = new ArrayList<>();
      for (int i = 0; i < Math.min(per, files.size()); i++) {
        picked.add(files.get(i * files.size() / Math.min(per, files.size())));
      }
      String set = Paths.get(args[a]).getFileName().toString();
      List<double[]> rows = new ArrayList<>();
      List<double[]> oneShotRows = new ArrayList<>();
      for (Path p : picked) {
        Image img = Tegula.decode(Files.readAllBytes(p)).image();
        if (all.isEmpty() && rows.isEmpty()) {
          // warm-up: the JIT compiles the encoder, the estimate, the probes and the search
          for (int w = 0; w < WARM_UP; w++) {
            measureImage(set, p.getFileName().toString(), img, size, new ArrayList<>(), false,
                true);
            if (AB) {
              measureImage(set, p.getFileName().toString(), img, size, new ArrayList<>(), false,
                  false);
            }
          }
        }
        // in turns, so that the machine's load falls on both alike
        boolean oneShotFirst = AB && turn++ % 2 == 0;
        if (oneShotFirst) {
          measureImage(set, p.getFileName().toString(), img, size, oneShotRows, true, false);
        }
        measureImage(set, p.getFileName().toString(), img, size, rows, true, true);
        if (AB && !oneShotFirst) {
          measureImage(set, p.getFileName().toString(), img, size, oneShotRows, true, false);
        }
      }
      all.addAll(rows);
      allOneShot.addAll(oneShotRows);
      summary.add(summarize(set, rows));
      if (AB) {
        summary.add(summarize(set + " one-shot", oneShotRows));
      }
    }
    summary.add(summarize("all", all));
    if (AB) {
      summary.add(summarize("all one-shot", allOneShot));
    }
    summary.forEach(System.out::println);
  }

  /** A one-shot encode at a search code, as before session 19's prepared encodes. */
  private static byte[] oneShot(Image img, int code) {
    return FORMAT == ImageFormat.JPEG
        ? Tegula.encodeJpeg(img, Metadata.EMPTY, TargetSearch.jpegOptions(code))
        : dev.tegula.tgl.TglEncoder.encode(img, Metadata.EMPTY, TargetSearch.tglOptions(code));
  }

  /** One encode at quality 80 and its SSIM: the unit every part is measured in (median of 3). */
  private static long reference(Image img) {
    long[] t = new long[3];
    for (int i = 0; i < 3; i++) {
      long t0 = MX.getCurrentThreadCpuTime();
      byte[] b = oneShot(img, 8000);
      dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
      t[i] = MX.getCurrentThreadCpuTime() - t0;
    }
    java.util.Arrays.sort(t);
    return t[1];
  }

  private static void measureImage(String set, String name, Image img, boolean size,
      List<double[]> rows, boolean print, boolean prepared) throws Exception {
    double mp = img.width() * (double) img.height() / 1e6;
    long lo = size ? oneShot(img, 0).length : 0;
    long hi = size ? oneShot(img, 10000).length : 0;
    boolean jpeg = FORMAT == ImageFormat.JPEG;
    boolean choice = jpeg || !dev.tegula.tgl.TglEncoder.lossyIsGrey(img);
    int n = size ? SIZE_TARGETS.length : SSIM_TARGETS.length;
    for (int i = 0; i < n; i++) {
      if (size && (SIZE_TARGETS[i] < lo || SIZE_TARGETS[i] >= hi)) {
        continue;
      }
      long[] enc = new long[2];
      long[] sc = new long[2];
      long[] trim = new long[3];
      // as CompressPipeline: a size search's JPEG encodes just over the target are trimmed
      IntFunction<byte[]> searchEncoder = prepared ? new SearchEncoder(img, Metadata.EMPTY,
          CompressOptions.lossy(75).withFormat(FORMAT)).fitting(size ? SIZE_TARGETS[i] : 0, RULES)
          : code -> oneShot(img, code);
      IntFunction<byte[]> encoder = code -> {
        long t0 = MX.getCurrentThreadCpuTime();
        byte[] b = searchEncoder.apply(code);
        enc[0] += MX.getCurrentThreadCpuTime() - t0;
        enc[1]++;
        return b;
      };
      ToDoubleFunction<byte[]> scorer = b -> {
        long t0 = MX.getCurrentThreadCpuTime();
        double v = dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
        sc[0] += MX.getCurrentThreadCpuTime() - t0;
        sc[1]++;
        return v;
      };
      long ref0 = reference(img);
      long t0 = MX.getCurrentThreadCpuTime();
      Object curve;
      TargetSearch.Result r;
      long t1;
      if (size) {
        SizeCurve c = SsimCurve.sizeOf(img, jpeg, null, false, RULES);
        t1 = MX.getCurrentThreadCpuTime();
        r = TargetSearch.forSize(FORMAT, 1, choice, (long) img.width() * img.height(),
            SIZE_TARGETS[i], encoder, c);
        curve = c;
      } else {
        SsimCurve c = SsimCurve.of(img, jpeg, null, false, SearchRules.DEFAULT);
        t1 = MX.getCurrentThreadCpuTime();
        // as CompressPipeline: a JPEG pass over the band is trimmed into it (-DssimTrim=false:
        // never), timed on its own (the file it writes is scored by the scorer)
        SsimTrimmer trimmer = !prepared || "false".equals(System.getProperty("ssimTrim"))
            ? null : (code, pass, passSsim, low, high, guess, reach) -> {
              long s0 = MX.getCurrentThreadCpuTime();
              byte[] b = ((SearchEncoder) searchEncoder).ssimTrim(code, pass, passSsim, low, high,
                  guess, reach);
              trim[0] += MX.getCurrentThreadCpuTime() - s0;
              trim[1]++;
              trim[2] += b == null ? 0 : 1;
              return b;
            };
        r = TargetSearch.forSsim(FORMAT, 1, choice, SSIM_TARGETS[i], encoder, scorer, c, true,
            trimmer);
        curve = c;
      }
      long t2 = MX.getCurrentThreadCpuTime();
      long ref = (ref0 + reference(img)) / 2;
      double probes = (t2 - t1 - enc[0] - sc[0] - trim[0]) / (double) ref;
      int mosaicCodes = mosaicCodes(curve);
      boolean probed = field(curve, "probe") != null;
      double[] row = {mp, (t2 - t0) / (double) ref, (t1 - t0) / (double) ref,
          enc[0] / (double) ref, sc[0] / (double) ref, probes, enc[1], probed ? 1 : 0,
          mosaicCodes};
      rows.add(row);
      if (!print) {
        continue;
      }
      System.out.printf("%s%s %s %.2fMP %s: ref %.1f ms; total %.2f = estimate %.2f + %d encodes "
          + "%.2f + ssim %.2f + probes %.2f + trims %.2f (knob probe %s, mosaic codes %d, "
          + "trims %d, landed %d)%n", set,
          prepared ? "" : " one-shot", name, mp,
          size ? SIZE_TARGETS[i] / 1000 + "KB" : String.valueOf(SSIM_TARGETS[i]), ref / 1e6,
          row[1], row[2], (int) enc[1], row[3], row[4], row[5], trim[0] / (double) ref,
          probed ? "yes" : "no", mosaicCodes, trim[1], trim[2]);
      if (r.bytes() == null && print) {
        System.out.println("  (no file)");
      }
    }
  }

  private static Object field(Object o, String name) throws Exception {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  private static int mosaicCodes(Object curve) throws Exception {
    if (!(curve instanceof SsimCurve)) {
      return 0;
    }
    Object m = field(curve, "mosaic");
    return m == null ? 0 : ((Map<?, ?>) field(m, "measured")).size();
  }

  /** Medians (means) of each part per size class: rows' columns 1-5, encodes in column 6. */
  private static String summarize(String set, List<double[]> rows) {
    StringBuilder s = new StringBuilder();
    for (int small = 1; small >= 0; small--) {
      List<double[]> part = new ArrayList<>();
      for (double[] r : rows) {
        if ((r[0] < 0.5) == (small == 1)) {
          part.add(r);
        }
      }
      if (part.isEmpty()) {
        continue;
      }
      s.append(String.format("%s %s MP, %d searches:", set, small == 1 ? "<0.5" : ">=0.5",
          part.size()));
      for (int c = 1; c <= 5; c++) {
        s.append(String.format(" %s %.2f (%.2f)", PARTS[c - 1], median(part, c),
            mean(part, c)));
      }
      s.append(String.format(" | encodes %.2f, knob probes %.2f, mosaic codes %.2f per search%n",
          mean(part, 6), mean(part, 7), mean(part, 8)));
    }
    return s.toString().trim();
  }

  private static double median(List<double[]> rows, int c) {
    List<Double> v = new ArrayList<>();
    rows.forEach(r -> v.add(r[c]));
    Collections.sort(v);
    return v.get(v.size() / 2);
  }

  private static double mean(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).average().orElse(Double.NaN);
  }
}
