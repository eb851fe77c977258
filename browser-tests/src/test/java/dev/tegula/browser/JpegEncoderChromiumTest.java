package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.jpeg.JpegEncodeOptions.Subsampling;
import dev.tegula.core.DecodeOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JPEGs written by our encoder decode in Chromium (createImageBitmap, its own libjpeg-turbo) to
 * the pixels our JVM decoder gives for the same bytes, within 1 per sample: baseline and
 * progressive, every subsampling, grayscale, restart intervals, low and high qualities.
 */
class JpegEncoderChromiumTest {
  @RegisterExtension
  static final BrowserSession session = BrowserSession.at("");

  /** Decodes each base64 JPEG with createImageBitmap and returns "WxH base64(RGBA)". */
  private static final String DECODE = """
      const [files, done] = [arguments[0], arguments[arguments.length - 1]];
      (async () => {
        const out = [];
        for (const b64 of files) {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const bmp = await createImageBitmap(new Blob([bytes], {type: 'image/jpeg'}),
              {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
          const canvas = new OffscreenCanvas(bmp.width, bmp.height);
          const g = canvas.getContext('2d');
          g.drawImage(bmp, 0, 0);
          const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
          let s = '';
          for (let i = 0; i < d.length; i += 0x8000) {
            s += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
          }
          out.push(bmp.width + 'x' + bmp.height + ' ' + btoa(s));
        }
        return out;
      })().then(done, (e) => done([`script failed: ${e}`]));
      """;

  private static Image photo(String name, int x0, int y0, int w, int h) throws Exception {
    Image src = Tegula.decode(Files.readAllBytes(TestFiles.root().resolve("photos").resolve(name)))
        .image();
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src.rgba(), ((y0 + y) * src.width() + x0) * 4, rgba, y * w * 4, w * 4);
    }
    return new Image(w, h, rgba);
  }

  @Test
  void chromiumDecodesOurJpegsToOurDecodersPixels() throws Exception {
    List<Image> images = List.of(photo("flower.png", 300, 200, 320, 240),
        photo("astronaut.png", 101, 57, 203, 157));
    List<JpegEncodeOptions> options = new ArrayList<>();
    for (Subsampling s : Subsampling.values()) {
      options.add(JpegEncodeOptions.ofQuality(80).withSubsampling(s).withProgressive(false));
      options.add(JpegEncodeOptions.ofQuality(80).withSubsampling(s));
    }
    options.add(JpegEncodeOptions.ofQuality(10));
    options.add(JpegEncodeOptions.ofQuality(98));
    options.add(JpegEncodeOptions.ofQuality(60).withRestartInterval(4));
    options.add(JpegEncodeOptions.ofQuality(60).withGrayscale(true));
    options.add(JpegEncodeOptions.ofQuality(75).withPsychovisual(false).withOptimizeHuffman(false)
        .withProgressive(false));

    List<String> encoded = new ArrayList<>();
    List<byte[]> jvm = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Image img : images) {
      for (JpegEncodeOptions o : options) {
        byte[] jpeg = dev.tegula.jpeg.JpegEncoder.encode(img, null, o);
        DecodedImage d = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
        encoded.add(Base64.getEncoder().encodeToString(jpeg));
        jvm.add(d.image().rgba());
        names.add(img.width() + "x" + img.height() + " " + o);
      }
    }
    @SuppressWarnings("unchecked")
    List<String> browser = (List<String>) session.driver().executeAsyncScript(DECODE, encoded);
    assertEquals(encoded.size(), browser.size(), "browser answered " + browser);
    List<String> mismatches = new ArrayList<>();
    int worst = 0;
    int identical = 0;
    for (int i = 0; i < browser.size(); i++) {
      String[] r = browser.get(i).split(" ", 2);
      byte[] rgba = Base64.getDecoder().decode(r[1]);
      byte[] ours = jvm.get(i);
      if (rgba.length != ours.length) {
        mismatches.add(names.get(i) + ": browser size " + r[0]);
        continue;
      }
      int max = 0;
      for (int k = 0; k < ours.length; k++) {
        max = Math.max(max, Math.abs((ours[k] & 0xFF) - (rgba[k] & 0xFF)));
      }
      if (max > 1) {
        mismatches.add(names.get(i) + ": max difference " + max);
      }
      worst = Math.max(worst, max);
      identical += max == 0 ? 1 : 0;
    }
    System.out.println(browser.size() + " JPEGs decoded in Chromium: " + identical
        + " identical to the JVM decode, largest difference " + worst);
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }
}
