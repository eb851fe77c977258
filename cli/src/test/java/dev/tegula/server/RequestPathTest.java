package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {
  @ParameterizedTest
  @CsvSource({
    "/, index.html",
    "/index.html, index.html",
    "/wasm/, wasm/index.html",
    "/wasm/tegula.wasm, wasm/tegula.wasm",
    "/a%20b.js, a b.js",
    "/%C3%A9t%C3%A9.png, été.png",
    "/%252e%252e/x, %2e%2e/x",
    "/a..b/c.d, a..b/c.d"
  })
  void acceptsOrdinaryPaths(String raw, String expected) throws RequestPath.Rejected {
    assertEquals(expected, RequestPath.toRelative(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/../pom.xml", "/a/../../x", "/a/./b", "/..", "/.", "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x",
    "/..%2fx", "/..%2Fx", "/a%2fb", "/..%5cx", "/a%5c..%5c..%5cx", "/a\\b", "/a%00.js",
    "/a%0a", "/%", "/%4", "/%zz", "//etc/passwd", "/a//b", "/C:/x", "/a%3a%3a$DATA",
    "/%ff%fe", "relative", "", "/é"
  })
  void refusesEscapes(String raw) {
    RequestPath.Rejected e = assertThrows(RequestPath.Rejected.class,
        () -> RequestPath.toRelative(raw));
    assertEquals(400, e.status(), raw);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/.git/config", "/.env", "/sub/.htpasswd", "/...", "/.../x"})
  void hidesDotFiles(String raw) {
    RequestPath.Rejected e = assertThrows(RequestPath.Rejected.class,
        () -> RequestPath.toRelative(raw));
    assertEquals(404, e.status(), raw);
  }

  @ParameterizedTest
  @ValueSource(ints = {RequestPath.MAX_LENGTH + 1, 100_000})
  void refusesVeryLongPaths(int length) {
    String raw = "/" + "a".repeat(length - 1);
    RequestPath.Rejected e = assertThrows(RequestPath.Rejected.class,
        () -> RequestPath.toRelative(raw));
    assertEquals(414, e.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "a\\b", ".git/config", "./a",
    "a/", "C:/x", "a\u0000b"})
  void directCallersCannotPassUnsafePaths(String relative) {
    assertEquals(false, RequestPath.isSafeRelative(relative), relative);
  }

  @ParameterizedTest
  @ValueSource(strings = {"index.html", "wasm/tegula.wasm", "a b/été.png"})
  void directCallersCanPassOrdinaryPaths(String relative) {
    assertEquals(true, RequestPath.isSafeRelative(relative), relative);
  }

  @ParameterizedTest
  @CsvSource({
    "/, /",
    "/a/b.js?v=1&x=/.., /a/b.js",
    "/?, /",
    "http://127.0.0.1/index.html, /index.html",
    "HTTP://127.0.0.1:8080, /",
    "http://x?y=/z, /",
    "http://x/a?b, /a",
    "http://x/../y, /../y"
  })
  void takesThePathFromOriginAndAbsoluteForm(String target, String path)
      throws RequestPath.Rejected {
    assertEquals(path, RequestPath.fromTarget(target));
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "127.0.0.1:443", "index.html", "https://x/", "ftp://x/", "/a#b",
    "http:/x", ""})
  void refusesTargetsThatNameNoFile(String target) {
    RequestPath.Rejected e = assertThrows(RequestPath.Rejected.class,
        () -> RequestPath.fromTarget(target));
    assertEquals(400, e.status(), target);
  }
}
