package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * tegula.js bundled by Vite with no configuration, as a web developer's app uses it (web/vite-check:
 * the page and a module worker of the app's own both import the package), then run in Chromium:
 * compress, decode (a JPEG the browser made, too) and restore, on the page and in that worker.
 *
 * <p>The package is staged from the files the server ships (the classpath: tegula*.js, the types,
 * the Wasm build and its runtime) into target/vite-check, Vite comes from the npm registry by
 * {@code npm ci} (the committed package-lock.json), and the bundle is served by vite-check's
 * serve.mjs with the CSP web/README.md documents. TypeScript (from the same lock) checks the types
 * against a TypeScript app's uses of them. Needs Node.js 20.19+ and npm (on these machines;
 * Debian's nodejs is too old for Vite 7): without them the test fails and says so.
 */
class ViteBundleTest {
  private static final List<String> PACKAGE_FILES = List.of("tegula.js", "tegula-pool.js",
      "tegula-tiles.js", "tegula-codecs.js", "tegula-errors.js", "tegula-worker.js", "tegula.d.ts",
      "wasm/tegula.wasm", "wasm/tegula-runtime.js");
  private static final List<String> APP_FILES = List.of("package.json", "package-lock.json",
      "index.html", "main.js", "user-worker.js", "serve.mjs", "tsconfig.json", "types-check.ts");

  private static String node;
  private static Path work;

  /** The package and the app staged once, and their npm dependencies installed. */
  @BeforeAll
  static void install() throws Exception {
    node = version("node");
    version("npm");
    work = Path.of("target", "vite-check").toAbsolutePath();
    stage(work);
    run(work, Duration.ofMinutes(8), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
  }

  /**
   * tegula.d.ts as a TypeScript app compiles against it (types-check.ts, strict, TypeScript 7):
   * the documented uses type-check, and each mistake marked @ts-expect-error is refused.
   */
  @Test
  void theTypesAcceptTheDocumentedUsesAndRefuseMistakes() throws Exception {
    run(work, Duration.ofMinutes(3), "node", "node_modules/typescript/bin/tsc", "-p",
        "tsconfig.json");
  }

  @Test
  void theBundleRunsOnThePageAndInTheAppsOwnWorker() throws Exception {
    run(work, Duration.ofMinutes(5), "node", "node_modules/vite/bin/vite.js", "build",
        "--logLevel", "warn");
    List<String> assets = new ArrayList<>();
    try (Stream<Path> s = Files.list(work.resolve("dist/assets"))) {
      s.forEach(p -> assets.add(p.getFileName().toString()));
    }
    assertTrue(assets.stream().anyMatch(a -> a.matches("tegula-worker-.*\\.js")),
        "the codec worker is an asset of its own: " + assets);
    assertTrue(assets.stream().anyMatch(a -> a.endsWith(".wasm")), "the module too: " + assets);

    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process server = new ProcessBuilder("node", "serve.mjs", work.resolve("dist").toString(),
        String.valueOf(port)).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("serve.log").toFile()).start();
    try (Chromium chromium = new Chromium()) {
      String url = "http://127.0.0.1:" + port + "/";
      awaitServer(url, server);
      chromium.driver.get(url);
      new WebDriverWait(chromium.driver, Duration.ofSeconds(120)).until(
          d -> d.findElement(By.id("result")).getAttribute("data-state") != null);
      String state = chromium.driver.findElement(By.id("result")).getAttribute("data-state");
      String text = chromium.driver.findElement(By.id("result")).getText();
      System.out.println("ViteBundleTest (node " + node + "): " + text);
      assertEquals("done", state, text);
      assertEquals("ok page: image/x-tegula 700x500 image/png jpeg jpeg 700x500 image/jpeg;"
          + " worker: jpeg 700x500 -> image/x-tegula 700x500 inWorker true", text);
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The app (web/vite-check) and the package as the server ships it, in a clean folder. */
  private static void stage(Path work) throws IOException {
    Path app = viteCheckSources();
    if (Files.exists(work)) {
      // node_modules stays: npm ci removes it itself, and a failed run can be looked at
      try (Stream<Path> s = Files.list(work)) {
        for (Path p : s.toList()) {
          if (!p.getFileName().toString().equals("node_modules")) {
            delete(p);
          }
        }
      }
    }
    Files.createDirectories(work.resolve("tegula-pkg/wasm"));
    for (String f : APP_FILES) {
      Files.copy(app.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    ClasspathFiles shipped = ClasspathFiles.tegulaWeb();
    for (String f : PACKAGE_FILES) {
      Resource r = shipped.find(f).orElseThrow(() -> new IllegalStateException(
          f + " is not on the classpath: install the web and wasm modules first"));
      try (InputStream in = r.open()) {
        Files.copy(in, work.resolve("tegula-pkg").resolve(f));
      }
    }
    Files.writeString(work.resolve("tegula-pkg/package.json"), "{\"name\": \"tegula\", \"version\":"
        + " \"0.1.0\", \"type\": \"module\", \"main\": \"tegula.js\", \"types\": \"tegula.d.ts\"}\n");
  }

  static Path viteCheckSources() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("web/vite-check/package-lock.json"))) {
        return p.resolve("web/vite-check");
      }
    }
    throw new IllegalStateException("web/vite-check not found above " + Path.of("").toAbsolutePath());
  }

  /** The tool's version; a missing tool fails the test with what to install. */
  private static String version(String tool) throws Exception {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0) {
        return out;
      }
      throw new AssertionError(tool + " --version failed: " + out);
    } catch (IOException e) {
      throw new AssertionError("ViteBundleTest needs " + tool + " (Node.js 20.19+ with npm, which"
          + " these machines have; Vite 7 does not run on Debian's nodejs 18) to bundle tegula.js"
          + " with Vite from the npm registry: " + e.getMessage(), e);
    }
  }

  private static void run(Path dir, Duration limit, String... command) throws Exception {
    Path log = dir.resolve("command.log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " took over " + limit + ":\n"
          + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n"
          + Files.readString(log));
    }
  }

  private static void awaitServer(String url, Process server) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!server.isAlive()) {
        throw new AssertionError("serve.mjs ended: " + server.exitValue());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve.mjs does not answer on " + url);
  }

  private static void delete(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
