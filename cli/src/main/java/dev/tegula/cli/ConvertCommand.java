package dev.tegula.cli;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.png.PngEncodeOptions;
import dev.tegula.png.PngEncoder;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tegula convert IN OUT.png}: decodes with Tegula's decoders and writes a PNG carrying the
 * input's ICC profile and EXIF, with 16-bit samples when the source has them. An existing OUT is
 * never touched without --force, and OUT never exists half-written. The PNG is written at the
 * encoder's default effort 3 (smallest files); {@code restore} and {@code compress --format png}
 * default to the fast effort 1 because they are for batches and interactive downloads.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Decode a JPEG or PNG file and write it as PNG, keeping ICC and EXIF.")
final class ConvertCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "The JPEG or PNG file to read.")
  private String in;

  @Parameters(index = "1", paramLabel = "OUT.png", description = "The PNG file to write.")
  private String out;

  @Option(names = {"-f", "--force"}, description = "Replace OUT if it exists.")
  private boolean force;

  @Option(names = "--auto-orient",
      description = "Turn the image upright as its EXIF orientation says (and mark the EXIF so).")
  private boolean autoOrient;

  @Option(names = "--level", paramLabel = "0-9",
      description = "zlib level of the PNG for efforts 0-2: 0 stores (at any effort), 9 "
          + "(default) is smallest.")
  private int level = PngEncodeOptions.DEFAULT_LEVEL;

  /**
   * convert is the command for making a good PNG of one file, so it defaults to effort 3, the
   * encoder's default; restore writes whole batches of .tgl files and defaults to the fast
   * effort 1 (CompressOptions.FAST_PNG_EFFORT), as the API's encodePng does.
   */
  @Option(names = "--effort", paramLabel = "0-" + PngEncodeOptions.MAX_EFFORT,
      description = "How hard to search for the smallest PNG, 0 (fastest) to "
          + PngEncodeOptions.MAX_EFFORT + " (default " + PngEncodeOptions.DEFAULT_EFFORT
          + ": the best filter strategy coded by Tegula's own deflate coder; on the graphics "
          + "corpus no larger than optipng -o2). 1 is what restore uses: 1-3.5x faster "
          + "and mostly 3-14%% larger.")
  private int effort = PngEncodeOptions.DEFAULT_EFFORT;

  @Option(names = {"-v", "--verbose"},
      description = "Say what was decoded and written; print stack traces of failures.")
  private boolean verbose;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    PngEncodeOptions pngOptions;
    try {
      // keeps 16-bit samples when the source has them and they do not reduce to 8 bits exactly
      pngOptions = PngEncodeOptions.DEFAULT.withCompressionLevel(level).withEffort(effort);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String mismatch = OutputNames.mismatch(out, ImageFormat.PNG, "convert");
    if (mismatch != null) {
      throw new ParameterException(spec.commandLine(), out + " " + mismatch
          + (OutputNames.formatOf(out) == null ? ""
              : " (tegula compress " + in + " -o " + out + " writes one)"));
    }
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), verbose);
    Path inPath;
    Path outPath;
    try {
      inPath = Path.of(in);
      outPath = Path.of(out);
    } catch (RuntimeException e) {
      return errors.fail(in + " / " + out, e);
    }
    // checked up front so that nobody waits for a decode that cannot be written
    if (!force && Files.exists(outPath, LinkOption.NOFOLLOW_LINKS)) {
      return errors.fail(out, new FileAlreadyExistsException(out));
    }
    if (Files.isDirectory(outPath)) {
      return errors.fail(out, new IOException("is a directory"));
    }

    long start = System.nanoTime();
    DecodedImage decoded;
    try {
      byte[] data = InputFiles.read(inPath);
      decoded = Tegula.decode(data, new DecodeOptions(limitOptions.limits(), autoOrient));
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return errors.fail(in, e);
    }
    long decodedAt = System.nanoTime();

    byte[] png;
    try {
      Metadata keep = metadataToKeep(decoded);
      png = encode(decoded.image(), keep == null ? Metadata.EMPTY : keep, pngOptions);
      AtomicFileWriter.write(outPath, png, force);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return errors.fail(out, e);
    }

    if (!decoded.complete()) {
      String why = decoded.warning() != null ? decoded.warning() : "the image is incomplete";
      errors.warn(in, why + "; wrote what decoded to " + out);
    }
    errors.note(in + ": " + decoded.info().format() + " " + decoded.info().variant() + " "
        + decoded.image().width() + "x" + decoded.image().height() + " decoded in "
        + millis(decodedAt - start) + " ms; " + out + ": " + png.length + " bytes written in "
        + millis(System.nanoTime() - decodedAt) + " ms");
    return ExitCodes.OK;
  }

  /** The encoder's jobs (its trials, the parts of its deflate coding) run on every core. */
  private static byte[] encode(Image image, Metadata metadata, PngEncodeOptions options) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores == 1) {
      return PngEncoder.encode(image, metadata, options);
    }
    ExecutorService pool = Executors.newFixedThreadPool(cores - 1, r -> {
      Thread t = new Thread(r, "tegula-png");
      t.setDaemon(true);
      return t;
    });
    try {
      return PngJobs.encode(image, metadata, options, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private Metadata metadataToKeep(DecodedImage decoded) {
    Metadata metadata = decoded.metadata();
    if (metadata == null || !autoOrient || metadata.exif() == null
        || decoded.info().orientation() == 1) {
      return metadata;
    }
    return new Metadata(metadata.icc(), Exif.withUprightOrientation(metadata.exif()),
        metadata.xmp(), metadata.text());
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
