package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticServerTest {
  private static final String SECRET = "TOP-SECRET-do-not-serve";

  @TempDir
  static Path tmp;

  private static StaticServer server;
  private static int port;

  @BeforeAll
  static void start() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(tmp.resolve("secret.txt"), SECRET);
    Files.writeString(tmp.resolve("pom.xml"), SECRET);
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/x"), SECRET);
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>t</title>");
    Files.writeString(root.resolve("tegula.js"), "export const x = 1;\n");
    Files.writeString(root.resolve("worker.mjs"), "postMessage(1);\n");
    Files.write(root.resolve("tegula.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Files.writeString(root.resolve("app.css"), "body{}");
    Files.write(root.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    Files.write(root.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Files.writeString(root.resolve("data.json"), "{}");
    Files.writeString(root.resolve("app.webmanifest"), "{}");
    Files.write(root.resolve("blob.bin"), new byte[] {1, 2, 3});
    Files.write(root.resolve("empty.txt"), new byte[0]);
    Files.writeString(root.resolve(".env"), SECRET);
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/index.html"), "sub index");
    Files.writeString(root.resolve("sub/a.txt"), "in sub");
    Files.createSymbolicLink(root.resolve("leak.txt"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("leakdir"), tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("inside.js"), root.resolve("tegula.js"));
    server = StaticServer.start(new DirectoryFiles(root), "127.0.0.1", 0);
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listensOnLoopbackAtTheAnnouncedPort() {
    assertTrue(port > 0);
    assertEquals("http://127.0.0.1:" + port + "/", server.uri().toString());
    assertTrue(server.address().getAddress().isLoopbackAddress());
  }

  @Test
  void servesIndexAtTheRoot() {
    HttpResponse<String> r = Http.get(port, "/");
    assertEquals(200, r.statusCode());
    assertEquals("<!doctype html><title>t</title>", r.body());
    assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
    assertEquals("sub index", Http.get(port, "/sub/").body());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/index.html | text/html; charset=utf-8",
    "/tegula.js | text/javascript; charset=utf-8",
    "/worker.mjs | text/javascript; charset=utf-8",
    "/tegula.wasm | application/wasm",
    "/app.css | text/css; charset=utf-8",
    "/photo.jpg | image/jpeg",
    "/photo.png | image/png",
    "/data.json | application/json",
    "/app.webmanifest | application/manifest+json",
    "/blob.bin | application/octet-stream"
  })
  void contentTypeByExtension(String path, String type) throws IOException {
    HttpResponse<String> r = Http.get(port, path);
    assertEquals(200, r.statusCode());
    assertEquals(type, header(r, "Content-Type"));
    long size = Files.size(tmp.resolve("root").resolve(path.substring(1)));
    assertEquals(Long.toString(size), header(r, "Content-Length"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/tegula.wasm", "/missing", "/../secret.txt", "/.env"})
  void everyResponseCarriesTheSecurityHeaders(String path) {
    for (String method : List.of("GET", "HEAD", "POST")) {
      HttpResponse<String> r = Http.send(port, method, path);
      assertEquals("same-origin", header(r, "Cross-Origin-Opener-Policy"), method + " " + path);
      assertEquals("require-corp", header(r, "Cross-Origin-Embedder-Policy"));
      assertEquals("same-origin", header(r, "Cross-Origin-Resource-Policy"));
      assertEquals("nosniff", header(r, "X-Content-Type-Options"));
      assertEquals(StaticServer.CONTENT_SECURITY_POLICY, header(r, "Content-Security-Policy"));
      assertEquals("no-cache", header(r, "Cache-Control"));
    }
  }

  @Test
  void contentSecurityPolicyAllowsWasmAndNothingForeign() {
    String csp = StaticServer.CONTENT_SECURITY_POLICY;
    assertTrue(csp.startsWith("default-src 'self';"), csp);
    assertTrue(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), csp);
    assertTrue(csp.contains("object-src 'none'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
  }

  @Test
  void headAnswersHeadersOnly() {
    HttpResponse<String> r = Http.send(port, "HEAD", "/tegula.js");
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertEquals("20", header(r, "Content-Length"));
    assertEquals("text/javascript; charset=utf-8", header(r, "Content-Type"));
    assertEquals(404, Http.send(port, "HEAD", "/missing.js").statusCode());
  }

  @Test
  void emptyFileIsServed() {
    HttpResponse<String> r = Http.get(port, "/empty.txt");
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertEquals("0", header(r, "Content-Length"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
  void otherMethodsAreNotAllowed(String method) {
    HttpResponse<String> r = Http.send(port, method, "/index.html");
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", header(r, "Allow"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/missing.html", "/sub/missing", "/sub", "/index.html/x", "/.env"})
  void missingFilesAndDirectoriesAre404(String path) {
    HttpResponse<String> r = Http.get(port, path);
    assertEquals(404, r.statusCode());
    assertEquals("text/plain; charset=utf-8", header(r, "Content-Type"));
    assertFalse(r.body().contains(SECRET));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/../pom.xml", "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/pom.xml", "/..%2fsecret.txt",
    "/..%2Fpom.xml", "/a/../../secret.txt", "/sub/../../secret.txt", "/.%2e/secret.txt",
    "/..%5csecret.txt", "/..\\secret.txt", "/%2e%2e%2f%2e%2e%2fsecret.txt", "/sub%2f..%2f..%2fpom.xml",
    "/leak.txt", "/leakdir/x", "/sub/up/../secret.txt", "/sub/up/up/secret.txt",
    "/sub/up/up/pom.xml", "/%00", "/secret.txt%00.js", "//secret.txt",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "http://127.0.0.1/../secret.txt", "/%c0%ae%c0%ae/secret.txt"
  })
  void traversalNeverLeaksAFile(String rawTarget) {
    String response = Http.raw(port, rawTarget);
    int status = Http.rawStatus(response);
    assertTrue(status == 400 || status == 404, status + " for " + rawTarget + "\n" + response);
    assertFalse(response.contains(SECRET), rawTarget);
  }

  @Test
  void directoryFilesRefuseEscapesEvenWhenCalledDirectly() throws IOException {
    DirectoryFiles files = new DirectoryFiles(tmp.resolve("root"));
    assertTrue(files.find("tegula.js").isPresent());
    for (String path : List.of("../secret.txt", "sub/../../secret.txt", "leak.txt", "leakdir/x",
        "sub/up/../secret.txt", "sub", "")) {
      assertFalse(files.find(path).isPresent(), path);
    }
  }

  @Test
  void linksInsideTheRootAreFollowed() {
    HttpResponse<String> r = Http.get(port, "/inside.js");
    assertEquals(200, r.statusCode());
    assertEquals("export const x = 1;\n", r.body());
    assertEquals("in sub", Http.get(port, "/sub/up/sub/a.txt").body());
  }

  @Test
  void etagAnswers304WhenUnchanged() {
    HttpResponse<String> first = Http.get(port, "/tegula.wasm");
    String etag = header(first, "ETag");
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
    HttpResponse<String> again = Http.send(port, "GET", "/tegula.wasm", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(etag, header(again, "ETag"));
    assertEquals("require-corp", header(again, "Cross-Origin-Embedder-Policy"));
    assertEquals(304, Http.send(port, "GET", "/tegula.wasm", "If-None-Match",
        "\"other\", W/" + etag).statusCode());
    assertEquals(200, Http.send(port, "GET", "/tegula.wasm", "If-None-Match", "\"other\"")
        .statusCode());
  }

  @Test
  void etagChangesWhenTheFileChanges() throws IOException {
    Path file = tmp.resolve("root/changing.txt");
    Files.writeString(file, "one");
    String before = header(Http.get(port, "/changing.txt"), "ETag");
    Files.writeString(file, "three");
    HttpResponse<String> after = Http.send(port, "GET", "/changing.txt", "If-None-Match", before);
    assertEquals(200, after.statusCode());
    assertEquals("three", after.body());
  }

  @Test
  void oversizedHeadersAreRefusedAndTheServerCarriesOn() throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(200_000) + "\r\n\r\n";
      try {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException closedEarly) {
        // the server may hang up before the client has finished sending: also a refusal
      }
      String answer;
      try {
        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException reset) {
        answer = "";
      }
      assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
    }
    assertEquals(200, Http.get(port, "/").statusCode());
  }

  @Test
  void settingsBoundEveryWait() {
    ServerSettings d = ServerSettings.DEFAULTS;
    assertTrue(d.threads() >= 6 && d.queued() >= 1, d.toString());
    assertTrue(d.requestTimeout().toSeconds() >= 1 && d.requestTimeout().toSeconds() <= 10);
    assertTrue(d.writeTimeout().toSeconds() >= 1 && d.writeTimeout().toSeconds() <= 60);
    assertThrows(IllegalArgumentException.class,
        () -> new ServerSettings(0, 1, d.requestTimeout(), d.writeTimeout()));
    assertThrows(IllegalArgumentException.class,
        () -> new ServerSettings(1, 1, Duration.ZERO, d.writeTimeout()));
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }
}
