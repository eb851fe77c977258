package dev.tegula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.json.Json;

/**
 * The only part of the benchmarks in the test suite: the bench page loads in headless Chromium
 * and produces its JPEG decode row, Tegula's Wasm decode equal to the JVM's (SHA-256 of the
 * pixels) and the browser's within the tolerance, its JPEG recompression row (the JPEG restored
 * from its .tgl in Wasm has the input's SHA-256) and its two target searches (a JPEG SSIM and a
 * .tgl size search in Tegula's worker, whose files have the SHA-256 of the JVM's search). No
 * peers, one run, and no timing asserted.
 */
class BenchPageSmokeTest {
  @Test
  void benchPageProducesOneCorrectRow(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(Paths.get("/usr/bin/chromium"))
        && Files.isExecutable(Paths.get("/usr/bin/chromedriver")), "Debian's chromium is needed");
    BrowserBench.Outcome outcome = BrowserBench.run(new BrowserBench.Setup(testdata(), work,
        null, null, "wasm=release&quick=1", Duration.ofMinutes(3)),
        new PrintStream(new ByteArrayOutputStream()));
    String json = outcome.json();
    assertFalse(outcome.failed(), json);
    assertTrue(row("tegula").matcher(json).find(), "Tegula's row, checked against the JVM: " + json);
    assertTrue(row("browser").matcher(json).find(), "the browser's row: " + json);
    assertTrue(outcome.text().contains("| tegula MP/s |"), outcome.text());
    assertTrue(Pattern.compile("\\{\"section\":\"recompress\",\"image\":\"[^\"]+\\.jpg\",[^}]*"
        + "\"correct\":true,\"decodeMs\":[0-9.]+").matcher(json).find(),
        "the recompression row, restored bit-exact in Wasm: " + json);
    List<Map<String, Object>> searches = searchRows(json);
    assertEquals(2, searches.size(), "a JPEG SSIM and a .tgl size search: " + json);
    for (Map<String, Object> s : searches) {
      assertEquals(true, s.get("correct"), "Wasm's search chose the JVM's file: " + s);
      assertEquals(((Map<?, ?>) s.get("jvm")).get("sha256"), ((Map<?, ?>) s.get("wasm")).get("sha256"));
    }
  }

  /**
   * {@code --baseline}: another build (here the shipped one again, from wasm/target) runs in the
   * same rounds, gets its own correct rows and the summary of this build's speed over it.
   */
  @Test
  @SuppressWarnings("unchecked")
  void baselineBuildRunsBesideThisOne(@TempDir Path work) throws Exception {
    assumeTrue(Files.isExecutable(Paths.get("/usr/bin/chromium"))
        && Files.isExecutable(Paths.get("/usr/bin/chromedriver")), "Debian's chromium is needed");
    Path baseline = testdata().toAbsolutePath().getParent()
        .resolve("wasm/target/classes/tegula-web/wasm");
    assumeTrue(Files.isRegularFile(baseline.resolve("tegula.wasm")), "the wasm module is built");
    BrowserBench.Outcome outcome = BrowserBench.run(new BrowserBench.Setup(testdata(), work,
        null, null, "wasm=release&quick=1&sections=jpeg,recompress&baseline=1",
        Duration.ofMinutes(3), List.of(), baseline), new PrintStream(new ByteArrayOutputStream()));
    String json = outcome.json();
    assertFalse(outcome.failed(), json);
    assertTrue(row("tegula-baseline").matcher(json).find(), "the baseline's decode row: " + json);
    Map<String, Object> result = new Json().toType(json, Json.MAP_TYPE);
    List<Map<String, Object>> summary = (List<Map<String, Object>>) result.get("baselineSummary");
    assertEquals(List.of("jpeg-decode", "recompress", "recompress", "recompress"),
        summary.stream().map(r -> r.get("section")).toList(), json);
    for (Map<String, Object> r : summary) {
      assertTrue(((Number) r.get("geometricMean")).doubleValue() > 0, json);
      assertTrue(((Number) r.get("fastestGeometricMean")).doubleValue() > 0, json);
    }
    assertTrue(outcome.text().contains("This build against the baseline"), outcome.text());
  }

  /** The search section's rows: each a search the page ran in Wasm and checked against the JVM. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> searchRows(String json) {
    Map<String, Object> result = new Json().toType(json, Json.MAP_TYPE);
    return (List<Map<String, Object>>) ((Map<String, Object>) result.get("sections")).get("search");
  }

  /** A correct, timed JPEG decode row of {@code codec} (keys in the page's order). */
  private static Pattern row(String codec) {
    return Pattern.compile("\\{\"section\":\"jpeg-decode\",\"image\":\"[^\"]+\\.jpg\",[^}]*"
        + "\"codec\":\"" + codec + "\",[^}]*\"correct\":true,\"ms\":[0-9.]+");
  }

  private static Path testdata() {
    String property = System.getProperty("tegula.testdata");
    if (property != null) {
      return Paths.get(property);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/photos"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata/ not found");
  }
}
