package dev.tegula.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every many-files command shares: overwriting, threads, progress, verbosity. */
final class BatchOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(names = {"-f", "--force"}, order = 10, description = "Replace outputs that exist.")
  private boolean force;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", order = 11,
      description = "Threads for files and tiles (default: one per core).")
  private int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--progress", negatable = true, order = 12,
      description = "Show a progress bar on stderr (default: when stderr is a terminal).")
  private Boolean progress;

  @Option(names = {"-v", "--verbose"}, order = 13,
      description = "Say what each file became; print stack traces of failures.")
  private boolean verbose;

  boolean force() {
    return force;
  }

  boolean verbose() {
    return verbose;
  }

  int threads() {
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1");
    }
    return jobs;
  }

  Progress progress(PrintWriter err, String verb, int files) {
    boolean show = progress != null ? progress : System.console() != null;
    return new Progress(err, show, verb, files);
  }
}
