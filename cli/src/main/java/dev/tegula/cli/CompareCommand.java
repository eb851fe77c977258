package dev.tegula.cli;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Json;
import dev.tegula.api.QualityFacts;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.metrics.AlphaComposite;
import dev.tegula.metrics.Comparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tegula compare A B}: how close B is to the reference A, by the metrics module's PSNR,
 * SSIM and MS-SSIM, optionally with the per-pixel SSIM written as a heatmap PNG.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measure how close image B is to the reference A: PSNR (RGB and BT.601 luma), SSIM "
          + "(scikit-image's default: 7x7 window, mean of R, G, B), the Gaussian SSIM of luma "
          + "(Wang et al.: 11x11, sigma 1.5) and MS-SSIM (5 scales).",
      "Images with transparency are composited over grey 128 for these; alpha is compared on "
          + "its own as well."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:Success.",
      " 1:An input cannot be decoded, or the two images differ in size.",
      " 2:The command line is wrong.",
      " 3:Reading or writing failed, or the heatmap file exists without --force.",
      " 4:An internal error (a bug) or not enough memory."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The reference image (JPEG or PNG).")
  private String reference;

  @Parameters(index = "1", paramLabel = "B", description = "The image to measure, same size.")
  private String test;

  @Option(names = "--heatmap", paramLabel = "OUT.png",
      description = "Write the per-pixel SSIM as a PNG heatmap (black: equal; brighter: worse).")
  private String heatmap;

  @Option(names = {"-f", "--force"}, description = "Replace the heatmap file if it exists.")
  private boolean force;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  private boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Print timings and stack traces of failures.")
  private boolean verbose;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    String mismatch = heatmap == null ? null
        : OutputNames.mismatch(heatmap, ImageFormat.PNG, "--heatmap");
    if (mismatch != null) {
      throw new ParameterException(spec.commandLine(), "--heatmap " + heatmap + " " + mismatch);
    }
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), verbose);
    Path heatmapPath = null;
    if (heatmap != null) {
      try {
        heatmapPath = Path.of(heatmap);
      } catch (RuntimeException e) {
        return errors.fail(heatmap, e);
      }
      // checked before the work, so that nobody waits for a result that cannot be written
      if (!force && Files.exists(heatmapPath, LinkOption.NOFOLLOW_LINKS)) {
        return errors.fail(heatmap, new FileAlreadyExistsException(heatmap));
      }
      if (Files.isDirectory(heatmapPath)) {
        return errors.fail(heatmap, new IOException("is a directory"));
      }
    }

    long start = System.nanoTime();
    Image a;
    Image b;
    String current = reference;
    try {
      a = decode(reference, errors);
      current = test;
      b = decode(test, errors);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return errors.fail(current, e);
    }
    if (a.width() != b.width() || a.height() != b.height()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tegula: " + ErrorReporter.printable(reference + " and " + test
          + " differ in size: " + a.width() + "x" + a.height() + " and " + b.width() + "x"
          + b.height()));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }

    long decoded = System.nanoTime();
    Comparison c;
    try {
      c = Tegula.compare(a, b, heatmapPath != null);
    } catch (RuntimeException | OutOfMemoryError e) {
      return errors.fail(null, e);
    }
    long measured = System.nanoTime();
    if (heatmapPath != null) {
      if (c.map() == null) {
        errors.warn(test, "smaller than 7x7 pixels, so there is no SSIM map; no heatmap written");
        heatmapPath = null;
      } else {
        try {
          AtomicFileWriter.write(heatmapPath, Tegula.encodePng(c.map().heatmap(), null), force);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
          return errors.fail(heatmap, e);
        }
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json j = new Json().put("reference", reference).put("test", test);
      QualityFacts.putAll(j, c).put("heatmap", heatmapPath == null ? null : heatmap);
      out.println(j);
    } else {
      out.print(text(c));
    }
    out.flush();
    errors.note("decoded in " + (decoded - start) / 1_000_000 + " ms, measured in "
        + (measured - decoded) / 1_000_000 + " ms");
    return ExitCodes.OK;
  }

  private Image decode(String file, ErrorReporter errors) throws IOException {
    DecodedImage d = Tegula.decode(InputFiles.read(Path.of(file)),
        new DecodeOptions(limitOptions.limits(), false));
    if (!d.complete()) {
      errors.warn(file, (d.warning() != null ? d.warning() : "the image is incomplete")
          + "; comparing what decoded");
    }
    return d.image();
  }

  static String text(Comparison c) {
    StringBuilder sb = new StringBuilder();
    line(sb, "PSNR", db(c.psnr()) + " (RGB), " + db(c.psnrLuma()) + " (luma)"
        + (c.psnr() == Double.POSITIVE_INFINITY ? ": identical" : ""));
    line(sb, "SSIM", ssim(c.ssim()) + " (7x7 window, mean of R, G, B)");
    line(sb, "SSIM luma", ssim(c.ssimLuma()) + " (Gaussian 11x11, sigma 1.5)");
    line(sb, "MS-SSIM", ssim(c.msSsim()) + " (luma, 5 scales)");
    if (c.alpha()) {
      line(sb, "alpha", db(c.psnrAlpha()) + ", SSIM " + ssim(c.ssimAlpha())
          + " (colour compared over grey " + AlphaComposite.BACKGROUND + ")");
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(label);
    for (int i = label.length(); i < 11; i++) {
      sb.append(' ');
    }
    sb.append(value).append('\n');
  }

  static String db(double psnr) {
    if (psnr == Double.POSITIVE_INFINITY) {
      return "inf dB";
    }
    return String.format(Locale.ROOT, "%.2f dB", psnr);
  }

  static String ssim(double v) {
    return Double.isNaN(v) ? "n/a (image too small)" : String.format(Locale.ROOT, "%.4f", v);
  }
}
