package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.Limits;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The app page, as a person uses it: the sample appears compressed, dropped files get their own
 * cards (a .tgl is restored, a bad file fails alone), the quality slider makes a new result, the
 * viewer splits and zooms, downloads zip up, and the custom element shows a .tgl on any page.
 */
class AppPageTest {
  private static AppServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    server = AppServer.start();
    chromium = new Chromium();
    chromium.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            + " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
            // the blob behind each object URL, for reading a card's download (the page's CSP
            // lets nothing fetch a blob: URL)
            + "window.__blobs = new Map(); const createObjectURL = URL.createObjectURL;"
            + " URL.createObjectURL = (b) => { const u = createObjectURL(b); window.__blobs.set(u, b);"
            + " return u; };"));
    chromium.driver.get(server.url());
    AppPage.waitForSample(chromium.driver);
    // For people: what the page looked like, kept with the test reports.
    byte[] png = chromium.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    Files.createDirectories(java.nio.file.Paths.get("target"));
    Files.write(java.nio.file.Paths.get("target", "app-page.png"), png);
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

  private static String fact(WebElement result, String key) {
    return result.findElement(By.cssSelector("[data-fact=" + key + "]")).getText();
  }

  private static WebElement card(String name) {
    return chromium.driver.findElements(By.cssSelector("article.result")).stream()
        .filter(r -> r.findElement(By.cssSelector(".name")).getText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no card " + name));
  }

  @Test
  void theBundledSampleIsShownCompressedBesideItsOriginal() {
    WebElement sample = card("sample.jpg (bundled sample)");
    assertEquals("done", sample.getAttribute("data-state"));
    assertEquals("1134 × 756", fact(sample, "size"));
    assertEquals("JPEG", fact(sample, "format"));
    assertEquals("progressive", fact(sample, "variant"));
    assertEquals("made in advance", fact(sample, "encodeMs"));
    assertTrue(fact(sample, "decodeMs").endsWith(" ms"));
    assertTrue(fact(sample, "psnr").endsWith(" dB"), fact(sample, "psnr"));
    assertTrue(fact(sample, "saving").endsWith(" %"));
    assertEquals("Download sample.tgl", sample.findElement(By.cssSelector("a.download")).getText());
    // Both canvases really hold the photo: opaque, not one flat colour, close to each other.
    Object stats = chromium.driver.executeScript("""
        const card = arguments[0];
        const read = (c) => c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const a = read(card.querySelector('canvas.before')), b = read(card.querySelector('canvas.after'));
        let opaque = true, min = 255, max = 0, diff = 0;
        for (let i = 0; i < a.length; i += 4) {
          opaque = opaque && a[i + 3] === 255 && b[i + 3] === 255;
          min = Math.min(min, a[i + 1]); max = Math.max(max, a[i + 1]);
          diff += Math.abs(a[i + 1] - b[i + 1]);
        }
        const c = card.querySelector('canvas.after');
        return [c.width, c.height, opaque, max - min, diff / (a.length / 4)];""", sample);
    List<?> s = (List<?>) stats;
    assertEquals(1134L, s.get(0));
    assertEquals(756L, s.get(1));
    assertEquals(true, s.get(2));
    assertTrue(((Long) s.get(3)) > 100, "green channel range " + s.get(3));
    assertTrue(((Number) s.get(4)).doubleValue() < 6, "mean difference " + s.get(4));
  }

  @Test
  void thePageIsCrossOriginIsolatedAndBreaksNoContentSecurityPolicy() {
    assertEquals(true, chromium.driver.executeScript("return self.crossOriginIsolated"));
    assertEquals(List.of(), chromium.driver.executeScript("return window.__csp"));
  }

  @Test
  void droppedFilesEachGetACardAndABadOneFailsAlone() throws Exception {
    byte[] tgl = Tegula.compress(Tegula.decode(pngOf("jpeg/gray.jpg")).image(), null,
        CompressOptions.lossy(60).withTileSize(64));
    drop("rgba8.png", Files.readAllBytes(TestFiles.root().resolve("png/rgba8.png")));
    drop("gray.jpg", Files.readAllBytes(TestFiles.root().resolve("jpeg/gray.jpg")));
    drop("jpeg_not_a_jpeg.jpg", Files.readAllBytes(TestFiles.root().resolve("invalid/jpeg_not_a_jpeg.jpg")));
    drop("gray.tgl", tgl);
    drop("icc_profile.jpg", Files.readAllBytes(TestFiles.root().resolve("jpeg/icc_profile.jpg")));
    WebElement bad = card("jpeg_not_a_jpeg.jpg");
    assertEquals("error", bad.getAttribute("data-state"));
    assertEquals("malformed",
        bad.findElement(By.cssSelector(".error")).getAttribute("data-error-code"));
    WebElement gray = card("gray.jpg");
    assertEquals("done", gray.getAttribute("data-state"));
    assertEquals("256 × 192", fact(gray, "size"));
    WebElement png = card("rgba8.png");
    assertEquals("done", png.getAttribute("data-state"));
    assertEquals("45 × 37", fact(png, "size"));
    assertEquals("PNG", fact(png, "format"));
    assertEquals("sRGB IEC61966-2.1 (RGB)", fact(card("icc_profile.jpg"), "profile"));
    assertTrue(gray.findElement(By.cssSelector("[data-fact=profile]")).findElement(
        By.xpath("..")).getAttribute("hidden") != null, "no profile, no line");
    WebElement restored = card("gray.tgl");
    assertEquals("restored", restored.getAttribute("data-state"));
    assertEquals(".tgl lossy", fact(restored, "format"));
    assertEquals("Download gray.png", restored.findElement(By.cssSelector("a.download")).getText());
    // newest first
    assertEquals("icc_profile.jpg",
        chromium.driver.findElement(By.cssSelector("article.result .name")).getText());
  }

  @Test
  void aWebpOrAvifGoesToTheBrowsersDecoderAndItsPixelsAreCompressed() throws Exception {
    drop("rgba8.webp", Files.readAllBytes(TestFiles.root().resolve("browser/rgba8.webp")));
    WebElement c = card("rgba8.webp");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")));
    assertEquals("WEBP", fact(c, "format"));
    assertEquals("decoded by the browser", fact(c, "variant"));
    assertEquals("45 × 37", fact(c, "size"));
    assertEquals("45 × 37", fact(c, "resultSize"));
    assertTrue(c.findElement(By.cssSelector("option[value=exact]")).getAttribute("disabled")
        != null, "only a JPEG can be kept exactly");
    // PNG is lossless: the result is exactly the browser's decode
    c.findElement(By.cssSelector("select.format")).sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    awaitResult(c, "Download rgba8.png");
    assertEquals("∞ (identical)", fact(c, "psnr"));

    drop("photo.avif", Files.readAllBytes(TestFiles.root().resolve("browser/rgba8.avif")));
    WebElement avif = card("photo.avif");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(avif.getAttribute("data-state")));
    assertEquals("AVIF", fact(avif, "format"));
    assertEquals("Download photo.tgl", avif.findElement(By.cssSelector("a.download")).getText());
  }

  @Test
  void movingTheQualitySliderMakesANewResult() {
    drop("q.png", pngOf("photos/astronaut.png"));
    WebElement c = card("q.png");
    String before = fact(c, "resultBytes");
    WebElement quality = c.findElement(By.cssSelector("input.quality"));
    quality.click();
    // the keyboard moves the slider like the mouse
    for (int i = 0; i < 30; i++) {
      quality.sendKeys(Keys.ARROW_LEFT);
    }
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && !fact(c, "resultBytes").equals(before));
    assertTrue(Integer.parseInt(c.findElement(By.cssSelector("output.quality-value")).getText()) < 75);
    c.findElement(By.cssSelector("input.lossless")).sendKeys(Keys.SPACE);
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "psnr").startsWith("∞"));
    assertEquals("Download q.tgl", c.findElement(By.cssSelector("a.download")).getText());
  }

  @Test
  void formatAndMetadataControlsWorkFromTheKeyboard() {
    drop("k.jpg", pngOf("jpeg/exif_orientation_6.jpg"));
    WebElement c = card("k.jpg");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")));
    // the original is shown upright, as the result is written: they compare
    assertTrue(fact(c, "ssim").matches("0\\.\\d+"), fact(c, "ssim"));
    WebElement format = c.findElement(By.cssSelector("select.format"));
    format.sendKeys("J");
    awaitResult(c, "Download k.jpg");
    // orientation 6: the stored 123 x 93 is shown and written upright
    assertEquals("93 × 123", fact(c, "size"));
    assertEquals("93 × 123", fact(c, "resultSize"));
    assertTrue(c.findElement(By.cssSelector("input.lossless")).getAttribute("disabled") != null,
        "JPEG has no lossless mode");
    format.sendKeys(Keys.ARROW_DOWN);
    awaitResult(c, "Download k.png");
    assertEquals("lossless", fact(c, "qualityUsed"));
    assertTrue(c.findElement(By.cssSelector("input.quality")).getAttribute("disabled") != null);
    long kept = downloadBytes(c);
    c.findElement(By.cssSelector("input.strip")).sendKeys(Keys.SPACE);
    // the same pixels without the EXIF block: a smaller file
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && downloadBytes(c) < kept);
    format.sendKeys(Keys.ARROW_UP, Keys.ARROW_UP);
    awaitResult(c, "Download k.tgl");
  }

  @Test
  void maxSizeAndMaxDimensionControlsMakeLiveResults() {
    drop("s.png", pngOf("photos/astronaut.png"));
    WebElement c = card("s.png");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")));
    c.findElement(By.cssSelector("select.format")).sendKeys(Keys.ARROW_DOWN);
    awaitResult(c, "Download s.jpg");
    c.findElement(By.cssSelector("input.max-size")).sendKeys("20");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "resultBytes").endsWith(" KB")
            && Double.parseDouble(fact(c, "resultBytes").replace(" KB", "")) <= 20
            && Double.parseDouble(fact(c, "resultBytes").replace(" KB", "")) > 15);
    assertEquals("auto", c.findElement(By.cssSelector("output.quality-value")).getText());
    assertTrue(c.findElement(By.cssSelector("input.quality")).getAttribute("disabled") != null);
    // the search's quality in hundredths, and JPEG's trellis lambda if it moved it
    assertTrue(fact(c, "qualityUsed").matches(
        "\\d+(\\.\\d\\d)?(, trellis lambda ×\\d\\.\\d\\d)?( \\(\\d encodes\\))?"),
        fact(c, "qualityUsed"));
    c.findElement(By.cssSelector("input.max-dimension")).sendKeys("200");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "resultSize").equals("200 × 200"));
    assertEquals("n/a (resized)", fact(c, "psnr"));
  }

  @Test
  void targetSsimGreyChromaAndBaselineControlsMakeLiveResults() {
    drop("g.png", pngOf("photos/astronaut.png"));
    WebElement c = card("g.png");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")));
    WebElement chroma = c.findElement(By.cssSelector("select.chroma"));
    assertEquals("4:2:0", fact(c, "chroma"));
    // lossy .tgl has the chroma control, without JPEG's 4:2:2
    assertTrue(chroma.getAttribute("disabled") == null, "chroma is a lossy control");
    assertTrue(halfWidthHidden(chroma), ".tgl has no 4:2:2");
    new org.openqa.selenium.support.ui.Select(chroma).selectByVisibleText("4:4:4");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "chroma").equals("4:4:4"));
    c.findElement(By.cssSelector("input.lossless")).sendKeys(Keys.SPACE);
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        chroma.getAttribute("disabled") != null);
    c.findElement(By.cssSelector("input.lossless")).sendKeys(Keys.SPACE);
    new org.openqa.selenium.support.ui.Select(chroma).selectByVisibleText("auto");
    c.findElement(By.cssSelector("select.format")).sendKeys(Keys.ARROW_DOWN);
    awaitResult(c, "Download g.jpg");
    assertEquals("4:2:0", fact(c, "chroma"));
    assertTrue(!halfWidthHidden(chroma), "JPEG has 4:2:2");
    new org.openqa.selenium.support.ui.Select(chroma).selectByVisibleText("4:2:2");
    c.findElement(By.cssSelector("input.baseline")).sendKeys(Keys.SPACE);
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "chroma").equals("4:2:2"));
    c.findElement(By.cssSelector("input.target-ssim")).sendKeys("0.98");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state"))
            && "auto".equals(c.findElement(By.cssSelector("output.quality-value")).getText())
            && fact(c, "ssim").matches("0\\.\\d+") && Double.parseDouble(fact(c, "ssim")) >= 0.98);
    assertTrue(c.findElement(By.cssSelector("input.max-size")).getAttribute("disabled") != null,
        "one target at a time");
    // an SSIM search's file trimmed into its band says so, never "trimmed to fit"
    assertTrue(fact(c, "qualityUsed").matches("\\d+(\\.\\d\\d)?(, trellis lambda ×\\d\\.\\d\\d)?"
        + "(, trimmed to the target SSIM)?( \\(\\d encodes\\))?"), fact(c, "qualityUsed"));
    c.findElement(By.cssSelector("input.grayscale")).sendKeys(Keys.SPACE);
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && fact(c, "chroma").equals("grey"));
    assertTrue(chroma.getAttribute("disabled") != null, "a grey JPEG has no chroma");
  }

  private static boolean halfWidthHidden(WebElement chroma) {
    return (Boolean) chromium.driver.executeScript(
        "const o = arguments[0].querySelector('option[value=\"4:2:2\"]');"
            + " return o.disabled && o.hidden", chroma);
  }

  /** The controls a JPEG kept exactly does not use, by CSS selector. */
  private static final List<String> PIXEL_CONTROLS = List.of("input.quality", "input.lossless",
      "input.max-size", "input.target-ssim", "input.max-dimension", "input.gamma-correct",
      "input.grayscale", "select.chroma", "input.baseline", "input.strip", "input.strip-gps");

  private static boolean disabled(WebElement c, String selector) {
    return c.findElement(By.cssSelector(selector)).getAttribute("disabled") != null;
  }

  private static boolean exactOffered(WebElement c) {
    return (Boolean) chromium.driver.executeScript(
        "return !arguments[0].querySelector('select.format option[value=exact]').disabled", c);
  }

  @Test
  void aJpegKeptExactlyDownloadsATglThatRestoresToTheSameBytesAndIsSmaller() throws Exception {
    byte[] jpeg = pngOf("jpeg/progressive_420.jpg");
    drop("kept.jpg", jpeg);
    WebElement c = card("kept.jpg");
    assertEquals("done", c.getAttribute("data-state"));
    assertTrue(exactOffered(c), "a JPEG input can be kept exactly");
    for (String control : List.of("input.quality", "input.lossless", "input.max-size",
        "input.target-ssim", "input.max-dimension", "input.grayscale", "input.strip")) {
      assertFalse(disabled(c, control), control + " before");
    }
    new Select(c.findElement(By.cssSelector("select.format"))).selectByValue("exact");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && !fact(c, "jpegKept").isEmpty());
    for (String control : PIXEL_CONTROLS) {
      assertTrue(disabled(c, control), control + " does not apply to a JPEG kept exactly");
    }
    assertEquals("exact", c.findElement(By.cssSelector("output.quality-value")).getText());
    assertEquals("Download kept.tgl", c.findElement(By.cssSelector("a.download")).getText());
    assertEquals("modelled, content 2 (fast rANS coding)", fact(c, "jpegKept"));
    assertEquals("the JPEG kept bit for bit", fact(c, "qualityUsed"));
    assertEquals("∞ (identical)", fact(c, "psnr"));
    assertEquals("1.0000", fact(c, "ssim"));
    assertTrue(c.findElement(By.cssSelector(".note")).getText().contains("byte for byte"));
    byte[] tgl = downloaded(c);
    assertArrayEquals(jpeg, Tegula.restoreOriginal(tgl), "the download restores on the JVM");
    assertTrue(tgl.length < jpeg.length, tgl.length + " bytes from " + jpeg.length);
    String saving = fact(c, "saving");
    assertEquals(String.format(java.util.Locale.ROOT, "%.1f %%",
        100.0 * (1 - (double) tgl.length / jpeg.length)), saving);
    // back to lossy .tgl: every control the format uses is live again
    new Select(c.findElement(By.cssSelector("select.format"))).selectByValue("tgl");
    awaitResult(c, "Download kept.tgl");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        fact(c, "qualityUsed").matches("\\d+"));
    for (String control : List.of("input.quality", "input.lossless", "input.max-size",
        "input.target-ssim", "input.max-dimension", "input.grayscale", "input.strip",
        "input.strip-gps")) {
      assertFalse(disabled(c, control), control + " after");
    }
    assertTrue(c.findElement(By.cssSelector(".note")).getAttribute("hidden") != null);
    assertFalse(c.findElement(By.cssSelector("[data-fact=jpegKept]")).isDisplayed());
  }

  @Test
  void aJpegKeptExactlyIsShownUprightAndIdentical() throws Exception {
    byte[] jpeg = pngOf("jpeg/exif_orientation_6.jpg");
    drop("turned.jpg", jpeg);
    WebElement c = card("turned.jpg");
    new Select(c.findElement(By.cssSelector("select.format"))).selectByValue("exact");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && !fact(c, "jpegKept").isEmpty());
    assertEquals("93 × 123", fact(c, "size"));
    assertEquals("93 × 123", fact(c, "resultSize"));
    assertEquals("∞ (identical)", fact(c, "psnr"));
    assertArrayEquals(jpeg, Tegula.restoreOriginal(downloaded(c)));
  }

  @Test
  void aJpegTheModelCannotDescribeIsStoredVerbatimAndSaysWhy() throws Exception {
    byte[] jpeg = pngOf("jpeg-arith-twins/s420.arith.jpg");
    String reason = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).reason();
    drop("arith.jpg", jpeg);
    WebElement c = card("arith.jpg");
    new Select(c.findElement(By.cssSelector("select.format"))).selectByValue("exact");
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state")) && !fact(c, "jpegKept").isEmpty());
    assertEquals("stored verbatim: " + reason, fact(c, "jpegKept"));
    assertEquals("∞ (identical)", fact(c, "psnr"));
    byte[] tgl = downloaded(c);
    assertArrayEquals(jpeg, Tegula.restoreOriginal(tgl));
    // a file kept as it is grows by the container: the card says so
    assertTrue(tgl.length > jpeg.length);
    assertTrue(c.findElement(By.cssSelector(".note")).getText().contains("not smaller"),
        c.findElement(By.cssSelector(".note")).getText());
  }

  @Test
  void onlyAJpegInputCanBeKeptExactly() {
    drop("only.png", pngOf("png/rgba8.png"));
    WebElement c = card("only.png");
    assertEquals("done", c.getAttribute("data-state"));
    assertFalse(exactOffered(c), "a PNG has no JPEG to keep");
    WebElement sample = card("sample.jpg (bundled sample)");
    assertTrue(exactOffered(sample));
  }

  @Test
  void aTglHoldingAJpegGivesBackTheOriginalJpeg() throws Exception {
    byte[] jpeg = pngOf("jpeg/baseline_420.jpg");
    byte[] tgl = Tegula.compressJpegLossless(jpeg, Limits.DEFAULT).tgl();
    drop("photo.tgl", tgl);
    WebElement c = card("photo.tgl");
    assertEquals("restored", c.getAttribute("data-state"));
    assertEquals(".tgl holding a JPEG", fact(c, "format"));
    assertEquals("baseline", fact(c, "variant"));
    assertEquals("Download photo.jpg", c.findElement(By.cssSelector("a.download")).getText());
    assertArrayEquals(jpeg, downloaded(c), "the download is the JPEG, byte for byte");
    assertTrue(c.findElement(By.cssSelector(".note")).getText().contains("original JPEG file"));
    assertTrue(c.findElement(By.cssSelector(".note")).getText().contains("SHA-256 checked"));
    // its pixels are shown: those of the JPEG
    dev.tegula.core.Image want = Tegula.decode(jpeg).image();
    assertEquals(want.width() + " × " + want.height(), fact(c, "size"));
    assertEquals(List.of((long) want.width(), (long) want.height()), chromium.driver.executeScript(
        "const b = arguments[0].querySelector('canvas.before'); return [b.width, b.height];", c));
  }

  /** The .tgl of a JPEG kept exactly, one byte of its last TILE chunk's data changed. */
  private static byte[] damagedLastTile(String jpeg) {
    byte[] tgl = Tegula.compressJpegLossless(pngOf(jpeg), Limits.DEFAULT).tgl();
    // format.md §4 framing: length, type, data, CRC; the chunks start after the 10-byte signature
    int last = -1;
    for (int at = 10; at + 12 <= tgl.length; at += 12 + java.nio.ByteBuffer.wrap(tgl, at, 4).getInt()) {
      if (new String(tgl, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("TILE")) {
        last = at;
      }
    }
    tgl[last + 8 + java.nio.ByteBuffer.wrap(tgl, last, 4).getInt() / 2] ^= 0x20;
    return tgl;
  }

  @Test
  void aDamagedTglHoldingAJpegFailsOnItsCardWithItsMessage() {
    // one band: nothing to show
    drop("damaged.tgl", damagedLastTile("jpeg/baseline_420.jpg"));
    WebElement c = card("damaged.tgl");
    assertEquals("error", c.getAttribute("data-state"));
    String message = c.findElement(By.cssSelector(".error")).getText();
    assertTrue(message.matches("Cannot decode: tile 0 .* is damaged: .*"), message);
    assertFalse(c.findElement(By.cssSelector("a.download")).isDisplayed(), "nothing to download");
    // several bands, the last damaged: the rest is shown, the JPEG cannot be given back
    drop("damaged-band.tgl", damagedLastTile("jpeg/size_1023x769_420.jpg"));
    WebElement band = card("damaged-band.tgl");
    assertEquals("error", band.getAttribute("data-state"));
    String warning = band.findElement(By.cssSelector(".warning")).getText();
    String error = band.findElement(By.cssSelector(".error")).getText();
    System.out.println("A .tgl holding a JPEG, one band damaged, on its card: " + warning + " / " + error);
    assertTrue(warning.startsWith("Incomplete: "), warning);
    assertTrue(error.startsWith("Cannot restore: "), error);
    assertEquals("1023 × 769", fact(band, "size"));
    assertFalse(band.findElement(By.cssSelector("a.download")).isDisplayed(), "nothing to download");
    // the other cards carry on
    assertEquals("done", card("sample.jpg (bundled sample)").getAttribute("data-state"));
  }

  /** The bytes the card's download link saves. */
  private static byte[] downloaded(WebElement c) {
    String b64 = (String) chromium.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        window.__blobs.get(arguments[0].querySelector('a.download').href).arrayBuffer().then((b) => {
          let s = '';
          for (const x of new Uint8Array(b)) s += String.fromCharCode(x);
          done(btoa(s));
        });""", c);
    return Base64.getDecoder().decode(b64);
  }

  /** The exact size of the card's download (the link's data-bytes). */
  private static long downloadBytes(WebElement c) {
    return Long.parseLong(c.findElement(By.cssSelector("a.download")).getAttribute("data-bytes"));
  }

  private static void awaitResult(WebElement c, String download) {
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        "done".equals(c.getAttribute("data-state"))
            && download.equals(c.findElement(By.cssSelector("a.download")).getText()));
  }

  @Test
  void theViewerSplitsAndZoomsToPixels() {
    WebElement sample = card("sample.jpg (bundled sample)");
    WebElement split = sample.findElement(By.cssSelector("input.split"));
    split.click();
    split.sendKeys(Keys.HOME);
    assertEquals("0%", chromium.driver.executeScript(
        "return arguments[0].querySelector('.stage').style.getPropertyValue('--split')", sample));
    new Select(sample.findElement(By.cssSelector("select.zoom"))).selectByValue("8");
    assertEquals(1134L * 8, chromium.driver.executeScript(
        "return arguments[0].querySelector('.stage').getBoundingClientRect().width", sample));
    sample.findElement(By.cssSelector("input.heat-toggle")).click();
    assertEquals(false, chromium.driver.executeScript(
        "return arguments[0].querySelector('canvas.heat').hidden", sample));
    new Select(sample.findElement(By.cssSelector("select.zoom"))).selectByValue("fit");
  }

  @Test
  void pastedAndChosenFilesGetCardsAndDownloadAllZipsEveryResult() throws Exception {
    chromium.driver.executeScript("""
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0))], 'pasted.png'));
        document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));""",
        Base64.getEncoder().encodeToString(pngOf("png/rgba8.png")));
    waitForCard("pasted.png");
    assertEquals("done", card("pasted.png").getAttribute("data-state"));
    // choosing files: the file input, as the file dialog fills it
    chromium.driver.findElement(By.id("file"))
        .sendKeys(TestFiles.root().resolve("jpeg/gray.jpg").toAbsolutePath().toString());
    waitForCard("gray.jpg");
    // the zip the button makes: the anchor's click is caught to read what would be saved
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) chromium.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        // the blob behind the object URL the button makes, and the anchor's click caught
        const createObjectURL = URL.createObjectURL;
        let last = null;
        URL.createObjectURL = (blob) => {
          last = blob;
          return createObjectURL(blob);
        };
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
          HTMLAnchorElement.prototype.click = click;
          URL.createObjectURL = createObjectURL;
          last.arrayBuffer().then((b) => {
            let s = '';
            for (const x of new Uint8Array(b)) s += String.fromCharCode(x);
            done([this.download, btoa(s)]);
          });
        };
        document.getElementById('download-all').click();""");
    assertEquals("tegula.zip", r.get(0));
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(
        new ByteArrayInputStream(Base64.getDecoder().decode((String) r.get(1))))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        assertTrue(data.length > 0, e.getName());
        names.add(e.getName());
      }
    }
    assertTrue(names.containsAll(List.of("sample.tgl", "pasted.tgl", "gray.tgl")), names.toString());
  }

  private static void waitForCard(String name) {
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        d.findElements(By.cssSelector("article.result")).stream().anyMatch(r ->
            r.findElement(By.cssSelector(".name")).getText().equals(name)
                && r.getAttribute("data-state") != null
                && !r.getAttribute("data-state").equals("working")));
  }

  @Test
  void theZipWriterMakesAnArchiveJavaReads() throws Exception {
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) chromium.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        (async () => {
          const {zip} = await import('/zip.js');
          const blob = await zip([
            {name: 'a.tgl', data: new Uint8Array([1, 2, 3])},
            {name: 'a.tgl', data: new Blob(['second'])},
            {name: 'ü/ß.png', data: new ArrayBuffer(0)},
          ]);
          const view = new Uint8Array(await blob.arrayBuffer());
          let s = '';
          for (const b of view) s += String.fromCharCode(b);
          return [blob.type, btoa(s)];
        })().then(done, (e) => done(['failed', String(e)]));""");
    assertEquals("application/zip", r.get(0));
    List<String> entries = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(
        new ByteArrayInputStream(Base64.getDecoder().decode((String) r.get(1))))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.add(e.getName() + "=" + new String(in.readAllBytes(), "ISO-8859-1").length());
      }
    }
    assertEquals(List.of("a.tgl=3", "a (2).tgl=6", "ü_ß.png=0"), entries);
  }

  @Test
  void theCustomElementShowsATglOnAnyPage() {
    String app = chromium.driver.getCurrentUrl();
    try {
      chromium.driver.get(server.url() + "api-test/img.html");
      new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d -> d.findElements(
          By.cssSelector("tegula-img[data-state=loaded], tegula-img[data-state=error]")).size() == 3);
      assertEquals("loaded", chromium.driver.findElement(By.id("sample")).getAttribute("data-state"));
      assertEquals(1134L, chromium.driver.executeScript(
          "return document.getElementById('sample').naturalWidth"));
      assertEquals("error", chromium.driver.findElement(By.id("broken")).getAttribute("data-state"));
      // width="150" of the 1134x756 JPEG: decoded at 1/4 (284x189; 1/8 would be 142 < 150),
      // shown 150 CSS pixels wide, its natural size still the photo's
      assertEquals("loaded", chromium.driver.findElement(By.id("thumb")).getAttribute("data-state"));
      assertEquals(List.of(284L, 189L, 1134L, 756L, 150L, 100L), chromium.driver.executeScript("""
          const t = document.getElementById('thumb');
          const c = t.shadowRoot.querySelector('canvas');
          const r = c.getBoundingClientRect();
          return [c.width, c.height, t.naturalWidth, t.naturalHeight, r.width, Math.round(r.height)];
          """));
      // loading="lazy" far below the fold: nothing fetched until it is scrolled near
      chromium.driver.executeScript("""
          const spacer = document.createElement('div');
          spacer.style.height = '5000px';
          const lazy = document.createElement('tegula-img');
          lazy.id = 'lazy';
          lazy.setAttribute('loading', 'lazy');
          lazy.setAttribute('src', '/sample.jpg?lazy');
          document.body.append(spacer, lazy);
          """);
      String fetched = "return [document.getElementById('lazy').dataset.state ?? 'none',"
          + " performance.getEntriesByType('resource').some((e) => e.name.endsWith('?lazy'))]";
      long until = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < until) {
        assertEquals(List.of("none", false), chromium.driver.executeScript(fetched));
      }
      chromium.driver.executeScript("document.getElementById('lazy').scrollIntoView()");
      new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d -> "loaded".equals(
          d.findElement(By.id("lazy")).getAttribute("data-state")));
      assertEquals(List.of("loaded", true), chromium.driver.executeScript(fetched));
      assertEquals(1134L, chromium.driver.executeScript(
          "return document.getElementById('lazy').naturalWidth"));
      assertEquals(List.of(), chromium.driver.executeScript("return window.__csp"));
    } finally {
      chromium.driver.get(app);
      AppPage.waitForSample(chromium.driver);
    }
  }

  private static byte[] pngOf(String relative) {
    try {
      return Files.readAllBytes(TestFiles.root().resolve(relative));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Dispatches a real drop event carrying a File, as dragging from the desktop does. */
  private static void drop(String name, byte[] bytes) {
    String b64 = Base64.getEncoder().encodeToString(bytes);
    chromium.driver.executeScript("""
        const bytes = Uint8Array.from(atob(arguments[1]), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], arguments[0]));
        const zone = document.getElementById('drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));""",
        name, b64);
    // Files are worked on one after another; wait for this one before dropping the next.
    new WebDriverWait(chromium.driver, Duration.ofSeconds(60)).until(d ->
        d.findElements(By.cssSelector("article.result")).stream().anyMatch(r ->
            r.findElement(By.cssSelector(".name")).getText().equals(name)
                && r.getAttribute("data-state") != null
                && !r.getAttribute("data-state").equals("working")));
  }
}
