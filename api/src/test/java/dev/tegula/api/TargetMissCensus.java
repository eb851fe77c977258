package dev.tegula.api;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measurement, not a test: whether the SSIM targets a search missed (not in the band within 3
 * encodes) have a file in the band at the search's own settings at all, or lie on a stair the
 * encoder climbs in one hundredth. Reads a {@link TargetLanding} output of SSIM searches made
 * with {@code -DshowTrace=true -DtraceAll=true} (each search's trace line before it) and, per
 * miss, from the search's own encodes: the quality hundredths on the format's scale (4:2:0 to
 * 96.99, 4:4:4 from 97) by {@link BandCrossings} (bisection of the bracket, neighbours of the
 * crossing, scans where the curve is not monotone), 4:4:4 below 97 where the search used it or
 * the crossing is the jump at 97, and for JPEG the trellis lambda (x0.60-x4.00 in hundredths,
 * the knob's range) at the tables of the crossing's two hundredths, and of up to three more on
 * each side when those do not land, with how far from them x4 and x0.6 still reach the band.
 * Where that finds no landing hundredth, every hundredth within {@code -Dwide=200} of each
 * crossing is measured (a curve that is not monotone may land elsewhere), and the crossing's two
 * files are compared: the share of pixels that differ, their source level, and for .tgl the
 * tiles whose reconstruction biases moved.
 * Encodes and scores as the search does ({@link SearchEncoder} with {@link
 * TargetLanding#options}, {@link Metrics#ssim} of the decoded file), through TargetLanding's
 * cache. Prints per miss a line {@code SET FORMAT IMAGE TARGET in|OUT ENCODES: REACHABLE|STAIR}
 * with the landing settings, the crossings (offsets in band widths 0.03 (1 - target), 0..1 the
 * band) and the knob's landings; {@code -Dreach=FILE} appends those lines to FILE as they come.
 * Run with the api test classpath: {@code java -Dcache=CACHE dev.tegula.api.TargetMissCensus
 * OUT SETDIR...} ({@code -Dpick=photos/bliznaca.png/0.99,...} for some misses only). Session
 * 22, main's 45 JPEG and 45 .tgl misses on the eight sets: about 5 and 12 minutes on a shared
 * 2-core machine, most of it the wide scans (400 encodes each).
 */
public class TargetMissCensus {
  private static final Pattern SEARCH =
      Pattern.compile("^(\\S+) (JPEG|TGL) fine (\\S+) (0\\.\\d+) .* SSIM (\\S+) (\\d+) enc");
  private static final Pattern CODE = Pattern.compile("(f?)(\\d+)(?:x(\\d+))?:(\\d+)=(\\S+)");
  /** The knob's lambda range in hundredths. */
  private static final int LAMBDA_MIN = TrellisKnob.BELOW_MIN;
  private static final int LAMBDA_MAX = TrellisKnob.KNOB_MAX;
  /** How far (hundredths) the knob's reach from a crossing is looked for. */
  private static final int REACH_MAX = 500;
  /**
   * Where the bisection found no landing hundredth, every hundredth this far on each side of
   * each crossing is measured: a curve that is not monotone may land between the search's codes.
   */
  private static final int WIDE = Integer.getInteger("wide", 200);
  /** Qualities tried on each side of a crossing when its own two do not land with the knob. */
  private static final int KNOB_MORE = 3;

  private static final String CACHE = System.getProperty("cache");
  private static final Map<String, double[]> CACHED = new HashMap<>();

  public static void main(String[] args) throws IOException {
    if (CACHE != null && Files.exists(Paths.get(CACHE))) {
      for (String line : Files.readAllLines(Paths.get(CACHE))) {
        int a = line.lastIndexOf(' ');
        int b = line.lastIndexOf(' ', a - 1);
        CACHED.put(line.substring(0, b), new double[] {
            Double.parseDouble(line.substring(b + 1, a)), Double.parseDouble(line.substring(a + 1))});
      }
    }
    Map<String, Path> sets = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      sets.put(Paths.get(args[i]).getFileName().toString(), Paths.get(args[i]));
    }
    String pick = System.getProperty("pick");
    String trace = "";
    Subject subject = null;
    for (String line : Files.readAllLines(Paths.get(args[0]))) {
      if (line.startsWith("  trace ")) {
        trace = line.substring(8);
        continue;
      }
      Matcher m = SEARCH.matcher(line);
      if (!m.find()) {
        continue;
      }
      double t = Double.parseDouble(m.group(4));
      double s = Double.parseDouble(m.group(5));
      int encodes = Integer.parseInt(m.group(6));
      boolean in = s >= t && s <= top(t) + 1e-12;
      String key = m.group(1) + "/" + m.group(3) + "/" + m.group(4);
      if (in && encodes <= 3 || pick != null && !("," + pick + ",").contains("," + key + ",")) {
        continue;
      }
      ImageFormat f = ImageFormat.valueOf(m.group(2));
      if (subject == null || !subject.is(m.group(1), m.group(3), f)) {
        subject = new Subject(m.group(1), m.group(3), f,
            Tegula.decode(Files.readAllBytes(sets.get(m.group(1)).resolve(m.group(3)))).image());
      }
      String result = subject.census(t, trace, (in ? "in " : "OUT ") + encodes);
      System.out.println(result);
      System.out.flush();
      if (System.getProperty("reach") != null) {
        Files.writeString(Paths.get(System.getProperty("reach")), result + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    }
  }

  /** The band's top for {@code t}, as the search's. */
  static double top(double t) {
    return t + (1 - TargetSearch.SSIM_BAND) * (1 - t);
  }

  /** One image in one format: its encoder, scored through the cache. */
  private static final class Subject {
    private final String set;
    private final String name;
    private final ImageFormat format;
    private final Image image;
    private final SearchEncoder encoder;
    private final boolean chromaChoice;
    private double target;

    Subject(String set, String name, ImageFormat format, Image image) {
      this.set = set;
      this.name = name;
      this.format = format;
      this.image = image;
      CompressOptions opts = TargetLanding.options(format);
      this.encoder = new SearchEncoder(image, Metadata.EMPTY, opts);
      this.chromaChoice = CompressPipeline.chromaChoice(opts, image);
    }

    boolean is(String s, String n, ImageFormat f) {
      return set.equals(s) && name.equals(n) && format == f;
    }

    double score(int code) {
      String ck = set + " " + name + " " + format + " " + code;
      double[] hit = CACHED.get(ck);
      if (hit != null && !Double.isNaN(hit[1])) {
        return hit[1];
      }
      byte[] b = encoder.apply(code);
      double v = Metrics.ssim(image, Tegula.decode(b).image());
      CACHED.put(ck, new double[] {b.length, v});
      if (CACHE != null) {
        try {
          Files.writeString(Paths.get(CACHE), ck + " " + b.length + " " + v + "\n",
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return v;
    }

    /** A setting's distance from the target in band widths (0..1: the band). */
    String offset(double s) {
      return String.format(Locale.ROOT, "%+.2f", (s - target) / ((1 - TargetSearch.SSIM_BAND)
          * (1 - target)));
    }

    String census(double t, String trace, String status) {
      target = t;
      List<Integer> scale = new ArrayList<>();
      List<Integer> full = new ArrayList<>();
      Matcher c = CODE.matcher(trace);
      while (c.find()) {
        int q = Integer.parseInt(c.group(2));
        if (c.group(3) == null) {
          (c.group(1).isEmpty() ? scale : full).add(q);
        }
      }
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%s %s %s %.2f %s:", set, format, name, t, status));
      BandCrossings q = BandCrossings.of(p -> score(p), 0, 10000, t, top(t), scale);
      boolean reachable = !q.landings().isEmpty();
      StringBuilder detail = new StringBuilder();
      detail.append(" | scale ").append(side(q, 0));
      if (!reachable && WIDE > 0) {
        for (int[] x : q.crossings()) {
          if (q.seen().get(x[0]) < t && x[0] != 9699) { // the jump: 4:4:4 below 97 fills it
            BandCrossings w = BandCrossings.scanned(p -> score(p), 0, 10000, t, top(t),
                x[0] - WIDE, x[1] + WIDE);
            reachable |= !w.landings().isEmpty();
            detail.append(" | wide ").append(side(w, 0)).append(" | stair ")
                .append(stairDiagnosis(x[0], x[1]));
          }
        }
      }
      boolean jump = q.crossings().stream().anyMatch(x -> x[0] == 9699);
      BandCrossings f = null;
      if (chromaChoice && (jump || !full.isEmpty())) {
        f = BandCrossings.of(p -> score(p | TargetSearch.FULL_CHROMA), 0, 9699, t, top(t), full);
        reachable |= !f.landings().isEmpty();
        detail.append(" | 4:4:4 below 97 ").append(side(f, TargetSearch.FULL_CHROMA));
      }
      if (format == ImageFormat.JPEG) {
        String k = knob(q, 0);
        if (f != null) {
          k += " ;f " + knob(f, TargetSearch.FULL_CHROMA);
        }
        reachable |= k.contains("lands");
        detail.append(" | knob ").append(k);
      }
      return out.append(reachable ? " REACHABLE" : " STAIR").append(detail).toString();
    }

    /**
     * Where the files of two neighbouring codes differ: the share of pixels whose decoded RGB
     * changed, their source level (mean of R, G, B) and the share of them at most 16, and the
     * mean change of a changed pixel's samples.
     */
    private String stairDiagnosis(int a, int b) {
      byte[] fa = encoder.apply(a);
      byte[] fb = encoder.apply(b);
      byte[] pa = Tegula.decode(fa).image().rgba();
      byte[] pb = Tegula.decode(fb).image().rgba();
      byte[] src = image.rgba();
      long changed = 0;
      long dark = 0;
      double level = 0;
      double change = 0;
      for (int i = 0; i < src.length; i += 4) {
        int d = 0;
        for (int ch = 0; ch < 3; ch++) {
          d += Math.abs((pa[i + ch] & 255) - (pb[i + ch] & 255));
        }
        if (d > 0) {
          double l = ((src[i] & 255) + (src[i + 1] & 255) + (src[i + 2] & 255)) / 3.0;
          changed++;
          dark += l <= 16 ? 1 : 0;
          level += l;
          change += d / 3.0;
        }
      }
      long px = src.length / 4;
      return (changed == 0 ? "no pixel differs" : String.format(Locale.ROOT,
          "%s>%s: %.1f%% of pixels differ, source level %.1f (%.0f%% at most 16), change %.2f",
          code(a), code(b), 100.0 * changed / px, level / changed, 100.0 * dark / changed,
          change / changed)) + (format == ImageFormat.TGL ? "; " + tileHeaders(fa, a, fb, b) : "");
    }

    /**
     * How many of the .tgl tiles' lossy headers (format-lossy.md §2: version 1, flags, the
     * quality in hundredths, deblocking strengths, then the four reconstruction biases the
     * encoder measures per tile) changed their biases between two neighbouring codes. Found by
     * the header's first four bytes, which carry the code's own quality.
     */
    private static String tileHeaders(byte[] fa, int a, byte[] fb, int b) {
      List<String> ha = biases(fa, a & TargetSearch.QUALITY);
      List<String> hb = biases(fb, b & TargetSearch.QUALITY);
      int moved = 0;
      String example = "";
      for (int i = 0; i < Math.min(ha.size(), hb.size()); i++) {
        if (!ha.get(i).equals(hb.get(i))) {
          moved++;
          example = example.isEmpty() ? " (" + ha.get(i) + " -> " + hb.get(i) + ")" : example;
        }
      }
      return String.format(Locale.ROOT, "biases moved in %d of %d tiles%s", moved,
          Math.min(ha.size(), hb.size()), example);
    }

    private static List<String> biases(byte[] f, int h) {
      List<String> l = new ArrayList<>();
      for (int i = 0; i + 10 <= f.length; i++) {
        if (f[i] == 1 && (f[i + 1] & ~3) == 0 && (f[i + 2] & 255) == h >> 8
            && (f[i + 3] & 255) == (h & 255)) {
          l.add(f[i + 6] + "," + f[i + 7] + "," + f[i + 8] + "," + f[i + 9]);
        }
      }
      return l;
    }

    /** A side's landings, crossings (with the stair's height) and how they were found. */
    private String side(BandCrossings b, int flag) {
      StringBuilder sb = new StringBuilder();
      List<Integer> l = b.landings();
      sb.append(l.isEmpty() ? "no landing" : "lands " + l.size() + " [" + ranges(l, flag) + "]");
      for (int[] x : b.crossings()) {
        double s0 = b.seen().get(x[0]);
        double s1 = b.seen().get(x[1]);
        sb.append(String.format(Locale.ROOT, "; %s:%s>%s:%s (%.2f bw)", code(x[0] | flag),
            offset(s0), code(x[1] | flag), offset(s1), (s1 - s0) / ((1 - TargetSearch.SSIM_BAND)
                * (1 - target))));
      }
      sb.append(b.monotone() ? "" : "; not monotone").append("; ").append(b.how()).append(", ")
          .append(b.seen().size()).append(" measured");
      return sb.toString();
    }

    /**
     * JPEG's lambda at the tables of a side's upward crossings (the failing and the passing
     * hundredth, and up to {@link #KNOB_MORE} more on each side while neither lands), and how
     * many hundredths away x4 still gets down to the band's top and x0.6 up to the target.
     */
    private String knob(BandCrossings b, int flag) {
      StringBuilder sb = new StringBuilder();
      for (int[] x : b.crossings()) {
        if (b.seen().get(x[0]) >= target) {
          continue; // a downward crossing: its neighbours are the upward ones' business
        }
        int up = reach(x[1], flag, LAMBDA_MAX, true);
        int down = reach(x[0], flag, LAMBDA_MIN, false);
        sb.append(String.format(Locale.ROOT, "[%s..%s: x4 reaches %s, x0.6 %s]",
            code(x[0] | flag), code(x[1] | flag), up < 0 ? "none" : "+" + up,
            down < 0 ? "none" : "-" + down));
        List<Integer> qs = new ArrayList<>(List.of(x[1], x[0]));
        for (int k = 1; k <= KNOB_MORE; k++) {
          qs.add(x[1] + k);
          qs.add(x[0] - k);
        }
        boolean landed = false;
        for (int i = 0; i < qs.size(); i++) {
          int qq = qs.get(i);
          if (i >= 2 && (landed || qq > x[1] && qq - x[1] > up || qq < x[0] && x[0] - qq > down
              || qq < 0 || qq > 10000 || flag != 0 && qq > 9699)) {
            continue;
          }
          int code = qq | flag;
          BandCrossings l = BandCrossings.of(p -> score(TargetSearch.withLambda(code, -p)),
              -LAMBDA_MAX, -LAMBDA_MIN, target, top(target),
              List.of(-JpegEncodeOptions.DEFAULT_LAMBDA));
          List<Integer> lands = l.landings();
          landed |= !lands.isEmpty();
          sb.append(' ').append(code(code)).append(lands.isEmpty() ? " no landing" : " lands "
              + lands.size() + " x" + lambdas(lands));
          for (int[] y : l.crossings()) {
            double s0 = l.seen().get(y[0]);
            double s1 = l.seen().get(y[1]);
            sb.append(String.format(Locale.ROOT, " x%d:%s>x%d:%s", -y[0], offset(s0), -y[1],
                offset(s1)));
          }
        }
      }
      return sb.toString();
    }

    /**
     * How many hundredths from {@code q} (upwards with the lambda x4 when {@code up}, else
     * downwards with x0.6) the lambda still gets into the band's reach, by bisection (the SSIM at
     * a fixed lambda taken as rising with the quality); -1 when not even at {@code q}.
     */
    private int reach(int q, int flag, int lambda, boolean up) {
      int limit = flag != 0 ? 9699 : 10000;
      java.util.function.IntPredicate ok = k -> {
        double s = score(TargetSearch.withLambda((up ? q + k : q - k) | flag, lambda));
        return up ? s <= top(target) : s >= target;
      };
      if (!ok.test(0)) {
        return -1;
      }
      int lo = 0;
      int hi = Math.min(REACH_MAX, up ? limit - q : q);
      if (ok.test(hi)) {
        return hi;
      }
      while (hi - lo > 1) {
        int m = (lo + hi) >>> 1;
        if (ok.test(m)) {
          lo = m;
        } else {
          hi = m;
        }
      }
      return lo;
    }

    /** Lambda hundredths (positions are minus them) as ranges, lowest first. */
    private static String lambdas(List<Integer> positions) {
      List<Integer> l = new ArrayList<>();
      for (int i = positions.size() - 1; i >= 0; i--) {
        l.add(-positions.get(i));
      }
      return ranges(l, 0).replace(",", ",x");
    }

    /** Consecutive codes as ranges: {@code 6632-6634,f6650}. */
    private static String ranges(List<Integer> l, int flag) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.size(); i++) {
        int j = i;
        while (j + 1 < l.size() && l.get(j + 1) == l.get(j) + 1) {
          j++;
        }
        sb.append(sb.length() > 0 ? "," : "").append(code(l.get(i) | flag))
            .append(j > i ? "-" + l.get(j) : "");
        i = j;
      }
      return sb.toString();
    }

    /** A code as TargetLanding traces it: f for 4:4:4 below 97, then the quality, xNNN. */
    private static String code(int code) {
      int lambda = TargetSearch.lambdaOf(code);
      return ((code & TargetSearch.FULL_CHROMA) != 0 ? "f" : "") + (code & TargetSearch.QUALITY)
          + (lambda != JpegEncodeOptions.DEFAULT_LAMBDA ? "x" + lambda : "");
    }
  }
}
