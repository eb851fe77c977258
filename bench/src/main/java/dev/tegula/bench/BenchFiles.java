package dev.tegula.bench;

import dev.tegula.server.ClasspathFiles;
import dev.tegula.server.DirectoryFiles;
import dev.tegula.server.Resource;
import dev.tegula.server.StaticFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the benchmark server serves: the bench page under bench/, the peers' code under peers/,
 * the images under images/, and the app (tegula.js, worker, Wasm) at the root as it ships.
 */
final class BenchFiles implements StaticFiles {
  private final StaticFiles bench = new ClasspathFiles(BenchFiles.class.getClassLoader(), "tegula-bench/");
  private final StaticFiles app = ClasspathFiles.tegulaWeb();
  private final StaticFiles jpegJs;
  private final StaticFiles images;

  BenchFiles(Path nodeModules, Path imageDir) throws IOException {
    this.jpegJs = new DirectoryFiles(nodeModules.resolve("jpeg-js/lib"));
    this.images = new DirectoryFiles(imageDir);
  }

  @Override
  public Optional<Resource> find(String path) {
    if (path.startsWith("bench/")) {
      return bench.find(path.substring("bench/".length()));
    }
    if (path.startsWith("peers/jpeg-js/")) {
      return jpegJs.find(path.substring("peers/jpeg-js/".length()));
    }
    if (path.startsWith("images/")) {
      return images.find(path.substring("images/".length()));
    }
    return app.find(path);
  }
}
