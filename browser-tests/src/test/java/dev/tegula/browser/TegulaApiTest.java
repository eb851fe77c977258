package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
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
 * tegula.js as a web developer uses it, on a page without the app: tiled compress writes the
 * JVM's file byte for byte (by transfer and through SharedArrayBuffer), tiled decode and restore
 * give the JVM's pixels, errors carry their codes, abort and progress work, decodeToBitmap makes
 * a bitmap, and the whole API works inside a worker of the page's own.
 */
class TegulaApiTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html",
      "window.__csp = []; document.addEventListener('securitypolicyviolation',"
          + " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

  /** The script's answer; a failed script (a string) fails the test with its message. */
  static Object run(String body, Object... args) {
    return session.run(body, args);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static byte[] file(String relative) throws Exception {
    return Files.readAllBytes(TestFiles.root().resolve(relative));
  }

  private static final String COMPRESS = """
      t.terminate();
      await t.init({workers: 2, shared: args[1]});
      const out = [];
      for (const j of args[0]) {
        const input = h.bytes(j.b64);
        let source = input;
        if (j.pixels) {
          const d = await t.decode(input);
          source = new ImageData(d.data, d.width, d.height);
        }
        const blob = await t.compress(source, {quality: j.quality, lossless: j.lossless, tileSize: j.tileSize});
        out.push(`${blob.type} ${blob.size} ${await h.sha256(blob)}`);
      }
      return out;
      """;

  @Test
  void tiledCompressWritesTheJvmsFileByTransferAndThroughSharedMemory() throws Exception {
    String[] sources = {"photos/astronaut.png", "jpeg/exif_orientation_6.jpg", "png/rgba8.png",
        "png/gray8.png"};
    List<Map<String, Object>> jobs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String s : sources) {
      byte[] bytes = file(s);
      DecodedImage d = Tegula.decode(bytes);
      DecodedImage upright = upright(bytes);
      int tile = d.image().width() > 200 ? 128 : 16;
      for (int mode = 0; mode < 3; mode++) {
        boolean lossless = mode == 2;
        boolean pixels = mode == 1;
        CompressOptions o = (lossless ? CompressOptions.lossless() : CompressOptions.lossy(40))
            .withTileSize(tile);
        // pixels carry no metadata and are taken as they are; files keep their metadata and are
        // turned upright by default (exif_orientation_6)
        byte[] tgl = pixels ? Tegula.compress(d.image(), null, o)
            : Tegula.compress(upright.image(), upright.metadata(), o);
        expected.add("image/x-tegula " + tgl.length + " " + sha256(tgl));
        jobs.add(Map.of("b64", b64(bytes), "quality", 40, "lossless", lossless, "tileSize", tile,
            "pixels", pixels));
      }
    }
    assertEquals(expected, run(COMPRESS, jobs, true), "through SharedArrayBuffer");
    assertEquals(expected, run(COMPRESS, jobs, false), "by transfer");
    assertEquals(true, session.driver().executeScript("return self.crossOriginIsolated"));
  }

  /** A file as compress() codes it by default: the api's pipeline turns it upright. */
  static DecodedImage upright(byte[] file) {
    return Tegula.prepare(Tegula.decode(file), CompressOptions.DEFAULT);
  }

  @Test
  void tiledDecodeAndRestoreGiveTheJvmsPixels() throws Exception {
    DecodedImage photo = Tegula.decode(file("photos/astronaut.png"));
    byte[] tgl = Tegula.compress(photo.image(), null, CompressOptions.lossy(55).withTileSize(96));
    byte[] damaged = tgl.clone();
    damaged[damaged.length / 2] ^= 0x10;
    // frozen corpus files: their bytes stay readable while the pixel codecs still change
    List<String> names = List.of("fresh", "damaged", "v1 stored", "v1 lossy mode with alpha");
    List<byte[]> files = List.of(tgl, damaged, file("tgl/v1/rgb8-stored.tgl"),
        file("tgl/v1/rgba8-lossy-mode.tgl"));
    List<String> inputs = files.stream().map(TegulaApiTest::b64).toList();
    @SuppressWarnings("unchecked")
    List<String> browser = (List<String>) run("""
        t.terminate();
        await t.init({workers: 2});
        const out = [];
        for (const b64 of args[0]) {
          const steps = [];
          const d = await t.decode(h.bytes(b64), {onProgress: (f) => steps.push(f)});
          const png = await t.restore(h.bytes(b64));
          out.push(`${d.width}x${d.height} ${d.complete} ${await h.sha256(d.data)} ${d.info.format}`
              + ` ${steps.length > 1} | ${d.warning} | ${png.type} ${await h.base64(png)}`);
        }
        return out;
        """, inputs);
    assertEquals(files.size(), browser.size(), String.valueOf(browser));
    for (int i = 0; i < files.size(); i++) {
      DecodedImage jvm = Tegula.restore(files.get(i), DecodeOptions.DEFAULT);
      String[] parts = browser.get(i).split(" \\| ");
      String pixels = jvm.image().width() + "x" + jvm.image().height() + " " + jvm.complete() + " "
          + sha256(jvm.image().rgba()) + " tgl";
      assertTrue(parts[0].startsWith(pixels), names.get(i) + ": " + parts[0]);
      assertEquals(String.valueOf(jvm.warning()), parts[1], names.get(i));
      String[] png = parts[2].split(" ");
      assertEquals("image/png", png[0]);
      byte[] restored = Tegula.decode(Base64.getDecoder().decode(png[1])).image().rgba();
      assertEquals(sha256(jvm.image().rgba()), sha256(restored), names.get(i) + ": restored PNG");
    }
    // the fresh file has 36 tiles: its decode reported progress along the way
    assertTrue(browser.get(0).split(" \\| ")[0].endsWith(" true"), browser.get(0));
  }

  @Test
  void errorsRejectWithTheirCodes() throws Exception {
    byte[] tgl = Tegula.compress(Tegula.decode(file("photos/astronaut.png")).image(), null,
        CompressOptions.lossy(50).withTileSize(128));
    byte[] cut = java.util.Arrays.copyOf(tgl, 60);
    // a baseline JPEG relabelled as lossless (SOF3, T.81 §H), which the decoder does not do
    byte[] lossless = file("jpeg/baseline_420.jpg");
    for (int i = 0; i + 1 < lossless.length; i++) {
      if ((lossless[i] & 0xFF) == 0xFF && (lossless[i + 1] & 0xFF) == 0xC0) {
        lossless[i + 1] = (byte) 0xC3;
        break;
      }
    }
    assertEquals("unsupported", jvmError(lossless));
    @SuppressWarnings("unchecked")
    Map<String, Object> codes = (Map<String, Object>) run("""
        const code = async (f) => { try { await f(); return 'no error'; } catch (e) { return e.code; } };
        const photo = h.bytes(args[0]);
        const big = new ImageData(600, 400);
        return {
          malformed: await code(() => t.decode(h.bytes(args[2]))),
          truncated: await code(() => t.decode(h.bytes(args[1]))),
          restoreNotTgl: await code(() => t.restore(photo)),
          unsupported: await code(() => t.decode(h.bytes(args[3]))),
          limit: await code(() => t.compress(photo, {maxPixels: 1000})),
          argument: await code(() => t.compress(big, {quality: 101})),
          mismatch: await code(() => t.compare(big, new ImageData(2, 2))),
          aborted: await code(() => {
            const c = new AbortController();
            const p = t.compress(big, {tileSize: 64, signal: c.signal});
            setTimeout(() => c.abort(), 5);
            return p;
          }),
          abortedBefore: await code(() => t.decode(photo, {signal: AbortSignal.abort()})),
          afterAbort: (await t.decode(photo)).width,
        };
        """, b64(file("photos/astronaut.png")), b64(cut), b64(new byte[] {1, 2, 3, 4}),
        b64(lossless));
    assertEquals("malformed", codes.get("malformed"));
    assertEquals(jvmError(cut), codes.get("truncated"));
    assertEquals("malformed", codes.get("restoreNotTgl"));
    assertEquals("unsupported", codes.get("unsupported"));
    assertEquals("limit", codes.get("limit"));
    assertEquals("argument", codes.get("argument"));
    assertEquals("mismatch", codes.get("mismatch"));
    assertEquals("aborted", codes.get("aborted"));
    assertEquals("aborted", codes.get("abortedBefore"));
    assertEquals(512L, codes.get("afterAbort"), "the pool works on after an abort");
  }

  static String jvmError(byte[] data) {
    try {
      Tegula.decode(data);
      return "no error";
    } catch (dev.tegula.core.TegulaException e) {
      return e.code();
    }
  }

  private static final String SHRUNK = """
      t.terminate();
      await t.init({workers: 2, decodeOnly: args[1]});
      try {
        const out = [];
        for (const j of args[0]) {
          const d = await t.decode(h.bytes(j.b64), {jpegShrink: j.shrink, autoOrient: j.orient});
          out.push(`${d.width}x${d.height} ${d.complete} ${await h.sha256(d.data)}`);
        }
        const bitmap = await t.decodeToBitmap(h.bytes(args[0][0].b64), {jpegShrink: 8});
        const code = async (f) => { try { await f(); return 'no error'; } catch (e) { return e.code; } };
        return {decoded: out, bitmap: `${bitmap.width}x${bitmap.height}`,
          refused: [await code(() => t.decode(h.bytes(args[0][0].b64), {jpegShrink: 3})),
            await code(() => t.decodeToBitmap(h.bytes(args[0][0].b64), {jpegShrink: '2'}))]};
      } finally {
        t.terminate();
      }
      """;

  /**
   * decode({jpegShrink}) gives the JVM's shrunk pixels (djpeg -scale 1/n, checked by
   * ShrunkDecodeTest) in both modules: baseline and progressive JPEGs of odd sizes, EXIF rotation
   * after the shrink, a .tgl that keeps a JPEG; a PNG and a lossy .tgl decode whole.
   */
  @Test
  void jpegShrinkDecodesAtAFractionOfTheSizeAsTheJvmDoes() throws Exception {
    byte[] odd = file("jpeg/baseline_odd_203x157_420.jpg");
    List<byte[]> files = List.of(odd, file("jpeg/progressive_422_odd.jpg"),
        file("jpeg/exif_orientation_6.jpg"),
        Tegula.compressJpegLossless(odd, Limits.DEFAULT).tgl(),
        file("png/rgba8.png"),
        Tegula.compress(Tegula.decode(odd).image(), null, CompressOptions.lossy(60)));
    List<Map<String, Object>> jobs = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    int[] shrinks = {2, 4, 8, 1};
    for (int i = 0; i < files.size(); i++) {
      for (int shrink : i < 4 ? shrinks : new int[] {4}) {
        boolean orient = i == 2;
        DecodedImage jvm = Tegula.decode(files.get(i),
            new DecodeOptions(Limits.DEFAULT, orient, shrink));
        expected.add(jvm.image().width() + "x" + jvm.image().height() + " " + jvm.complete() + " "
            + sha256(jvm.image().rgba()));
        jobs.add(Map.of("b64", b64(files.get(i)), "shrink", shrink, "orient", orient));
      }
    }
    // the shrink really happened: 203x157 at 1/8 is 26x20
    assertTrue(expected.get(2).startsWith("26x20 "), expected.get(2));
    for (boolean decodeOnly : new boolean[] {false, true}) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) run(SHRUNK, jobs, decodeOnly);
      String module = decodeOnly ? "decode-only module" : "full module";
      assertEquals(expected, r.get("decoded"), module);
      assertEquals("26x20", r.get("bitmap"), module);
      assertEquals(List.of("argument", "argument"), r.get("refused"), module);
    }
  }

  @Test
  void compressReportsProgressAndMakesPngToo() throws Exception {
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) run("""
        const photo = h.bytes(args[0]);
        const steps = [];
        const tgl = await t.compress(photo, {tileSize: 64, onProgress: (f) => steps.push(f)});
        const png = await t.compress(new Blob([photo]), {format: 'png'});
        const ordered = steps.every((f, i) => i === 0 || f > steps[i - 1]);
        return [tgl.type, steps.length, steps[0], steps[steps.length - 1], ordered, png.type,
          await h.base64(png)];
        """, b64(file("photos/astronaut.png")));
    assertEquals("image/x-tegula", r.get(0));
    assertTrue(((Long) r.get(1)) > 60, "a step per tile: " + r.get(1));
    assertEquals(0L, r.get(2));
    assertEquals(1L, r.get(3));
    assertEquals(true, r.get(4));
    assertEquals("image/png", r.get(5));
    byte[] png = Base64.getDecoder().decode((String) r.get(6));
    assertEquals(sha256(Tegula.decode(file("photos/astronaut.png")).image().rgba()),
        sha256(Tegula.decode(png).image().rgba()));
  }

  @Test
  void decodeToBitmapMakesADrawableBitmapInAWorker() throws Exception {
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) run("""
        const photo = h.bytes(args[0]);
        const bitmap = await t.decodeToBitmap(photo);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        const drawn = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const d = await t.decode(photo);
        const tgl = await t.compress(photo, {tileSize: 128});
        const tiled = await t.decodeToBitmap(tgl);
        // an ImageBitmap is also an input: losslessly, its pixels come back
        const fromBitmap = await t.compress(bitmap, {lossless: true, tileSize: 128});
        const round = await t.decode(fromBitmap);
        return [bitmap instanceof ImageBitmap, bitmap.width, bitmap.height,
          await h.sha256(drawn) === await h.sha256(d.data), tiled instanceof ImageBitmap, tiled.width,
          await h.sha256(round.data) === await h.sha256(d.data)];
        """, b64(file("photos/astronaut.png")));
    assertEquals(true, r.get(0));
    assertEquals(true, r.get(3), "the bitmap holds the decoded pixels: " + r);
    assertEquals(true, r.get(4));
    assertEquals(true, r.get(6), "compress(ImageBitmap) keeps its pixels");
  }

  @Test
  void theApiWorksInsideTheUsersOwnWorker() throws Exception {
    byte[] photo = file("photos/astronaut.png");
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run("""
        const w = new Worker('/api-test/user-worker.js', {type: 'module'});
        const reply = await new Promise((resolve) => {
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => resolve({error: `worker failed: ${e.message}`});
          w.postMessage(h.bytes(args[0]));
        });
        w.terminate();
        return reply;
        """, b64(photo));
    assertEquals(null, r.get("error"));
    DecodedImage d = Tegula.decode(photo);
    byte[] tgl = Tegula.compress(d.image(), d.metadata(), CompressOptions.lossy(50).withTileSize(128));
    DecodedImage back = Tegula.decode(tgl);
    assertEquals("512x512", r.get("decoded"));
    assertEquals("image/x-tegula " + tgl.length + " " + sha256(tgl), r.get("tgl"));
    assertEquals("512x512 true " + sha256(back.image().rgba()), r.get("back"));
    assertEquals("image/png", r.get("png"));
    assertEquals(true, r.get("inWorker"));
  }

  @Test
  void nothingBreaksTheContentSecurityPolicy() {
    run("await t.compress(new ImageData(300, 200), {tileSize: 64}); return 1;");
    assertEquals(List.of(), session.driver().executeScript("return window.__csp"));
  }
}
