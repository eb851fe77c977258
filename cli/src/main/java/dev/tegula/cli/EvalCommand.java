package dev.tegula.cli;

import dev.tegula.cli.eval.Corpus;
import dev.tegula.cli.eval.EvalCodec;
import dev.tegula.cli.eval.EvalCodecs;
import dev.tegula.cli.eval.EvalReport;
import dev.tegula.cli.eval.Evaluation;
import dev.tegula.cli.eval.ResultsCsv;
import dev.tegula.core.DecodeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tegula eval}: encodes a corpus with Tegula's encoders at several qualities and writes
 * results.csv and report.html (see {@link Evaluation} and {@link EvalReport}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Encode every JPEG and PNG image below a folder with each codec at each quality, decode it, "
          + "and measure size, bits per pixel, PSNR, SSIM, MS-SSIM and encode/decode time.",
      "Writes results.csv and a self-contained report.html (rate-quality charts, BD-rates, "
          + "per-image tables, heatmaps of the worst regions) into the output folder."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:Success (skipped images and settings are listed on stderr and in the report).",
      " 1:No image in the corpus could be evaluated.",
      " 2:The command line is wrong (e.g. an unknown codec).",
      " 3:Reading or writing failed, or results exist in OUT without --force.",
      " 4:An internal error (a bug) or not enough memory."
    })
final class EvalCommand implements Callable<Integer> {
  static final String CSV = "results.csv";
  static final String HTML = "report.html";

  @Spec
  private CommandSpec spec;

  @Option(names = "--corpus", required = true, paramLabel = "DIR",
      description = "Folder whose JPEG and PNG files (searched recursively) are the originals.")
  private Path corpus;

  @Option(names = "--codecs", split = ",", paramLabel = "NAME",
      description = "Codecs to measure, comma-separated (default: all the facade offers: "
          + "${COMPLETION-CANDIDATES}).",
      completionCandidates = CodecNames.class)
  private List<String> codecs;

  @Option(names = "--qualities", split = ",", paramLabel = "Q", defaultValue = "20,40,60,80,90",
      description = "Qualities 1-100 for the lossy codecs (default: ${DEFAULT-VALUE}).")
  private List<Integer> qualities;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder for results.csv and report.html (created if missing).")
  private Path out;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
      description = "Time each encode and decode N times and keep the median (default: 1).")
  private int runs;

  @Option(names = {"-f", "--force"}, description = "Replace results already in OUT.")
  private boolean force;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
  private boolean verbose;

  @Mixin
  private LimitOptions limitOptions;

  @Override
  public Integer call() {
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), verbose);
    PrintWriter err = spec.commandLine().getErr();
    List<EvalCodec> selected;
    Evaluation evaluation;
    try {
      selected = EvalCodecs.select(codecs == null
          ? List.copyOf(EvalCodecs.available().keySet()) : codecs);
      evaluation = new Evaluation(selected, qualities, runs,
          new DecodeOptions(limitOptions.limits(), false));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path csv = out.resolve(CSV);
    Path html = out.resolve(HTML);
    for (Path p : List.of(csv, html)) {
      if (!force && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return errors.fail(p.toString(), new FileAlreadyExistsException(p.toString()));
      }
    }
    List<Corpus.Entry> entries;
    try {
      entries = Corpus.list(corpus);
    } catch (IOException | RuntimeException e) {
      return errors.fail(corpus.toString(), e);
    }
    if (entries.isEmpty()) {
      err.println("tegula: " + ErrorReporter.printable(corpus.toString())
          + ": no JPEG or PNG files found");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    try {
      Files.createDirectories(out);
    } catch (IOException | RuntimeException e) {
      return errors.fail(out.toString(), e);
    }

    ProgressBar progress = new ProgressBar(err, System.console() != null);
    Evaluation.Outcome outcome;
    try {
      outcome = evaluation.run(entries, progress);
    } catch (RuntimeException | OutOfMemoryError e) {
      progress.finish();
      return errors.fail(null, e);
    }
    progress.finish();
    for (String warning : outcome.warnings()) {
      err.println("tegula: warning: " + ErrorReporter.printable(warning));
    }
    err.flush();
    if (outcome.results().isEmpty()) {
      err.println("tegula: " + ErrorReporter.printable(corpus.toString())
          + ": no image could be evaluated");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }

    String settings = "codecs " + String.join(", ", selected.stream().map(EvalCodec::name)
        .toList()) + "; qualities " + qualities + "; " + runs + " timing run"
        + (runs == 1 ? "" : "s") + "; Java " + System.getProperty("java.version");
    try {
      AtomicFileWriter.write(csv, ResultsCsv.write(outcome.results())
          .getBytes(StandardCharsets.UTF_8), force);
      AtomicFileWriter.write(html, EvalReport.write(outcome, corpus.toString(), settings)
          .getBytes(StandardCharsets.UTF_8), force);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return errors.fail(out.toString(), e);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(outcome.results().size() + " results for " + outcome.images() + " images: "
        + csv + ", " + html);
    stdout.flush();
    return ExitCodes.OK;
  }

  /** For the help text: the codecs the facade offers. */
  static final class CodecNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return EvalCodecs.available().keySet().iterator();
    }
  }

  /**
   * Progress on stderr: one line redrawn in place on a terminal, else one line per step (logs
   * and pipes would fill with carriage returns).
   */
  static final class ProgressBar implements Evaluation.Progress {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean redraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean redraw) {
      this.err = err;
      this.redraw = redraw;
    }

    @Override
    public void step(int done, int total, String what) {
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/"
          + total + " " + ErrorReporter.printable(what);
      if (redraw) {
        err.print("\r" + line + "\u001b[K");
        drawn = true;
      } else {
        err.println(line);
      }
      err.flush();
    }

    void finish() {
      if (drawn) {
        err.println();
        err.flush();
        drawn = false;
      }
    }
  }
}
