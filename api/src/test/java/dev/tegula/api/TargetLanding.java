package dev.tegula.api;

import dev.tegula.api.SearchRules.Rule;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Measurement, not a test: lands size targets (20-500 KB) or SSIM targets (0.90-0.99) over
 * directories of PNG images with the fine-scale and whole-quality searches of JPEG and .tgl in
 * one run, and prints per directory and search how many land in the 3% band (and how many of
 * those within 3 encodes, the measure), the encodes used (histogram) and the landing
 * error (size: % under the target; SSIM: % of the distortion budget 1 - target above it).
 * Run with the api test classpath:
 * {@code java dev.tegula.api.TargetLanding size ../shared/corpus/photos /tmp/holdout}.
 */
public class TargetLanding {
  private static final Map<String, List<double[]>> ROWS = new LinkedHashMap<>();
  /** The quality steps in hundredths to measure: 1 (fine) and 100 (whole); -Dsteps=1 for one. */
  private static final int[] STEPS = Boolean.getBoolean("fineOnly") ? new int[] {1}
      : new int[] {1, 100};

  /** -DnoTrace=true: no bisection for the best result of each SSIM miss (a faster run). */
  private static final boolean TRACE = !Boolean.getBoolean("noTrace");

  /**
   * -Dladder=FILE: for SSIM targets, also the bytes a user wastes: the share of fine searches
   * whose file is at most 3% larger than the smallest file reaching the target on the fine
   * ladder (4:2:0 to 96.99, 4:4:4 below 97, 4:4:4 from 97), found by bisection
   * on each part and cached in FILE (one line per set, image, format and target) across runs.
   */
  /*
   * -DshowTrace=true: each SSIM miss's encodes (quality:bytes=SSIM); with -DtraceAll=true every
   * search's.
   */
  /** -Dcurve=true: SSIM searches on the image's own estimated curve ({@link SsimCurve}). */
  private static final boolean CURVE = Boolean.getBoolean("curve");
  /** -DsizeCurve=true: size searches on the image's own estimated curve ({@link SizeCurve}). */
  private static final boolean SIZE_CURVE = Boolean.getBoolean("sizeCurve");

  private static final String LADDER = System.getProperty("ladder");
  /**
   * -DjumpTargets=true: size targets a quarter, half and three quarters of the way from the
   * 4:2:0 file at 96.99 to the 4:4:4 one at 97 (mostly inside the chroma jump, where the search
   * fills it with 4:4:4 below 97) in place of 20-500 KB; images without a chroma choice have none.
   */
  private static final boolean JUMP_TARGETS = Boolean.getBoolean("jumpTargets");
  /** -Dknob=false: JPEG searches on the quality alone, without the trellis lambda. */
  private static final boolean KNOB = !"false".equals(System.getProperty("knob"));
  /** -Donly=JPEG or -Donly=TGL: measure one format. */
  private static final String ONLY = System.getProperty("only");
  /**
   * -Dchroma=444|420|422: the caller's fixed chroma ({@link CompressOptions#withChroma}; .tgl is
   * skipped for 422); -Dgrey=true: grey output ({@link CompressOptions#withGrayscale}, the grey
   * image encoded and scored). The searches then run as {@link CompressPipeline} runs them for
   * those options: the same encoder options, chroma choice and curve (or none). Cache keys carry
   * the variant.
   */
  private static final String CHROMA = System.getProperty("chroma");
  private static final boolean GREY = Boolean.getBoolean("grey");
  private static final String VARIANT = (CHROMA == null ? "" : " c" + CHROMA)
      + (GREY ? " grey" : "");
  private static final Map<String, Long> SMALLEST = new HashMap<>();
  /**
   * -Dcache=FILE: each encode's size (and SSIM in ssim mode) per set, image, format and code,
   * kept across runs, so that a rerun encodes only the qualities no earlier run tried (the
   * search sees an array of the cached length, scored from the cache).
   */
  private static final String CACHE = System.getProperty("cache");
  private static final Map<String, double[]> CACHED = new HashMap<>();
  /** The lowest SSIM at least the target on the ladder (NaN if none), cached with SMALLEST. */
  private static final Map<String, Double> CLOSEST = new HashMap<>();
  /**
   * The searches' rules ({@link SearchRules}), each on unless its property is false:
   * -Dprobe=false: JPEG's knob without its probe (KnobProbe), the rules before it;
   * -DbelowKnob=false: no knob below x1 from a failure just under the target;
   * -DbracketLine=false: JPEG brackets on images other than decoded JPEGs on the estimate's
   * shape alone, the rule before session 10; -DtablesLine=false: a decoded JPEG's bracket line
   * in the log of the table scale, the rule before session 12; -DtglSource=false: .tgl's
   * estimate of a decoded JPEG without the corrections by the step ratio, the rules before
   * session 13; -DotherTables=false: decoded JPEGs of tables other than libjpeg's Annex K ones
   * estimated and corrected as those, the rule before session 13; -DtglSizeSource=false:
   * .tgl's size estimate of a decoded JPEG without the correction by the step ratio, the rule
   * before session 14; -Dfourth=false: a search returns its third file outside the band even
   * with a failure on the band's other side, the rule before session 14;
   * -DtglThirdAtAim=false: .tgl's third after two failures aimed past the target by a share of
   * the last shortfall, the rule before session 15; -DmosaicThird=false: JPEG's third quality on
   * the fitted model alone, without the mosaic's curve, the rule before session 16;
   * -DtglProbe=false: .tgl's first encode on the estimate alone, without its {@link TglProbe},
   * the rule before session 16; -DjpegThirdFromFiles=false: JPEG's probed knob on its probe's
   * SSIM slope alone and a JPEG third after two passes aimed at the aim, the rules before
   * session 17; -DfarPass=false: an SSIM search returns its pass after three or four encodes
   * however far over the band it lies, the rule before session 17; -DtglMosaic=false: .tgl's
   * second encode and third inside a bracket on the fitted line alone, without the mosaic's
   * curve, the rule before session 17; -DtglMosaicOutside=false: .tgl's third after two passes
   * or two failures on the fitted line alone, the rule before session 18;
   * -DlargerMosaic=false: JPEG's mosaic third on KnobProbe's mosaic blended with the model
   * inside a bracket too, and the knob's secant from a first pass on decoded JPEGs within 0.07
   * of the aim, the rules before session 18; -DtglMosaicBeyond=false: .tgl's mosaic reads
   * neither step past candidates all on one side of the aim nor stop near it, the rules before
   * session 19; -DtglSizeOneSided=false: a .tgl size search's third after two files on one
   * side of the target steps the whole way the fit predicts, -DtglProbeSeamless=false:
   * TglProbe's model of its mosaic with chroma rings across the tiles' seams and the
   * calibration that stood for them, -DtglSecondOnMosaic=false: .tgl's second on the mosaic
   * alone only after a first far under the aim, -DsecantPower=false: JPEG's knob secant third
   * on KnobProbe's power of ln lambda, -DbelowMosaic=false: JPEG's knob below x1 read on
   * KnobProbe alone, the rules before session 21; -DoneSidedOnMosaic=false: JPEG's mosaic
   * third after two failures or two passes blended with the model and crossing on its values,
   * -DtglFirstOnMosaic=false: a .tgl first far from the probe's code on the shifted estimate,
   * the rules before session 22; -DtglStepLine=false: a .tgl size bracket's line in the log of
   * the table scale plus 2, the rule before session 24; -DtglGreyJump=false: .tgl's mosaic reads
   * stop at the 97 jump on grey files too, as before session 24; -DtglSmooth=false,
   * -DjpegSmooth=false: .tgl's and JPEG's estimates without the smooth content's correction, as
   * before session 25; -DtglJumpSlope=false: .tgl's first 4:4:4 file below 97 on the estimate
   * shifted through 97's file, as before session 28; -DtglSizeSmooth=false: .tgl's size
   * estimate without the smooth content's correction, as before session 29; -DjpegGreySize=false:
   * JPEG's size estimate of grey output without its own correction, -DsizeKnobAgain=false: a
   * JPEG size knob's file just over the target ends the search, as before session 30;
   * -DtglChord=false: .tgl's SSIM third inside a bracket on the mosaic alone, without the
   * chord, as before session 32; -DsizeUnderBand=false: a size search returns its fit after
   * three or four encodes however far under the band, as before session 32;
   * -DtglSizeSteps=false, -DjpegSizeTables=false: .tgl's and JPEG's size estimates linear in
   * the quality between whole qualities, as before session 35.
   */
  private static final SearchRules RULES = SearchRules.DEFAULT
      .with(Rule.KNOB_PROBE, on("probe"))
      .with(Rule.JPEG_SSIM_TRIM, on("ssimTrim"))
      .with(Rule.TGL_SSIM_TRIM, on("tglSsimTrim"))
      .with(Rule.JPEG_SSIM_CLOSING_TRIM, on("closingTrim"))
      .with(Rule.TGL_SSIM_CLOSING_TRIM, on("tglClosingTrim"))
      .with(Rule.KNOB_BELOW_X1, on("belowKnob"))
      .with(Rule.OTHER_BRACKET_LINE, on("bracketLine"))
      .with(Rule.BRACKET_LINE_ON_TABLES, on("tablesLine"))
      .with(Rule.TGL_SOURCE_CORRECTION, on("tglSource"))
      .with(Rule.EMPHASIS_ON_OTHER_TABLES, on("otherTables"))
      .with(Rule.TGL_SIZE_SOURCE_CORRECTION, on("tglSizeSource"))
      .with(Rule.FOURTH_IN_BRACKET, on("fourth"))
      .with(Rule.TGL_THIRD_AT_AIM, on("tglThirdAtAim"))
      .with(Rule.JPEG_MOSAIC_THIRD, on("mosaicThird"))
      .with(Rule.TGL_PROBE, on("tglProbe"))
      .with(Rule.JPEG_THIRD_FROM_FILES, on("jpegThirdFromFiles"))
      .with(Rule.FAR_PASS, on("farPass"))
      .with(Rule.TGL_MOSAIC, on("tglMosaic"))
      .with(Rule.TGL_MOSAIC_OUTSIDE, on("tglMosaicOutside"))
      .with(Rule.JPEG_LARGER_MOSAIC, on("largerMosaic"))
      .with(Rule.TGL_MOSAIC_BEYOND, on("tglMosaicBeyond"))
      .with(Rule.JPEG_PROBE, on("jpegProbe"))
      .with(Rule.JPEG_PROBE_SECOND, on("jpegProbeSecond"))
      .with(Rule.JPEG_KNOB_MOSAIC, on("knobMosaic"))
      .with(Rule.JPEG_SECOND_BEYOND, on("jpegSecondBeyond"))
      .with(Rule.JPEG_PROBE_COLOUR_RISE, on("colourRise"))
      .with(Rule.TGL_SIZE_ONE_SIDED, on("tglSizeOneSided"))
      .with(Rule.TGL_PROBE_SEAMLESS, on("tglProbeSeamless"))
      .with(Rule.TGL_SECOND_ON_MOSAIC, on("tglSecondOnMosaic"))
      .with(Rule.JPEG_SECANT_POWER, on("secantPower"))
      .with(Rule.JPEG_BELOW_MOSAIC, on("belowMosaic"))
      .with(Rule.JPEG_ONE_SIDED_ON_MOSAIC, on("oneSidedOnMosaic"))
      .with(Rule.TGL_FIRST_ON_MOSAIC, on("tglFirstOnMosaic"))
      .with(Rule.JPEG_KNOB_ON_PLATEAU, on("knobOnPlateau"))
      .with(Rule.JPEG_SIZE_ONE_SIDED_SHIFT, on("sizeShift"))
      .with(Rule.TGL_SIZE_STEP_LINE, on("tglStepLine"))
      .with(Rule.TGL_GREY_ACROSS_JUMP, on("tglGreyJump"))
      .with(Rule.TGL_SMOOTH_CORRECTION, on("tglSmooth"))
      .with(Rule.JPEG_SMOOTH_CORRECTION, on("jpegSmooth"))
      .with(Rule.TGL_FLAT_RISE, on("tglFlatRise"))
      .with(Rule.TGL_MOSAIC_FAR, on("tglMosaicFar"))
      .with(Rule.TGL_FULL_NEAR_TOP, on("tglFullNearTop"))
      .with(Rule.TGL_SIZE_FULL_NEAR_TOP, on("tglSizeFullNearTop"))
      .with(Rule.TGL_FULL_LOW_TOP, on("tglFullLowTop"))
      .with(Rule.JPEG_SIZE_FULL_NEAR_TOP, on("jpegSizeFullNearTop"))
      .with(Rule.JPEG_FULL_LOW_TOP, on("jpegFullLowTop"))
      .with(Rule.TGL_SIZE_JUMP_SLOPE, on("tglJumpSlope"))
      .with(Rule.TGL_SIZE_SMOOTH, on("tglSizeSmooth"))
      .with(Rule.JPEG_GREY_SIZE, on("jpegGreySize"))
      .with(Rule.SIZE_KNOB_AGAIN, on("sizeKnobAgain"))
      .with(Rule.TGL_BRACKET_CHORD, on("tglChord"))
      .with(Rule.SIZE_UNDER_BAND, on("sizeUnderBand"))
      .with(Rule.TGL_SIZE_ESTIMATE_ON_STEPS, on("tglSizeSteps"))
      .with(Rule.JPEG_SIZE_ESTIMATE_ON_TABLES, on("jpegSizeTables"))
      .with(Rule.TGL_SIZE_TRIM, on("tglSizeTrim"));

  /**
   * A .tgl trim's codings after its encode count as encodes, as CompressResult counts them (each
   * costs about one encode of the prepared image; a JPEG trim reuses the trellis's work and
   * counts as part of the encode it trimmed); -DtrimCounts=false leaves them out.
   */
  private static final boolean TRIM_COUNTS = !"false".equals(System.getProperty("trimCounts"));

  /** A rule's switch: on unless the property is "false". */
  private static boolean on(String property) {
    return !"false".equals(System.getProperty(property));
  }

  public static void main(String[] args) throws Exception {
    boolean size = args[0].equals("size");
    if (LADDER != null && Files.exists(Paths.get(LADDER))) {
      for (String line : Files.readAllLines(Paths.get(LADDER))) {
        String[] w = line.split(" ");
        String k = String.join(" ", java.util.Arrays.copyOf(w, w.length - 2));
        SMALLEST.put(k, Long.parseLong(w[w.length - 2]));
        CLOSEST.put(k, Double.parseDouble(w[w.length - 1]));
      }
    }
    if (CACHE != null && Files.exists(Paths.get(CACHE))) {
      for (String line : Files.readAllLines(Paths.get(CACHE))) {
        int a = line.lastIndexOf(' ');
        int b = line.lastIndexOf(' ', a - 1);
        CACHED.put(line.substring(0, b), new double[] {Double.parseDouble(line.substring(b + 1, a)),
            Double.parseDouble(line.substring(a + 1))});
      }
    }
    for (int d = 1; d < args.length; d++) {
      String set = Paths.get(args[d]).getFileName().toString();
      List<Path> paths = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get(args[d]), "*.png")) {
        ds.forEach(paths::add);
      }
      Collections.sort(paths);
      for (Path p : paths) {
        Image img = Tegula.decode(Files.readAllBytes(p)).image();
        if (GREY) {
          // as CompressPipeline.prepare: the grey image is what is encoded and scored
          img = dev.tegula.transform.Grayscale.convert(img);
        }
        long px = (long) img.width() * img.height();
        for (ImageFormat f : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.TGL}) {
          if (ONLY != null && !ONLY.equals(f.name())
              || "422".equals(CHROMA) && f == ImageFormat.TGL) {
            continue;
          }
          measure(set, p.getFileName().toString(), img, px, f, size);
        }
      }
    }
    for (Map.Entry<String, List<double[]>> e : ROWS.entrySet()) {
      List<double[]> l = e.getValue();
      double[] err = l.stream().mapToDouble(x -> x[0]).sorted().toArray();
      int in = 0;
      int inWithin3 = 0; // the measure: in the band after at most 3 encodes
      int out = 0;
      int thrifty = 0;
      int known = 0;
      int unreachable = 0;
      int floor = 0;
      int[] encodes = new int[TargetSearch.MAX_ENCODES + 1];
      for (double[] x : l) {
        in += x[0] >= 0 && x[0] <= 3 ? 1 : 0;
        inWithin3 += x[0] >= 0 && x[0] <= 3 && x[1] <= 3 ? 1 : 0;
        out += x[0] < 0 ? 1 : 0;
        encodes[(int) x[1]]++;
        floor += x.length > 5 && x[5] > 0 ? 1 : 0;
        if (x.length > 2 && !Double.isNaN(x[2])) {
          known++;
          thrifty += x[2] <= 3 ? 1 : 0;
          unreachable += x[0] > 3 && x[3] > 0 ? 1 : 0;
        }
      }
      StringBuilder h = new StringBuilder();
      int total = 0;
      for (int i = 1; i < encodes.length; i++) {
        h.append(encodes[i] > 0 ? " " + i + ":" + encodes[i] : "");
        total += i * encodes[i];
      }
      System.out.printf("%s: %d/%d in the 3%% band (%d within 3 encodes), %d on the wrong side,"
          + " encodes%s (total %d), error median %.2f%% max %.2f%%%n", e.getKey(), in, l.size(),
          inWithin3, out, h, total, err[err.length / 2], err[err.length - 1]);
      if (floor > 0) {
        System.out.printf("%s: %d above the band at quality 0 (no file of the format lands)%n",
            e.getKey(), floor);
      }
      double[] over = l.stream().filter(x -> x.length > 4 && !Double.isNaN(x[4]))
          .mapToDouble(x -> x[4]).sorted().toArray();
      if (over.length > 0) {
        System.out.printf("%s: bytes over the smallest passing file (estimated) median %.2f%%,"
            + " 90th percentile %.2f%%, max %.2f%%; %d over 5%%, %d over 10%% (of %d with a"
            + " failure measured)%n", e.getKey(), over[over.length / 2],
            over[over.length * 9 / 10], over[over.length - 1],
            Arrays.stream(over).filter(v -> v > 5).count(),
            Arrays.stream(over).filter(v -> v > 10).count(), over.length);
      }
      if (known > 0) {
        System.out.printf("%s: %d/%d files at most 3%% larger than the smallest passing file on"
            + " the fine ladder; %d misses unreachable (no file on the ladder in the band)%n",
            e.getKey(), thrifty, known, unreachable);
      }
    }
  }

  /**
   * How much larger, in %, a search's file is than the smallest file reaching {@code target},
   * estimated from the search's own encodes ({@code seen}: bytes, SSIM) without any more: on
   * the line through the failure nearest the target and the pass nearest it (log bytes against
   * -ln(1 - SSIM)), at most the smallest pass seen; NaN without a failure. A cheap stand-in for
   * -Dladder's bisection, for what a miss costs a user.
   */
  static double overEstimate(long bytes, double target, List<double[]> seen) {
    double[] fail = null;
    double[] pass = null;
    double smallestPass = Double.MAX_VALUE;
    for (double[] p : seen) {
      if (p[1] >= target) {
        pass = pass == null || p[1] < pass[1] ? p : pass;
        smallestPass = Math.min(smallestPass, p[0]);
      } else {
        fail = fail == null || p[1] > fail[1] ? p : fail;
      }
    }
    if (fail == null || pass == null) {
      return Double.NaN;
    }
    double atTarget = Math.min(smallestPass, Math.exp(SsimSearch.lnBytesAt(target, fail[1],
        (long) fail[0], pass[1], (long) pass[0])));
    return 100.0 * (bytes / atTarget - 1);
  }

  /**
   * The largest file of at most t bytes on the search's ladder (JPEG and .tgl: 4:2:0 to 96.99,
   * 4:4:4 below 97, 4:4:4 from 97), by bisection on each monotone part.
   */
  static String bestOnLadder(IntFunction<byte[]> enc, boolean jpeg, long t) {
    String best = "none";
    long bestLen = -1;
    int[][] parts = {{0, 9699, 0}, {0, 9699, TargetSearch.FULL_CHROMA}, {9700, 10000, 0}};
    long cap = enc.apply(9700).length;
    long floor = enc.apply(9699).length;
    for (int[] part : parts) {
      int lo = part[0];
      int hi = part[1];
      if (enc.apply(lo | part[2]).length > t) {
        continue;
      }
      while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (enc.apply(mid | part[2]).length <= t) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      long len = enc.apply(lo | part[2]).length;
      if (part[2] != 0 && (len > cap || len <= floor)) {
        // on the ladder, 4:4:4 below 97 starts where its files outgrow 4:2:0 at 96.99
        continue;
      }
      if (len > bestLen) {
        bestLen = len;
        best = (part[2] != 0 ? "4:4:4 " : "") + lo + " " + len + String.format(" (%.2f%% under)",
            100.0 * (t - len) / t);
      }
    }
    return best;
  }

  /** The lowest quality whose SSIM reaches t, by bisection (SSIM grows with the quality). */
  static String lowestReaching(IntFunction<byte[]> enc, ToDoubleFunction<byte[]> sc, double t) {
    int lo = 0;
    int hi = 10000;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (sc.applyAsDouble(enc.apply(mid)) >= t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    double v = sc.applyAsDouble(enc.apply(lo));
    double below = lo > 0 ? sc.applyAsDouble(enc.apply(lo - 1)) : Double.NaN;
    return String.format("q%d SSIM %.5f (%.2f%% of the budget; q-0.01: %.5f)", lo, v,
        100 * (v - t) / (1 - t), below);
  }

  /**
   * The smallest file whose SSIM reaches t on the fine ladder: the lowest quality reaching it on
   * each monotone part, by bisection; Long.MAX_VALUE when none does.
   */
  static long smallestReaching(IntFunction<byte[]> enc, ToDoubleFunction<byte[]> sc, boolean jpeg,
      double t, double[] closest) {
    closest[0] = Double.NaN;
    int[][] parts = {{0, 9699, 0}, {0, 9699, TargetSearch.FULL_CHROMA}, {9700, 10000, 0}};
    long best = Long.MAX_VALUE;
    for (int[] part : parts) {
      int lo = part[0];
      int hi = part[1];
      if (sc.applyAsDouble(enc.apply(hi | part[2])) < t) {
        continue;
      }
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (sc.applyAsDouble(enc.apply(mid | part[2])) >= t) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      best = Math.min(best, enc.apply(lo | part[2]).length);
      double v = sc.applyAsDouble(enc.apply(lo | part[2]));
      closest[0] = Double.isNaN(closest[0]) ? v : Math.min(closest[0], v);
    }
    return best;
  }

  /** " lambda x1.40" when the search moved JPEG's second knob, else "". */
  private static String lambdaText(TargetSearch.Result r) {
    return r.lambda() == 100 ? "" : String.format(" lambda x%.2f", r.lambda() / 100.0);
  }

  /** The caller's options this run stands for (format {@code f}, lossy). */
  static CompressOptions options(ImageFormat f) {
    CompressOptions o = CompressOptions.lossy(75).withFormat(f).withGrayscale(GREY);
    if (CHROMA != null) {
      o = o.withChroma(CHROMA.equals("444") ? dev.tegula.jpeg.JpegEncodeOptions.Subsampling.S444
          : CHROMA.equals("422") ? dev.tegula.jpeg.JpegEncodeOptions.Subsampling.S422
          : dev.tegula.jpeg.JpegEncodeOptions.Subsampling.S420);
    }
    return o;
  }

  /**
   * -DgreyJpeg=false: a grey image's JPEG in three components, as before session 30 (since then
   * {@link CompressPipeline#forImage} writes it with one; cache keys say " grey1").
   */
  private static final boolean GREY_JPEG = !"false".equals(System.getProperty("greyJpeg"));

  /** Keeps an encode's size and SSIM under {@code key} in -Dcache's file, when there is one. */
  private static void cacheLine(String key, long bytes, double ssim) {
    if (CACHE == null) {
      return;
    }
    CACHED.put(key, new double[] {bytes, ssim});
    try {
      Files.writeString(Paths.get(CACHE), key + " " + bytes + " " + ssim + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void measure(String set, String name, Image img, long px, ImageFormat f,
      boolean size) {
    CompressOptions opts = GREY_JPEG ? CompressPipeline.forImage(options(f), img, Metadata.EMPTY)
        : options(f);
    String variant = VARIANT + (opts.grayscale() && !GREY ? " grey1" : "");
    Map<Integer, byte[]> memo = new HashMap<>();
    SearchEncoder searchEncoder = new SearchEncoder(img, Metadata.EMPTY, opts);
    Map<byte[], Double> scores = new IdentityHashMap<>();
    int[] calls = new int[1];
    StringBuilder trace = new StringBuilder();
    // -DtraceEst=true: each traced code's estimate ([-ln(1 - SSIM)] of the search's SsimCurve)
    SsimCurve[] estimate = new SsimCurve[1];
    IntFunction<byte[]> enc = c -> {
      calls[0]++;
      trace.append((c & TargetSearch.FULL_CHROMA) != 0 ? " f" : " ")
          .append(c & TargetSearch.QUALITY)
          .append(TargetSearch.lambdaOf(c) != 100 ? "x" + TargetSearch.lambdaOf(c) : "")
          .append(estimate[0] != null && Boolean.getBoolean("traceEst")
              ? String.format("[%.4f]", estimate[0].at(c)) : "")
          .append(':');
      return memo.computeIfAbsent(c, cc -> {
        String ck = set + " " + name + " " + f + variant + " " + cc;
        double[] hit = CACHED.get(ck);
        if (hit != null && (size || !Double.isNaN(hit[1]))) {
          byte[] fake = new byte[(int) hit[0]];
          scores.put(fake, hit[1]);
          return fake;
        }
        // as CompressPipeline's searches encode (prepared once per chroma side)
        byte[] b = searchEncoder.apply(cc);
        if (CACHE != null) {
          double v = size ? Double.NaN
              : dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(b).image());
          scores.put(b, v);
          cacheLine(ck, b.length, v);
        }
        return b;
      });
    };
    // a size search's encoder trims a JPEG just over its target into it (SearchEncoder.fitting)
    long[] budget = new long[1];
    SearchEncoder trimEncoder = new SearchEncoder(img, Metadata.EMPTY, opts);
    Map<String, byte[]> trims = new HashMap<>();
    Map<String, Integer> trimCost = new HashMap<>();
    IntFunction<byte[]> traced = c -> {
      byte[] b = enc.apply(c);
      if (size && RULES.on(f == ImageFormat.JPEG ? SearchRules.Rule.JPEG_SIZE_TRIM
          : SearchRules.Rule.TGL_SIZE_TRIM)
          && b.length > budget[0] && b.length <= budget[0] * (1 + SearchEncoder.TRIM_SHARE)) {
        String ck = set + " " + name + " " + f + variant + " " + c + " fit" + budget[0];
        b = trims.computeIfAbsent(ck, k -> {
          double[] hit = CACHED.get(k);
          if (hit != null) {
            trimCost.put(k, Double.isNaN(hit[1]) ? 0 : (int) hit[1]);
            return new byte[(int) hit[0]];
          }
          int before = trimEncoder.trimCodings();
          byte[] t = trimEncoder.fitting(budget[0], RULES).apply(c);
          // a .tgl trim's codings in the SSIM slot, which a size search does not read
          cacheLine(k, t.length, trimEncoder.trimCodings() - before);
          trimCost.put(k, trimEncoder.trimCodings() - before);
          return t;
        });
        int codings = trimCost.getOrDefault(ck, 0);
        if (TRIM_COUNTS) {
          calls[0] += codings;
        }
        trace.append('t').append(codings > 0 ? codings + "c" : "");
      }
      trace.append(b.length);
      return b;
    };
    boolean jpeg = f == ImageFormat.JPEG;
    // as CompressPipeline: a grey image has no chroma jump in .tgl, nor a fixed chroma
    boolean choice = CompressPipeline.chromaChoice(opts, img);
    if (size) {
      long lo = enc.apply(0).length;
      long hi = enc.apply(10000).length;
      long below = enc.apply(9699).length;
      long full = enc.apply(9700).length;
      Map<ImageFormat, SizeCurve> sizeCurves = new HashMap<>();
      long[] targets = JUMP_TARGETS && choice
          ? new long[] {(3 * below + full) / 4, (below + full) / 2, (below + 3 * full) / 4}
          : new long[] {20_000, 50_000, 100_000, 200_000, 500_000};
      for (long t : targets) {
        if (t < lo || t >= hi) {
          continue;
        }
        // no quality of the format's own scale lands: only 4:4:4 below 97 can (a fixed chroma has
        // no jump)
        String gap = below < 0.97 * t && full > t && choice
            ? " [in the chroma jump]" : "";
        for (int step : STEPS) {
          calls[0] = 0;
          trace.setLength(0);
          budget[0] = t;
          TargetSearch.Result r = TargetSearch.forSize(f, step, choice, px, t, traced,
              SIZE_CURVE ? sizeCurves.computeIfAbsent(f,
                  ff -> CompressPipeline.sizeCurve(opts, img, RULES)) : null, KNOB);
          double err = 100.0 * (t - r.bytes().length) / t;
          if (step == 1 && err <= 3 && Boolean.getBoolean("traceAll")) {
            System.out.printf("  trace%s%n", trace);
          }
          if (step == 1 && err > 3) {
            int n = calls[0];
            System.out.printf("  miss%s | best on the ladder: %s%n", trace,
                bestOnLadder(enc, jpeg, t));
            calls[0] = n;
          }
          String key = set + " " + f + (step == 1 ? " fine" : " whole");
          ROWS.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {err, calls[0]});
          System.out.printf("%s %s %d q%.2f%s%s %d enc %.2f%%%s%n", key, name, t,
              r.quality() / 100.0, r.fullBelow() ? " 4:4:4" : "", lambdaText(r), calls[0], err,
              gap);
        }
      }
    } else {
      ToDoubleFunction<byte[]> sc = b -> scores.computeIfAbsent(b,
          bb -> dev.tegula.metrics.Metrics.ssim(img, Tegula.decode(bb).image()));
      double top = sc.applyAsDouble(enc.apply(10000));
      Map<ImageFormat, SsimCurve> curves = new HashMap<>();
      for (double t : new double[] {0.90, 0.95, 0.97, 0.99}) {
        if (top < t) {
          continue;
        }
        for (int step : STEPS) {
          calls[0] = 0;
          trace.setLength(0);
          List<double[]> seen = new ArrayList<>();
          ToDoubleFunction<byte[]> tracedScore = b -> {
            double v = sc.applyAsDouble(b);
            trace.append(String.format("%d=%.5f", b.length, v));
            seen.add(new double[] {b.length, v});
            return v;
          };
          estimate[0] = CURVE ? curves.computeIfAbsent(f,
              ff -> CompressPipeline.ssimCurve(opts, img, RULES)) : null;
          // a pass trimmed into the band: its file is new, never cached, and counts as an encode
          SsimTrimmer trimmer = !RULES.on(f == ImageFormat.JPEG ? Rule.JPEG_SSIM_TRIM
              : Rule.TGL_SSIM_TRIM) ? null
              : (code, pass, passSsim, low, high, guess, reach) -> {
                trace.append(" t").append(code & TargetSearch.QUALITY).append(':');
                // the cache holds a file's length and SSIM, not its bytes: the pass again
                byte[] b = searchEncoder.ssimTrim(code, searchEncoder.apply(code), passSsim, low,
                    high, guess, reach);
                if (b == null) {
                  trace.append("none ");
                } else {
                  calls[0]++;
                }
                return b;
              };
          TargetSearch.Result r = TargetSearch.forSsim(f, step, choice, t, enc, tracedScore,
              estimate[0], KNOB, trimmer);
          double err = 100.0 * (r.ssim() - t) / (1 - t);
          if (step == 1 && (err > 3 || calls[0] > 3 || Boolean.getBoolean("traceAll"))
              && Boolean.getBoolean("showTrace")) {
            System.out.printf("  trace%s%n", trace);
          }
          if (step == 1 && err > 3 && TRACE) {
            int n = calls[0];
            System.out.printf("  miss%s | lowest on JPEG's own scale reaching it: %s%n", trace,
                lowestReaching(enc, sc, t));
            calls[0] = n;
          }
          String key = set + " " + f + (step == 1 ? " fine" : " whole");
          double waste = Double.NaN;
          boolean unreachable = false;
          if (LADDER != null && step == 1) {
            int n = calls[0];
            String lk = set + " " + name + " " + f + variant + " " + t;
            Long least = SMALLEST.get(lk);
            if (least == null) {
              double[] closest = new double[1];
              least = smallestReaching(enc, sc, jpeg, t, closest);
              SMALLEST.put(lk, least);
              CLOSEST.put(lk, closest[0]);
              try {
                Files.writeString(Paths.get(LADDER), lk + " " + least + " " + closest[0] + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
            waste = 100.0 * (r.bytes().length - least) / least;
            // no file on the fine ladder lands: the lowest SSIM reaching the target is above the
            // band, one hundredth of quality moves SSIM by more than the band
            unreachable = CLOSEST.get(lk) > t + (1 - TargetSearch.SSIM_BAND) * (1 - t);
            calls[0] = n;
          }
          // quality 0 already above the band: no file of the format lands (sk_clock_motion 0.90)
          boolean floor = r.quality() == 0 && err > 3;
          ROWS.computeIfAbsent(key, k -> new ArrayList<>()).add(
              new double[] {err, calls[0], waste, unreachable ? 1 : 0,
                  overEstimate(r.bytes().length, t, seen), floor ? 1 : 0});
          // the result's bytes, so that two runs' files can be compared search by search
          System.out.printf(
              "%s %s %.2f q%.2f%s%s SSIM %.5f %d enc %.2f%% of the budget, %d B%s%s%n",
              key, name, t, r.quality() / 100.0, (r.code() & TargetSearch.FULL_CHROMA) != 0
                  ? " 4:4:4" : "", lambdaText(r), r.ssim(), calls[0], err, r.bytes().length,
              Double.isNaN(waste) ? "" : String.format(", %.2f%% over the smallest%s", waste,
                  unreachable ? " (unreachable)" : ""),
              floor ? " [above the band at quality 0]" : "");
        }
      }
    }
  }
}
