package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "index.html | text/html; charset=utf-8",
    "tegula.js | text/javascript; charset=utf-8",
    "wasm/tegula-runtime.mjs | text/javascript; charset=utf-8",
    "wasm/tegula.wasm | application/wasm",
    "TEGULA.WASM | application/wasm",
    "app.css | text/css; charset=utf-8",
    "a.jpg | image/jpeg",
    "a.jpeg | image/jpeg",
    "a.png | image/png",
    "a.json | application/json",
    "app.webmanifest | application/manifest+json",
    "a.bin | application/octet-stream",
    "README | application/octet-stream",
    "dir.js/file | application/octet-stream",
    "trailing. | application/octet-stream"
  })
  void byExtension(String path, String type) {
    assertEquals(type, ContentTypes.forPath(path));
  }
}
