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
 * sends nothing, one that stops halfway through its request, one that stops reading its
 * response and one that reads it too slowly each lose the worker, and the next client is served.
 * (Timeouts are short here; the bounds are the same code at the defaults.)
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
          "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
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
      assertEquals(200, holding
          .send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").read().status);
      assertEquals(200, queued.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status);
    }
  }

  /**
   * A client that reads steadily, fast enough for every piece's write deadline, still loses the
   * worker when the whole response outlasts the response timeout (1 s here); the same client
   * with a long response timeout (the control) is still being served after three times that, so
   * the cut is the response timeout's.
   */
  @Test
  void aClientReadingSlowlyIsCutOffAtTheResponseTimeout() throws IOException {
    ServerSettings settings = new ServerSettings(1, 4, Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofSeconds(1), Set.of());
    try (StaticServer server = start(settings)) {
      SlowRead read = readSlowly(server, 20_000);
      assertTrue(read.ended() && read.bytes() < LARGE, "not cut off: " + read);
      assertEquals(200, get(server, "/"));
      assertEquals(0, awaitNoConnections(server));
    }
    try (StaticServer server = start(settings.withResponseTimeout(Duration.ofMinutes(5)))) {
      SlowRead control = readSlowly(server, 3_000);
      assertTrue(!control.ended() && control.bytes() > 0, "the control was cut off: " + control);
    }
  }

  /**
   * A client refused with 503 that had sent its request gets the 503, and the refusals are closed
   * within a moment. (The refusal drops the request bytes before closing, else the close resets
   * the connection, which destroys a 503 still in the server's send buffer, or on some systems in
   * the client's. Over Linux loopback the 503 has always arrived and survives the reset, so this
   * test passes without that too: a reset is seen only by a second read, as ECONNRESET.)
   */
  @Test
  void aRefusedClientThatSentItsRequestReadsThe503() throws IOException {
    ServerSettings tiny = new ServerSettings(1, 1, Duration.ofSeconds(30), Duration.ofSeconds(5));
    try (StaticServer server = start(tiny);
        RawClient holding = new RawClient(server.port(), 10_000);
        RawClient queued = new RawClient(server.port(), 10_000)) {
      awaitConnections(server, 2);
      for (int i = 0; i < 5; i++) {
        try (RawClient refused = new RawClient(server.port(), 10_000)) {
          refused.send("GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "p".repeat(8000)
              + "\r\n\r\n");
          sleep(300); // the server has closed by now, had it not waited
          RawClient.Response r = refused.read();
          assertNotNull(r, "reset before the 503 could be read (try " + i + ")");
          assertEquals(503, r.status);
          assertTrue(r.hasSecurityHeaders());
          assertTrue(refused.closedByServer());
        }
      }
      for (int i = 0; i < 100 && server.openConnections() > 2; i++) {
        sleep(100);
      }
      assertEquals(2, server.openConnections(), "refusals left open");
      assertEquals(200, holding
          .send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").read().status);
      assertEquals(200, queued.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status);
    }
  }

  /**
   * A keep-alive client gives its worker up at its next response once another connection waits
   * for one: that response says "Connection: close", and the waiting client is served long before
   * the keep-alive connection's 30 s idle timeout would have freed the worker. Without anyone
   * waiting, the same client keeps its connection.
   */
  @Test
  void aKeepAliveClientYieldsItsWorkerToAWaitingOne() throws IOException {
    ServerSettings tiny = new ServerSettings(1, 2, Duration.ofSeconds(30), Duration.ofSeconds(5));
    String get = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    try (StaticServer server = start(tiny);
        RawClient keepAlive = new RawClient(server.port(), 10_000)) {
      RawClient.Response first = keepAlive.send(get).read();
      assertEquals(200, first.status);
      assertNull(first.header("Connection"), "kept alive while nobody waits");
      try (RawClient waiting = new RawClient(server.port(), 10_000)) {
        waiting.send(get);
        awaitConnections(server, 2);
        RawClient.Response second = keepAlive.send(get).read();
        assertEquals(200, second.status);
        assertEquals("close", second.header("Connection"));
        assertTrue(keepAlive.closedByServer());
        assertEquals(200, waiting.read().status, "served while the other idled");
      }
    }
  }

  private record SlowRead(long bytes, boolean ended) {}

  /**
   * Reads /large.bin in 64 KiB reads 10 ms apart (under 6.4 MB/s) until the server ends the
   * connection (ended) or {@code millis} have passed.
   */
  private static SlowRead readSlowly(StaticServer server, long millis) throws IOException {
    try (Socket reader = new Socket()) {
      reader.setReceiveBufferSize(1 << 16);
      reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      reader.setSoTimeout(20_000);
      reader.getOutputStream().write(("GET /large.bin HTTP/1.1\r\nHost: localhost\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = reader.getInputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      long end = System.nanoTime() + millis * 1_000_000;
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          total += n;
          if (System.nanoTime() - end > 0) {
            return new SlowRead(total, false);
          }
          sleep(10);
        }
      } catch (IOException reset) {
        // cut off
      }
      return new SlowRead(total, true);
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
          "GET /large.bin HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
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
