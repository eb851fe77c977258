package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No client holds a worker thread for ever: on a server with a single worker, a client that
 * sends nothing, one that stops halfway through its request and one that stops reading its
 * response each lose the worker, and the next client is served. (Timeouts are short here; the
 * bounds are the same code at the defaults.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerBoundTest {
  private static final ServerSettings ONE_WORKER =
      new ServerSettings(1, 4, Duration.ofMillis(800), Duration.ofMillis(800));

  /** Larger than what a loopback connection's buffers hold, so the server blocks writing it. */
  private static final int LARGE = 48 << 20;

  @TempDir
  static Path root;

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(root.resolve("index.html"), "index");
    Files.write(root.resolve("large.bin"), new byte[LARGE]);
  }

  @Test
  void aSilentClientLosesTheWorker() throws IOException {
    try (StaticServer server = start(ONE_WORKER);
        RawClient silent = new RawClient(server.port(), 10_000)) {
      assertEquals(200, get(server, "/"));
      assertNull(silent.read(), "closed without an answer");
      assertEquals(0, awaitNoConnections(server));
    }
  }

  @Test
  void aClientStoppingInsideItsRequestLosesTheWorker() throws IOException {
    try (StaticServer server = start(ONE_WORKER);
        RawClient stalled = new RawClient(server.port(), 10_000)) {
      stalled.send("GET / HTTP/1.1\r\nHost: localhost\r\nX-Half: ");
      assertEquals(200, get(server, "/"));
      RawClient.Response r = stalled.read();
      assertEquals(408, r.status);
      assertTrue(r.hasSecurityHeaders());
      assertEquals(0, awaitNoConnections(server));
    }
  }

  @Test
  void aClientThatStopsReadingLosesTheWorker() throws IOException {
    try (StaticServer server = start(ONE_WORKER);
        Socket reader = new Socket()) {
      reader.setReceiveBufferSize(4096);
      reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      reader.getOutputStream().write(
          "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      // the reader never reads; the next client is served once the writer is cut off
      assertEquals(200, get(server, "/"));
      assertEquals(0, awaitNoConnections(server));
      long received = drain(reader.getInputStream());
      assertTrue(received < LARGE, "cut off after " + received + " bytes");
    }
  }

  /** With the worker busy and the queue full, a new client is told so, with the headers. */
  @Test
  void aFullServerAnswers503() throws IOException {
    ServerSettings tiny = new ServerSettings(1, 1, Duration.ofSeconds(5), Duration.ofSeconds(5));
    try (StaticServer server = start(tiny);
        RawClient holding = new RawClient(server.port(), 10_000);
        RawClient queued = new RawClient(server.port(), 10_000)) {
      awaitConnections(server, 2);
      try (RawClient refused = new RawClient(server.port(), 10_000)) {
        RawClient.Response r = refused.read();
        assertEquals(503, r.status);
        assertTrue(r.hasSecurityHeaders());
        assertEquals("close", r.header("Connection"));
      }
      // the held connection is served as usual
      assertEquals(200, holding.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .read().status);
      assertEquals(200, queued.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status);
    }
  }

  @Test
  void closeEndsEveryThreadWhateverTheClientsDo() throws Exception {
    Set<Thread> before = serverThreads();
    StaticServer server = start(new ServerSettings(2, 4, Duration.ofMinutes(5),
        Duration.ofMinutes(5)));
    try (RawClient idle = new RawClient(server.port(), 10_000);
        Socket reader = new Socket()) {
      reader.setReceiveBufferSize(4096);
      reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      reader.getOutputStream().write(
          "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      awaitConnections(server, 2);
      Thread.sleep(300); // the writer is blocked by now
      server.close();
      assertNull(idle.read());
      assertEquals(0, server.openConnections());
      Set<Thread> started = serverThreads();
      started.removeAll(before);
      for (Thread t : started) {
        t.join(5_000);
      }
      started.removeIf(t -> !t.isAlive());
      assertEquals(Set.of(), started, "server threads still running after close");
    }
  }

  private static Set<Thread> serverThreads() {
    Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
    threads.removeIf(t -> !t.getName().startsWith("tegula-http-"));
    return threads;
  }

  private static StaticServer start(ServerSettings settings) throws IOException {
    return StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0, settings);
  }

  private static int get(StaticServer server, String path) throws IOException {
    try (RawClient client = new RawClient(server.port(), 20_000)) {
      RawClient.Response r = client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\n\r\n").read();
      assertNotNull(r);
      return r.status;
    }
  }

  private static int awaitNoConnections(StaticServer server) {
    for (int i = 0; i < 100 && server.openConnections() > 0; i++) {
      sleep(100);
    }
    return server.openConnections();
  }

  private static void awaitConnections(StaticServer server, int count) {
    for (int i = 0; i < 100 && server.openConnections() < count; i++) {
      sleep(50);
    }
    assertEquals(count, server.openConnections());
  }

  private static long drain(InputStream in) {
    long total = 0;
    byte[] buffer = new byte[1 << 16];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException reset) {
      // cut off
    }
    return total;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
