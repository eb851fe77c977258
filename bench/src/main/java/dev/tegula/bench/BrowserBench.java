package dev.tegula.bench;

import dev.tegula.server.StaticServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Runs the bench page (bench/bench.html) in Debian's headless Chromium against the bench server on
 * loopback, and returns what the page saved: its JSON result and its Markdown tables.
 */
final class BrowserBench {
  /**
   * What a run needs; {@code nodeModules} null or missing: the page skips the peers; {@code
   * searchImages} not empty: the search section checks Wasm's searches against the JVM's on
   * these PNGs (several targets each, untimed) instead of timing the bench's photos; {@code
   * wasmBaseline} not null: another revision's Wasm build, which the page times beside this one
   * in the same rounds when its query says {@code baseline=1}.
   */
  record Setup(Path testdata, Path workDir, Path nodeModules, Path wasmDebug, String query,
      Duration timeout, List<Path> searchImages, Path wasmBaseline) {
    Setup(Path testdata, Path workDir, Path nodeModules, Path wasmDebug, String query,
        Duration timeout) {
      this(testdata, workDir, nodeModules, wasmDebug, query, timeout, List.of(), null);
    }
  }

  record Outcome(String json, String text, String browserVersion) {
    boolean failed() {
      return json == null || json.contains("\"error\":");
    }
  }

  private BrowserBench() {}

  static Outcome run(Setup setup, PrintStream log) throws IOException {
    return run(setup, log, null);
  }

  /**
   * {@link #run(Setup, PrintStream)}, with Tegula's workers profiled ({@link WorkerProfiler}) when
   * {@code profile} is not null: their profiles go to {@code profile}-N.cpuprofile, their summary
   * to the log.
   */
  static Outcome run(Setup setup, PrintStream log, Path profile) throws IOException {
    boolean quick = setup.query().contains("quick");
    BenchInputs.prepare(setup.testdata(), setup.workDir(), quick);
    List<BenchSearches.Search> timed = searches(setup.workDir(), setup.query(),
        setup.searchImages(), log);
    try (StaticServer server = StaticServer.start(
        new BenchFiles(setup.nodeModules(), setup.workDir(), setup.wasmDebug(),
            setup.wasmBaseline(), name -> BenchSearches.time(timed, name)), "127.0.0.1", 0)) {
      Path userData = Files.createTempDirectory("tegula-bench-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + userData,
          // measureUserAgentSpecificMemory answers at once instead of at the next idle GC
          "--enable-blink-features=ForceEagerMeasureMemory",
          // performance.memory in full bytes instead of coarse buckets
          "--enable-precise-memory-info");
      ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
      WorkerProfiler profiler = null;
      try {
        if (profile != null) {
          Object chrome = driver.getCapabilities().getCapability("goog:chromeOptions");
          profiler = WorkerProfiler.attach(String.valueOf(((Map<?, ?>) chrome).get(
              "debuggerAddress")));
        }
        String url = "http://127.0.0.1:" + server.port() + "/bench/bench.html?" + setup.query()
            + (profile != null ? "&profile=1" : "");
        log.println("bench page: " + url);
        driver.get(url);
        Object json = awaitResult(driver, setup.timeout(), log);
        if (profiler != null) {
          log.print(profiler.finish(profile, 40));
        }
        Object text = driver.executeScript("return window.benchText");
        Object version = driver.getCapabilities().getCapability("browserVersion");
        return new Outcome(String.valueOf(json), String.valueOf(text), String.valueOf(version));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while attaching the profiler", e);
      } finally {
        if (profiler != null) {
          profiler.close();
        }
        driver.quit();
        deleteTree(userData);
      }
    }
  }

  /**
   * The JVM's searches of the page's search section when the query asks for it (searches.json in
   * {@code dir}, {@link BenchSearches}), else none: what the bench server times when the page
   * asks. {@code searchImages} not empty: the parity check on them instead of the bench's photos.
   */
  static List<BenchSearches.Search> searches(Path dir, String query, List<Path> searchImages,
      PrintStream log) throws IOException {
    boolean quick = query.contains("quick");
    String sections = parameter(query, "sections");
    if (sections != null && !Arrays.asList(sections.split(",")).contains("search")) {
      return List.of();
    }
    log.println("the JVM's target searches (the page's references)...");
    List<Path> images = quick ? List.of(dir.resolve(BenchInputs.JPEGS[0]))
        : List.of(dir.resolve(BenchInputs.PHOTOS[0]), dir.resolve(BenchInputs.PHOTOS[1]));
    if (!quick && "1".equals(parameter(query, "searchLarge"))) {
      images = List.of(images.get(0), images.get(1), dir.resolve(BenchInputs.LARGE + ".png"));
    }
    BenchSearches.Plan plan = quick ? BenchSearches.Plan.QUICK : BenchSearches.Plan.BENCH;
    if (!searchImages.isEmpty()) {
      images = searchImages;
      plan = BenchSearches.Plan.PARITY;
    }
    String runs = parameter(query, "searchRuns");
    List<BenchSearches.Search> searches = BenchSearches.write(dir, images, plan,
        plan == BenchSearches.Plan.BENCH && (runs == null || Integer.parseInt(runs) > 0));
    for (BenchSearches.Search s : searches) {
      log.printf(Locale.ROOT, "  %s %s %s: q%.2f %s lambda %d, %d encodes, %d bytes%n",
          s.file(), s.format(), s.target(), s.jvm().qualityHundredths() / 100.0,
          s.jvm().chroma(), s.jvm().lambdaHundredths(), s.jvm().encodes(), s.jvm().size());
    }
    return searches;
  }

  /** The value of {@code name} in a page query such as {@code wasm=release&sections=search}. */
  static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
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
