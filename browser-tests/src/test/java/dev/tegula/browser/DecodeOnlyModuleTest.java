package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code init({decodeOnly: true})}: the workers load tegula-decode.wasm, which decodes every
 * format to the JVM's pixels (a tiled .tgl over two workers, a JPEG kept bit for bit, EXIF
 * rotation), and refuses what it does not hold with code 'unsupported'; the module is much
 * smaller than the full one.
 */
class DecodeOnlyModuleTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html");

  private static final String DECODE_ALL = """
      t.terminate();
      await t.init({workers: 2, decodeOnly: true});
      try {
        const out = [];
        for (const b64 of args[0]) {
          const d = await t.decode(h.bytes(b64), {autoOrient: true});
          const i = await t.info(h.bytes(b64));
          out.push(`${d.width}x${d.height} ${d.complete} ${await h.sha256(d.data)} ${i.format}`);
        }
        const bitmap = await t.decodeToBitmap(h.bytes(args[0][0]));
        const code = async (f) => { try { await f(); return 'no error'; } catch (e) { return e.code; } };
        const tgl = h.bytes(args[0][0]);
        const refused = [
          await code(() => t.compress(new ImageData(8, 8))),
          await code(() => t.restore(tgl)),
          await code(() => t.compare(new ImageData(8, 8), new ImageData(8, 8))),
          await code(() => t.restoreOriginal(h.bytes(args[0][2]))),
        ];
        const size = async (u) => (await (await fetch(u)).arrayBuffer()).byteLength;
        return {decoded: out, bitmap: `${bitmap.width}x${bitmap.height}`, refused,
          codec: t.status().codec, version: await t.version(),
          decodeSize: await size('/wasm/tegula-decode.wasm'), fullSize: await size('/wasm/tegula.wasm')};
      } finally {
        t.terminate();
      }
      """;

  @Test
  void decodesEveryFormatToTheJvmsPixelsAndRefusesTheRest() throws Exception {
    DecodedImage photo = Tegula.decode(TegulaApiTest.file("photos/astronaut.png"));
    byte[] jpeg = TegulaApiTest.file("jpeg/baseline_420.jpg");
    List<byte[]> files = new ArrayList<>();
    // first: a .tgl of 36 tiles, which the two workers decode tile by tile
    files.add(Tegula.compress(photo.image(), null, CompressOptions.lossy(55).withTileSize(96)));
    files.add(Tegula.compress(photo.image(), null, CompressOptions.lossless().withTileSize(128)));
    files.add(Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).tgl());
    files.add(jpeg);
    files.add(TegulaApiTest.file("jpeg/arith_progressive_420.jpg"));
    files.add(TegulaApiTest.file("jpeg/exif_orientation_6.jpg"));
    files.add(TegulaApiTest.file("png/graya16_adam7.png"));
    files.add(TegulaApiTest.file("png/pal4_adam7.png"));
    files.add(TegulaApiTest.file("tgl/v1/alpha-lossy-q50.tgl"));
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) session.run(DECODE_ALL,
        files.stream().map(TegulaApiTest::b64).toList());
    @SuppressWarnings("unchecked")
    List<String> decoded = (List<String>) r.get("decoded");
    assertEquals(files.size(), decoded.size(), String.valueOf(r));
    for (int i = 0; i < files.size(); i++) {
      DecodedImage jvm = Tegula.decode(files.get(i), new DecodeOptions(Limits.DEFAULT, true));
      assertEquals(jvm.image().width() + "x" + jvm.image().height() + " " + jvm.complete() + " "
          + TegulaApiTest.sha256(jvm.image().rgba()) + " " + Tegula.readInfo(files.get(i)).format(),
          decoded.get(i), "file " + i);
    }
    assertEquals("512x512", r.get("bitmap"));
    assertEquals(List.of("unsupported", "unsupported", "unsupported", "unsupported"),
        r.get("refused"));
    assertEquals("bundled-decode", r.get("codec"));
    assertEquals("0.1.0", r.get("version"));
    long decodeSize = ((Number) r.get("decodeSize")).longValue();
    long fullSize = ((Number) r.get("fullSize")).longValue();
    assertTrue(decodeSize < fullSize * 0.6, decodeSize + " bytes against " + fullSize);
  }

  @Test
  void aManifestAndDecodeOnlyDoNotGoTogether() {
    Object code = session.run("""
        t.terminate();
        try {
          await t.init({decodeOnly: true, manifest: '/codecs.json'});
          return 'no error';
        } catch (e) {
          return e.code;
        } finally {
          t.terminate();
        }
        """);
    assertEquals("argument", code);
  }
}
