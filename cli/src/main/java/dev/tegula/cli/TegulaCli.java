package dev.tegula.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code tegula} command and its sub-commands. */
@Command(name = "tegula", mixinStandardHelpOptions = true,
    versionProvider = TegulaCli.Version.class,
    description = "Image compression (.tgl), restoration and conversion with Tegula's own codecs.",
    subcommands = {InfoCommand.class, CompressCommand.class, RestoreCommand.class,
        ConvertCommand.class, CompareCommand.class,
        EvalCommand.class, ServeCommand.class, BenchCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:Success.",
      " 1:An input is not a file Tegula can decode, or was damaged (partly restored).",
      " 2:The command line is wrong.",
      " 3:Reading, writing or listening failed, or OUT exists without --force.",
      " 4:An internal error (a bug) or not enough memory."
    },
    footer = "%nSee 'tegula help COMMAND' for the options of a command.")
public final class TegulaCli implements Runnable {
  @Spec
  private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; tests set its out/err writers and call execute. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new TegulaCli());
    commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      // commands report their own failures; anything reaching here is a bug
      boolean verbose = parseResult.subcommand() != null
          && parseResult.subcommand().hasMatchedOption("--verbose");
      return new ErrorReporter(cmd.getErr(), verbose).fail(null, e);
    });
    commandLine.setParameterExceptionHandler(TegulaCli::usageError);
    return commandLine;
  }

  /**
   * A wrong command line: the message, a suggestion for a mistyped option, and where the options
   * are. Not the whole help, which would bury the one line that matters under a hundred.
   */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: info, compress, restore, convert, compare, eval, serve or bench");
  }

  /** The version Maven wrote into version.properties. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = TegulaCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"tegula " + properties.getProperty("version", "unknown")};
    }
  }
}
