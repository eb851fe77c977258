package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.tegula.browser.TegulaApiTest.b64;
import static dev.tegula.browser.TegulaApiTest.file;
import static dev.tegula.browser.TegulaApiTest.sha256;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.StandaloneTiles;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.metrics.Comparison;
import dev.tegula.tgl.StandaloneTileDecoder;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TileEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's decoded pixels, its WebAssembly memory and its codec's failures. Every file decodes
 * into a buffer in the module's linear memory, which grows to the largest image and never shrinks:
 * the pool replaces a worker that grew past {@code workerMemoryLimit} once its job is done. A
 * module from before that buffer (codec versions are swapped at run time) still decodes, through
 * {@code takePixels}, to the same pixels and bitmaps, and compares to the same metrics and heatmap
 * with its images crossing as {@code byte[]} instead of staged in linear memory. A trap (a codec bug in the shipped,
 * non-strict module) comes back as an 'internal' error, and the pool replaces that worker too.
 */
class WorkerMemoryTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html");

  /** A 2,400 x 2,000 gradient PNG: 19.2 MB of RGBA, a few KB of file. */
  static byte[] largePng() {
    int width = 2400;
    int height = 2000;
    byte[] rgba = new byte[width * height * 4];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 4;
        rgba[i] = (byte) (x >> 4);
        rgba[i + 1] = (byte) (y >> 4);
        rgba[i + 2] = (byte) 90;
        rgba[i + 3] = (byte) 255;
      }
    }
    return Tegula.encodePng(new Image(width, height, rgba), null);
  }

  @Test
  void aWorkerThatGrewPastTheLimitIsReplacedOnceItsJobIsDone() throws Exception {
    byte[] small = file("jpeg/baseline_420.jpg");
    byte[] large = largePng();
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) session.run("""
        t.terminate();
        await t.init({workers: 1, workerMemoryLimit: 16 * 1024 * 1024});
        try {
          const memory = () => t.status().memory[0];
          const fresh = memory();
          const first = await t.decode(h.bytes(args[0]));
          const afterSmall = memory();
          const again = await t.decode(h.bytes(args[0]));
          const keptSmall = memory();
          // the large one and the small one after it are queued together: the second waits for
          // the fresh worker
          const [big, next] = await Promise.all([t.decode(h.bytes(args[1])), t.decode(h.bytes(args[0]))]);
          const afterBoth = memory();
          const replaced = [];
          const big2 = await t.decode(h.bytes(args[1]));
          replaced.push(memory());
          return {fresh, afterSmall, keptSmall, afterBoth, replaced,
            pixels: [await h.sha256(first.data), await h.sha256(again.data), await h.sha256(next.data)],
            big: [`${big.width}x${big.height}`, await h.sha256(big.data), await h.sha256(big2.data)]};
        } finally {
          t.terminate();
        }
        """, b64(small), b64(large));
    long limit = 16L * 1024 * 1024;
    assertEquals(0L, r.get("fresh"), "a worker that has decoded nothing reports nothing: " + r);
    long afterSmall = (Long) r.get("afterSmall");
    assertTrue(afterSmall > 0 && afterSmall <= limit, "a small decode keeps the worker: " + r);
    assertEquals(afterSmall, r.get("keptSmall"), "the same worker, its buffer reused: " + r);
    long afterBoth = (Long) r.get("afterBoth");
    assertTrue(afterBoth > 0 && afterBoth <= limit,
        "the large decode's worker was replaced; the small one ran on the fresh worker: " + r);
    assertEquals(List.of(0L), r.get("replaced"), "a large decode alone leaves a fresh worker: " + r);
    String smallSha = sha256(Tegula.decode(small).image().rgba());
    assertEquals(List.of(smallSha, smallSha, smallSha), r.get("pixels"));
    String largeSha = sha256(Tegula.decode(large).image().rgba());
    assertEquals(List.of("2400x2000", largeSha, largeSha), r.get("big"));
  }

  @Test
  void aMemoryLimitThatIsNotAPositiveNumberIsRefused() {
    Object r = session.run("""
        t.terminate();
        const codes = [];
        for (const limit of [0, -1, 'lots', NaN]) {
          try {
            await t.init({workers: 1, workerMemoryLimit: limit});
            codes.push('no error');
          } catch (e) {
            codes.push(`${e.code}: ${e.message}`);
          }
          t.terminate();
        }
        return codes;
        """);
    assertEquals(List.of(
        "argument: invalid options: workerMemoryLimit must be a number of bytes above 0, not 0",
        "argument: invalid options: workerMemoryLimit must be a number of bytes above 0, not -1",
        "argument: invalid options: workerMemoryLimit must be a number of bytes above 0, not lots",
        "argument: invalid options: workerMemoryLimit must be a number of bytes above 0, not NaN"),
        r);
  }

  /**
   * The worker's own protocol, driven directly: one worker loads the build's module through the
   * real runtime, one through old-runtime.js, which hides takeDecodedPixels.
   */
  @Test
  void aModuleWithoutTheLinearBufferStillDecodesToTheSamePixelsAndBitmaps() throws Exception {
    String[] names = {"tgl/v1/alpha-lossy-q50.tgl", "tgl/v1/photo-lossless.tgl",
        "tgl/v1/rgb16-stored.tgl", "jpeg/baseline_420.jpg", "jpeg/progressive_420.jpg",
        "jpeg/exif_orientation_6.jpg", "png/rgba8.png", "png/pal8.png", "png/rgba8_adam7.png", "photos/astronaut.png"};
    List<String> inputs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String name : names) {
      byte[] bytes = file(name);
      inputs.add(b64(bytes));
      DecodedImage jvm = Tegula.decode(bytes, new DecodeOptions(Limits.DEFAULT, true, 1));
      expected.add(name + " " + jvm.image().width() + "x" + jvm.image().height() + " "
          + sha256(jvm.image().rgba()));
    }
    byte[] tiled = Tegula.compress(Tegula.decode(file("photos/astronaut.png")).image(), null,
        CompressOptions.lossy(60).withTileSize(128));
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) session.run("""
        const wasm = await (await fetch('/wasm/tegula.wasm')).arrayBuffer();
        const start = async (runtime) => {
          const w = new Worker('/tegula-worker.js', {type: 'module'});
          const loaded = await new Promise((resolve) => {
            w.onmessage = (e) => resolve(e.data);
            w.postMessage({op: 'load', version: 'v', bytes: wasm, runtimeUrl: new URL(runtime, location.href).href});
          });
          if (loaded.op !== 'loaded') {
            throw new Error(`${runtime}: ${JSON.stringify(loaded)}`);
          }
          return w;
        };
        const ask = (w, msg) => new Promise((resolve) => {
          w.onmessage = (e) => resolve(e.data);
          w.postMessage({id: 1, codec: 'v', ...msg}, [msg.bytes]);
        });
        const drawn = async (bitmap) => {
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d');
          ctx.drawImage(bitmap, 0, 0);
          return h.sha256(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data);
        };
        const tileDigests = async (w, b64) => {
          const message = {op: 'decode', autoOrient: false, maxPixels: 0, jpegShrink: 1, tiles: true};
          const reply = await ask(w, {...message, bytes: h.bytes(b64).buffer});
          const s = reply.tiled;
          const bytes = new Uint8Array(reply.bytes);
          const out = [];
          for (let index = 0; index < s.tiles.length; index++) {
            const [offset, size] = s.tiles[index];
            const chunk = bytes.slice(offset, offset + size).buffer;
            const t = await ask(w, {op: 'restoreTile', header: s, index, chunk, offset, bytes: chunk});
            out.push(t.error ? JSON.stringify(t.error) : `${t.problem} ${await h.sha256(t.pixels)}`);
          }
          return out;
        };
        const out = {};
        for (const [route, runtime] of [['new', '/wasm/tegula-runtime.js'], ['old', '/api-test/old-runtime.js']]) {
          const w = await start(runtime);
          const pixels = [];
          const bitmaps = [];
          const memory = [];
          for (const b64 of args[0]) {
            const message = {op: 'decode', autoOrient: true, maxPixels: 0, jpegShrink: 1};
            const d = await ask(w, {...message, bytes: h.bytes(b64).buffer});
            pixels.push(d.error ? JSON.stringify(d.error) : `${d.width}x${d.height} ${await h.sha256(d.pixels)}`);
            memory.push(d.memoryBytes);
            const b = await ask(w, {...message, bitmap: true, bytes: h.bytes(b64).buffer});
            bitmaps.push(b.error ? JSON.stringify(b.error) : `${b.bitmap.width}x${b.bitmap.height} ${await drawn(b.bitmap)}`);
          }
          const tiles = await tileDigests(w, args[1]);
          // a compare with its heatmap: the images staged in linear memory, or crossing as byte[]
          const decoded = (b64) => ask(w, {op: 'decode', autoOrient: false, maxPixels: 0, jpegShrink: 1,
            bytes: h.bytes(b64).buffer});
          const ref = await decoded(args[1]);
          const test = await decoded(args[2]);
          const compared = await new Promise((resolve) => {
            w.onmessage = (e) => resolve(e.data);
            w.postMessage({id: 1, codec: 'v', op: 'compare', maxPixels: 0, heatmap: true,
              a: {bytes: ref.pixels, width: ref.width, height: ref.height},
              b: {bytes: test.pixels, width: test.width, height: test.height}});
          });
          const comparison = compared.error ? [JSON.stringify(compared.error)]
            : [compared.psnr, compared.ssim, compared.msSsim, await h.sha256(compared.heatmap)];
          // tiled compresses of files as tegula-tiles.js runs them: prepare (the pixels out of
          // linear memory, or a byte[]), each tile coded (staged, or crossing as byte[]), assembled
          const compressed = [];
          for (const [b64, tileSize] of args[3]) {
            const encode = {format: 'tgl', quality: 60, lossless: false, tileSize};
            const p = await ask(w, {op: 'prepare', encode, bytes: h.bytes(b64).buffer});
            if (p.error || !p.tiles) {
              compressed.push(JSON.stringify(p.error ?? p));
              continue;
            }
            const header = {width: p.width, height: p.height, quality: 60, lossless: false, tileSize,
              grey: p.grey, alpha: !p.opaque};
            const payloads = [];
            for (let index = 0; index < p.tiles.length; index++) {
              const t = await ask(w, {op: 'encodeTile', header, index, pixels: p.tiles[index], bytes: p.tiles[index]});
              payloads.push(t.payload);
            }
            const f = await ask(w, {op: 'assemble', header, metadata: p.metadata, payloads, bytes: p.metadata});
            compressed.push(f.error ? JSON.stringify(f.error) : `${p.tiles.length} ${await h.sha256(f.bytes)}`);
          }
          // whole-image compresses: a file to .tgl, and pixels to JPEG (staged, or crossing as byte[])
          const whole = await ask(w, {op: 'compress', encode: {format: 'tgl', quality: 60, lossless: false, tileSize: 512},
            bytes: h.bytes(args[3][0][0]).buffer});
          compressed.push(whole.error ? JSON.stringify(whole.error) : `whole ${await h.sha256(whole.bytes)}`);
          const src = await decoded(args[2]);
          const jpeg = await ask(w, {op: 'compress', encode: {format: 'jpeg', quality: 80, lossless: false, tileSize: 512},
            pixels: src.pixels, width: src.width, height: src.height, bytes: src.pixels});
          compressed.push(jpeg.error ? JSON.stringify(jpeg.error)
            : `${new Uint8Array(jpeg.bytes)[0].toString(16)} ${await h.sha256(jpeg.bytes)}`);
          w.terminate();
          out[route] = {pixels, bitmaps, memory, tiles, comparison, compressed};
        }
        return out;
        """, inputs, b64(tiled), b64(file("photos/astronaut.png")), List.of(
            List.of(b64(file("jpeg/exif_orientation_6.jpg")), 32),
            List.of(b64(file("photos/astronaut.png")), 128)));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, List<Object>>> routes = (Map<String, Map<String, List<Object>>>) (Map<?, ?>) r;
    for (String route : List.of("new", "old")) {
      List<Object> pixels = routes.get(route).get("pixels");
      for (int i = 0; i < names.length; i++) {
        assertEquals(expected.get(i), names[i] + " " + pixels.get(i), route + " route");
      }
    }
    assertEquals(routes.get("new").get("bitmaps"), routes.get("old").get("bitmaps"),
        "bitmaps from a view of linear memory and from a byte[] are the same");
    for (int i = 0; i < names.length; i++) {
      // opaque images: drawing the bitmap gives their pixels back
      if (!names[i].startsWith("png/") && !names[i].contains("alpha")) {
        assertEquals(expected.get(i), names[i] + " " + routes.get("new").get("bitmaps").get(i));
      }
    }
    Comparison jvm = Tegula.compare(Tegula.decode(tiled).image(),
        Tegula.decode(file("photos/astronaut.png")).image(), true);
    List<Object> staged = routes.get("new").get("comparison");
    assertEquals(4, staged.size(), "a compare staged in linear memory: " + staged);
    double[] metrics = {jvm.psnr(), jvm.ssim(), jvm.msSsim()};
    for (int i = 0; i < metrics.length; i++) {
      // the reply's numbers pass through TeaVM's and JavaScript's number formatting
      assertEquals(metrics[i], ((Number) staged.get(i)).doubleValue(), 1e-9 * metrics[i],
          "the JVM's metrics: " + staged);
    }
    assertEquals(sha256(jvm.map().heatmap().rgba()), staged.get(3), "the JVM's heatmap");
    assertEquals(staged, routes.get("old").get("comparison"), "the byte[] route: the same");
    List<Object> tiles = routes.get("new").get("tiles");
    assertEquals(16, tiles.size(), "a tile-by-tile restore: " + tiles);
    assertEquals(tiles, routes.get("old").get("tiles"), "tiles from linear memory and from a byte[]");
    TglFile file = Tegula.inspectTgl(tiled, Limits.DEFAULT);
    TileEntry e = file.tile(0);
    StandaloneTileDecoder.Tile first = StandaloneTiles.restoreTile(file.header(), 0,
        java.util.Arrays.copyOfRange(tiled, e.offset(), e.offset() + e.size()), e.offset());
    assertEquals("null " + sha256(first.rgba()), tiles.get(0), "the JVM's tile");
    List<String> compressed = new ArrayList<>();
    for (String[] c : new String[][] {{"jpeg/exif_orientation_6.jpg", "32", "12"},
        {"photos/astronaut.png", "128", "16"}}) {
      CompressOptions o = CompressOptions.lossy(60).withTileSize(Integer.parseInt(c[1]));
      byte[] data = file(c[0]);
      compressed.add(c[2] + " " + sha256(Tegula.compress(
          Tegula.decodeForCompress(data, o, Limits.DEFAULT), o).bytes()));
    }
    CompressOptions whole = CompressOptions.lossy(60);
    compressed.add("whole " + sha256(Tegula.compress(Tegula.decodeForCompress(
        file("jpeg/exif_orientation_6.jpg"), whole, Limits.DEFAULT), whole).bytes()));
    List<Object> made = routes.get("new").get("compressed");
    assertEquals(compressed, made.subList(0, 3),
        "tiled and whole compresses, through linear memory, make the JVM's files");
    assertTrue(String.valueOf(made.get(3)).startsWith("ff "), "a JPEG from pixels: " + made);
    assertEquals(made, routes.get("old").get("compressed"), "and through byte[] the same files");
    assertTrue(routes.get("new").get("memory").stream().allMatch(m -> ((Long) m) > 0),
        "the new route reports its linear memory: " + r);
    assertTrue(routes.get("old").get("memory").stream().allMatch(m -> ((Long) m) == 0),
        "the old route reports none, so the pool never replaces its worker: " + r);
  }

  @Test
  void aTrapIsAnInternalErrorAndThePoolReplacesThatWorker() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) session.run("""
        const wasm = await (await fetch('/wasm/tegula.wasm')).arrayBuffer();
        // the worker: a trap out of an export is reported and flagged
        const w = new Worker('/tegula-worker.js', {type: 'module'});
        const ask = (msg, transfer = []) => new Promise((resolve) => {
          w.onmessage = (e) => resolve(e.data);
          w.postMessage(msg, transfer);
        });
        const loaded = await ask({op: 'load', version: 'v', bytes: wasm,
          runtimeUrl: new URL('/api-test/trap-runtime.js', location.href).href});
        const bytes = h.bytes(args[0]).buffer;
        const trapped = await ask({op: 'decode', id: 1, codec: 'v', autoOrient: false, maxPixels: 0,
          jpegShrink: 1, bytes}, [bytes]);
        const version = await ask({op: 'version', id: 2, codec: 'v'});
        w.terminate();
        // the pool: a reply flagged as a trap replaces its worker, and work goes on
        const {WorkerPool} = await import('/tegula-pool.js');
        const pool = new WorkerPool(1, {version: 'v', bytes: wasm});
        await pool.ready;
        const first = pool.slots[0];
        const job = pool.run({op: 'version'}, []);
        pool.onMessage(first, {id: first.job.id, error: {code: 'internal', message: 'trap', offset: -1},
          trapped: true});
        const code = await job.then(() => 'no error', (e) => e.code);
        const replaced = pool.slots[0] !== first;
        const after = await pool.run({op: 'version'}, []);
        pool.terminate();
        return {loaded: loaded.op, trapped: trapped.trapped, error: trapped.error,
          goesOn: typeof version.version, code, replaced, after: typeof after.version};
        """, b64(file("jpeg/baseline_420.jpg")));
    assertEquals("loaded", r.get("loaded"));
    assertEquals(true, r.get("trapped"), String.valueOf(r));
    assertEquals(Map.of("code", "internal", "offset", -1L,
        "message", "internal codec error (Wasm trap: array element access out of bounds)"),
        r.get("error"));
    assertEquals("string", r.get("goesOn"), "the worker still answers");
    assertEquals("internal", r.get("code"));
    assertEquals(true, r.get("replaced"), "the pool started a fresh worker");
    assertEquals("string", r.get("after"), "and the fresh worker works");
  }
}
