package dev.tegula.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Spec;

/**
 * {@code tegula bench}: the benchmarks live in the bench module (they need Selenium, JMH and the
 * peers from npm, none of which this jar should carry), started by {@code ./tegula bench} from a
 * source checkout; this jar only says so.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks against the peers (browser: headless Chromium; JVM: JMH).",
        "Runs from a source checkout: ./tegula bench --browser | --jvm (scripts/bench)."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Unmatched
  private List<String> ignored;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tegula bench: run it from a source checkout as"
        + " ./tegula bench --browser or --jvm (the bench module carries Selenium and JMH; this jar"
        + " does not)");
    spec.commandLine().getErr().flush();
    return ExitCodes.USAGE;
  }
}
