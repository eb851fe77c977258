package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Exif;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * compress() to JPEG and PNG in the browser, and its options: the JPEG decodes with Chromium's
 * own decoder to the pixels of ours, PNG is lossless at every effort, EXIF orientation is applied
 * by default (or kept), metadata is kept or stripped, a target size or SSIM, resizing (before
 * tiling), grey and location removal give the bytes of the JVM's pipeline (Tegula.compressFile),
 * compressWithFacts tells what was made, and bad options reject at once with code 'argument'.
 */
class CompressFormatsTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("api-test/index.html");

  static Object run(String body, Object... args) {
    return session.run(body, args);
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
        // a grey image (R = G = B, the photo's green): its JPEG has one component unasked
        const grey = new ImageData(new Uint8ClampedArray(decoded.data), decoded.width, decoded.height);
        for (let i = 0; i < grey.data.length; i += 4) {
          grey.data[i] = grey.data[i + 1];
          grey.data[i + 2] = grey.data[i + 1];
        }
        const inputs = [['file q80', photo, {quality: 80}], ['file q30', photo, {quality: 30}],
          ['file q98', photo, {quality: 98}],
          ['ImageData q75', new ImageData(decoded.data, decoded.width, decoded.height), {}],
          ['grey q60', photo, {quality: 60, grayscale: true}],
          ['grey image q70', grey, {quality: 70}]];
        for (const [name, input, options] of inputs) {
          const f = await t.compressWithFacts(input, {format: 'jpeg', ...options});
          const ours = await t.decode(f.blob);
          const browser = await browserPixels(f.blob);
          out.push({name, type: f.blob.type, size: f.blob.size, format: f.format, quality: f.quality,
            encodes: f.encodes, width: f.width, height: f.height, chroma: f.chroma,
            decodedFormat: ours.info.format,
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
        case "grey image q70" -> {
          assertEquals(1L, f.get("components"), "a grey image's JPEG has one component");
          assertEquals("grey", f.get("chroma"));
        }
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
        // effort 2 (every zlib strategy in full) takes seconds in Wasm: a crop shows it lossless
        const crop = new ImageData(96, 96);
        for (let y = 0; y < 96; y++) {
          crop.data.set(photo.data.subarray(y * photo.width * 4, (y * photo.width + 96) * 4), y * 96 * 4);
        }
        const png2 = await t.compress(crop, {format: 'png', pngEffort: 2});
        out.same.push(maxDifference((await browserPixels(png2)).data, crop.data));
        // the other efforts timed in turn, best of 2 (the first round also warms the codec up)
        for (let round = 0; round < 2; round++) {
          for (const [name, image] of [['photo', photo], ['graphic', graphic]]) {
            for (const effort of [undefined, 0, 1, 3, 4]) {
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
    assertEquals(java.util.Collections.nCopies(11, 0L), r.get("same"),
        "every effort is lossless (Chromium's decode of each PNG equals the original)");
    @SuppressWarnings("unchecked")
    Map<String, Object> sizes = (Map<String, Object>) r.get("sizes");
    @SuppressWarnings("unchecked")
    Map<String, Object> ms = (Map<String, Object>) r.get("ms");
    for (String image : List.of("photo", "graphic")) {
      double base = ((Number) ms.get(image + " 3")).doubleValue();
      StringBuilder line = new StringBuilder("CompressFormatsTest: PNG of the " + image
          + " in Chromium, time relative to effort 3 (same run, best of 2):");
      for (String k : List.of("default", "0", "1", "3", "4")) {
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
  static final int DEFAULT_PNG_EFFORT = 3;

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

  /** Each job's options, as compress() takes them and as the JVM's pipeline does. */
  private record Job(String name, String input, Map<String, Object> js, CompressOptions jvm,
      boolean pixels) {
    Job(String name, String input, Map<String, Object> js, CompressOptions jvm) {
      this(name, input, js, jvm, false);
    }
  }

  private static final String COMPRESS_JOBS = """
      t.terminate();
      await t.init({workers: 2, shared: args[1]});
      const out = [];
      for (const j of args[0]) {
        let input = h.bytes(j.input);
        if (j.pixels) {
          const d = await t.decode(input);
          input = new ImageData(d.data, d.width, d.height);
        }
        const steps = [];
        const f = await t.compressWithFacts(input, {...j.options, onProgress: (x) => steps.push(x)});
        out.push({name: j.name, type: f.blob.type, size: f.blob.size, sha: await h.sha256(f.blob),
          width: f.width, height: f.height, quality: f.quality, encodes: f.encodes, ssim: f.ssim,
          lambda: f.lambdaHundredths, trimmed: f.trimmed, chroma: f.chroma, steps: steps.length});
      }
      return out;
      """;

  /**
   * A grey image carrying a colour profile becomes a one-channel JPEG and a greyscale PNG with
   * the equivalent grey profile (GreyProfile), and Chromium renders them, colour-managed, as it
   * renders the input: with a gamma 1.8 profile, whose grey levels Chromium shows far from their
   * numbers (the proof that it manages colour here), and with HP's sRGB profile.
   */
  @Test
  void aGreyImagesColourProfileBecomesGreyAndRendersTheSame() throws Exception {
    int w = 256;
    int h = 8;
    byte[] px = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      int v = (i % w + 37 * (i / w)) % 256;
      px[4 * i] = (byte) v;
      px[4 * i + 1] = (byte) v;
      px[4 * i + 2] = (byte) v;
      px[4 * i + 3] = (byte) 255;
    }
    Image ramp = new Image(w, h, px);
    byte[] srgb = Tegula.decode(TegulaApiTest.file("jpeg/icc_profile.jpg")).metadata().icc();
    List<String> inputs = new ArrayList<>();
    for (byte[] icc : new byte[][] {TegulaApiTest.file("icc/rgb-gamma18.icc"), srgb}) {
      byte[] png = rgbPng(ramp, icc);
      DecodedImage in = Tegula.decode(png);
      assertEquals(3, in.info().components(), "the input is an RGB PNG");
      assertArrayEquals(icc, in.metadata().icc());
      assertArrayEquals(ramp.rgba(), in.image().rgba());
      inputs.add(Base64.getEncoder().encodeToString(png));
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> r = (List<Map<String, Object>>) run(BROWSER_PIXELS + """
        const managedPixels = async (blob) => {
          const bmp = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bmp.width, bmp.height);
          const g = canvas.getContext('2d');
          g.drawImage(bmp, 0, 0);
          return g.getImageData(0, 0, bmp.width, bmp.height).data;
        };
        t.terminate();
        await t.init({workers: 1});
        const out = [];
        for (const [name, b64] of [['gamma 1.8', args[0]], ['sRGB', args[1]]]) {
          const input = new Blob([h.bytes(b64)], {type: 'image/png'});
          const shown = await managedPixels(input);
          const stored = (await browserPixels(input)).data;
          for (const [format, options] of [['jpeg', {quality: 100}], ['png', {}]]) {
            const f = await t.compressWithFacts(input, {format, ...options});
            const ours = await t.decode(f.blob);
            const head = new Uint8Array(await f.blob.arrayBuffer());
            out.push({name: `${name} ${format}`, components: ours.info.components,
              pngColourType: format === 'png' ? head[25] : -1,
              iccBytes: ours.metadata.iccBytes, icc: ours.metadata.iccColorSpace + ' '
                + ours.metadata.iccDescription,
              managing: maxDifference(shown, stored),
              rendered: maxDifference(shown, await managedPixels(f.blob))});
          }
        }
        return out;
        """, inputs.get(0), inputs.get(1));
    assertEquals(4, r.size());
    for (Map<String, Object> f : r) {
      String name = (String) f.get("name");
      assertTrue(name.endsWith("png") ? f.get("pngColourType").equals(0L)
          : f.get("components").equals(1L), "one channel: " + f);
      assertTrue((Long) f.get("iccBytes") > 0, "a profile is carried: " + f);
      assertEquals(name.startsWith("gamma") ? "GRAY Grey, from Test RGB"
          : "GRAY Grey, from sRGB IEC61966-2.1", f.get("icc"), "the grey profile: " + f);
      assertTrue((Long) f.get("rendered") <= (name.endsWith("png") ? 1 : 3),
          "Chromium renders the output as the input: " + f);
      if (name.startsWith("gamma")) {
        assertTrue((Long) f.get("managing") > 10, "Chromium manages colour here: " + f);
      }
    }
    System.out.println("CompressFormatsTest: grey images with colour profiles, Chromium's "
        + "colour-managed renders of input and output: " + r);
  }

  /**
   * An 8-bit RGB PNG (colour type 2, PNG §11.2.2) of {@code image} with an iCCP chunk holding
   * {@code icc}: the input as another program writes it (Tegula's own encoder would make a grey
   * image greyscale).
   */
  private static byte[] rgbPng(Image image, byte[] icc) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(image.width())
        .putInt(image.height()).put((byte) 8).put((byte) 2);
    chunk(out, "IHDR", ihdr.array());
    java.io.ByteArrayOutputStream iccp = new java.io.ByteArrayOutputStream();
    iccp.write("test\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    iccp.write(deflate(icc));
    chunk(out, "iCCP", iccp.toByteArray());
    byte[] rows = new byte[image.height() * (1 + 3 * image.width())];
    byte[] rgba = image.rgba();
    for (int y = 0, o = 0; y < image.height(); y++) {
      rows[o++] = 0;
      for (int x = 0; x < image.width(); x++) {
        System.arraycopy(rgba, 4 * (y * image.width() + x), rows, o, 3);
        o += 3;
      }
    }
    chunk(out, "IDAT", deflate(rows));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) {
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 1024];
    int n = d.deflate(buf);
    d.end();
    return java.util.Arrays.copyOf(buf, n);
  }

  private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void targetsResizeGreyAndLocationAsTheJvmPipelineDoes() throws Exception {
    byte[] flower = TegulaApiTest.file("photos/flower.png");
    String flower64 = Base64.getEncoder().encodeToString(flower);
    // a JPEG whose EXIF holds a location (and orientation 6)
    DecodedImage astronaut = Tegula.decode(TegulaApiTest.file("photos/astronaut.png"));
    byte[] located = Tegula.encodeJpeg(astronaut.image(),
        new Metadata(null, exifWithGps(), null, Map.of()), JpegEncodeOptions.ofQuality(90));
    String located64 = Base64.getEncoder().encodeToString(located);
    // a decoded JPEG, where an SSIM search moves JPEG's trellis lambda (TargetSearch)
    Image crop = new Image(256, 256, new byte[256 * 256 * 4]);
    for (int y = 0; y < 256; y++) {
      System.arraycopy(astronaut.image().rgba(), ((96 + y) * 512 + 128) * 4, crop.rgba(),
          y * 256 * 4, 256 * 4);
    }
    byte[] decoded = Tegula.encodeJpeg(crop, null,
        JpegEncodeOptions.ofQuality(80).withPsychovisual(false));
    String decoded64 = Base64.getEncoder().encodeToString(decoded);
    double knobTarget = Double.NaN;
    for (int t = 0; t < 40 && Double.isNaN(knobTarget); t++) {
      double target = (9000 + 23 * t) / 10000.0;
      if (Tegula.compressFile(decoded, CompressOptions.lossy(75).withFormat(ImageFormat.JPEG)
          .withTargetSsim(target), Limits.DEFAULT).lambdaHundredths() != 100) {
        knobTarget = target;
      }
    }
    assertFalse(Double.isNaN(knobTarget), "no SSIM target on the decoded JPEG moves the lambda");
    // a .tgl size target whose search trims its file to fit: the trim runs in Wasm as on the JVM
    long trimTarget = 0;
    for (int t = 0; t < 40 && trimTarget == 0; t++) {
      long target = 30_000 + 1_009L * t;
      if (Tegula.compressFile(flower, CompressOptions.lossy(75).withMaxSizeBytes(target),
          Limits.DEFAULT).trimmed()) {
        trimTarget = target;
      }
    }
    assertTrue(trimTarget > 0, "no .tgl size target on the flower trims");
    List<Job> jobs = List.of(
        new Job("jpeg 60 KB", flower64, Map.of("format", "jpeg", "maxSizeBytes", 60000),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withMaxSizeBytes(60000)),
        new Job("tgl 40 KB", flower64, Map.of("maxSizeBytes", 40000),
            CompressOptions.lossy(75).withMaxSizeBytes(40000)),
        new Job("tgl trimmed", flower64, Map.of("maxSizeBytes", trimTarget),
            CompressOptions.lossy(75).withMaxSizeBytes(trimTarget)),
        new Job("jpeg ssim lambda", decoded64, Map.of("format", "jpeg", "targetSsim", knobTarget),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withTargetSsim(knobTarget)),
        new Job("jpeg ssim 0.95", flower64, Map.of("format", "jpeg", "targetSsim", 0.95),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withTargetSsim(0.95)),
        new Job("jpeg 4:2:2 baseline restarts", flower64, Map.of("format", "jpeg", "chroma",
            "4:2:2", "baseline", true, "restartInterval", 4, "quality", 85),
            CompressOptions.lossy(85).withFormat(ImageFormat.JPEG).withJpegSubsampling(
                JpegEncodeOptions.Subsampling.S422).withJpegBaseline(true)
                .withJpegRestartInterval(4)),
        new Job("jpeg 4:4:4 ssim 0.97", flower64, Map.of("format", "jpeg", "chroma", "4:4:4",
            "targetSsim", 0.97),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withTargetSsim(0.97)
                .withJpegSubsampling(JpegEncodeOptions.Subsampling.S444)),
        // .tgl with full chroma: tile by tile, and through a search (one worker, whole)
        new Job("tgl 4:4:4 tiled", flower64, Map.of("quality", 80, "chroma", "4:4:4",
            "maxWidthOrHeight", 700, "tileSize", 256),
            CompressOptions.lossy(80).withChroma(JpegEncodeOptions.Subsampling.S444)
                .withMaxDimension(700).withTileSize(256)),
        new Job("tgl 4:4:4 ssim 0.97", flower64, Map.of("chroma", "4:4:4", "targetSsim", 0.97),
            CompressOptions.lossy(75).withTargetSsim(0.97)
                .withChroma(JpegEncodeOptions.Subsampling.S444)),
        new Job("tgl 98 tiled", flower64, Map.of("quality", 98, "maxWidthOrHeight", 600,
            "tileSize", 256), CompressOptions.lossy(98).withMaxDimension(600).withTileSize(256)),
        new Job("jpeg 400", flower64, Map.of("format", "jpeg", "maxWidthOrHeight", 400),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withMaxDimension(400)),
        new Job("png grey gamma 300", flower64, Map.of("format", "png", "grayscale", true,
            "maxWidthOrHeight", 300, "gammaCorrect", true),
            CompressOptions.lossless().withFormat(ImageFormat.PNG).withGrayscale(true)
                .withMaxDimension(300).withGammaCorrectResize(true)),
        // resized before tiling: 1000 x 667 in tiles of 256, spread over the workers
        new Job("tgl tiled 1000", flower64, Map.of("quality", 60, "maxWidthOrHeight", 1000,
            "tileSize", 256),
            CompressOptions.lossy(60).withMaxDimension(1000).withTileSize(256)),
        new Job("tgl tiled grey lossless", flower64, Map.of("lossless", true, "grayscale", true,
            "maxWidthOrHeight", 700, "tileSize", 256),
            CompressOptions.lossless().withGrayscale(true).withMaxDimension(700).withTileSize(256)),
        new Job("jpeg without location", located64, Map.of("format", "jpeg", "stripGps", true),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withStripGps(true)),
        // a JPEG source decoded shrunk (1/2, then 1/4), turned upright after the resize
        new Job("jpeg from a JPEG at 1/2", located64, Map.of("format", "jpeg",
            "maxWidthOrHeight", 120),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withMaxDimension(120)),
        new Job("tgl tiled from a JPEG at 1/4", located64, Map.of("quality", 70,
            "maxWidthOrHeight", 30, "tileSize", 256),
            CompressOptions.lossy(70).withMaxDimension(30).withTileSize(256)),
        // ImageData in: copied a slice at a time, resized in a worker, then tiled
        new Job("ImageData tgl tiled 900", flower64, Map.of("quality", 50, "maxWidthOrHeight", 900,
            "tileSize", 256), CompressOptions.lossy(50).withMaxDimension(900).withTileSize(256), true),
        new Job("ImageData jpeg 300", flower64, Map.of("format", "jpeg", "maxWidthOrHeight", 300),
            CompressOptions.lossy(75).withFormat(ImageFormat.JPEG).withMaxDimension(300), true));
    List<Map<String, Object>> input = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Job j : jobs) {
      input.add(Map.of("name", j.name(), "input", j.input(), "options", j.js(), "pixels",
          j.pixels()));
      byte[] file = Base64.getDecoder().decode(j.input());
      // pixels carry no metadata
      CompressResult r = j.pixels()
          ? Tegula.compress(new DecodedImage(Tegula.decode(file).image(), null, Metadata.EMPTY,
              true, null), j.jvm())
          : Tegula.compressFile(file, j.jvm(), Limits.DEFAULT);
      if (j.name().endsWith("without location")) {
        byte[] exif = Tegula.decode(r.bytes()).metadata().exif();
        assertTrue(exif != null && !dev.tegula.transform.LocationRemoval.hasGps(exif),
            "the location is gone, the rest of the EXIF kept");
      }
      expected.add(j.name() + ": " + r.width() + "x" + r.height() + " " + r.size() + " "
          + TegulaApiTest.sha256(r.bytes()) + " q" + (r.quality() < 0 ? 100 : r.quality())
          + " encodes " + r.encodes() + " lambda " + r.lambdaHundredths() + " trimmed "
          + r.trimmed() + " chroma " + r.chroma());
    }
    for (boolean shared : List.of(true, false)) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> r = (List<Map<String, Object>>) run(COMPRESS_JOBS, input, shared);
      List<String> got = new ArrayList<>();
      for (Map<String, Object> f : r) {
        got.add(f.get("name") + ": " + f.get("width") + "x" + f.get("height") + " " + f.get("size")
            + " " + f.get("sha") + " q" + f.get("quality") + " encodes " + f.get("encodes")
            + " lambda " + f.get("lambda") + " trimmed " + f.get("trimmed") + " chroma "
            + f.get("chroma"));
      }
      assertEquals(expected, got, shared ? "through SharedArrayBuffer" : "by transfer");
      Map<String, Map<String, Object>> by = new java.util.HashMap<>();
      r.forEach(f -> by.put((String) f.get("name"), f));
      assertTrue((Long) by.get("jpeg 60 KB").get("size") <= 60000);
      assertTrue((Long) by.get("tgl 40 KB").get("size") <= 40000);
      assertTrue((Long) by.get("jpeg 60 KB").get("encodes") <= 3, String.valueOf(by));
      assertTrue((Long) by.get("tgl 40 KB").get("encodes") <= 3, String.valueOf(by));
      assertTrue(((Number) by.get("jpeg ssim 0.95").get("ssim")).doubleValue() >= 0.95);
      // either way from x1: above it for a finer step, below it from a failure just under
      assertNotEquals(100L, by.get("jpeg ssim lambda").get("lambda"),
          "the search moved the trellis lambda: " + by.get("jpeg ssim lambda"));
      assertEquals(100L, by.get("jpeg 400").get("lambda"));
      assertEquals(-1L, by.get("tgl 40 KB").get("lambda"));
      assertEquals(Boolean.TRUE, by.get("tgl trimmed").get("trimmed"), "a .tgl trim in Wasm");
      assertEquals("4:4:4", by.get("tgl 4:4:4 tiled").get("chroma"));
      assertEquals("4:4:4", by.get("tgl 98 tiled").get("chroma"));
      assertEquals("4:2:0", by.get("tgl tiled 1000").get("chroma"));
      for (String tiled : List.of("tgl tiled 1000", "ImageData tgl tiled 900",
          "tgl 4:4:4 tiled")) {
        assertTrue((Long) by.get(tiled).get("steps") > 5,
            "coded tile by tile after the resize: " + by.get(tiled));
      }
      if (shared) {
        System.out.println("CompressFormatsTest: in Chromium as on the JVM: " + got);
      }
    }
  }

  /** Little-endian EXIF: Orientation 6 and a GPS IFD with a latitude. */
  static byte[] exifWithGps() {
    byte[] d = new byte[120];
    int[][] writes = {
        {0, 'I'}, {1, 'I'}, {2, 42}, {4, 8}, {8, 2},
        {10, 0x12}, {11, 0x01}, {12, 3}, {14, 1}, {18, 6},
        {22, 0x25}, {23, 0x88}, {24, 4}, {26, 1}, {30, 40},
        {40, 1}, {42, 2}, {44, 5}, {46, 3}, {50, 60},
        {60, 48}, {64, 1}, {68, 51}, {72, 1}, {76, 0x94}, {77, 0x0B}, {80, 100}};
    for (int[] w : writes) {
      d[w[0]] = (byte) w[1];
    }
    return d;
  }

  @Test
  void aTargetNoQualityReachesRejectsWithCodeLimit() throws Exception {
    Object r = run("""
        try {
          await t.compress(h.bytes(args[0]), {format: 'jpeg', maxSizeBytes: 500});
          return 'accepted';
        } catch (e) {
          return `${e.code}: ${e.message}`;
        }
        """, Base64.getEncoder().encodeToString(TegulaApiTest.file("photos/astronaut.png")));
    assertTrue(String.valueOf(r).startsWith("limit: "), String.valueOf(r));
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
          chromaTgl: {chroma: '4:2:2'},
          chromaLossless: {lossless: true, chroma: '4:4:4'},
          chromaValue: {format: 'jpeg', chroma: '4:1:1'},
          greyChroma: {format: 'jpeg', grayscale: true, chroma: '4:4:4'},
          baselinePng: {format: 'png', baseline: true},
          restart: {format: 'jpeg', restartInterval: 70000},
          jpegCodingAlone: {jpegCoding: 'adaptive'},
          jpegCodingValue: {jpegLossless: true, jpegCoding: 'best'},
        };
        const out = {};
        for (const [name, options] of Object.entries(cases)) {
          out[name] = await answer(options);
        }
        return out;
        """);
    assertEquals(22, r.size(), String.valueOf(r));
    for (Map.Entry<String, Object> e : r.entrySet()) {
      assertTrue(String.valueOf(e.getValue()).startsWith("argument: invalid options: "),
          e.getKey() + ": " + e.getValue());
    }
    assertTrue(String.valueOf(r.get("chromaTgl")).contains("'4:2:2' is JPEG's only"),
        String.valueOf(r));
    assertTrue(String.valueOf(r.get("jpegCodingAlone")).contains(
        "jpegCoding is a choice of JPEG-lossless storage"), String.valueOf(r));
    assertTrue(String.valueOf(r.get("jpegCodingValue")).contains(
        "jpegCoding must be 'fast' or 'adaptive', not best"), String.valueOf(r));
  }
}
