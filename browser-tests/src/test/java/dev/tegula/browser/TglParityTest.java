package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.TegulaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The .tgl exports in Chromium (Wasm) agree with the JVM: compress writes byte-identical .tgl
 * files at several qualities, tile sizes and losslessly; restore gives identical pixels for every
 * version-corpus file, a fresh file and a damaged one, and a PNG holding those pixels; errors
 * have the same codes.
 */
class TglParityTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("");

  private static final String RUN = """
      const [jobs, done] = [arguments[0], arguments[arguments.length - 1]];
      const worker = new Worker('/tgl-test/tgl-parity-worker.js', {type: 'module'});
      worker.onmessage = (e) => { worker.terminate(); done(e.data); };
      worker.onerror = (e) => done([`worker failed: ${e.message}`]);
      worker.postMessage(jobs.map((j) => ({...j,
          bytes: Uint8Array.from(atob(j.b64), (c) => c.charCodeAt(0)).buffer})));
      """;

  record Job(String name, String op, byte[] input, int quality, boolean lossless, int tileSize) {}

  @Test
  void wasmWritesTheSameFilesAsTheJvm() throws Exception {
    List<Job> jobs = new ArrayList<>();
    Path root = TestFiles.root();
    List<Path> sources = List.of(root.resolve("photos/astronaut.png"),
        root.resolve("jpeg/baseline_420.jpg"), root.resolve("png/rgba8.png"),
        root.resolve("png/gray8.png"), root.resolve("jpeg/exif_orientation_6.jpg"),
        root.resolve("png/rgba16.png"), root.resolve("png/graya16.png"));
    for (Path p : sources) {
      byte[] bytes = Files.readAllBytes(p);
      for (int q : new int[] {5, 50, 95}) {
        jobs.add(new Job(p.getFileName() + " q" + q, "compress", bytes, q, false, 0));
      }
      jobs.add(new Job(p.getFileName() + " q75 tiles 48", "compress", bytes, 75, false, 48));
      jobs.add(new Job(p.getFileName() + " lossless", "compress", bytes, 0, true, 0));
    }
    for (Path p : TestFiles.inputs("tgl/v1")) {
      jobs.add(new Job(p.getFileName().toString(), "restore", Files.readAllBytes(p), 0, false, 0));
    }
    // restore what the JVM compressed, and a file with a damaged tile
    byte[] fresh = Tegula.compress(Tegula.decode(Files.readAllBytes(sources.get(0))).image(), null,
        CompressOptions.lossy(60).withTileSize(128));
    jobs.add(new Job("fresh", "restore", fresh, 0, false, 0));
    byte[] damaged = fresh.clone();
    damaged[damaged.length / 2] ^= 1;
    jobs.add(new Job("fresh damaged", "restore", damaged, 0, false, 0));
    jobs.add(new Job("not tgl", "restore", Files.readAllBytes(sources.get(1)), 0, false, 0));

    List<String> mismatches = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += 8) {
      List<Job> batch = jobs.subList(from, Math.min(jobs.size(), from + 8));
      List<Map<String, Object>> args = new ArrayList<>();
      for (Job j : batch) {
        args.add(Map.of("op", j.op(), "b64", Base64.getEncoder().encodeToString(j.input()),
            "quality", j.quality(), "lossless", j.lossless(), "tileSize", j.tileSize()));
      }
      @SuppressWarnings("unchecked")
      List<String> browser = (List<String>) session.driver().executeAsyncScript(RUN, args);
      assertEquals(batch.size(), browser.size(), "browser answered " + browser);
      for (int i = 0; i < batch.size(); i++) {
        String jvm = jvm(batch.get(i));
        String wasm = browser.get(i);
        int png = wasm.indexOf(" png:");
        if (png >= 0) {
          // the PNG's deflate stream may differ between runtimes; its pixels may not
          byte[] wasmPng = Base64.getDecoder().decode(wasm.substring(png + 5));
          String pixels = sha256(Tegula.decode(wasmPng).image().rgba());
          wasm = wasm.substring(0, png);
          if (!jvm.endsWith(" " + pixels)) {
            mismatches.add(batch.get(i).name() + ": the Wasm PNG holds other pixels");
          }
        }
        if (!jvm.equals(wasm)) {
          mismatches.add(batch.get(i).name() + ": jvm " + jvm + " / wasm " + wasm);
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertTrue(jobs.size() > 30);
  }

  private static String jvm(Job j) throws Exception {
    try {
      if (j.op().equals("compress")) {
        DecodedImage d = Tegula.decode(j.input());
        CompressOptions o = j.lossless() ? CompressOptions.lossless()
            : CompressOptions.lossy(j.quality());
        if (j.tileSize() > 0) {
          o = o.withTileSize(j.tileSize());
        }
        byte[] tgl = Tegula.compress(d.image(), d.metadata(), o);
        return tgl.length + " " + sha256(tgl);
      }
      DecodedImage d = Tegula.restore(j.input(), DecodeOptions.DEFAULT);
      return d.complete() + " " + sha256(d.image().rgba());
    } catch (TegulaException e) {
      return "error " + e.code();
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
