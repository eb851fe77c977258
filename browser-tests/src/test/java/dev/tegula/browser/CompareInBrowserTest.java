package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.metrics.Comparison;
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
 * {@code compare()} of tegula.js: the metrics computed in a worker by the Wasm build give the
 * JVM's numbers (and so scikit-image's, see testdata/metrics) for files and for decoded pixels.
 */
class CompareInBrowserTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.appWithSample();

  /** [reference, test] pairs of testdata/metrics, with and without alpha. */
  private static final String[][] PAIRS = {
    {"astronaut.png", "astronaut.jpeg-q20.png"},
    {"flower.png", "flower.webp-q75.png"},
    {"cutout.png", "cutout.webp-q40.png"},
    {"coffee.png", "coffee.png"},
  };

  private static String b64(String name) throws Exception {
    return Base64.getEncoder().encodeToString(
        Files.readAllBytes(TestFiles.root().resolve("metrics").resolve(name)));
  }

  private static final String COMPARE_FILES = """
      const [pairs, done] = [arguments[0], arguments[arguments.length - 1]];
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      (async () => {
        const t = await import('/tegula.js');
        const out = [];
        for (const [a, b] of pairs) {
          const r = await t.compare(bytes(a), new Blob([bytes(b)]));
          out.push([r.psnr, r.psnrLuma, r.ssim, r.ssimLuma, r.msSsim, r.alpha, r.psnrAlpha,
              r.ssimAlpha, r.identical, r.width, r.height].map(String));
        }
        return out;
      })().then(done, (e) => done(`script failed: ${e}`));
      """;

  @Test
  void filesGiveTheJvmNumbers() throws Exception {
    List<List<String>> pairs = new ArrayList<>();
    for (String[] p : PAIRS) {
      pairs.add(List.of(b64(p[0]), b64(p[1])));
    }
    Object answer = session.driver().executeAsyncScript(COMPARE_FILES, pairs);
    assertTrue(answer instanceof List, String.valueOf(answer));
    List<?> rows = (List<?>) answer;
    for (int i = 0; i < PAIRS.length; i++) {
      List<?> r = (List<?>) rows.get(i);
      Comparison c = jvm(PAIRS[i][0], PAIRS[i][1]);
      String what = PAIRS[i][1];
      assertClose(c.psnr(), r.get(0), what + " psnr");
      assertClose(c.psnrLuma(), r.get(1), what + " psnrLuma");
      assertClose(c.ssim(), r.get(2), what + " ssim");
      assertClose(c.ssimLuma(), r.get(3), what + " ssimLuma");
      assertClose(c.msSsim(), r.get(4), what + " msSsim");
      assertEquals(String.valueOf(c.alpha()), r.get(5), what);
      if (c.alpha()) {
        assertClose(c.psnrAlpha(), r.get(6), what + " psnrAlpha");
        assertClose(c.ssimAlpha(), r.get(7), what + " ssimAlpha");
      } else {
        assertEquals("null", r.get(6));
      }
      assertEquals(String.valueOf(c.psnr() == Double.POSITIVE_INFINITY), r.get(8), what);
      assertEquals(String.valueOf(c.width()), r.get(9));
      assertEquals(String.valueOf(c.height()), r.get(10));
    }
  }

  private static final String COMPARE_PIXELS = """
      const [a, b, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const hex = async (data) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))]
          .map((x) => x.toString(16).padStart(2, '0')).join('');
      (async () => {
        const t = await import('/tegula.js');
        const ra = await t.decode(bytes(a));
        const rb = await t.decode(bytes(b));
        const image = new ImageData(rb.data, rb.width, rb.height);
        const r = await t.compare(ra, image, {heatmap: true});
        const out = {ssim: String(r.ssim), psnr: String(r.psnr), ms: typeof r.compareMs,
          heatmap: `${r.heatmap.width}x${r.heatmap.height} ${await hex(r.heatmap.data)}`};
        // the caller's pixels are copied, never detached
        out.kept = ra.data.length === ra.width * ra.height * 4 && image.data.length > 0;
        try {
          await t.compare(ra, {width: 1, height: 1, data: new Uint8ClampedArray(4)});
          out.mismatch = 'no error';
        } catch (e) {
          out.mismatch = `${e.name} ${e.code} ${e.message}`;
        }
        try {
          await t.compare(ra, {width: 2, height: 2, data: new Uint8ClampedArray(4)});
          out.shape = 'no error';
        } catch (e) {
          out.shape = `${e.name}`;
        }
        return out;
      })().then(done, (e) => done({failed: `script failed: ${e}`}));
      """;

  @Test
  void decodedPixelsGiveTheJvmNumbersAndHeatmap() throws Exception {
    Object answer = session.driver().executeAsyncScript(COMPARE_PIXELS, b64("astronaut.png"),
        b64("astronaut.webp-q30.png"));
    assertTrue(answer instanceof Map, String.valueOf(answer));
    Map<?, ?> r = (Map<?, ?>) answer;
    Comparison c = jvmWithMap("astronaut.png", "astronaut.webp-q30.png");
    assertClose(c.ssim(), r.get("ssim"), "ssim");
    assertClose(c.psnr(), r.get("psnr"), "psnr");
    assertEquals("number", r.get("ms"));
    Image heat = c.map().heatmap();
    String digest = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(heat.rgba()));
    assertEquals(heat.width() + "x" + heat.height() + " " + digest, r.get("heatmap"));
    assertEquals(true, r.get("kept"));
    assertEquals("TegulaError mismatch the images differ in size: 197x173 and 1x1",
        r.get("mismatch"));
    assertEquals("TypeError", r.get("shape"));
  }

  /** Wasm and JVM run the same Java; only the last bits of a double may differ. */
  private static void assertClose(double expected, Object actual, String what) {
    String s = String.valueOf(actual);
    if (expected == Double.POSITIVE_INFINITY) {
      assertEquals("Infinity", s, what);
      return;
    }
    assertEquals(expected, Double.parseDouble(s), 1e-9, what);
  }

  private static Comparison jvm(String a, String b) throws Exception {
    return Tegula.compare(decode(a), decode(b), false);
  }

  private static Comparison jvmWithMap(String a, String b) throws Exception {
    return Tegula.compare(decode(a), decode(b), true);
  }

  private static Image decode(String name) throws Exception {
    Path file = TestFiles.root().resolve("metrics").resolve(name);
    return Tegula.decode(Files.readAllBytes(file)).image();
  }
}
