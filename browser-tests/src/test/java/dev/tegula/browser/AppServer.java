package dev.tegula.browser;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.DirectoryFiles;
import dev.tegula.server.Resource;
import dev.tegula.server.StaticFiles;
import dev.tegula.server.StaticServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** `tegula serve` as the app ships: the web files and the Wasm build from the classpath. */
final class AppServer implements AutoCloseable {
  private final StaticServer server;

  private AppServer(StaticServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  static AppServer start() throws IOException {
    return new AppServer(StaticServer.start(ClasspathFiles.tegulaWeb(), "127.0.0.1", 0));
  }

  /**
   * Starts with the files of {@code directory} served under {@code prefix} (say "extra/") beside
   * the app's, for files a test makes or takes from the build (another codec build, a bundle).
   */
  static AppServer startWith(String prefix, Path directory) throws IOException {
    StaticFiles app = ClasspathFiles.tegulaWeb();
    StaticFiles extra = new DirectoryFiles(directory);
    StaticFiles both = new StaticFiles() {
      @Override
      public Optional<Resource> find(String relativePath) {
        return relativePath.startsWith(prefix) && relativePath.length() > prefix.length()
            ? extra.find(relativePath.substring(prefix.length()))
            : app.find(relativePath);
      }
    };
    return new AppServer(StaticServer.start(both, "127.0.0.1", 0));
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  @Override
  public void close() {
    server.close();
  }
}
