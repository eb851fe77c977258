package dev.tegula.cli;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.JpegCoding;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.LimitExceededException;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.tgl.TileJob;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tegula compress IN... [-o OUT|DIR] [--format tgl|jpeg|png] [--quality Q | --lossless
 * [--effort 1-4] |
 * --max-size SIZE | --target-ssim S] [--max-dim N [--gamma-correct]] [--grayscale] [--strip |
 * --strip-gps] [--keep-orientation] [--chroma 4:4:4|4:2:2|4:2:0] [--baseline]
 * [--restart-interval N]}: JPEG, PNG or .tgl in, .tgl (docs/format.md), JPEG or PNG
 * out, turned upright, with the input's EXIF, ICC, XMP and text kept unless stripped. Every option
 * is checked before any file is read.
 */
@Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compress JPEG, PNG or .tgl files to .tgl, JPEG or PNG, using every core.",
        "Without -o, IN.x is written as IN.tgl (IN.jpg, IN.png) beside it.",
        "The image is turned upright as its EXIF orientation says and the tag reset to 1;",
        "EXIF, ICC, XMP and text are kept unless --strip or --strip-gps."})
final class CompressCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IN", description = "JPEG, PNG or .tgl files.")
  private List<String> inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT|DIR",
      description = "The file to write (one input), or the directory for the results.")
  private String output;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "tgl (default), jpeg (a JPEG any browser opens, from Tegula's own encoder: "
          + "progressive, psychovisual tables, trellis quantization) or png (lossless). "
          + "Without it, the format -o's name says (.jpg, .jpeg, .png, .tgl), else tgl.")
  private String format;

  @Option(names = {"-q", "--quality"}, paramLabel = "Q",
      description = "Lossy quality 0-100, higher is better and larger (default 75).")
  private Integer quality;

  @Option(names = "--lossless", description = "Restore every pixel exactly (alpha and 16-bit "
      + "too); .tgl only (PNG is always lossless).")
  private boolean lossless;

  @Option(names = "--jpeg-lossless", description = "JPEG inputs only: keep the JPEG file bit for "
      + "bit in .tgl, about a fifth smaller (docs/format-jpeg.md); tegula restore gives the same "
      + "file back. A JPEG that cannot be modelled is stored as it is.")
  private boolean jpegLossless;

  @Option(names = "--jpeg-coding", paramLabel = "CODING", description = "With --jpeg-lossless: "
      + "fast (default; docs/format-jpeg-coefficients-fast.md) or adaptive (about half a point "
      + "more saving on photos, 3-4x slower to compress and restore; "
      + "docs/format-jpeg-coefficients.md). Either restores the same JPEG.")
  private String jpegCoding;

  @Option(names = "--max-size", paramLabel = "SIZE",
      description = "The highest quality whose file fits SIZE: 200000, 200KB (1000 bytes a KB), "
          + "195KiB (1024), 1.5MB, 2MiB. JPEG and .tgl; lands within 3%% below SIZE where the "
          + "quality steps allow, in at most 3 encodes (4 when after the third the file that "
          + "fits lies under the band, up to 6 while it still does and a quality is left "
          + "between it and a larger file, more only when none of 3 fits). When "
          + "even quality 0 is larger, the file fails, unless --max-dim is given: then the "
          + "image is shrunk further until it fits.")
  private String maxSize;

  @Option(names = "--target-ssim", paramLabel = "S",
      description = "The lowest quality whose decoded file reaches this SSIM (0-1, e.g. 0.97) "
          + "against the (resized) source. JPEG and .tgl; lands within 3%% of 1 - S above S "
          + "where the quality steps allow, in at most 3 encodes (4 when the third passes over "
          + "the band, up to 6 while the file found is over 5%% larger than the target needs, "
          + "more only when none of 3 reaches it). A file over the band may be trimmed into it "
          + "(its cheapest coefficients dropped; the result says so); the trimmed file counts "
          + "as an encode.")
  private Double targetSsim;

  @Option(names = "--max-dim", paramLabel = "N",
      description = "Shrink so that neither side exceeds N pixels (Lanczos-3; exact box "
          + "averaging for whole factors). Never enlarges. A JPEG shrunk 4x or more is decoded "
          + "at 1/2 first (16x or more: 1/4), in a fraction of the time, unless "
          + "--gamma-correct.")
  private Integer maxDim;

  @Option(names = "--gamma-correct",
      description = "Resize in linear light (keeps fine bright detail from darkening; slower).")
  private boolean gammaCorrect;

  @Option(names = "--grayscale", description = "Convert to grey (Rec. 709 luma); alpha is kept.")
  private boolean grayscale;

  @Option(names = "--strip", description = "Write no metadata (EXIF, ICC, XMP, text). Pixels are "
      + "not converted: colours are then read as sRGB.")
  private boolean strip;

  @Option(names = "--strip-gps", description = "Remove only the location (EXIF GPS, XMP with GPS "
      + "fields); keep the rest.")
  private boolean stripGps;

  @Option(names = "--keep-orientation", description = "Keep the pixels as stored and the EXIF "
      + "orientation tag as it is.")
  private boolean keepOrientation;

  @Option(names = "--chroma", paramLabel = "4:4:4|4:2:2|4:2:0",
      description = "Lossy JPEG or .tgl output: the chroma resolution at any quality (default: "
          + "4:2:0 below quality 97, 4:4:4 from 97 on); .tgl takes 4:4:4 or 4:2:0.")
  private String chroma;

  @Option(names = "--baseline", description = "JPEG output: baseline sequential instead of "
      + "progressive (a few percent larger), for decoders that cannot read progressive files.")
  private boolean baseline;

  @Option(names = "--restart-interval", paramLabel = "N",
      description = "JPEG output: a restart marker every N MCUs (1-65535), so that a damaged "
          + "file picks up again at the next marker.")
  private Integer restartInterval;

  @Option(names = "--png-effort", paramLabel = "0-4",
      description = "How hard the PNG encoder searches (default "
          + CompressOptions.DEFAULT_PNG_EFFORT + ": Tegula's deflate coder; 1, zlib level 6, "
          + "takes 1-3.5x less CPU time for files mostly 3-14%% larger).")
  private Integer pngEffort;

  @Option(names = "--effort", paramLabel = "1-4",
      description = ".tgl lossless effort (default " + CompressOptions.DEFAULT_EFFORT
          + "): 1-3 the fast method, 4 a few percent smaller and several times slower to "
          + "compress and to restore.")
  private Integer effort;

  @Option(names = "--tile-size", paramLabel = "N",
      description = "Side of the square .tgl tiles, 16-4096 (default 512).")
  private int tileSize = CompressOptions.DEFAULT_TILE_SIZE;

  @Mixin
  private BatchOptions batch;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    CompressOptions options = options();
    int threads = batch.threads();
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), batch.verbose());
    List<OutputPlan.Target> targets;
    try {
      targets = notOverInputs(OutputPlan.plan(inputs, output, options.format().extension()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      return errors.fail(output, e);
    }
    Progress progress = batch.progress(spec.commandLine().getErr(), "compress", targets.size());
    DecodeOptions decode = new DecodeOptions(limitOptions.limits(), false);
    if (options.jpegLossless()) {
      return new BatchRunner(threads, batch.force(), errors, progress)
          .run(targets, (in, data) -> jpegJob(in, data, decode.limits(), options));
    }
    boolean tiled = options.format() == ImageFormat.TGL && options.maxSizeBytes() == 0
        && options.targetSsim() == 0;
    return new BatchRunner(threads, batch.force(), errors, progress)
        .run(targets, (in, data) -> tiled ? job(in, data, decode, options)
            : wholeJob(in, data, decode, options, threads > 1));
  }

  /** An output that is its own input (PNG to PNG beside it) would destroy the input. */
  private static List<OutputPlan.Target> notOverInputs(List<OutputPlan.Target> targets) {
    List<OutputPlan.Target> checked = new java.util.ArrayList<>(targets.size());
    for (OutputPlan.Target t : targets) {
      boolean same = false;
      if (t.output() != null) {
        try {
          same = java.nio.file.Path.of(t.input()).toAbsolutePath().normalize()
              .equals(t.output().toAbsolutePath().normalize());
        } catch (RuntimeException e) {
          same = false;
        }
      }
      checked.add(same ? new OutputPlan.Target(t.input(), null,
          "the output would replace the input; give -o") : t);
    }
    return checked;
  }

  /** Every option and combination checked before any file is read. */
  private CompressOptions options() {
    String outputFile = OutputPlan.singleFile(inputs, output);
    ImageFormat named = outputFile == null || jpegLossless ? null
        : OutputNames.formatOf(outputFile);
    ImageFormat f = format != null ? parseFormat(format)
        : named != null ? named : ImageFormat.TGL;
    String mismatch = outputFile == null ? null : OutputNames.mismatch(outputFile, f,
        jpegLossless ? "--jpeg-lossless" : format != null ? "--format " + format : "compress");
    if (mismatch != null) {
      throw usage("-o " + outputFile + " " + mismatch);
    }
    if (jpegLossless) {
      return jpegLosslessOptions(f);
    }
    // what chose the format, for the messages below
    String asked = format != null ? "--format " + format : "-o " + outputFile;
    if (jpegCoding != null) {
      throw usage("--jpeg-coding applies to --jpeg-lossless only");
    }
    if (f == ImageFormat.JPEG && lossless) {
      throw usage("--lossless is not possible with " + asked);
    }
    if (lossless && quality != null) {
      throw usage("--quality and --lossless exclude each other");
    }
    if (quality != null && (quality < 0 || quality > 100)) {
      throw usage("--quality must be 0-100");
    }
    if (tileSize < 16 || tileSize > 4096) {
      throw usage("--tile-size must be 16-4096");
    }
    String target = maxSize != null ? "--max-size" : targetSsim != null ? "--target-ssim" : null;
    if (maxSize != null && targetSsim != null) {
      throw usage("--max-size and --target-ssim exclude each other");
    }
    if (target != null && f == ImageFormat.PNG) {
      throw usage(target + " is not possible with " + asked + " (PNG is lossless)");
    }
    if (target != null && lossless) {
      throw usage(target + " and --lossless exclude each other");
    }
    if (target != null && quality != null) {
      throw usage(target + " chooses the quality: leave out --quality");
    }
    if (quality != null && f == ImageFormat.PNG) {
      throw usage("--quality does not apply to " + asked + " (PNG is lossless)");
    }
    String jpegOnly = baseline ? "--baseline"
        : restartInterval != null ? "--restart-interval" : null;
    if (jpegOnly != null && f != ImageFormat.JPEG) {
      throw usage(jpegOnly + " applies to --format jpeg only");
    }
    if (chroma != null && (f == ImageFormat.PNG || lossless)) {
      throw usage("--chroma applies to lossy output only (--format jpeg, or .tgl without "
          + "--lossless)");
    }
    if (restartInterval != null && (restartInterval < 1 || restartInterval > 65535)) {
      throw usage("--restart-interval must be 1-65535 MCUs");
    }
    JpegEncodeOptions.Subsampling subsampling = chroma == null ? null : subsampling(chroma);
    if (subsampling == JpegEncodeOptions.Subsampling.S422 && f == ImageFormat.TGL) {
      throw usage("--chroma 4:2:2 is JPEG's only: .tgl takes 4:4:4 or 4:2:0");
    }
    if (subsampling != null && grayscale) {
      throw usage("--chroma and --grayscale exclude each other: grey output has no chroma");
    }
    if (pngEffort != null && f != ImageFormat.PNG) {
      throw usage("--png-effort applies to --format png only");
    }
    if (pngEffort != null && (pngEffort < 0 || pngEffort > 4)) {
      throw usage("--png-effort must be 0-4");
    }
    if (effort != null && (f != ImageFormat.TGL || !lossless)) {
      throw usage("--effort applies to .tgl with --lossless only");
    }
    if (effort != null && (effort < 1 || effort > 4)) {
      throw usage("--effort must be 1-4");
    }
    if (targetSsim != null && !(targetSsim > 0 && targetSsim < 1)) {
      throw usage("--target-ssim must be above 0 and below 1, e.g. 0.97");
    }
    if (maxDim != null && maxDim < 1) {
      throw usage("--max-dim must be at least 1");
    }
    if (gammaCorrect && maxDim == null) {
      throw usage("--gamma-correct applies to resizing: give --max-dim too");
    }
    if (strip && stripGps) {
      throw usage("--strip already removes the location: give one of --strip and --strip-gps");
    }
    long bytes = 0;
    if (maxSize != null) {
      try {
        bytes = ByteSize.parse(maxSize);
      } catch (IllegalArgumentException e) {
        throw usage("--max-size: " + e.getMessage());
      }
    }
    CompressOptions o = lossless ? CompressOptions.lossless()
        : CompressOptions.lossy(quality == null ? CompressOptions.DEFAULT_QUALITY : quality);
    o = o.withFormat(f).withTileSize(tileSize).withMaxSizeBytes(bytes)
        .withTargetSsim(targetSsim == null ? 0 : targetSsim)
        .withMaxDimension(maxDim == null ? 0 : maxDim).withGammaCorrectResize(gammaCorrect)
        .withGrayscale(grayscale).withStripMetadata(strip).withStripGps(stripGps)
        .withKeepOrientation(keepOrientation)
        .withPngEffort(pngEffort == null ? CompressOptions.DEFAULT_PNG_EFFORT : pngEffort)
        .withEffort(effort == null ? CompressOptions.DEFAULT_EFFORT : effort)
        .withChroma(subsampling).withJpegBaseline(baseline)
        .withJpegRestartInterval(restartInterval == null ? 0 : restartInterval);
    if (o.problem() != null) {
      throw usage(o.problem());
    }
    return o;
  }

  private ImageFormat parseFormat(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "tgl" -> ImageFormat.TGL;
      case "jpeg", "jpg" -> ImageFormat.JPEG;
      case "png" -> ImageFormat.PNG;
      default -> throw usage("--format must be tgl, jpeg or png, not " + name);
    };
  }

  /** "4:2:0" or "420" and so on. */
  private JpegEncodeOptions.Subsampling subsampling(String text) {
    for (JpegEncodeOptions.Subsampling s : JpegEncodeOptions.Subsampling.values()) {
      if (s.label().equals(text) || s.label().replace(":", "").equals(text)) {
        return s;
      }
    }
    throw usage("--chroma must be 4:4:4, 4:2:2 or 4:2:0");
  }

  /** --jpeg-lossless keeps the file as it is: no pixel option applies. */
  private CompressOptions jpegLosslessOptions(ImageFormat f) {
    String other = f != ImageFormat.TGL ? "--format " + format : lossless ? "--lossless"
        : quality != null ? "--quality" : maxSize != null ? "--max-size"
        : targetSsim != null ? "--target-ssim" : maxDim != null ? "--max-dim"
        : grayscale ? "--grayscale" : strip ? "--strip" : stripGps ? "--strip-gps"
        : pngEffort != null ? "--png-effort" : effort != null ? "--effort"
        : chroma != null ? "--chroma" : baseline ? "--baseline"
        : restartInterval != null ? "--restart-interval" : null;
    if (other != null) {
      throw usage("--jpeg-lossless keeps the JPEG file as it is: " + other + " does not apply");
    }
    CompressOptions o = CompressOptions.DEFAULT.withJpegLossless(true);
    if (jpegCoding == null) {
      return o;
    }
    return o.withJpegCoding(switch (jpegCoding.toLowerCase(java.util.Locale.ROOT)) {
      case "fast" -> JpegCoding.FAST;
      case "adaptive" -> JpegCoding.ADAPTIVE;
      default -> throw usage("--jpeg-coding must be fast or adaptive, not " + jpegCoding);
    });
  }

  /** A JPEG kept bit for bit; any other input fails (exit status 1) with what it is. */
  private static FileJob jpegJob(String in, byte[] data, dev.tegula.core.Limits limits,
      CompressOptions options) {
    if (Tegula.detect(data) != ImageFormat.JPEG) {
      ImageFormat f = Tegula.detect(data);
      throw new dev.tegula.core.UnsupportedFeatureException("--jpeg-lossless needs a JPEG file; "
          + "this is " + (f == null ? "not an image Tegula reads" : "a " + f.name() + " file"));
    }
    CompressResult[] result = new CompressResult[1];
    return new FileJob() {
      @Override
      public int tileCount() {
        return 1;
      }

      @Override
      public void runTile(int tile) {
        result[0] = Tegula.compressFile(data, options, limits);
      }

      @Override
      public byte[] finish() {
        return result[0].bytes();
      }

      @Override
      public String warning() {
        return null;
      }

      @Override
      public String summary(String out, byte[] written) {
        String saving = (long) (1000 - 1000.0 * written.length / Math.max(1, data.length)) / 10.0
            + "%";
        return in + " -> " + out + ": JPEG-lossless, " + (result[0].warning() == null
            ? "modelled" : result[0].warning()) + ", " + data.length + " -> " + written.length
            + " bytes (" + saving + " smaller)";
      }
    };
  }

  /** A trellis lambda in hundredths of the encoder's own as "1.15" or "2.00". */
  static String lambda(int hundredths) {
    return twoDecimals(hundredths);
  }

  /** A non-negative count of hundredths as "1.05" or "12.30". */
  static String twoDecimals(long hundredths) {
    long f = hundredths % 100;
    return hundredths / 100 + (f < 10 ? ".0" : ".") + f;
  }

  /** A quality in hundredths as "97" or "97.63" (a size or SSIM search moves between them). */
  static String quality(int hundredths) {
    return hundredths % 100 == 0 ? String.valueOf(hundredths / 100) : twoDecimals(hundredths);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * JPEG, PNG, or .tgl with a target: one encode (or a few, searching) on one thread; a PNG
   * encode's jobs (its trials, the parts of its deflate coding) run on the tile pool, in {@link
   * FileJob#finish(ExecutorService)}, where waiting for them blocks no pool thread (with {@code
   * -j 1} in this thread alone).
   */
  private static FileJob wholeJob(String in, byte[] data, DecodeOptions decode,
      CompressOptions options, boolean parallel) {
    DecodedImage d = Tegula.decodeForCompress(data, options, decode.limits());
    CompressResult[] result = new CompressResult[1];
    boolean png = options.format() == ImageFormat.PNG;
    return new FileJob() {
      @Override
      public int tileCount() {
        return 1;
      }

      @Override
      public void runTile(int tile) {
        if (!png) {
          compress(null);
        }
      }

      private void compress(ExecutorService pool) {
        try {
          result[0] = pool == null ? Tegula.compress(d, options)
              : Tegula.compress(d, options, jobs -> PngJobs.run(jobs, pool));
        } catch (IllegalArgumentException e) {
          // metadata JPEG cannot carry (EXIF over 64 KB, ...): this file fails, the rest go on
          throw new LimitExceededException(e.getMessage());
        }
      }

      @Override
      public byte[] finish() {
        if (png) {
          compress(null);
        }
        return result[0].bytes();
      }

      @Override
      public byte[] finish(ExecutorService pool) {
        if (png) {
          compress(parallel ? pool : null);
        }
        return result[0].bytes();
      }

      @Override
      public String warning() {
        return d.complete() ? null : "the input is incomplete (" + d.warning()
            + "), compressed what decoded";
      }

      @Override
      public String summary(String out, byte[] written) {
        CompressResult r = result[0];
        long pixels = (long) r.width() * r.height();
        String how = r.quality() < 0 ? "lossless" : "q" + quality(r.qualityHundredths());
        if (r.chroma() != null) {
          how += " " + r.chroma();
        }
        if (r.lambdaHundredths() >= 0 && r.lambdaHundredths() != 100) {
          how += " lambda x" + lambda(r.lambdaHundredths());
        }
        if (r.trimmed()) {
          how += options.targetSsim() > 0 ? " trimmed to the target SSIM" : " trimmed to fit";
        }
        if (options.maxSizeBytes() > 0 || options.targetSsim() > 0) {
          how += " after " + r.encodes() + (r.encodes() == 1 ? " encode" : " encodes");
        }
        if (!Double.isNaN(r.ssim())) {
          how += ", SSIM " + (long) (r.ssim() * 10000 + 0.5) / 10000.0;
        }
        return in + " -> " + out + ": " + r.width() + "x" + r.height() + " "
            + r.format().name() + " " + how + ", " + data.length + " -> " + written.length
            + " bytes, " + bitsPerPixel(written.length, pixels) + " bpp";
      }
    };
  }

  private static FileJob job(String in, byte[] data, DecodeOptions decode, CompressOptions options) {
    DecodedImage d = Tegula.prepare(Tegula.decodeForCompress(data, options, decode.limits()),
        options);
    TileJob<byte[]> tiles;
    try {
      tiles = Tegula.startCompress(d.image(), d.metadata(), options);
    } catch (IllegalArgumentException e) {
      // the options do not suit this image (more tiles than decoders accept): this file fails
      throw new LimitExceededException(e.getMessage());
    }
    return new FileJob() {
      @Override
      public int tileCount() {
        return tiles.tileCount();
      }

      @Override
      public void runTile(int tile) {
        tiles.runTile(tile);
      }

      @Override
      public byte[] finish() {
        return tiles.finish();
      }

      @Override
      public String warning() {
        return d.complete() ? null : "the input is incomplete (" + d.warning()
            + "), compressed what decoded";
      }

      @Override
      public String summary(String out, byte[] written) {
        long pixels = (long) d.image().width() * d.image().height();
        // the options name a chroma the caller fixed; else the encoder's choice by quality
        String chroma = options.isLossless() || options.chroma() != null ? ""
            : dev.tegula.tgl.TglEncoder.lossyIsGrey(d.image()) ? ", grey"
            : ", " + dev.tegula.tgl.TglEncodeOptions.lossy(options.quality()).chromaUsed()
                .label();
        return in + " -> " + out + ": " + d.image().width() + "x" + d.image().height() + " "
            + options + chroma + ", " + data.length + " -> " + written.length + " bytes, "
            + bitsPerPixel(written.length, pixels) + " bpp";
      }
    };
  }

  /** Two decimals without String.format. */
  static String bitsPerPixel(long bytes, long pixels) {
    return twoDecimals((bytes * 800 + pixels / 2) / Math.max(1, pixels));
  }
}
