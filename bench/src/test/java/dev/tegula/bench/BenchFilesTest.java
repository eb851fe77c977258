package dev.tegula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.server.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFilesTest {
  @TempDir
  Path dir;

  private static String text(Resource r) throws IOException {
    try (InputStream in = r.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void peersBareImportsBecomePaths() throws IOException {
    Path modules = Files.createDirectories(dir.resolve("node_modules"));
    Files.createDirectories(modules.resolve("fast-png/lib"));
    Files.writeString(modules.resolve("fast-png/lib/png_decoder.js"),
        "import { Unzlib } from 'fflate';\nimport { IOBuffer } from \"iobuffer\";\n");
    BenchFiles files = new BenchFiles(modules, Files.createDirectories(dir.resolve("img")), null);
    Resource r = files.find("peers/fast-png/lib/png_decoder.js").orElseThrow();
    String js = text(r);
    assertTrue(js.contains("from '/peers/fflate/esm/browser.js'"), js);
    assertTrue(js.contains("from \"/peers/iobuffer/lib/iobuffer.js\""), js);
    assertEquals(js.getBytes(StandardCharsets.UTF_8).length, r.size());
  }

  @Test
  void avifEncoderGetsTheOneThreadDetection() throws IOException {
    Path modules = Files.createDirectories(dir.resolve("node_modules"));
    Files.createDirectories(modules.resolve("@jsquash/avif"));
    Files.createDirectories(modules.resolve("@jsquash/webp"));
    String source = "import { threads } from 'wasm-feature-detect';\n";
    Files.writeString(modules.resolve("@jsquash/avif/encode.js"), source);
    Files.writeString(modules.resolve("@jsquash/webp/encode.js"), source);
    BenchFiles files = new BenchFiles(modules, Files.createDirectories(dir.resolve("img")), null);
    assertTrue(text(files.find("peers/@jsquash/avif/encode.js").orElseThrow())
        .contains("from '/bench/one-thread-detect.js'"));
    assertTrue(text(files.find("peers/@jsquash/webp/encode.js").orElseThrow())
        .contains("from '/peers/wasm-feature-detect/dist/esm/index.js'"));
    assertTrue(files.find("bench/one-thread-detect.js").isPresent());
  }

  @Test
  void withoutPeersOrDebugBuildThoseAreMissingAndTheRestIsServed() throws IOException {
    Path images = Files.createDirectories(dir.resolve("img"));
    Files.writeString(images.resolve("manifest.json"), "{}");
    BenchFiles files = new BenchFiles(dir.resolve("absent"), images, dir.resolve("absent-too"));
    assertFalse(files.find("peers/jpeg-js/lib/decoder.js").isPresent());
    assertFalse(files.find("wasm-debug/tegula.wasm").isPresent());
    assertTrue(files.find("images/manifest.json").isPresent());
    assertTrue(files.find("bench/bench.html").isPresent());
    assertTrue(files.find("bench/bench-worker.js").isPresent());
  }

  @Test
  void baselineBuildIsServedBesideTheShippedOne() throws IOException {
    Path images = Files.createDirectories(dir.resolve("img"));
    Path baseline = Files.createDirectories(dir.resolve("baseline"));
    Files.writeString(baseline.resolve("tegula-runtime.js"), "// the other revision's runtime");
    BenchFiles files = new BenchFiles(null, images, null, baseline, name -> null);
    assertEquals("// the other revision's runtime",
        text(files.find("wasm-baseline/tegula-runtime.js").orElseThrow()));
    assertFalse(files.find("wasm-baseline/tegula.wasm").isPresent());
    assertFalse(files.find("wasm-debug/tegula-runtime.js").isPresent());
    assertTrue(files.find("wasm/tegula-runtime.js").isPresent()); // this checkout's, as shipped
  }
}
