package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The SSIM searches of the rule tests: each image's targets 0.90-0.99 (20, 0.0045 apart),
 * searched once with a rule off and once with every rule on, on the same memoized encodes; each
 * search is made once per JVM and shared by every rule test that asks for it ({@link Shared}).
 */
final class RulePairs {
  private RulePairs() {}

  /** One target searched twice: index 0 with the rule off, 1 with it on. */
  record Pair(double target, TargetSearch.Result[] results, int[] encodes, double[][] scores) {
    /** The top of the SSIM band. */
    double band() {
      return target + (1 - TargetSearch.SSIM_BAND) * (1 - target);
    }

    boolean inBand(int rule) {
      return results[rule].ssim() <= band();
    }

    /** In the band within 3 encodes, the measure. */
    boolean landed(int rule) {
      return inBand(rule) && encodes[rule] <= 3;
    }

    boolean changed() {
      return results[0].code() != results[1].code() || encodes[0] != encodes[1];
    }

    /** The SSIM of search {@code rule}'s {@code i}th encode, NaN if it made fewer. */
    double score(int rule, int i) {
      return i < scores[rule].length ? scores[rule][i] : Double.NaN;
    }

    /** How far an SSIM lies from the searches' aim, in -ln(1 - SSIM). */
    double offAim(double ssim) {
      return Math.abs(-Math.log(1 - ssim) + Math.log((1 - target) * TargetSearch.FINE_AIM));
    }

    /** Whether an SSIM lies in the band. */
    boolean inBand(double ssim) {
      return ssim >= target && ssim <= band();
    }
  }

  /**
   * The sums over pairs, index 0 with the rule off, 1 with it on: landed within 3 encodes, in
   * the band at any count, encodes, bytes; and how many searches the rule changed.
   */
  record Totals(int[] landed, int[] inBand, int[] encodes, long[] bytes, int changed) {}

  /**
   * The sums over the pairs whose encode {@code i} the rule moved (measured on both sides, the
   * SSIMs differ) and which {@code counted} accepts, index 0 with the rule off, 1 with it on:
   * how many, how many of those encodes in the band, their summed distance from the aim.
   */
  record Moved(int count, int[] inBand, double[] offAim) {}

  static Moved moved(List<Pair> pairs, int i, Predicate<Pair> counted) {
    int count = 0;
    int[] inBand = new int[2];
    double[] offAim = new double[2];
    for (Pair p : pairs) {
      double[] s = {p.score(0, i), p.score(1, i)};
      if (s[0] != s[1] && !Double.isNaN(s[0]) && !Double.isNaN(s[1]) && counted.test(p)) {
        for (int rule = 0; rule < 2; rule++) {
          offAim[rule] += p.offAim(s[rule]);
          inBand[rule] += p.inBand(s[rule]) ? 1 : 0;
        }
        count++;
      }
    }
    return new Moved(count, inBand, offAim);
  }

  /**
   * Prints a rule test's figures in one form, off -> on: searches in the band within 3 encodes,
   * encodes, searches changed, then the encodes the rule moved ({@code what}: "seconds",
   * "thirds", ...) in the band and their mean distance from the aim in -ln(1 - SSIM).
   */
  static void print(String rule, List<Pair> pairs, Moved moved, String what) {
    Totals sum = totals(pairs);
    System.out.println(rule + ": in the band within 3 encodes " + sum.landed()[0] + " -> "
        + sum.landed()[1] + " of " + pairs.size() + ", encodes " + sum.encodes()[0] + " -> "
        + sum.encodes()[1] + ", " + sum.changed() + " searches changed; of " + moved.count()
        + " different " + what + " " + moved.inBand()[0] + " -> " + moved.inBand()[1]
        + " in the band, mean distance from the aim " + moved.offAim()[0] / moved.count()
        + " -> " + moved.offAim()[1] / moved.count());
  }

  /** Asserts that the rule moved some encodes and that those lie nearer the aim in sum. */
  static void assertNearerTheAim(Moved moved) {
    assertTrue(moved.count() > 0);
    assertTrue(moved.offAim()[1] < moved.offAim()[0],
        moved.offAim()[0] + " -> " + moved.offAim()[1]);
  }

  /** Asserts that more of the moved encodes lie in the band with the rule than without. */
  static void assertMoreInBand(Moved moved) {
    assertTrue(moved.inBand()[1] > moved.inBand()[0],
        moved.inBand()[0] + " -> " + moved.inBand()[1]);
  }

  /** Asserts that no search with the rule on took more than {@code more} encodes more. */
  static void assertAtMostMoreEncodes(List<Pair> pairs, int more) {
    for (Pair p : pairs) {
      assertTrue(p.encodes()[1] <= p.encodes()[0] + more,
          p.target() + ": " + p.encodes()[0] + " -> " + p.encodes()[1]);
    }
  }

  /**
   * One size target searched twice, index 0 with the rule off, 1 with it on: the results, their
   * encodes and each encode's bytes in order.
   */
  record SizePair(long target, TargetSearch.Result[] results, int[] encodes, long[][] lens) {
    /** In the band within 3 encodes, the measure (every result fits: size checks). */
    boolean landed(int rule) {
      return results[rule].bytes().length >= TargetSearch.SIZE_BAND * target && encodes[rule] <= 3;
    }

    /** The bytes of search {@code rule}'s {@code i}th encode, -1 if it made fewer. */
    long len(int rule, int i) {
      return i < lens[rule].length ? lens[rule][i] : -1;
    }

    /** How far a file's bytes lie from the searches' aim, in their ln. */
    double offAim(long len) {
      return Math.abs(Math.log(len / (TargetSearch.FINE_AIM * target)));
    }

    boolean inBand(long len) {
      return len <= target && len >= TargetSearch.SIZE_BAND * target;
    }
  }

  /**
   * The sums over size pairs, index 0 with the rule off, 1 with it on: landed within 3 encodes
   * and encodes; asserts on the way that no search with the rule on took more than {@code more}
   * encodes more.
   */
  record SizeTotals(int[] landed, int[] encodes) {}

  static SizeTotals sizeTotals(List<SizePair> pairs, int more) {
    int[] landed = new int[2];
    int[] encodes = new int[2];
    for (SizePair p : pairs) {
      assertTrue(p.encodes()[1] <= p.encodes()[0] + more,
          p.target() + ": " + p.encodes()[0] + " -> " + p.encodes()[1]);
      for (int rule = 0; rule < 2; rule++) {
        landed[rule] += p.landed(rule) ? 1 : 0;
        encodes[rule] += p.encodes()[rule];
      }
    }
    return new SizeTotals(landed, encodes);
  }

  /**
   * A size rule test's run: {@link #size} of {@code images} with the rule off and on, the thirds
   * it moved ({@link #movedSizes} of encode 2) and the totals ({@link #sizeTotals}: no search
   * with the rule takes more than one encode more).
   */
  record SizeRun(int searches, Moved thirds, SizeTotals sum) {
    /** The line a size rule test prints, {@code what} first; the thirds' distance if asked. */
    String summary(String what, boolean distance) {
      int[] landed = sum.landed();
      int[] encodes = sum.encodes();
      return what + ": in the band within 3 encodes " + landed[0] + " -> " + landed[1] + " of "
          + searches + ", encodes " + encodes[0] + " -> " + encodes[1] + "; of "
          + thirds.count() + " different thirds " + thirds.inBand()[0] + " -> "
          + thirds.inBand()[1] + " in the band" + (distance ? ", mean distance from the aim "
          + thirds.offAim()[0] / thirds.count() + " -> " + thirds.offAim()[1] / thirds.count()
          + " in ln bytes" : "");
    }
  }

  static SizeRun sizeRun(Image[] images, ImageFormat format, SearchRules off) {
    List<SizePair> pairs = size(images, format, off);
    Moved thirds = movedSizes(pairs, 2);
    return new SizeRun(pairs.size(), thirds, sizeTotals(pairs, 1));
  }

  /**
   * {@link #moved} for size searches: the pairs whose encode {@code i} the rule moved (measured
   * on both sides, the bytes differ), their encodes in the band and distance from the aim.
   */
  static Moved movedSizes(List<SizePair> pairs, int i) {
    int count = 0;
    int[] inBand = new int[2];
    double[] offAim = new double[2];
    for (SizePair p : pairs) {
      long[] n = {p.len(0, i), p.len(1, i)};
      if (n[0] != n[1] && n[0] > 0 && n[1] > 0) {
        for (int rule = 0; rule < 2; rule++) {
          offAim[rule] += p.offAim(n[rule]);
          inBand[rule] += p.inBand(n[rule]) ? 1 : 0;
        }
        count++;
      }
    }
    return new Moved(count, inBand, offAim);
  }

  /**
   * Size targets on every image in {@code format} (CompressOptions.lossy(75)'s encoder and chroma
   * choice, the image's own size curve): 24 from the file at quality 10 to the one at 99, evenly
   * in their log, each searched with {@code off} and with {@link SearchRules#DEFAULT}; checks
   * that every result fits its target.
   */
  static List<SizePair> size(Image[] images, ImageFormat format, SearchRules off) {
    List<SizePair> pairs = new ArrayList<>();
    for (Image image : images) {
      Shared shared = Shared.of(image, format);
      double low = shared.encode(1000).length;
      double high = shared.encode(9900).length;
      for (int t = 0; t < 24; t++) {
        long target = Math.round(low * Math.pow(high / low, t / 23.0));
        SizeSearch[] s = {shared.size(off, target), shared.size(SearchRules.DEFAULT, target)};
        TargetSearch.Result[] results = new TargetSearch.Result[2];
        int[] encodes = new int[2];
        long[][] lens = new long[2][];
        for (int rule = 0; rule < 2; rule++) {
          results[rule] = s[rule].result();
          assertTrue(results[rule].bytes().length <= target,
              format + " " + target + ": " + results[rule].bytes().length);
          lens[rule] = s[rule].lens().clone();
          encodes[rule] = lens[rule].length;
        }
        pairs.add(new SizePair(target, results, encodes, lens));
      }
    }
    return pairs;
  }

  static Totals totals(List<Pair> pairs) {
    int[] landed = new int[2];
    int[] inBand = new int[2];
    int[] encodes = new int[2];
    long[] bytes = new long[2];
    int changed = 0;
    for (Pair p : pairs) {
      for (int rule = 0; rule < 2; rule++) {
        landed[rule] += p.landed(rule) ? 1 : 0;
        inBand[rule] += p.inBand(rule) ? 1 : 0;
        encodes[rule] += p.encodes()[rule];
        bytes[rule] += p.results()[rule].bytes().length;
      }
      changed += p.changed() ? 1 : 0;
    }
    return new Totals(landed, inBand, encodes, bytes, changed);
  }

  /**
   * Every target on every image in {@code format} (CompressOptions.lossy(75)'s encoder and
   * chroma choice), with {@code off} and with {@link SearchRules#DEFAULT}; checks that every
   * result reaches its target.
   */
  static List<Pair> ssim(Image[] images, ImageFormat format, SearchRules off) {
    return ssim(images, format, off, SearchRules.DEFAULT);
  }

  /**
   * {@link #ssim(Image[], ImageFormat, SearchRules)} with {@code on} in place of the default
   * rules (a rule measured as it was, before a later one).
   */
  static List<Pair> ssim(Image[] images, ImageFormat format, SearchRules off, SearchRules on) {
    return ssim(images, format, off, on, false);
  }

  /**
   * {@link #ssim(Image[], ImageFormat, SearchRules, SearchRules)}, both sides with the JPEG
   * trimmer when {@code trim} ({@link Shared#ssimTrimming}).
   */
  static List<Pair> ssim(Image[] images, ImageFormat format, SearchRules off, SearchRules on,
      boolean trim) {
    List<Pair> pairs = new ArrayList<>();
    for (Image image : images) {
      Shared shared = Shared.of(image, format);
      for (int t = 0; t < 20; t++) {
        double target = 0.90 + 0.0045 * t;
        SsimSearch[] s = trim
            ? new SsimSearch[] {shared.ssimTrimming(off, target), shared.ssimTrimming(on, target)}
            : new SsimSearch[] {shared.ssim(off, target), shared.ssim(on, target)};
        TargetSearch.Result[] results = new TargetSearch.Result[2];
        int[] encodes = new int[2];
        double[][] scores = new double[2][];
        for (int rule = 0; rule < 2; rule++) {
          results[rule] = s[rule].result();
          assertTrue(results[rule].ssim() >= target,
              format + " " + target + ": " + results[rule].ssim());
          encodes[rule] = s[rule].encodes();
          scores[rule] = s[rule].scores().clone();
        }
        pairs.add(new Pair(target, results, encodes, scores));
      }
    }
    return pairs;
  }

  /** One SSIM search: its result, how many encodes it made and each encode's SSIM in order. */
  record SsimSearch(TargetSearch.Result result, int encodes, double[] scores) {}

  /** One size search: its result and each encode's bytes in order. */
  record SizeSearch(TargetSearch.Result result, long[] lens) {}

  /**
   * One image's encodes, SSIMs, curves and searches in one format, shared by every rule test in
   * this JVM: the searches are deterministic, and most rule tests search the same crops with the
   * same rules on one side (the defaults, or the rules before a later one), so a search made once
   * serves them all. Images are matched by their pixels, as each test builds its own.
   */
  static final class Shared {
    private static final Map<Key, Shared> ALL = new HashMap<>();

    private final Image image;
    private final ImageFormat format;
    private final CompressOptions options;
    private final Map<Integer, byte[]> files = new HashMap<>();
    private final ToDoubleFunction<byte[]> scorer;
    private final Map<SearchRules, SsimCurve> ssimCurves = new HashMap<>();
    private final Map<SearchRules, SizeCurve> sizeCurves = new HashMap<>();
    private final Map<List<Object>, SsimSearch> ssimSearches = new HashMap<>();
    private final Map<List<Object>, SizeSearch> sizeSearches = new HashMap<>();

    /** Pixels and format; records compare arrays by reference, so equality is spelled out. */
    private record Key(int width, int height, byte[] rgba, ImageFormat format) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Key k && k.width == width && k.height == height
            && k.format == format && Arrays.equals(k.rgba, rgba);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(rgba) * 31 + format.hashCode();
      }
    }

    private Shared(Image image, ImageFormat format) {
      this.image = image;
      this.format = format;
      this.options = CompressOptions.lossy(75).withFormat(format);
      this.scorer = TargetSearchTest.memoSsim(image);
    }

    static synchronized Shared of(Image image, ImageFormat format) {
      return ALL.computeIfAbsent(new Key(image.width(), image.height(), image.rgba(), format),
          k -> new Shared(image, format));
    }

    /** CompressOptions.lossy(75)'s encoder at {@code code}, each code encoded once. */
    synchronized byte[] encode(int code) {
      return files.computeIfAbsent(code,
          c -> CompressPipeline.encodeLossy(image, Metadata.EMPTY, options, c));
    }

    /** The SSIM of a file of this image (memoized). */
    synchronized double score(byte[] file) {
      return scorer.applyAsDouble(file);
    }

    synchronized SsimSearch ssim(SearchRules rules, double target) {
      return ssimSearches.computeIfAbsent(List.of(rules, target),
          k -> searchSsim(rules, target, false));
    }

    /**
     * {@link #ssim} with the library's trimmer ({@link SearchEncoder#ssimTrim}; a trimmed
     * file counts as an encode). {@link #ssim} searches without it: the rule tests before
     * session 38 measure their rules as they were made.
     */
    synchronized SsimSearch ssimTrimming(SearchRules rules, double target) {
      return ssimSearches.computeIfAbsent(List.of(rules, target, "trim"),
          k -> searchSsim(rules, target, true));
    }

    private SsimSearch searchSsim(SearchRules rules, double target, boolean trim) {
      SsimCurve curve = ssimCurves.computeIfAbsent(rules,
          r -> CompressPipeline.ssimCurve(options, image, r));
      int[] count = {0};
      List<Double> scored = new ArrayList<>();
      ToDoubleFunction<byte[]> tracing = b -> {
        double v = scorer.applyAsDouble(b);
        scored.add(v);
        return v;
      };
      SearchEncoder trimming = new SearchEncoder(image, Metadata.EMPTY, options);
      SsimTrimmer trimmer = !trim ? null
          : (code, pass, passSsim, low, high, guess, reach) -> {
            byte[] b = trimming.ssimTrim(code, pass, passSsim, low, high, guess, reach);
            count[0] += b == null ? 0 : 1;
            return b;
          };
      TargetSearch.Result result = TargetSearch.forSsim(format, 1,
          CompressPipeline.chromaChoice(options, image), target,
          TargetSearchTest.counting(this::encode, count), tracing, curve, true, trimmer);
      return new SsimSearch(result, count[0],
          scored.stream().mapToDouble(Double::doubleValue).toArray());
    }

    synchronized SizeSearch size(SearchRules rules, long target) {
      return sizeSearches.computeIfAbsent(List.of(rules, target), k -> searchSize(rules, target));
    }

    private SizeSearch searchSize(SearchRules rules, long target) {
      SizeCurve curve = sizeCurves.computeIfAbsent(rules,
          r -> CompressPipeline.sizeCurve(options, image, r));
      List<Long> made = new ArrayList<>();
      IntFunction<byte[]> tracing = c -> {
        byte[] b = encode(c);
        made.add((long) b.length);
        return b;
      };
      TargetSearch.Result result = TargetSearch.forSize(format, 1,
          CompressPipeline.chromaChoice(options, image), (long) image.width() * image.height(),
          target, tracing, curve);
      return new SizeSearch(result, made.stream().mapToLong(Long::longValue).toArray());
    }
  }
}
