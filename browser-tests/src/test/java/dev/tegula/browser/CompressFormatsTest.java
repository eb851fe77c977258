package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compress() to JPEG and PNG in the browser, and its options: the JPEG decodes with Chromium's
 * own decoder to the pixels of ours, PNG is lossless at every effort, EXIF orientation is applied
 * by default (or kept), metadata is kept or stripped, compressWithFacts tells what was made, and
 * bad options reject at once with code 'argument'.
 */
class CompressFormatsTest {
  private static AppServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    server = AppServer.start();
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

  static Object run(String body, Object... args) {
    Object r = ApiScript.run(chromium.driver, body, args);
    if (r instanceof String text && text.startsWith("script failed")) {
      throw new AssertionError(text);
    }
    return r;
  }

  static String b64(String relative) throws Exception {
    return Base64.getEncoder().encodeToString(TegulaApiTest.file(relative));
  }

  /** Chromium's own decode of a Blob: RGBA through createImageBitmap, no colour conversion. */
  private static final String BROWSER_PIXELS = """
      const browserPixels = async (blob) => {
        const bmp = await createImageBitmap(blob, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
        const canvas = new OffscreenCanvas(bmp.width, bmp.height);
        const g = canvas.getContext('2d');
        g.drawImage(bmp, 0, 0);
        return {width: bmp.width, height: bmp.height, data: g.getImageData(0, 0, bmp.width, bmp.height).data};
      };
      const maxDifference = (a, b) => {
        if (a.length !== b.length) {
          return 'sizes differ';
        }
        let max = 0;
        for (let i = 0; i < a.length; i++) {
          max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
      };
      """;

  @Test
  void jpegOutputDecodesInChromiumToOurDecodersPixels() throws Exception {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> r = (List<Map<String, Object>>) run(BROWSER_PIXELS + """
        t.terminate();
        await t.init({workers: 2});
        const out = [];
        const photo = h.bytes(args[0]);
        const decoded = await t.decode(photo);
        const inputs = [['file q80', photo, {quality: 80}], ['file q30', photo, {quality: 30}],
          ['file q98', photo, {quality: 98}],
          ['ImageData q75', new ImageData(decoded.data, decoded.width, decoded.height), {}],
          ['grey q60', photo, {quality: 60, grayscale: true}]];
        for (const [name, input, options] of inputs) {
          const f = await t.compressWithFacts(input, {format: 'jpeg', ...options});
          const ours = await t.decode(f.blob);
          const browser = await browserPixels(f.blob);
          out.push({name, type: f.blob.type, size: f.blob.size, format: f.format, quality: f.quality,
            encodes: f.encodes, width: f.width, height: f.height, decodedFormat: ours.info.format,
            components: ours.info.components, browserSize: `${browser.width}x${browser.height}`,
            difference: maxDifference(ours.data, browser.data)});
        }
        return out;
        """, b64("photos/astronaut.png"));
    long q30 = 0;
    long q80 = 0;
    long q98 = 0;
    for (Map<String, Object> f : r) {
      String name = (String) f.get("name");
      assertEquals("image/jpeg", f.get("type"), name);
      assertEquals("jpeg", f.get("format"), name);
      assertEquals("jpeg", f.get("decodedFormat"), name);
      assertEquals(512L, f.get("width"), name);
      assertEquals("512x512", f.get("browserSize"), name);
      assertEquals(1L, f.get("encodes"), name);
      assertTrue(((Long) f.get("difference")) <= 1,
          name + ": Chromium's decode differs from ours by " + f.get("difference"));
      switch (name) {
        case "file q30" -> q30 = (Long) f.get("size");
        case "file q80" -> q80 = (Long) f.get("size");
        case "file q98" -> q98 = (Long) f.get("size");
        case "grey q60" -> assertEquals(1L, f.get("components"), "a grey JPEG has one component");
        default -> assertEquals(75L, f.get("quality"), "the default quality");
      }
    }
    System.out.println("CompressFormatsTest: JPEG sizes q30 " + q30 + ", q80 " + q80 + ", q98 "
        + q98 + " bytes; Chromium decodes all within 1 of our decoder: " + r);
    assertTrue(q30 < q80 && q80 < q98, "sizes grow with quality: " + r);
  }

  @Test
  void pngOutputIsLosslessAtEveryEffort() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run(BROWSER_PIXELS + """
        t.terminate();
        await t.init({workers: 1});
        const decoded = await t.decode(h.bytes(args[0]));
        const photo = new ImageData(decoded.data, decoded.width, decoded.height);
        // a graphic: flat colours, stripes and a gradient band, 768 x 512
        const graphic = new ImageData(768, 512);
        for (let y = 0; y < 512; y++) {
          for (let x = 0; x < 768; x++) {
            const i = (y * 768 + x) * 4;
            const c = y < 128 ? [x >> 2, 90, 200] : ((x >> 4) + (y >> 4)) % 3 === 0 ? [250, 250, 250]
              : ((x * 7 + y * 3) % 97 < 3 ? [20, 20, 20] : [40, 120, 60]);
            graphic.data.set([...c, 255], i);
          }
        }
        const out = {same: [], sizes: {}, ms: {}};
        // every effort timed in turn, best of 2 (the first round also warms the codec up)
        for (let round = 0; round < 2; round++) {
          for (const [name, image] of [['photo', photo], ['graphic', graphic]]) {
            for (const effort of [undefined, 0, 1, 2, 3, 4]) {
              const start = performance.now();
              const png = await t.compress(image, {format: 'png', pngEffort: effort});
              const ms = performance.now() - start;
              const key = `${name} ${effort ?? 'default'}`;
              out.ms[key] = Math.min(out.ms[key] ?? Infinity, ms);
              out.sizes[key] = png.size;
              out.type = png.type;
              if (round === 0) {
                const browser = await browserPixels(png);
                out.same.push(maxDifference(browser.data, image.data));
              }
            }
          }
        }
        return out;
        """, b64("photos/astronaut.png"));
    assertEquals("image/png", r.get("type"));
    assertEquals(java.util.Collections.nCopies(12, 0L), r.get("same"),
        "every effort is lossless (Chromium's decode of each PNG equals the original)");
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) r.get("sizes");
    @SuppressWarnings("unchecked")
    Map<String, Object> ms = (Map<String, Object>) r.get("ms");
    for (String image : List.of("photo", "graphic")) {
      double base = ((Number) ms.get(image + " 3")).doubleValue();
      StringBuilder line = new StringBuilder("CompressFormatsTest: PNG of the " + image
          + " in Chromium, time relative to effort 3 (same run, best of 2):");
      for (String k : List.of("default", "0", "1", "2", "3", "4")) {
        double t = ((Number) ms.get(image + " " + k)).doubleValue();
        line.append(String.format(" effort %s %d bytes %.2fx (%.0f ms);", k,
            sizes.get(image + " " + k), t / base, t));
      }
      System.out.println(line);
      assertEquals(sizes.get(image + " " + DEFAULT_PNG_EFFORT), sizes.get(image + " default"),
          "the default effort is " + DEFAULT_PNG_EFFORT);
    }
  }

  /** tegula.js's default pngEffort. */
  static final int DEFAULT_PNG_EFFORT = 1;

  @Test
  void orientationIsAppliedByDefaultOrKeptAndMetadataStripped() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run("""
        const file = h.bytes(args[0]);
        const describe = async (blob) => {
          const d = await t.decode(blob);
          return `${d.width}x${d.height} orientation ${d.info.orientation} exif ${d.metadata.exifBytes > 0}`
            + ` icc ${d.metadata.iccBytes > 0}`;
        };
        const out = {};
        for (const format of ['jpeg', 'png', 'tgl']) {
          out[format] = await describe(await t.compress(file, {format, tileSize: 64}));
          out[`${format} kept`] = await describe(await t.compress(file, {format, keepOrientation: true}));
          out[`${format} stripped`] = await describe(await t.compress(file, {format, strip: true}));
        }
        const upright = await t.decode(file, {autoOrient: true});
        const tiled = await t.decode(await t.compress(file, {format: 'tgl', lossless: true, tileSize: 64}));
        out.tiledLossless = (await h.sha256(tiled.data)) === (await h.sha256(upright.data));
        const icc = h.bytes(args[1]);
        out.icc = await describe(await t.compress(icc, {format: 'jpeg'}));
        out.iccStripped = await describe(await t.compress(icc, {format: 'jpeg', strip: true}));
        return out;
        """, b64("jpeg/exif_orientation_6.jpg"), b64("jpeg/icc_profile.jpg"));
    DecodedImage stored = Tegula.decode(TegulaApiTest.file("jpeg/exif_orientation_6.jpg"));
    assertEquals(6, Exif.orientation(stored.metadata().exif()));
    String w = String.valueOf(stored.image().width());
    String h = String.valueOf(stored.image().height());
    for (String format : List.of("jpeg", "png", "tgl")) {
      assertEquals(h + "x" + w + " orientation 1 exif true icc false", r.get(format), format);
      assertEquals(w + "x" + h + " orientation 6 exif true icc false", r.get(format + " kept"), format);
      assertEquals(h + "x" + w + " orientation 1 exif false icc false", r.get(format + " stripped"),
          format);
    }
    assertEquals(true, r.get("tiledLossless"), "tiles of the upright image: " + r);
    assertTrue(((String) r.get("icc")).endsWith("icc true"), "ICC carried into the JPEG: " + r);
    assertTrue(((String) r.get("iccStripped")).endsWith("icc false"), String.valueOf(r));
  }

  @Test
  void badOptionsRejectAtOnceWithCodeArgument() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run("""
        const image = new ImageData(64, 64);
        const answer = async (options) => {
          try {
            await t.compress(image, options);
            return 'accepted';
          } catch (e) {
            return `${e.code}: ${e.message}`;
          }
        };
        const cases = {
          unknown: {maxSize: 1000},
          quality: {quality: 101},
          qualityText: {quality: '75'},
          format: {format: 'webp'},
          jpegLossless: {format: 'jpeg', lossless: true},
          pngTarget: {format: 'png', maxSizeBytes: 1000},
          both: {maxSizeBytes: 1000, targetSsim: 0.9},
          ssim: {targetSsim: 1.5},
          size: {maxSizeBytes: -5},
          dimension: {maxWidthOrHeight: 0},
          gamma: {gammaCorrect: true},
          effort: {format: 'png', pngEffort: 9},
          flag: {strip: 'yes'},
          signal: {signal: 'stop'},
        };
        const out = {};
        for (const [name, options] of Object.entries(cases)) {
          out[name] = await answer(options);
        }
        return out;
        """);
    assertEquals(14, r.size(), String.valueOf(r));
    for (Map.Entry<String, Object> e : r.entrySet()) {
      assertTrue(String.valueOf(e.getValue()).startsWith("argument: invalid options: "),
          e.getKey() + ": " + e.getValue());
    }
  }
}
