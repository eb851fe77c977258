package dev.tegula.cli;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.MalformedInputException;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngEncoder;
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
 * {@code tegula restore IN.tgl... [-o OUT.png|DIR]}: .tgl in, PNG out with the ICC profile and
 * EXIF the .tgl carries. Damaged tiles come out grey, are named, and make the exit status 1.
 * A .tgl file that holds a JPEG file (compress --jpeg-lossless) gives that JPEG back byte for
 * byte as IN.jpg, or its pixels as PNG with --format png or an output named .png.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Restore .tgl files to PNG, using every core.",
        "Without -o, IN.tgl is written as IN.png beside it."})
final class RestoreCommand implements Callable<Integer> {
  /** zlib level 6: level 9 takes several times longer for a few per cent. */
  private static final int FAST_LEVEL = 6;

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IN.tgl", description = ".tgl files.")
  private List<String> inputs;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.png|DIR",
      description = "The PNG file to write (one input; .jpg for a .tgl that holds a JPEG file), "
          + "or the directory for the results.")
  private String output;

  @Option(names = "--level", paramLabel = "0-9",
      description = "Deflate level of the PNG for efforts 0-2: 0 stores, 9 is smallest "
          + "(default 6).")
  private int level = FAST_LEVEL;

  @Option(names = "--effort", paramLabel = "0-" + PngEncodeOptions.MAX_EFFORT,
      description = "How hard the PNG encoder searches, 0 (fastest) to "
          + PngEncodeOptions.MAX_EFFORT + " (default " + CompressOptions.FAST_PNG_EFFORT
          + "). The default writes a restored photo 1-3.5x faster than --effort 3 (1.8x at 12 "
          + "MP) and mostly 3-14%% larger.")
  private int effort = CompressOptions.FAST_PNG_EFFORT;

  @Option(names = "--format", paramLabel = "jpg|png",
      description = "For .tgl files that hold a JPEG file (compress --jpeg-lossless): jpg "
          + "(default) writes the original JPEG byte for byte, png decodes it to PNG.")
  private String format;

  @Mixin
  private BatchOptions batch;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    PngEncodeOptions png;
    try {
      png = PngEncodeOptions.DEFAULT.withCompressionLevel(level).withEffort(effort);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), batch.verbose());
    List<OutputPlan.Target> targets;
    try {
      targets = OutputPlan.plan(inputs, output, "png");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      return errors.fail(output, e);
    }
    boolean wantPng;
    if (format == null || format.equalsIgnoreCase("jpg") || format.equalsIgnoreCase("jpeg")) {
      wantPng = false;
    } else if (format.equalsIgnoreCase("png")) {
      wantPng = true;
    } else {
      throw new ParameterException(spec.commandLine(), "--format must be jpg or png");
    }
    String outputFile = OutputPlan.singleFile(inputs, output);
    java.util.Set<String> asJpeg = new java.util.HashSet<>();
    if (!wantPng) {
      targets = jpegTargets(targets, outputFile, asJpeg);
    }
    if (outputFile != null) {
      boolean jpeg = asJpeg.contains(inputs.get(0));
      String mismatch = OutputNames.mismatch(outputFile, jpeg ? ImageFormat.JPEG
          : ImageFormat.PNG, wantPng ? "--format png" : "restore");
      if (mismatch != null) {
        throw new ParameterException(spec.commandLine(), "-o " + outputFile + " " + mismatch
            + (wantPng || jpeg || OutputNames.formatOf(outputFile) == null ? ""
            : " (tegula compress " + inputs.get(0) + " -o " + outputFile + " writes one)"));
      }
    }
    Progress progress = batch.progress(spec.commandLine().getErr(), "restore", targets.size());
    DecodeOptions decode = new DecodeOptions(limitOptions.limits(), false);
    return new BatchRunner(batch.threads(), batch.force(), errors, progress)
        .run(targets, (in, data) -> asJpeg.contains(in) ? jpegJob(in, data, decode)
            : job(in, data, decode, png));
  }

  /**
   * Inputs that hold a JPEG file get IN.jpg instead of IN.png, unless the one output was named
   * explicitly with .png. Only the first bytes are read here (docs/format-jpeg.md §3: mode 2).
   */
  private List<OutputPlan.Target> jpegTargets(List<OutputPlan.Target> targets, String outputFile,
      java.util.Set<String> asJpeg) {
    boolean named = outputFile != null;
    List<OutputPlan.Target> result = new java.util.ArrayList<>(targets.size());
    for (OutputPlan.Target t : targets) {
      if (t.output() == null || !holdsJpeg(t.input())) {
        result.add(t);
        continue;
      }
      if (named) {
        if (!output.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
          asJpeg.add(t.input());
        }
        result.add(t);
        continue;
      }
      asJpeg.add(t.input());
      java.nio.file.Path out = t.output();
      result.add(new OutputPlan.Target(t.input(),
          out.resolveSibling(OutputPlan.stem(out) + ".jpg"), null));
    }
    return result;
  }

  private static boolean holdsJpeg(String input) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(input))) {
      byte[] head = in.readNBytes(30);
      return head.length == 30 && Tegula.detect(head) == ImageFormat.TGL && head[29] == 2;
    } catch (IOException | RuntimeException e) {
      return false; // the job reports the problem when it reads the file
    }
  }

  /** The original JPEG, byte for byte, its SHA-256 checked. */
  private static FileJob jpegJob(String in, byte[] data, DecodeOptions decode) {
    byte[][] jpeg = new byte[1][];
    return new FileJob() {
      @Override
      public int tileCount() {
        return 1;
      }

      @Override
      public void runTile(int tile) {
        jpeg[0] = Tegula.restoreOriginal(data, decode.limits());
      }

      @Override
      public byte[] finish() {
        return jpeg[0];
      }

      @Override
      public String warning() {
        return null;
      }

      @Override
      public String summary(String out, byte[] written) {
        return in + " -> " + out + ": the original JPEG (SHA-256 checked), " + data.length
            + " -> " + written.length + " bytes";
      }
    };
  }

  private static FileJob job(String in, byte[] data, DecodeOptions decode, PngEncodeOptions png) {
    if (Tegula.detect(data) != ImageFormat.TGL) {
      throw new MalformedInputException(
          "not a .tgl file (tegula convert turns JPEG and PNG into PNG)", 0);
    }
    TileJob<DecodedImage> tiles = Tegula.startRestore(data, decode);
    return new FileJob() {
      private DecodedImage restored;

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
        restored = tiles.finish();
        return PngEncoder.encode(restored.image(), restored.metadata(), png);
      }

      @Override
      public byte[] finish(ExecutorService pool) {
        restored = tiles.finish();
        return PngJobs.encode(restored.image(), restored.metadata(), png, pool);
      }

      @Override
      public String warning() {
        return restored.complete() ? null : restored.warning();
      }

      @Override
      public String summary(String out, byte[] written) {
        return in + " -> " + out + ": " + restored.image().width() + "x"
            + restored.image().height() + " " + restored.info().variant() + " "
            + restored.info().colorSpace() + ", " + data.length + " -> " + written.length
            + " bytes";
      }
    };
  }
}
