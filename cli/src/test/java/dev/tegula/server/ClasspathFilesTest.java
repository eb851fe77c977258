package dev.tegula.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathFilesTest {
  @TempDir
  Path tmp;

  /** The test resources hold tegula-web/cli-test/, a directory on the class path. */
  @Test
  void servesTheWebAppFromTheClasspath() {
    try (StaticServer server = StaticServer.start(ClasspathFiles.tegulaWeb(), "127.0.0.1", 0)) {
      HttpResponse<String> js = Http.get(server.port(), "/cli-test/hello.js");
      assertEquals(200, js.statusCode());
      assertEquals("export const fromClasspath = true;\n", js.body());
      assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").get());
      assertEquals("same-origin", js.headers().firstValue("Cross-Origin-Opener-Policy").get());

      HttpResponse<String> wasm = Http.send(server.port(), "HEAD", "/cli-test/hello.wasm");
      assertEquals(200, wasm.statusCode());
      assertEquals("application/wasm", wasm.headers().firstValue("Content-Type").get());
      assertEquals("8", wasm.headers().firstValue("Content-Length").get());

      String etag = js.headers().firstValue("ETag").get();
      assertEquals(304, Http.send(server.port(), "GET", "/cli-test/hello.js", "If-None-Match", etag)
          .statusCode());

      assertEquals(404, Http.get(server.port(), "/cli-test").statusCode(), "a directory");
      assertEquals(404, Http.get(server.port(), "/cli-test/missing.js").statusCode());
      String escape = Http.raw(server.port(), "/../dev/tegula/server/StaticServer.class");
      assertEquals(400, Http.rawStatus(escape));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsFromJarsAndSkipsDirectoryEntries() throws IOException {
    Path jar = tmp.resolve("web.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("tegula-web/"));
      out.putNextEntry(new JarEntry("tegula-web/wasm/"));
      out.putNextEntry(new JarEntry("tegula-web/wasm/tegula.wasm"));
      out.write(new byte[] {0, 'a', 's', 'm'});
      out.putNextEntry(new JarEntry("tegula-web/index.html"));
      out.write("<p>from a jar</p>".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("outside.txt"));
      out.write("not web".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      ClasspathFiles files = new ClasspathFiles(loader, "tegula-web");
      assertEquals(4, files.find("wasm/tegula.wasm").get().size());
      assertFalse(files.find("wasm").isPresent());
      assertFalse(files.find("wasm/").isPresent());
      assertFalse(files.find("outside.txt").isPresent());
      assertFalse(files.find("../outside.txt").isPresent(), "checked even without RequestPath");
      assertFalse(files.find("wasm/../../outside.txt").isPresent());
      try (StaticServer server = StaticServer.start(files, "127.0.0.1", 0)) {
        HttpResponse<String> index = Http.get(server.port(), "/");
        assertEquals(200, index.statusCode());
        assertEquals("<p>from a jar</p>", index.body());
        assertTrue(index.headers().firstValue("ETag").isPresent());
        assertEquals(404, Http.get(server.port(), "/wasm").statusCode());
        assertEquals(400, Http.rawStatus(Http.raw(server.port(), "/../outside.txt")));
      }
    }
  }
}
