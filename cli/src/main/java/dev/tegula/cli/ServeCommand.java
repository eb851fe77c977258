package dev.tegula.cli;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.DirectoryFiles;
import dev.tegula.server.ServerSettings;
import dev.tegula.server.StaticFiles;
import dev.tegula.server.StaticServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tegula serve}: the web app on a local HTTP server, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the Tegula web app over HTTP (Ctrl-C stops it).")
final class ServeCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
  private String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port to listen on, 0 for any free one (default ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Serve the files of DIR instead of the app packaged in this jar.")
  private Path root;

  @Option(names = "--request-timeout", defaultValue = "5", paramLabel = "SECONDS",
      description = "Seconds a client has to send a request's headers; slower clients are cut "
          + "off, idle connections closed (default ${DEFAULT-VALUE}).")
  private int requestTimeout;

  @Option(names = "--response-timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "Seconds a response may take to send in full; slower downloads are cut off "
          + "(default ${DEFAULT-VALUE}).")
  private int responseTimeout;

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "Also answer requests addressed to host NAME (repeatable). Against DNS "
          + "rebinding the server answers only localhost, 127.0.0.1 and [::1] (and, when --host "
          + "is not a loopback address, any IP address); a name other machines use to reach it "
          + "must be given here.")
  private List<String> allowHosts = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
  private boolean verbose;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be in 0-65535");
    }
    if (requestTimeout < 1 || requestTimeout > 3600) {
      throw new ParameterException(spec.commandLine(), "--request-timeout must be in 1-3600");
    }
    if (responseTimeout < 1 || responseTimeout > 86_400) {
      throw new ParameterException(spec.commandLine(), "--response-timeout must be in 1-86400");
    }
    ServerSettings settings;
    try {
      settings = ServerSettings.DEFAULTS
          .withRequestTimeout(Duration.ofSeconds(requestTimeout))
          .withResponseTimeout(Duration.ofSeconds(responseTimeout))
          .withAllowedHosts(Set.copyOf(allowHosts));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--allow-host: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    ErrorReporter errors = new ErrorReporter(spec.commandLine().getErr(), verbose);
    StaticFiles files;
    if (root != null) {
      try {
        files = new DirectoryFiles(root);
      } catch (IOException | RuntimeException e) {
        return errors.fail(root.toString(), e);
      }
    } else {
      files = ClasspathFiles.tegulaWeb();
      if (files.find("index.html").isEmpty()) {
        errors.warn("serve", "this build carries no web app (" + ClasspathFiles.DEFAULT_PREFIX
            + "index.html); use --root DIR");
      }
    }

    StaticServer server;
    try {
      server = StaticServer.start(files, host, port, settings);
    } catch (BindException e) {
      return errors.fail(host + ":" + port, new IOException("cannot listen: " + e.getMessage(), e));
    } catch (IOException | RuntimeException e) {
      return errors.fail(host + ":" + port, e);
    }
    try {
      if (!server.address().getAddress().isLoopbackAddress()) {
        errors.warn("serve", "listening on " + host + ": other machines can reach this server"
            + " (by IP address, or by a name given with --allow-host)");
      }
      out.println("Tegula serving " + server.uri());
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "tegula-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // an embedding program (or a test) stopping the command
        Runtime.getRuntime().removeShutdownHook(hook);
        Thread.currentThread().interrupt();
      }
    } finally {
      server.close();
    }
    return ExitCodes.OK;
  }
}
