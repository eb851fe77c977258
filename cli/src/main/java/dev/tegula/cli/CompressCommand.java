package dev.tegula.cli;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.LimitExceededException;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.tgl.TileJob;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tegula compress IN... [-o OUT|DIR] [--quality Q | --lossless] [--format tgl|jpeg]}:
 * JPEG, PNG or .tgl in, .tgl (docs/format.md) or JPEG out, with the input's EXIF, ICC, XMP and
 * text kept byte for byte.
 */
@Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compress JPEG, PNG or .tgl files to .tgl, using every core.",
        "Without -o, IN.x is written as IN.tgl beside it."})
final class CompressCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IN", description = "JPEG, PNG or .tgl files.")
  private List<String> inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT|DIR",
      description = "The .tgl file to write (one input), or the directory for the results.")
  private String output;

  @Option(names = {"-q", "--quality"}, paramLabel = "Q",
      description = "Lossy quality 0-100, higher is better and larger (default 75).")
  private Integer quality;

  @Option(names = "--lossless", description = "Restore every pixel exactly (alpha and 16-bit too).")
  private boolean lossless;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "tgl (default) or jpeg: a JPEG any browser opens, from Tegula's own encoder "
          + "(progressive, psychovisual tables, trellis quantization; --tile-size does not apply).")
  private String format = "tgl";

  @Option(names = "--tile-size", paramLabel = "N",
      description = "Side of the square tiles, 16-4096 (default 512).")
  private int tileSize = CompressOptions.DEFAULT_TILE_SIZE;

  @Mixin
  private BatchOptions batch;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    CompressOptions options = options();
    boolean jpeg = jpegOutput();
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), batch.verbose());
    List<OutputPlan.Target> targets;
    try {
      targets = OutputPlan.plan(inputs, output, jpeg ? "jpg" : "tgl");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      return errors.fail(output, e);
    }
    Progress progress = batch.progress(spec.commandLine().getErr(), "compress", targets.size());
    DecodeOptions decode = new DecodeOptions(limitOptions.limits(), false);
    return new BatchRunner(batch.threads(), batch.force(), errors, progress)
        .run(targets, (in, data) -> jpeg
            ? jpegJob(in, data, decode, JpegEncodeOptions.ofQuality(options.quality()))
            : job(in, data, decode, options));
  }

  private boolean jpegOutput() {
    if ("jpeg".equals(format) || "jpg".equals(format)) {
      if (lossless) {
        throw new ParameterException(spec.commandLine(), "--lossless is not possible with --format jpeg");
      }
      return true;
    }
    if (!"tgl".equals(format)) {
      throw new ParameterException(spec.commandLine(), "--format must be tgl or jpeg, not " + format);
    }
    return false;
  }

  private static FileJob jpegJob(String in, byte[] data, DecodeOptions decode,
      JpegEncodeOptions options) {
    DecodedImage d = Tegula.decode(data, decode);
    byte[][] result = new byte[1][];
    return new FileJob() {
      @Override
      public int tileCount() {
        return 1;
      }

      @Override
      public void runTile(int tile) {
        try {
          result[0] = Tegula.encodeJpeg(d.image(), d.metadata(), options);
        } catch (IllegalArgumentException e) {
          // metadata JPEG cannot carry (EXIF over 64 KB, ...): this file fails, the rest go on
          throw new LimitExceededException(e.getMessage());
        }
      }

      @Override
      public byte[] finish() {
        return result[0];
      }

      @Override
      public String warning() {
        return d.complete() ? null : "the input is incomplete (" + d.warning()
            + "), compressed what decoded";
      }

      @Override
      public String summary(String out, byte[] written) {
        long pixels = (long) d.image().width() * d.image().height();
        return in + " -> " + out + ": " + d.image().width() + "x" + d.image().height() + " JPEG q"
            + options.quality() + " " + options.subsampling().label() + ", " + data.length
            + " -> " + written.length + " bytes, " + bitsPerPixel(written.length, pixels) + " bpp";
      }
    };
  }

  private CompressOptions options() {
    if (lossless && quality != null) {
      throw new ParameterException(spec.commandLine(), "--quality and --lossless exclude each other");
    }
    if (quality != null && (quality < 0 || quality > 100)) {
      throw new ParameterException(spec.commandLine(), "--quality must be 0-100");
    }
    if (tileSize < 16 || tileSize > 4096) {
      throw new ParameterException(spec.commandLine(), "--tile-size must be 16-4096");
    }
    CompressOptions o = lossless ? CompressOptions.lossless()
        : CompressOptions.lossy(quality == null ? CompressOptions.DEFAULT_QUALITY : quality);
    return o.withTileSize(tileSize);
  }

  private static FileJob job(String in, byte[] data, DecodeOptions decode, CompressOptions options) {
    DecodedImage d = Tegula.decode(data, decode);
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
        return in + " -> " + out + ": " + d.image().width() + "x" + d.image().height() + " "
            + options + ", " + data.length + " -> " + written.length + " bytes, "
            + bitsPerPixel(written.length, pixels) + " bpp";
      }
    };
  }

  /** Two decimals without String.format. */
  static String bitsPerPixel(long bytes, long pixels) {
    long hundredths = (bytes * 800 + pixels / 2) / Math.max(1, pixels);
    long frac = hundredths % 100;
    return hundredths / 100 + "." + (frac < 10 ? "0" : "") + frac;
  }
}
