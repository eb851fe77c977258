package dev.tegula.bench;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.DirectoryFiles;
import dev.tegula.server.Resource;
import dev.tegula.server.StaticFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the benchmark server serves: the bench page under bench/, the peers (bench/node_modules,
 * development dependencies only) under peers/, the images under images/, a debug Wasm build under
 * wasm-debug/ when one was built, another revision's Wasm build under wasm-baseline/ when a run
 * compares against one ({@code --baseline}), the JVM's timings asked for by the page under jvm/,
 * and the app (tegula.js, worker, Wasm) at the root as it ships.
 *
 * <p>The peers' ES modules import a few packages by bare name ({@code from 'fflate'}), which a
 * browser resolves only through an import map, and the server's Content-Security-Policy forbids
 * the inline script an import map is. So those imports are rewritten here to the packages' paths;
 * AVIF's encoder gets a feature detection that reports no Wasm threads, so that every codec of
 * the bench runs on one thread (its multi-threaded build needs a pool of its own).
 */
final class BenchFiles implements StaticFiles {
  /** Bare import -> path, for every peer file except those in {@link #OVERRIDES}. */
  private static final Map<String, String> BARE_IMPORTS = Map.of(
      "wasm-feature-detect", "/peers/wasm-feature-detect/dist/esm/index.js",
      "fflate", "/peers/fflate/esm/browser.js",
      "iobuffer", "/peers/iobuffer/lib/iobuffer.js");

  private static final Map<String, Map<String, String>> OVERRIDES = Map.of(
      "@jsquash/avif/encode.js", Map.of("wasm-feature-detect", "/bench/one-thread-detect.js"));

  private final StaticFiles bench = new ClasspathFiles(BenchFiles.class.getClassLoader(), "tegula-bench/");
  private final StaticFiles app = ClasspathFiles.tegulaWeb();
  private final StaticFiles peers;
  private final StaticFiles images;
  private final StaticFiles wasmDebug;
  private final StaticFiles wasmBaseline;
  private final Function<String, String> jvm;
  private final AtomicLong answers = new AtomicLong();

  /**
   * @param nodeModules the peers, or null to serve none (the page then skips them)
   * @param wasmDebug the debug build's directory (tegula.wasm, tegula-runtime.js), or null
   */
  BenchFiles(Path nodeModules, Path imageDir, Path wasmDebug) throws IOException {
    this(nodeModules, imageDir, wasmDebug, null, name -> null);
  }

  /**
   * @param wasmBaseline the Wasm build of another revision to time beside this one (its
   *     tegula.wasm, tegula-runtime.js and tegula-decode.wasm), or null
   * @param jvm answers {@code jvm/NAME} with JSON made by the JVM at the page's request (the
   *     search section's JVM timings, {@link BenchSearches#time}), or null for none
   */
  BenchFiles(Path nodeModules, Path imageDir, Path wasmDebug, Path wasmBaseline,
      Function<String, String> jvm) throws IOException {
    this.jvm = jvm;
    this.peers = directoryOrNothing(nodeModules);
    this.images = new DirectoryFiles(imageDir);
    this.wasmDebug = directoryOrNothing(wasmDebug);
    this.wasmBaseline = directoryOrNothing(wasmBaseline);
  }

  private static StaticFiles directoryOrNothing(Path dir) throws IOException {
    return dir != null && Files.isDirectory(dir)
        ? new DirectoryFiles(dir) : path -> Optional.empty();
  }

  @Override
  public Optional<Resource> find(String path) {
    if (path.startsWith("bench/")) {
      return bench.find(path.substring("bench/".length()));
    }
    if (path.startsWith("peers/")) {
      String name = path.substring("peers/".length());
      Optional<Resource> found = peers.find(name);
      if (found.isPresent() && (name.endsWith(".js") || name.endsWith(".mjs"))) {
        return Optional.of(rewriteImports(found.get(), OVERRIDES.getOrDefault(name, Map.of())));
      }
      return found;
    }
    if (path.startsWith("images/")) {
      return images.find(path.substring("images/".length()));
    }
    if (path.startsWith("jvm/")) {
      String answer = jvm.apply(path.substring("jvm/".length()));
      return answer == null ? Optional.empty() : Optional.of(made(path,
          answer.getBytes(StandardCharsets.UTF_8), "\"jvm-" + answers.incrementAndGet() + "\""));
    }
    if (path.startsWith("wasm-debug/")) {
      return wasmDebug.find(path.substring("wasm-debug/".length()));
    }
    if (path.startsWith("wasm-baseline/")) {
      return wasmBaseline.find(path.substring("wasm-baseline/".length()));
    }
    return app.find(path);
  }

  private static Resource rewriteImports(Resource original, Map<String, String> overrides) {
    String text;
    try (InputStream in = original.open()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<String, String> e : BARE_IMPORTS.entrySet()) {
      String target = overrides.getOrDefault(e.getKey(), e.getValue());
      text = text.replace("from '" + e.getKey() + "'", "from '" + target + "'")
          .replace("from \"" + e.getKey() + "\"", "from \"" + target + "\"");
    }
    return made(original.path(), text.getBytes(StandardCharsets.UTF_8),
        "\"r-" + original.etag().replace("\"", "") + "\"");
  }

  /** A resource made here rather than read: a peer rewritten, or the JVM's answer. */
  private static Resource made(String path, byte[] bytes, String etag) {
    return new Resource() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public String etag() {
        return etag;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }
}
