package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The app page, as a person uses it: the sample appears, dropped files are decoded. */
class AppPageTest {
  private static AppServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    server = AppServer.start();
    chromium = new Chromium();
    chromium.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            + " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"));
    chromium.driver.get(server.url());
    AppPage.waitForSample(chromium.driver);
    // For people: what the page looked like, kept with the test reports.
    byte[] png = chromium.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target"));
    java.nio.file.Files.write(java.nio.file.Paths.get("target", "app-page.png"), png);
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

  @Test
  void theBundledSampleIsDecodedOntoACanvas() {
    WebElement sample = chromium.driver.findElements(AppPage.DECODED).get(0);
    assertEquals("1134 × 756", fact(sample, "size"));
    assertEquals("JPEG", fact(sample, "format"));
    assertEquals("progressive", fact(sample, "variant"));
    assertEquals("4:2:0", fact(sample, "subsampling"));
    assertTrue(fact(sample, "decodeMs").endsWith(" ms"));
    // The canvas really holds the photo: opaque, and not one flat colour.
    Object stats = chromium.driver.executeScript("""
        const c = document.querySelector('article.result canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let opaque = true, min = 255, max = 0;
        for (let i = 0; i < d.length; i += 4) {
          opaque = opaque && d[i + 3] === 255;
          min = Math.min(min, d[i + 1]); max = Math.max(max, d[i + 1]);
        }
        return [c.width, c.height, opaque, max - min];""");
    List<?> s = (List<?>) stats;
    assertEquals(1134L, s.get(0));
    assertEquals(756L, s.get(1));
    assertEquals(true, s.get(2));
    assertTrue(((Long) s.get(3)) > 100, "green channel range " + s.get(3));
  }

  @Test
  void thePageIsCrossOriginIsolatedAndBreaksNoContentSecurityPolicy() {
    assertEquals(true, chromium.driver.executeScript("return self.crossOriginIsolated"));
    assertEquals(List.of(), chromium.driver.executeScript("return window.__csp"));
  }

  @Test
  void droppingFilesDecodesEachOne() throws Exception {
    int before = chromium.driver.findElements(By.cssSelector("article.result")).size();
    drop("rgba8.png", TestFiles.root().resolve("png/rgba8.png"));
    drop("gray.jpg", TestFiles.root().resolve("jpeg/gray.jpg"));
    drop("jpeg_not_a_jpeg.jpg", TestFiles.root().resolve("invalid/jpeg_not_a_jpeg.jpg"));
    new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(d ->
        d.findElements(By.cssSelector("article.result[data-state]")).size() == before + 3);
    List<WebElement> results = chromium.driver.findElements(By.cssSelector("article.result"));
    // Newest first.
    WebElement bad = results.get(0);
    assertEquals("error", bad.getAttribute("data-state"));
    assertEquals("malformed",
        bad.findElement(By.cssSelector(".error")).getAttribute("data-error-code"));
    WebElement gray = results.get(1);
    assertEquals("256 × 192", fact(gray, "size"));
    assertEquals("grayscale", fact(gray, "colorSpace"));
    WebElement png = results.get(2);
    assertEquals("45 × 37", fact(png, "size"));
    assertEquals("PNG", fact(png, "format"));
    assertEquals("yes", fact(png, "alpha"));
  }

  /** Dispatches a real drop event carrying a File, as dragging from the desktop does. */
  private static void drop(String name, java.nio.file.Path file) throws Exception {
    String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    chromium.driver.executeScript("""
        const bytes = Uint8Array.from(atob(arguments[1]), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], arguments[0]));
        const zone = document.getElementById('drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));""",
        name, b64);
    // Files are decoded one after another; wait for this one before dropping the next.
    new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(d ->
        d.findElements(By.cssSelector("article.result")).stream()
            .anyMatch(r -> r.findElement(By.cssSelector(".name")).getText().equals(name)
                && r.getAttribute("data-state") != null));
  }
}
