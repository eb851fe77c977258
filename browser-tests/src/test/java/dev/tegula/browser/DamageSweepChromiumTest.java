package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's damage sweeps in Chromium against the shipped (non-strict) Wasm build, on a sample of
 * the corpus:
 * cuts and single-byte mutations (for .tgl half of them behind recomputed chunk CRCs, so that
 * they reach the pixel codecs). A Wasm trap (RuntimeError, unreachable) or a Java bug reaching
 * the page is a failure: every failure must be a TegulaError with a declared code.
 *
 * <p>The JVM side of the same sweeps, over every corpus file, is the fuzz module's
 * {@code *SweepTest}.
 */
class DamageSweepChromiumTest {
  private static final Set<String> DECLARED = Set.of("malformed", "truncated", "unsupported",
      "limit");
  private static final int CUTS = 150;
  private static final int MUTATIONS = 150;
  private static final int BATCH = 40;

  @RegisterExtension
  static final BrowserSession session = BrowserSession.appWithSample();

  /** Each variant: "ok" or "error <code> <name>: <message>". */
  private static final String DECODE_EACH = """
      const [files, done] = [arguments[0], arguments[arguments.length - 1]];
      (async () => {
        const t = await import('/tegula.js');
        const out = [];
        for (const b64 of files) {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          try {
            const r = await t.decode(bytes);
            out.push(r.width > 0 && r.height > 0 && r.data.length === r.width * r.height * 4
                ? 'ok' : `bad result ${r.width}x${r.height} ${r.data.length}`);
          } catch (e) {
            out.push(`error ${e.code} ${e.name}: ${e.message}`);
          }
        }
        return out;
      })().then(done, (e) => done([`script failed: ${e}`]));
      """;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "jpeg/baseline_420.jpg", "jpeg/progressive_420.jpg", "jpeg/arith_progressive_420.jpg",
      "jpeg/restart_progressive_420.jpg", "png/rgba8_adam7.png", "png/pal4_trns_full_adam7.png",
      "png/rgb16.png", "tgl/v1/grey-lossy-q20.tgl", "tgl/v1/alpha-lossy-q50.tgl",
      "tgl/v1/alpha16-lossless.tgl"})
  void noTrapOnCutsAndMutations(String name) throws Exception {
    byte[] data = Files.readAllBytes(TestFiles.root().resolve(name));
    boolean tgl = name.endsWith(".tgl");
    List<String> labels = new ArrayList<>();
    List<byte[]> variants = new ArrayList<>();
    for (int n : cutOffsets(data.length)) {
      labels.add("cut at " + n);
      variants.add(Arrays.copyOf(data, n));
    }
    SplittableRandom random = new SplittableRandom(name.hashCode());
    for (int i = 0; i < MUTATIONS; i++) {
      int at = random.nextInt(data.length);
      byte[] damaged = data.clone();
      damaged[at] = (byte) (data[at] + 1 + random.nextInt(255));
      if (tgl && i % 2 == 0) {
        fixTglChecksums(damaged);
      }
      labels.add("byte " + at + " = " + (damaged[at] & 0xFF) + (tgl && i % 2 == 0 ? " (CRCs fixed)" : ""));
      variants.add(damaged);
    }

    TreeMap<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int from = 0; from < variants.size(); from += BATCH) {
      List<String> encoded = new ArrayList<>();
      for (byte[] v : variants.subList(from, Math.min(variants.size(), from + BATCH))) {
        encoded.add(Base64.getEncoder().encodeToString(v));
      }
      @SuppressWarnings("unchecked")
      List<String> answers = (List<String>) session.driver().executeAsyncScript(DECODE_EACH, encoded);
      assertEquals(encoded.size(), answers.size(), "browser answered " + answers);
      for (int i = 0; i < answers.size(); i++) {
        String a = answers.get(i);
        String label = labels.get(from + i);
        String code = a.startsWith("error ") ? a.split(" ", 3)[1] : a;
        outcomes.merge(code, 1, Integer::sum);
        boolean declared = a.equals("ok") || (a.startsWith("error ") && DECLARED.contains(code)
            && a.contains("TegulaError"));
        if (!declared || a.contains("RuntimeError") || a.contains("unreachable")
            || a.contains("internal decoder error") || a.contains("does not decode (")) {
          failures.add(label + ": " + a);
        }
      }
    }
    System.out.println("DamageSweepChromiumTest " + name + ": " + variants.size() + " variants "
        + outcomes);
    assertTrue(failures.isEmpty(), name + ": " + failures.size() + " undeclared outcomes, first: "
        + failures.subList(0, Math.min(10, failures.size())));
  }

  /** Every offset of the first 64 bytes (headers), the rest spread over the file. */
  private static int[] cutOffsets(int length) {
    if (length <= CUTS) {
      int[] all = new int[length];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int head = 64;
    int[] offsets = new int[CUTS];
    for (int i = 0; i < CUTS; i++) {
      offsets[i] = i < head ? i : head + (int) ((long) (i - head) * (length - head) / (CUTS - head));
    }
    return offsets;
  }

  /** Rewrites each chunk's CRC-32 (docs/format.md §4.1) so that damage passes the framing. */
  private static void fixTglChecksums(byte[] b) {
    int at = 10;
    while (at >= 0 && b.length - at >= 12) {
      long length = ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16)
          | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
      if (length > b.length - at - 12) {
        return;
      }
      CRC32 crc = new CRC32();
      crc.update(b, at + 4, (int) length + 4);
      long v = crc.getValue();
      int end = at + 8 + (int) length;
      for (int k = 0; k < 4; k++) {
        b[end + k] = (byte) (v >>> (24 - 8 * k));
      }
      at = end + 4;
    }
  }
}
