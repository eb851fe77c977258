package dev.tegula.bench;

import dev.tegula.server.StaticServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Runs the bench page (bench/bench.html) in Debian's headless Chromium against the bench server on
 * loopback, and returns what the page saved: its JSON result and its Markdown tables.
 */
final class BrowserBench {
  /** What a run needs; {@code nodeModules} null or missing: the page skips the peers. */
  record Setup(Path testdata, Path workDir, Path nodeModules, Path wasmDebug, String query,
      Duration timeout) {}

  record Outcome(String json, String text, String browserVersion) {
    boolean failed() {
      return json == null || json.contains("\"error\":");
    }
  }

  private BrowserBench() {}

  static Outcome run(Setup setup, PrintStream log) throws IOException {
    boolean quick = setup.query().contains("quick");
    BenchInputs.prepare(setup.testdata(), setup.workDir(), quick);
    try (StaticServer server = StaticServer.start(
        new BenchFiles(setup.nodeModules(), setup.workDir(), setup.wasmDebug()), "127.0.0.1", 0)) {
      Path profile = Files.createTempDirectory("tegula-bench-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile,
          // measureUserAgentSpecificMemory answers at once instead of at the next idle GC
          "--enable-blink-features=ForceEagerMeasureMemory",
          // performance.memory in full bytes instead of coarse buckets
          "--enable-precise-memory-info");
      ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
      try {
        String url = "http://127.0.0.1:" + server.port() + "/bench/bench.html?" + setup.query();
        log.println("bench page: " + url);
        driver.get(url);
        Object json = awaitResult(driver, setup.timeout(), log);
        Object text = driver.executeScript("return window.benchText");
        Object version = driver.getCapabilities().getCapability("browserVersion");
        return new Outcome(String.valueOf(json), String.valueOf(text), String.valueOf(version));
      } finally {
        driver.quit();
        deleteTree(profile);
      }
    }
  }

  /** Polls the page, printing its status line as it changes, until it has saved its result. */
  private static Object awaitResult(ChromeDriver driver, Duration timeout, PrintStream log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Object json = driver.executeScript("return window.benchResult");
      if (json != null) {
        return json;
      }
      Object status = driver.executeScript(
          "const s = document.getElementById('status'); return s ? s.textContent : ''");
      if (status != null && !status.equals(last)) {
        last = status.toString();
        log.println("  " + last);
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("the bench page gave no result within " + timeout);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
