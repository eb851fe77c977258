package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hot-swapping codec versions: useCodec() in the middle of a batch loads the new version in every
 * worker while the jobs already started finish on the old one, then the old one is dropped;
 * nothing is lost or garbled. A module whose SHA-256 does not match its manifest is refused and
 * the version in use keeps working; the frozen files of the version-1 corpus still restore after
 * a switch.
 *
 * <p>The second version is a genuinely different module: the build's strict compile of the same
 * codec (wasm/target/wasm-strict, other bytes, bounds and null checks as Java exceptions), listed
 * as version "2" with its SHA-256; the refused one is that module with a manifest entry claiming another hash.
 * The same Java source behind both, the files they write must be the same bytes.
 */
class CodecSwapTest {
  private static AppServer server;
  private static Chromium chromium;

  private static byte[] second;

  @BeforeAll
  static void start() throws Exception {
    Path strict = strictBuild();
    second = Files.readAllBytes(strict.resolve("tegula.wasm"));
    server = AppServer.startWith("codec-2/", strict);
    chromium = new Chromium();
    chromium.driver.get(server.url() + "api-test/index.html");
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static final String SWAP_IN_A_BATCH = """
      const built = await (await fetch('/codecs.json')).json();
      const found = built.versions.find((v) => v.version === built.current);
      // an object manifest's URLs are relative to the page: make them absolute
      const current = {...found, wasm: new URL(found.wasm, new URL('/codecs.json', location.href)).href};
      const manifest = {current: current.version, versions: [
        current,
        {version: '2', wasm: new URL('/codec-2/tegula.wasm', location.href).href, integrity: args[2]},
        {version: 'forged', wasm: new URL('/codec-2/tegula.wasm?v=forged', location.href).href,
          integrity: 'sha256-' + btoa('x'.repeat(32))},
      ]};
      t.terminate();
      await t.init({workers: 2, manifest});
      const log = [];
      const images = args[0].map((b64) => h.bytes(b64));
      // what the build's version writes, one image at a time, before any switch
      const reference = [];
      const written = [];
      for (const bytes of images) {
        const blob = await t.compress(bytes, {quality: 50, tileSize: 64});
        written.push(blob);
        reference.push(`${blob.size} ${await h.sha256(blob)}`);
      }
      // the batch: two images at a time, as an app's queue runs them. The switch is asked for once
      // the first result is in, while other images are being compressed on the old version;
      // images 4-7 start only once it is done (a slow machine could finish the batch before).
      let switched = null;
      const results = new Array(images.length);
      let next = 0;
      const lane = async () => {
        while (next < images.length) {
          const i = next++;
          if (i >= 4 && switched) {
            await switched;
          }
          const version = t.status().codec;
          const blob = await t.compress(images[i], {quality: 50, tileSize: 64});
          log.push(`image ${i} on ${version === '2' ? 'next' : 'old'}`);
          results[i] = `${blob.size} ${await h.sha256(blob)}`;
          if (!switched) {
            switched = t.useCodec('2').then((v) => {
              log.push(`switched to ${v}; workers hold ${JSON.stringify(t.status().loaded)}`);
            });
          }
        }
      };
      const jobs = [lane(), lane()];
      await Promise.all(jobs);
      await switched;
      // after the switch: new work runs on the new version, the old one is gone
      const after = await t.compress(images[0], {quality: 50, tileSize: 64});
      const held = JSON.stringify(t.status().loaded);
      let forged;
      try {
        await t.useCodec('forged');
        forged = 'accepted';
      } catch (e) {
        forged = e.code;
      }
      const stillWorks = await t.compress(images[1], {quality: 50, tileSize: 64});
      const restored = [];
      for (const b64 of args[1]) {
        const d = await t.decode(h.bytes(b64));
        restored.push(`${d.width}x${d.height} ${d.complete} ${await h.sha256(d.data)}`);
      }
      // what the old version wrote, decoded by the new one
      const oldFiles = [];
      for (const blob of written) {
        const d = await t.decode(blob);
        oldFiles.push(`${d.width}x${d.height} ${d.complete} ${await h.sha256(d.data)}`);
      }
      return {reference, results, log, after: `${after.size} ${await h.sha256(after)}`, held, forged,
        codec: t.status().codec, stillWorks: `${stillWorks.size} ${await h.sha256(stillWorks)}`,
        restored, oldFiles, builds: [current.integrity, args[2]]};
      """;

  @Test
  void switchingVersionsInTheMiddleOfABatchLosesAndGarblesNothing() throws Exception {
    // eight different images of 300 x 200 (24 tiles each), cut from the photo
    Image photo = Tegula.decode(Files.readAllBytes(TestFiles.root().resolve("photos/astronaut.png")))
        .image();
    List<String> inputs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    List<String> expectedPixels = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Image crop = crop(photo, 20 * i, 30 * i, 300, 200);
      byte[] png = Tegula.encodePng(crop, null);
      inputs.add(Base64.getEncoder().encodeToString(png));
      byte[] tgl = Tegula.compress(crop, null, CompressOptions.lossy(50).withTileSize(64));
      expected.add(tgl.length + " " + sha256(tgl));
      DecodedImage back = Tegula.decode(tgl);
      expectedPixels.add(back.image().width() + "x" + back.image().height() + " " + back.complete()
          + " " + sha256(back.image().rgba()));
    }
    List<String> corpus = new ArrayList<>();
    List<String> corpusExpected = new ArrayList<>();
    for (Path p : frozenCorpus()) {
      byte[] data = Files.readAllBytes(p);
      corpus.add(Base64.getEncoder().encodeToString(data));
      DecodedImage d = Tegula.restore(data, DecodeOptions.DEFAULT);
      corpusExpected.add(d.image().width() + "x" + d.image().height() + " " + d.complete() + " "
          + sha256(d.image().rgba()));
    }

    String integrity = "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(second));
    Object reply = ApiScript.run(chromium.driver, SWAP_IN_A_BATCH, inputs, corpus, integrity);
    assertTrue(reply instanceof Map, "script answered " + reply);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) reply;
    // the Wasm build may lag the JVM's jars in a shared checkout: the reference is the browser's
    // own output before the switch, and it must at least match the JVM's sizes
    @SuppressWarnings("unchecked")
    List<String> reference = (List<String>) r.get("reference");
    assertEquals(expected.stream().map(e -> e.split(" ")[0]).toList(),
        reference.stream().map(e -> e.split(" ")[0]).toList());
    assertEquals(reference, r.get("results"), "every file of the batch, whichever version wrote it");
    @SuppressWarnings("unchecked")
    List<String> log = (List<String>) r.get("log");
    System.out.println("CodecSwapTest: " + String.join("; ", log));
    String switchLine = log.stream().filter(l -> l.startsWith("switched")).findFirst().orElseThrow();
    // images started before the switch finished on the old version, later ones ran on the new
    assertTrue(log.get(0).endsWith(" on old"), String.valueOf(log));
    for (int i = 4; i < 8; i++) {
      assertTrue(log.contains("image " + i + " on next"), String.valueOf(log));
    }
    assertTrue(log.indexOf(switchLine) < log.indexOf("image 4 on next"), String.valueOf(log));
    assertEquals(reference.get(0), r.get("after"));
    @SuppressWarnings("unchecked")
    List<String> builds = (List<String>) r.get("builds");
    assertTrue(!builds.get(0).equals(builds.get(1)), "two different modules: " + builds);
    assertEquals("[[\"2\"],[\"2\"]]", r.get("held"), "the old version is dropped");
    assertEquals("integrity", r.get("forged"));
    assertEquals("2", r.get("codec"), "a refused module leaves the version in use");
    assertEquals(reference.get(1), r.get("stillWorks"));
    assertEquals(corpusExpected, r.get("restored"), "version-1 files restore after the switch");
    assertEquals(expectedPixels, r.get("oldFiles"),
        "files the old version wrote decode on the new one to the JVM's pixels");
  }

  /** The wasm module's strict build (its pom's wasm-strict execution), found from here up. */
  static Path strictBuild() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path dir = p.resolve("wasm/target/wasm-strict");
      if (Files.isRegularFile(dir.resolve("tegula.wasm"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no wasm/target/wasm-strict/tegula.wasm above "
        + Path.of("").toAbsolutePath() + ": build the wasm module first (mvn install -pl wasm -am)");
  }

  /**
   * The version-1 corpus files whose MANIFEST status is frozen: the container-only ones, which
   * every build must read; the others follow the pixel codecs until the version-1 freeze.
   */
  static List<Path> frozenCorpus() throws java.io.IOException {
    Path dir = TestFiles.root().resolve("tgl/v1");
    List<Path> frozen = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("MANIFEST.tsv"))) {
      String[] cols = line.split("\t");
      if (cols.length > 10 && cols[10].equals("frozen")) {
        frozen.add(dir.resolve(cols[0]));
      }
    }
    if (frozen.isEmpty()) {
      throw new AssertionError("no frozen files in " + dir.resolve("MANIFEST.tsv"));
    }
    return frozen;
  }

  private static Image crop(Image src, int x0, int y0, int w, int h) {
    byte[] out = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src.rgba(), ((y0 + y) * src.width() + x0) * 4, out, y * w * 4, w * 4);
    }
    return new Image(w, h, out);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
