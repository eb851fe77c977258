package dev.tegula.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tegula bench}: the benchmarks, run through {@code ./tegula bench} (scripts/bench), which
 * starts this class from the bench module so that the cli itself never carries Selenium or JMH.
 */
@Command(name = "tegula bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks Tegula against the codecs users would pick instead, in one run.",
        "Figures on a shared machine: compare ratios within one run, not absolute times."})
public final class BenchCli implements Callable<Integer> {
  @Option(names = "--browser", description = "Headless Chromium: JPEG and PNG decode, .tgl vs WebP"
      + " vs AVIF, worker scaling, module sizes, load time, memory (peers from bench/node_modules).")
  private boolean browser;

  @Option(names = "--jvm", description = "JMH: every decoder and encoder and the metrics, with"
      + " ImageIO as the baseline of the same run.")
  private boolean jvm;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "/tmp/tegula-bench",
      description = "Work directory for the images and results (default ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Where the browser results go (default DIR/browser-bench.json).")
  private Path json;

  @Option(names = "--testdata", paramLabel = "DIR", description = "The repository's testdata/.")
  private Path testdata;

  @Option(names = "--peers", paramLabel = "DIR", description = "The peers' node_modules"
      + " (default bench/node_modules beside testdata/).")
  private Path peers;

  @Option(names = "--wasm", paramLabel = "release|debug", defaultValue = "release",
      description = "The Tegula build the page loads: the shipped one, or the debug build with"
          + " names (wasm/target/wasm-debug, made by mvn -pl wasm -Pwasm-debug process-classes).")
  private String wasm;

  @Option(names = "--baseline", paramLabel = "DIR", description = "Another revision's Wasm"
      + " build (the directory of its tegula.wasm, e.g. wasm/target/classes/tegula-web/wasm of a"
      + " worktree; scripts/bench-ab makes one), timed beside this one in the same rounds of the"
      + " jpeg, png, lossy and recompress sections, with this build's speed over it per row.")
  private Path baseline;

  @Option(names = "--serve", paramLabel = "PORT", description = "Only serve the bench page on"
      + " 127.0.0.1:PORT (0: any) until Ctrl-C, to run it in a browser of your own with DevTools.")
  private Integer serve;

  @Option(names = "--quick", description = "The smoke run: one small JPEG, Tegula and the browser.")
  private boolean quick;

  @Option(names = "--sections", paramLabel = "LIST",
      description = "Browser sections, of jpeg,png,lossy,scaling,recompress,search,modules"
          + " (default all).")
  private String sections;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per small image (default 7).")
  private Integer runs;

  @Option(names = "--encode-runs", paramLabel = "N",
      description = "Timed encodes per photo and quality in the lossy section (default 3).")
  private Integer encodeRuns;

  @Option(names = "--warmup-ms", paramLabel = "MS", description = "Untimed runs of each job"
      + " and codec first, for at least this long (default 400; 0 in --quick: none).")
  private Integer warmupMs;

  @Option(names = "--search-runs", paramLabel = "N",
      description = "Timed rounds of each search and its plain encode, JVM and Wasm (default 3).")
  private Integer searchRuns;

  @Option(names = "--search-large", description = "The search section on the 12 MP photo too"
      + " (minutes: each of its searches runs in Wasm and on the JVM, 3 rounds).")
  private boolean searchLarge;

  @Option(names = "--search-images", paramLabel = "DIR", split = ",", description = "The search"
      + " section on every PNG in these directories instead of the bench's photos: four SSIM and"
      + " four size targets (one in the chroma jump) per image and format, each Wasm search"
      + " checked against the JVM's, nothing timed.")
  private List<Path> searchImages;

  @Option(names = "--profile", paramLabel = "FILE", description = "V8's CPU profile of Tegula's"
      + " workers in the browser run (FILE-N.cpuprofile, a summary by function on the output);"
      + " with --wasm debug the functions are Java methods.")
  private Path profile;

  @Option(names = "--forks", defaultValue = "1", description = "JMH forks (default 1).")
  private int forks;

  @Option(names = "--iterations", defaultValue = "5", description = "JMH measured iterations (default 5).")
  private int iterations;

  @Option(names = "--warmups", defaultValue = "2", description = "JMH warm-up iterations (default 2).")
  private int warmups;

  @Option(names = "--seconds", defaultValue = "1", description = "JMH seconds per iteration (default 1).")
  private int seconds;

  @Option(names = "--filter", paramLabel = "REGEX",
      description = "Only the JMH benchmarks matching, e.g. 'jpegDecode|ssim'.")
  private String filter;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCli()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!browser && !jvm && serve == null) {
      System.err.println("tegula bench: say --browser, --jvm, --serve PORT (--help for the options)");
      return 2;
    }
    Path data = testdata != null ? testdata : findTestdata();
    Files.createDirectories(out);
    if (serve != null) {
      return serve(data);
    }
    System.out.println(machine());
    int status = 0;
    if (jvm) {
      Path jmhJson = out.resolve("jmh.json");
      String table = JvmBench.run(new JvmBench.Settings(forks, warmups, iterations, seconds,
          filter == null ? null : ".*(" + filter + ").*"), data, jmhJson, System.out);
      System.out.println();
      System.out.println(table);
      System.out.println("(JMH JSON: " + jmhJson + "; " + load() + ")");
    }
    if (browser) {
      status = browser(data);
    }
    return status;
  }

  private int serve(Path data) throws IOException, InterruptedException {
    BenchInputs.prepare(data, out, quick);
    Path debug = data.toAbsolutePath().getParent().resolve("wasm/target/wasm-debug");
    String query = query();
    List<BenchSearches.Search> searches = BrowserBench.searches(out, query, pngs(searchImages),
        System.out);
    try (dev.tegula.server.StaticServer server = dev.tegula.server.StaticServer.start(
        new BenchFiles(nodeModules(data), out, debug, baseline,
            name -> BenchSearches.time(searches, name)),
        "127.0.0.1", serve)) {
      System.out.println("bench page: " + server.uri() + "bench/bench.html?" + query);
      System.out.println("(Ctrl-C stops the server)");
      Thread.currentThread().join();
    }
    return 0;
  }

  /** The bench page's query: the build, the run's size and what the options ask for. */
  private String query() {
    StringBuilder query = new StringBuilder("wasm=" + wasm);
    if (quick) {
      query.append("&quick=1");
    }
    if (sections != null) {
      query.append("&sections=").append(sections);
    }
    if (runs != null) {
      query.append("&runs=").append(runs);
    }
    if (warmupMs != null) {
      query.append("&warmupMs=").append(warmupMs);
    }
    if (encodeRuns != null) {
      query.append("&encodeRuns=").append(encodeRuns);
    }
    if (searchLarge) {
      query.append("&searchLarge=1");
    }
    if (searchRuns != null) {
      query.append("&searchRuns=").append(searchRuns);
    }
    if (baseline != null) {
      query.append("&baseline=1");
    }
    return query.toString();
  }

  private Path nodeModules(Path data) {
    return peers != null ? peers : data.toAbsolutePath().getParent().resolve("bench/node_modules");
  }

  private int browser(Path data) throws IOException {
    Path nodeModules = nodeModules(data);
    if (!Files.isDirectory(nodeModules)) {
      System.err.println("tegula bench: no peers in " + nodeModules
          + " (npm ci in bench/): the page measures Tegula and the browser only");
    }
    Path debug = null;
    if (wasm.equals("debug")) {
      debug = data.toAbsolutePath().getParent().resolve("wasm/target/wasm-debug");
      if (!Files.isRegularFile(debug.resolve("tegula.wasm"))) {
        System.err.println("tegula bench: no debug build in " + debug
            + "; make it with: mvn -q -o -pl wasm -Pwasm-debug process-classes");
        return 2;
      }
    } else if (!wasm.equals("release")) {
      System.err.println("tegula bench: --wasm is release or debug");
      return 2;
    }
    if (baseline != null && !Files.isRegularFile(baseline.resolve("tegula.wasm"))) {
      System.err.println("tegula bench: no tegula.wasm in --baseline " + baseline);
      return 2;
    }
    String query = query();
    if (!quick) {
      Path large = out.resolve(BenchInputs.LARGE + "_q85.jpg");
      BenchInputs.prepare(data, out, false);
      System.out.printf(Locale.ROOT, "JVM allocation of one 12 MP decode (an upper bound of the Java"
          + " heap it needs): JPEG %.0f MB, PNG %.0f MB (its RGBA: %.0f MB)%n",
          BenchInputs.allocatedByDecode(large) / 1048576.0,
          BenchInputs.allocatedByDecode(out.resolve(BenchInputs.LARGE + ".png")) / 1048576.0,
          BenchInputs.LARGE_WIDTH * BenchInputs.LARGE_HEIGHT * 4 / 1048576.0);
    }
    BrowserBench.Outcome outcome = BrowserBench.run(new BrowserBench.Setup(data, out, nodeModules,
        debug, query, Duration.ofMinutes(60), pngs(searchImages), baseline), System.out,
        profile);
    Path target = json != null ? json : out.resolve("browser-bench.json");
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, outcome.json());
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("Chromium " + outcome.browserVersion() + ", " + load());
    System.out.println();
    System.out.println(outcome.text());
    System.out.println();
    System.out.println("(JSON: " + target + ")");
    return outcome.failed() ? 1 : 0;
  }

  private static List<Path> pngs(List<Path> dirs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs == null ? List.<Path>of() : dirs) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static String machine() throws IOException {
    String cpu = "unknown CPU";
    for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        cpu = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    return String.format(Locale.ROOT, "machine: %d cores, %s, Java %s, %s; %s",
        Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"),
        java.time.LocalDate.now(), load());
  }

  private static String load() {
    try {
      return "load average " + Files.readString(Paths.get("/proc/loadavg")).split(" ", 4)[0];
    } catch (IOException e) {
      return "load unknown";
    }
  }

  private static Path findTestdata() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/photos"))) {
        return p.resolve("testdata");
      }
    }
    throw new CommandLine.ParameterException(new CommandLine(new BenchCli()),
        "testdata/ not found: run from the repository or give --testdata DIR");
  }
}
