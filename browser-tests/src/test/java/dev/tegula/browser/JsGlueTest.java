package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unit tests of the JavaScript glue where it has logic of its own: the tile grid, the ZIP
 * writer's CRC, the codec manifest and integrity checks, the linked abort. Run in Chromium, where
 * the modules run.
 */
class JsGlueTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html");

  /** Every export of tegula.js is declared in tegula.d.ts, and nothing declared is missing. */
  @Test
  void theTypesDeclareExactlyWhatTheModuleExports() throws Exception {
    String types;
    try (java.io.InputStream in = dev.tegula.server.ClasspathFiles.tegulaWeb()
        .find("tegula.d.ts").orElseThrow().open()) {
      types = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    java.util.TreeSet<String> declared = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^export declare (?:function|class) (\\w+)").matcher(types);
    while (m.find()) {
      declared.add(m.group(1));
    }
    Object exported = ApiScript.run(session.driver(), """
        return Object.keys(await import('/tegula.js')).sort();
        """);
    assertEquals(List.copyOf(declared), exported);
  }

  @Test
  void copyPixelsCopiesAViewInSlicesAndLeavesTheCallersBuffer() {
    Object r = ApiScript.run(session.driver(), """
        const {copyPixels} = await import('/tegula-tiles.js');
        // 2100 x 1100 RGBA is 9.2 MB: two slices; the view starts 12 bytes into its buffer
        const width = 2100;
        const height = 1100;
        const buffer = new ArrayBuffer(width * height * 4 + 20);
        const data = new Uint8ClampedArray(buffer, 12, width * height * 4);
        for (let i = 0; i < data.length; i += 997) {
          data[i] = i % 251;
        }
        const copy = new Uint8Array(await copyPixels({width, height, data}));
        let same = copy.length === data.length;
        for (let i = 0; same && i < data.length; i++) {
          same = copy[i] === data[i];
        }
        return [same, copy.buffer !== buffer, buffer.byteLength];
        """);
    assertEquals(List.of(true, true, 2100L * 1100 * 4 + 20), r);
  }

  @Test
  void tileGridCoversTheImageRowByRowWithShorterEdgeTiles() {
    Object grid = ApiScript.run(session.driver(), """
        const {tileGrid} = await import('/tegula-tiles.js');
        return tileGrid(700, 300, 256).map((r) => [r.x, r.y, r.width, r.height])
            .concat([[tileGrid(16, 16, 16).length, tileGrid(17, 1, 16).length]]);
        """);
    assertEquals(List.of(
        List.of(0L, 0L, 256L, 256L), List.of(256L, 0L, 256L, 256L), List.of(512L, 0L, 188L, 256L),
        List.of(0L, 256L, 256L, 44L), List.of(256L, 256L, 256L, 44L), List.of(512L, 256L, 188L, 44L),
        List.of(1L, 2L)), grid);
  }

  @Test
  void zipCrcIsTheStandardOne() {
    assertEquals(List.of(0xCBF43926L, 0L), ApiScript.run(session.driver(), """
        const {crc32} = await import('/zip.js');
        return [crc32(new TextEncoder().encode('123456789')), crc32(new Uint8Array(0))];
        """));
  }

  @Test
  void manifestsAndIntegrityAreChecked() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) ApiScript.run(session.driver(), """
        const c = await import('/tegula-codecs.js');
        const code = async (f) => { try { await f(); return 'no error'; } catch (e) { return e.code; } };
        const m = await c.readManifest({versions: [{version: 'a', wasm: 'x/a.wasm'}]}, 'http://h/p/q.html');
        return {
          resolved: m.versions[0].wasm,
          current: m.current,
          empty: await code(() => c.readManifest({versions: []}, location.href)),
          noWasm: await code(() => c.readManifest({versions: [{version: 'a'}]}, location.href)),
          unknown: await code(() => c.findVersion(m, 'b')),
          missing: await code(() => c.readManifest('/no-such-manifest.json', location.href)),
          abc: await c.sha256(new TextEncoder().encode('abc')),
          forged: await code(() => c.fetchModule('/api-test/helpers.js', 'sha256-AAAA')),
          good: (await c.fetchModule('/api-test/helpers.js',
              await c.sha256(await (await fetch('/api-test/helpers.js')).arrayBuffer()))).byteLength > 0,
        };
        """);
    assertEquals("http://h/p/x/a.wasm", r.get("resolved"));
    assertEquals("a", r.get("current"), "without 'current', the last version");
    assertEquals("unsupported", r.get("empty"));
    assertEquals("unsupported", r.get("noWasm"));
    assertEquals("unsupported", r.get("unknown"));
    assertEquals("unsupported", r.get("missing"));
    assertEquals("sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", r.get("abc"));
    assertEquals("integrity", r.get("forged"));
    assertEquals(true, r.get("good"));
  }

  @Test
  void aLinkedControllerFollowsItsSignal() {
    assertEquals(List.of(false, true, true), ApiScript.run(session.driver(), """
        const {linkedController} = await import('/tegula-tiles.js');
        const parent = new AbortController();
        const child = linkedController(parent.signal);
        const before = child.signal.aborted;
        parent.abort();
        return [before, child.signal.aborted, linkedController(AbortSignal.abort()).signal.aborted];
        """));
  }
}
