package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.TegulaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Wasm decoder in Chromium gives byte-identical pixels to the JVM decoder on every test file,
 * and the same error code on every damaged one.
 */
class DecoderParityTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.appWithSample();

  private static final String DECODE_ALL = """
      const [files, done] = [arguments[0], arguments[arguments.length - 1]];
      (async () => {
        const t = await import('/tegula.js');
        const out = [];
        for (const b64 of files) {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          try {
            const r = await t.decode(bytes);
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', r.data));
            const hex = [...digest].map((x) => x.toString(16).padStart(2, '0')).join('');
            out.push(`${r.width}x${r.height} ${r.complete} ${hex}`);
          } catch (e) {
            out.push(`error ${e.code}`);
          }
        }
        return out;
      })().then(done, (e) => done([`script failed: ${e}`]));
      """;

  @Test
  void wasmPixelsEqualJvmPixelsOnEveryTestFile() throws Exception {
    List<Path> files = new ArrayList<>();
    files.addAll(TestFiles.inputs("jpeg"));
    files.addAll(TestFiles.inputs("png"));
    files.addAll(TestFiles.inputs("invalid"));
    assertTrue(files.size() > 100, "expected the conformance sets, found " + files.size());

    List<String> mismatches = new ArrayList<>();
    for (int from = 0; from < files.size(); from += 16) {
      List<Path> batch = files.subList(from, Math.min(files.size(), from + 16));
      List<String> encoded = new ArrayList<>();
      for (Path p : batch) {
        encoded.add(Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
      }
      @SuppressWarnings("unchecked")
      List<String> browser = (List<String>) session.driver().executeAsyncScript(DECODE_ALL, encoded);
      assertEquals(batch.size(), browser.size(), "browser answered " + browser);
      for (int i = 0; i < batch.size(); i++) {
        String jvm = jvmDecode(Files.readAllBytes(batch.get(i)));
        if (!jvm.equals(browser.get(i))) {
          mismatches.add(batch.get(i).getFileName() + ": jvm " + jvm + " / wasm " + browser.get(i));
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  static String jvmDecode(byte[] data) throws Exception {
    try {
      DecodedImage d = Tegula.decode(data);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(d.image().rgba());
      return d.image().width() + "x" + d.image().height() + " " + d.complete() + " "
          + HexFormat.of().formatHex(digest);
    } catch (TegulaException e) {
      return "error " + e.code();
    }
  }

}
