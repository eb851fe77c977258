package dev.tegula.browser;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.StaticServer;
import java.io.IOException;

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

  String url() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  @Override
  public void close() {
    server.close();
  }
}
