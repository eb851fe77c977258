package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request a browser would never send ({@link RawCases}), as raw bytes: each gets an answer
 * with the security headers and a correct length, and the connection is closed after it exactly
 * when the next request's start is uncertain. Of the first 70 (three Host cases came later), the
 * JDK's HTTP server, which served before, answered 31 itself without the headers, sent a bare
 * "100 Continue" before one, hung up on two (a 100 KiB request line or header) and left one
 * unanswered (bare LF line ends); the other 35 reached our handler, some accepted though
 * malformed (HTTP/2.0, NUL in a header, no Host): see {@code RawCases.Case.jdk}.
 */
class MalformedRequestTest {
  private static final String INDEX = "<!doctype html><title>t</title>";

  @TempDir
  static Path root;

  private static StaticServer server;

  @BeforeAll
  static void start() throws IOException {
    Files.writeString(root.resolve("index.html"), INDEX);
    server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<RawCases.Case> cases() {
    return RawCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answeredWithTheSecurityHeaders(RawCases.Case c) throws IOException {
    try (RawClient client = new RawClient(server.port(), 10_000)) {
      client.send(c.request());
      if (c.cutShort()) {
        client.shutdownOutput();
      }
      RawClient.Response r = client.read();
      assertNotNull(r, "closed without an answer");
      assertEquals(c.status(), r.status, r.statusLine);
      assertTrue(r.hasSecurityHeaders(), r.toString());
      assertEquals("no-cache", r.header("Cache-Control"));
      assertNotNull(r.header("Date"));
      assertEquals(Integer.toString(r.body.getBytes(StandardCharsets.ISO_8859_1).length),
          r.header("Content-Length"));
      if (c.status() == 200) {
        assertEquals(INDEX, r.body);
      } else {
        assertTrue(r.body.startsWith(c.status() + " "), r.body);
      }
      if (c.close()) {
        assertEquals("close", r.header("Connection"));
        assertTrue(client.closedByServer(), "connection left open");
      } else {
        assertEquals(null, r.header("Connection"));
        // the same connection goes on
        client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(200, client.read().status);
      }
    }
  }

  @Test
  void theCasesCoverEveryRefusalStatus() {
    for (int status : new int[] {400, 405, 414, 421, 431, 501, 505}) {
      assertTrue(cases().stream().anyMatch(c -> c.status() == status), "no case for " + status);
    }
  }
}
