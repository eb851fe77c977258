package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's server requirements, over raw sockets so that nothing (a client library's path
 * normalisation, its header limits) stands between the test and the server: the security headers
 * on every response whatever its status, the Wasm type, traversal and dotfiles, methods, header
 * limits (431), slow clients, loopback.
 */
class ServerHardeningTest {
  private static final String SECRET = "SECRET-outside-the-root";

  @TempDir
  static Path tmp;

  private static Path root;
  private static StaticServer server;

  @BeforeAll
  static void start() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(tmp.resolve("secret.txt"), SECRET);
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/inner.txt"), SECRET);
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>t</title>");
    Files.write(root.resolve("tegula.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Files.createDirectories(root.resolve("sub"));
    Files.write(root.resolve("sub/Codec.WASM"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Files.writeString(root.resolve(".env"), SECRET);
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), SECRET);
    Files.writeString(root.resolve("sub/.hidden"), SECRET);
    Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("linkdir"), tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("sub/parent"), Path.of("../.."));
    server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Requests giving 200, 304, 400, 404, 405, 414 and 431, each answered with the headers. */
  @Test
  void securityHeadersOnEveryStatus() throws IOException {
    String etag = Response.of(exchange("GET /tegula.wasm HTTP/1.1")).header("ETag");
    assertNotNull(etag);
    Map<String, Integer> requests = new LinkedHashMap<>();
    requests.put("GET / HTTP/1.1", 200);
    requests.put("HEAD /tegula.wasm HTTP/1.1", 200);
    requests.put("GET /tegula.wasm HTTP/1.1\r\nIf-None-Match: " + etag, 304);
    requests.put("GET /%2e%2e/secret.txt HTTP/1.1", 400);
    requests.put("GET /missing.js HTTP/1.1", 404);
    requests.put("HEAD /missing.js HTTP/1.1", 404);
    requests.put("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx", 405);
    requests.put("DELETE /tegula.wasm HTTP/1.1", 405);
    requests.put("GET /" + "a".repeat(3000) + " HTTP/1.1", 414);
    requests.put("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(33 * 1024), 431);
    for (Map.Entry<String, Integer> e : requests.entrySet()) {
      String request = e.getKey();
      Response r = Response.of(exchange(request));
      String what = request.substring(0, Math.min(60, request.length()));
      assertEquals(e.getValue(), r.status, what);
      assertEquals("same-origin", r.header("Cross-Origin-Opener-Policy"), what);
      assertEquals("require-corp", r.header("Cross-Origin-Embedder-Policy"), what);
      assertEquals("same-origin", r.header("Cross-Origin-Resource-Policy"), what);
      assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
      assertEquals(StaticServer.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"),
          what);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /tegula.wasm", "HEAD /tegula.wasm", "GET /sub/Codec.WASM",
      "HEAD /sub/Codec.WASM"})
  void wasmIsServedAsApplicationWasm(String request) throws IOException {
    Response r = Response.of(exchange(request + " HTTP/1.1"));
    assertEquals(200, r.status);
    assertEquals("application/wasm", r.header("Content-Type"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/%2e%2E/secret.txt", "/.%2e/secret.txt",
      "/%2e%2e%2fsecret.txt", "/..%2f..%2fsecret.txt", "/%2e%2e%5csecret.txt", "/..%5csecret.txt",
      "/..\\secret.txt", "/sub\\..\\..\\secret.txt", "/%5c..%5csecret.txt",
      "/secret.txt%00", "/%00../secret.txt", "/index.html%00/../../secret.txt",
      "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
      "/%c1%9c..%c1%9csecret.txt", "/%252e%252e/secret.txt", "/%u002e%u002e/secret.txt",
      "/..;/secret.txt", "/sub/../../secret.txt", "/./../secret.txt", "//secret.txt",
      "/link.txt", "/linkdir/inner.txt", "/sub/parent/secret.txt", "/sub/parent/root/.env",
      "/.env", "/.git/config", "/sub/.hidden", "/.%65nv", "/%2eenv", "/%2egit/config",
      "http://127.0.0.1/../secret.txt", "*"})
  void traversalAndDotfilesNeverReturnAnythingOutsideTheRoot(String target) throws IOException {
    String response = exchange("GET " + target + " HTTP/1.1");
    assertFalse(response.contains(SECRET), target + "\n" + response);
    int status = response.isEmpty() ? -1 : Response.of(response).status;
    assertTrue(status == 400 || status == 404 || status == -1, status + " for " + target);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
      "PROPFIND", "MKCOL", "FOO", "get", "Head"})
  void methodsOtherThanGetAndHeadGet405(String method) throws IOException {
    Response r = Response.of(exchange(method + " /index.html HTTP/1.1"));
    assertEquals(405, r.status, method);
    assertEquals("GET, HEAD", r.header("Allow"));
  }

  @Test
  void aHundredHeadersPassAndOneMoreIsRefused() throws IOException {
    StringBuilder hundred = new StringBuilder("GET / HTTP/1.1");
    // Host and Connection, which exchange() adds, are two of the hundred
    for (int i = 0; i < 98; i++) {
      hundred.append("\r\nX-H").append(i).append(": v");
    }
    assertEquals(200, Response.of(exchange(hundred.toString())).status);
    Response over = Response.of(exchange(hundred + "\r\nX-One-More: v"));
    assertEquals(431, over.status);
    assertTrue(over.body.startsWith("431 "), over.body);
  }

  @Test
  void headersOver32KiBAreRefused() throws IOException {
    // 100 lines of 300 bytes, about 30 KiB, pass; one more KiB is over
    StringBuilder near = new StringBuilder("GET / HTTP/1.1");
    for (int i = 0; i < 98; i++) {
      near.append(String.format("\r\nX-H%02d: ", i)).append("v".repeat(300));
    }
    assertEquals(200, Response.of(exchange(near.toString())).status);
    assertEquals(431, Response.of(exchange("GET / HTTP/1.1\r\nCookie: " + "c".repeat(32 * 1024)))
        .status);
    assertEquals(431, Response.of(exchange(near + "\r\nX-Pad: " + "p".repeat(3000))).status);
    // far beyond (where the JDK's server used to hang up without an answer): 431 all the same
    Response huge = Response.of(exchange("GET / HTTP/1.1\r\nX-Huge: " + "h".repeat(200 * 1024)));
    assertEquals(431, huge.status);
    assertEquals("nosniff", huge.header("X-Content-Type-Options"));
    assertEquals(200, Response.of(exchange("GET / HTTP/1.1")).status, "and the server carries on");
  }

  /**
   * Slowloris, with the default limit: a client trickling its headers a byte a second is cut off
   * within 10 s (the default is 5 s), with a 408 that carries the security headers.
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSlowClientIsCutOffWithinTenSeconds() throws Exception {
    long seconds = ServerSettings.DEFAULTS.requestTimeout().toSeconds();
    assertTrue(seconds > 0 && seconds <= 10, "request timeout " + seconds);
    StringBuilder answer = new StringBuilder();
    double cutAfter = trickle(server.port(), 20, answer);
    System.out.printf("slow client cut off after %.1f s (request timeout %d s)%n", cutAfter,
        seconds);
    assertTrue(cutAfter < 10, "the slow client was served for " + cutAfter + " s");
    Response r = Response.of(answer.toString());
    assertEquals(408, r.status);
    assertEquals("require-corp", r.header("Cross-Origin-Embedder-Policy"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
  }

  /**
   * The limit is configurable: {@code tegula serve --request-timeout 2} cuts a slow client off
   * sooner. The same run checks that it listens on loopback when no --host is given.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aShorterConfiguredLimitCutsSooner() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process serve = new ProcessBuilder(java.toString(),
        "-cp", System.getProperty("java.class.path"), "dev.tegula.cli.TegulaCli", "serve",
        "--port", "0", "--request-timeout", "2", "--root", root.toString())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      Matcher m = null;
      for (String line; (line = out.readLine()) != null; ) {
        m = Pattern.compile("Tegula serving http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
        if (m.find()) {
          break;
        }
      }
      assertNotNull(m, "no announcement from tegula serve");
      int port = Integer.parseInt(m.group(1));
      double cutAfter = trickle(port, 20, new StringBuilder());
      System.out.printf("slow client cut off after %.1f s (request timeout 2 s)%n", cutAfter);
      assertTrue(cutAfter < 5, "cut off after " + cutAfter + " s with a 2 s request timeout");
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends a request line, then a header a byte a second; seconds until the server answered or
   * hung up. What it answered is appended to {@code answer}.
   */
  private static double trickle(int port, int maxSeconds, StringBuilder answer) throws Exception {
    long t0 = System.nanoTime();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] slow = "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(
          StandardCharsets.ISO_8859_1);
      for (int i = 0; i < maxSeconds; i++) {
        try {
          out.write(slow[i % slow.length]);
          out.flush();
        } catch (SocketException closed) {
          return (System.nanoTime() - t0) / 1e9;
        }
        try {
          int first = in.read();
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (first >= 0) { // answered something: no longer waiting
            socket.setSoTimeout(5000);
            answer.append((char) first)
                .append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
          return seconds;
        } catch (SocketTimeoutException stillOpen) {
          // a second passed with the connection open
        } catch (SocketException reset) {
          return (System.nanoTime() - t0) / 1e9;
        }
      }
    }
    return maxSeconds;
  }

  /** Sends {@code head} (request line and headers) with Host and Connection: close; the answer. */
  private static String exchange(String head) throws IOException {
    int blank = head.indexOf("\r\n\r\n");
    String body = blank >= 0 ? head.substring(blank + 4) : "";
    String lines = blank >= 0 ? head.substring(0, blank) : head;
    int firstBreak = lines.indexOf("\r\n");
    String requestLine = firstBreak >= 0 ? lines.substring(0, firstBreak) : lines;
    String rest = firstBreak >= 0 ? lines.substring(firstBreak) : "";
    String request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close" + rest + "\r\n\r\n"
        + body;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(15_000);
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
      } catch (SocketException hungUp) {
        // the server may refuse before the client has finished sending
      }
      try {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (SocketException reset) {
        return "";
      }
    }
  }

  /** A parsed raw HTTP/1.1 response. */
  private static final class Response {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final String body;

    private Response(int status, String body) {
      this.status = status;
      this.body = body;
    }

    static Response of(String raw) {
      assertTrue(raw.startsWith("HTTP/1.1 "), "not an HTTP response: '" + raw + "'");
      int end = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, end < 0 ? raw.length() : end).split("\r\n");
      Response r = new Response(Integer.parseInt(lines[0].substring(9, 12)),
          end < 0 ? "" : raw.substring(end + 4));
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        r.headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return r;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }
}
