package dev.tegula.bench;

import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.server.StaticServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * JPEG decode speed in one run: Tegula on the JVM, Tegula in Chromium (Wasm), jpeg-js and the
 * browser's own decoder, on the same files. Prints megapixels per second and ratios; the machine
 * is shared, so only ratios within one run mean much.
 *
 * <p>Usage: {@code DecodeBench NODE_MODULES_DIR IMAGE.jpg...} (scripts/bench-decode prepares both).
 */
public final class DecodeBench {
  private DecodeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: DecodeBench NODE_MODULES_DIR IMAGE.jpg...");
      System.exit(2);
    }
    Path nodeModules = Paths.get(args[0]);
    List<Path> images = Arrays.stream(args, 1, args.length).map(Paths::get).toList();
    Path imageDir = images.get(0).toAbsolutePath().getParent();

    System.out.println("JVM (HotSpot " + System.getProperty("java.version") + "), one thread:");
    List<double[]> jvm = new ArrayList<>();
    for (Path p : images) {
      byte[] data = Files.readAllBytes(p);
      DecodedImage first = Tegula.decode(data);
      double mp = first.image().width() * (double) first.image().height() / 1e6;
      int runs = mp > 4 ? 5 : 15;
      for (int i = 0; i < 3; i++) {
        Tegula.decode(data);
      }
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        Tegula.decode(data);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      double median = ms[runs / 2];
      jvm.add(new double[] {mp, median});
      System.out.printf(Locale.ROOT, "  %-40s %5dx%-5d %8.1f ms %8.1f MP/s%n", p.getFileName(),
          first.image().width(), first.image().height(), median, mp / (median / 1000));
    }

    try (StaticServer server =
        StaticServer.start(new BenchFiles(nodeModules, imageDir), "127.0.0.1", 0)) {
      Path profile = Files.createTempDirectory("tegula-bench-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile);
      ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
      try {
        StringBuilder list = new StringBuilder();
        for (Path p : images) {
          list.append(list.length() == 0 ? "" : ",").append("/images/").append(p.getFileName());
        }
        driver.get("http://127.0.0.1:" + server.port() + "/bench/bench.html?images=" + list);
        Object result = new WebDriverWait(driver, Duration.ofMinutes(15))
            .until(d -> ((ChromeDriver) d).executeScript("return window.benchResult"));
        Object version = driver.getCapabilities().getCapability("browserVersion");
        System.out.println("Chromium " + version + " (same run):");
        Object text = driver.executeScript("return window.benchText");
        System.out.println(text != null ? text : result);
        Path json = imageDir.resolve("decode-bench.json");
        Files.writeString(json, String.valueOf(result));
        System.out.println("(JSON: " + json + ")");
      } finally {
        driver.quit();
      }
    }
  }
}
