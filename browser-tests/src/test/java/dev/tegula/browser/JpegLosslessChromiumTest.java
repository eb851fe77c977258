package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.api.JpegCoding;
import dev.tegula.api.Tegula;
import dev.tegula.core.Limits;
import dev.tegula.recompress.JpegCompression;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JPEG recompression in Chromium (Wasm) through tegula.js: compress(file, {jpegLossless: true})
 * and restoreOriginal() give the original bytes back; decode() of the .tgl gives the JVM's pixels
 * of the original JPEG; files made in the browser restore on the JVM and the other way round.
 */
class JpegLosslessChromiumTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html");

  static Object run(String body, Object... args) {
    return session.run(body, args);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** A .tgl file's chunks (format.md §4) other than JREC, as hex, in order. */
  private static List<String> chunksBesideJrec(byte[] tgl) {
    List<String> out = new ArrayList<>();
    int at = 10;
    while (at + 12 <= tgl.length) {
      int length = java.nio.ByteBuffer.wrap(tgl, at, 4).getInt();
      String type = new String(tgl, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (!type.equals("JREC")) {
        out.add(type + " " + HexFormat.of().formatHex(tgl, at + 8, at + 8 + length));
      }
      at += 12 + length;
    }
    return out;
  }

  private static final String RUN = """
      t.terminate();
      await t.init({workers: 2});
      const out = [];
      for (const j of args[0]) {
        const t0 = performance.now();
        const options = {jpegLossless: true};
        if (j.coding !== 'default') {
          options.jpegCoding = j.coding;
        }
        const made = await t.compressWithFacts(h.bytes(j.jpeg), options);
        const t1 = performance.now();
        const back = await t.restoreOriginal(made.blob);
        const t2 = performance.now();
        const pixels = await t.decode(made.blob);
        const t3 = performance.now();
        await t.decode(h.bytes(j.jpeg));
        const t4 = performance.now();
        const jvmBack = await t.restoreOriginal(h.bytes(j.jvmTgl));
        out.push({modelled: made.modelled, coding: made.coding, size: `${made.width}x${made.height}`,
          restored: await h.sha256(back), pixels: await h.sha256(pixels.data),
          fromJvm: await h.sha256(jvmBack), tgl: await h.base64(made.blob),
          ms: `compress ${Math.round(t1 - t0)} ms, restoreOriginal ${Math.round(t2 - t1)} ms,`
            + ` decode of the .tgl ${Math.round(t3 - t2)} ms, decode of the JPEG ${Math.round(t4 - t3)} ms`});
      }
      return out;
      """;

  private static final String EVERY = """
      t.terminate();
      await t.init({workers: 2});
      const out = [];
      for (const j of args[0]) {
        try {
          const made = await t.compressWithFacts(h.bytes(j), {jpegLossless: true,
            jpegCoding: args[1]});
          out.push(await h.sha256(await t.restoreOriginal(made.blob)));
        } catch (e) {
          out.push(`refused: ${e.code}`);
        }
      }
      return out;
      """;

  /**
   * The repository's JPEG test set (conformance, damaged, arithmetic twins), bit-exact; the two
   * files that are no JPEG at all (empty, text) are refused as arguments, as on the JVM.
   */
  @ParameterizedTest(name = "coding {0}")
  @ValueSource(strings = {"fast", "adaptive"})
  void everyTestJpegComesBackBitExact(String coding) throws Exception {
    List<String> jobs = new ArrayList<>();
    List<String> want = new ArrayList<>();
    for (String folder : new String[] {"jpeg", "invalid", "jpeg-arith-twins"}) {
      for (java.nio.file.Path p : TestFiles.inputs(folder)) {
        if (p.getFileName().toString().endsWith(".jpg")) {
          byte[] jpeg = Files.readAllBytes(p);
          jobs.add(Base64.getEncoder().encodeToString(jpeg));
          boolean jpegAtAll = jpeg.length >= 2 && (jpeg[0] & 0xFF) == 0xFF
              && (jpeg[1] & 0xFF) == 0xD8;
          want.add(p.getFileName() + " " + (jpegAtAll ? sha256(jpeg) : "refused: argument"));
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<String> got = (List<String>) run(EVERY, jobs, coding);
    List<String> named = new ArrayList<>();
    for (int i = 0; i < got.size(); i++) {
      named.add(want.get(i).substring(0, want.get(i).indexOf(' ')) + " " + got.get(i));
    }
    assertEquals(want, named);
  }

  @Test
  void compressRestoreAndDecodeInTheBrowser() throws Exception {
    String[] files = {"jpeg/progressive_420.jpg", "jpeg/size_1023x769_420.jpg",
        "jpeg/restart_progressive_420.jpg", "jpeg/baseline_411.jpg", "jpeg/arith_420.jpg",
        "invalid/jpeg_truncated_progressive.jpg"};
    List<Map<String, Object>> jobs = new ArrayList<>();
    List<byte[]> originals = new ArrayList<>();
    List<JpegCoding> codings = new ArrayList<>();
    // the default (no jpegCoding given) is the fast coding
    for (JpegCoding coding : new JpegCoding[] {JpegCoding.ADAPTIVE, JpegCoding.FAST}) {
      for (String name : files) {
        byte[] jpeg = Files.readAllBytes(TestFiles.root().resolve(name));
        originals.add(jpeg);
        codings.add(coding);
        JpegCompression jvm = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT, coding);
        jobs.add(Map.of("jpeg", Base64.getEncoder().encodeToString(jpeg),
            "jvmTgl", Base64.getEncoder().encodeToString(jvm.tgl()),
            "coding", coding == JpegCoding.FAST ? "default" : "adaptive"));
      }
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> out = (List<Map<String, Object>>) run(RUN, jobs);
    for (int k = 0; k < jobs.size(); k++) {
      int i = k % files.length;
      byte[] jpeg = originals.get(k);
      Map<String, Object> r = out.get(k);
      // a report, not a check: the machine is shared
      System.out.println("Wasm " + files[i] + " (" + jpeg.length + " bytes, "
          + r.get("coding") + "): " + r.get("ms"));
      if (!files[i].startsWith("invalid/") && !files[i].contains("arith")) {
        assertEquals(codings.get(k) == JpegCoding.FAST ? "content 2 (fast rANS coding)"
            : "content 0 (adaptive binary coding)", r.get("coding"), files[i]);
      }
      String want = sha256(jpeg);
      assertEquals(want, r.get("restored"), files[i] + ": restoreOriginal in the browser");
      assertEquals(want, r.get("fromJvm"), files[i] + ": the JVM's .tgl restored in the browser");
      byte[] browserTgl = Base64.getDecoder().decode((String) r.get("tgl"));
      assertArrayEquals(jpeg, Tegula.restoreOriginal(browserTgl), files[i]
          + ": the browser's .tgl restored on the JVM");
      // the coefficient coders are integer arithmetic: the same tiles in Wasm as on the JVM (the
      // JREC record is deflated by each platform's own java.util.zip, so it may differ)
      assertEquals(chunksBesideJrec(Tegula.compressJpegLossless(jpeg, Limits.DEFAULT,
          codings.get(k)).tgl()), chunksBesideJrec(browserTgl), files[i] + ": the JVM's tiles");
      assertEquals(Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).modelled(),
          r.get("modelled"), files[i]);
      if (!files[i].startsWith("invalid/")) {
        assertEquals(sha256(Tegula.decode(jpeg).image().rgba()), r.get("pixels"),
            files[i] + ": decode() of the .tgl gives the JPEG's pixels");
      }
    }
  }
}
