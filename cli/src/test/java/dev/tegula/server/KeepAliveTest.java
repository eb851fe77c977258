package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent connections (RFC 9112 §9.3): several requests, one after another or pipelined. */
class KeepAliveTest {
  private static final String GET = "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n";

  @TempDir
  static Path root;

  private static StaticServer server;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(root.resolve("index.html"), "index");
    Files.writeString(root.resolve("a.txt"), "aaa");
    Files.writeString(root.resolve("b.js"), "bb");
    // a short request timeout, so that the idle test is quick
    server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0,
        ServerSettings.DEFAULTS.withRequestTimeout(Duration.ofMillis(700)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requestsOneAfterAnotherShareAConnection() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      for (int i = 0; i < 5; i++) {
        client.send(String.format(GET, "/a.txt"));
        RawClient.Response r = client.read();
        assertEquals(200, r.status);
        assertEquals("aaa", r.body);
        assertNull(r.header("Connection"));
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      client.send(String.format(GET, "/a.txt") + "HEAD /b.js HTTP/1.1\r\nHost: localhost\r\n\r\n"
          + String.format(GET, "/missing") + String.format(GET, "/%2e%2e/x")
          + String.format(GET, "/b.js") + "DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n"
          + String.format(GET, "/"));
      RawClient.Response a = client.read();
      assertEquals("aaa", a.body);
      RawClient.Response head = client.read(true);
      assertEquals(200, head.status);
      assertEquals("2", head.header("Content-Length"));
      assertEquals(404, client.read().status);
      assertEquals(400, client.read().status);
      assertEquals("bb", client.read().body);
      assertEquals(405, client.read().status);
      RawClient.Response index = client.read();
      assertEquals("index", index.body);
      assertTrue(index.hasSecurityHeaders());
      assertEquals("aaa", client.send(String.format(GET, "/a.txt")).read().body, "still open");
    }
  }

  @Test
  void conditionalRequestsInAPipeline() throws IOException {
    String etag;
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      etag = client.send(String.format(GET, "/a.txt")).read().header("ETag");
    }
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      String conditional =
          "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: " + etag + "\r\n\r\n";
      client.send(conditional + String.format(GET, "/a.txt") + conditional);
      RawClient.Response first = client.read();
      assertEquals(304, first.status);
      assertNull(first.header("Content-Length"));
      assertEquals(etag, first.header("ETag"));
      assertTrue(first.hasSecurityHeaders());
      assertEquals("aaa", client.read().body);
      assertEquals(304, client.read().status);
    }
  }

  @Test
  void aRequestArrivingAByteAtATimeIsServed() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      for (byte b : String.format(GET, "/b.js").getBytes(StandardCharsets.ISO_8859_1)) {
        client.send(new byte[] {b});
      }
      assertEquals("bb", client.read().body);
    }
  }

  @Test
  void nothingAfterARefusedRequestIsRead() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      client.send("GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
          + "Content-Length: 3\r\n\r\n"
          + String.format(GET, "/a.txt"));
      RawClient.Response r = client.read();
      assertEquals(400, r.status);
      assertEquals("close", r.header("Connection"));
      assertTrue(client.closedByServer(), "what follows a malformed head is not a request");
    }
  }

  @Test
  void aBodyIsNeverTakenForTheNextRequest() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      // smuggling shape: a body that looks like a request
      String inner = String.format(GET, "/b.js");
      client.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + inner.length()
          + "\r\n\r\n" + inner);
      RawClient.Response r = client.read();
      assertEquals("aaa", r.body);
      assertEquals("close", r.header("Connection"));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void http10AndConnectionCloseEndTheConnection() throws IOException {
    for (String request : new String[] {"GET /a.txt HTTP/1.0\r\n\r\n",
        "GET /a.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, Close\r\n\r\n"}) {
      try (RawClient client = new RawClient(server.port(), 10_000)) {
        RawClient.Response r = client.send(request + String.format(GET, "/b.js")).read();
        assertEquals("aaa", r.body, request);
        assertEquals("close", r.header("Connection"), request);
        assertTrue(client.closedByServer(), request);
      }
    }
  }

  @Test
  void anIdleConnectionIsClosedWithoutAWord() throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      assertEquals(200, client.send(String.format(GET, "/a.txt")).read().status);
      long t0 = System.nanoTime();
      assertNull(client.read(), "no 408 for a connection that sent nothing");
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(seconds < 5, seconds + " s");
    }
  }

  @Test
  void theThousandthRequestClosesTheConnection() throws IOException {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < Connection.MAX_REQUESTS + 5; i++) {
      requests.append(String.format(GET, "/b.js"));
    }
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      client.send(requests.toString());
      for (int i = 1; i < Connection.MAX_REQUESTS; i++) {
        RawClient.Response r = client.read();
        assertNotNull(r, "request " + i);
        assertNull(r.header("Connection"), "request " + i);
      }
      assertEquals("close", client.read().header("Connection"));
      assertTrue(client.closedByServer());
    }
  }
}
