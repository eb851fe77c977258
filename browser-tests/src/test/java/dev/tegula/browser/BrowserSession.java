package dev.tegula.browser;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One app server and one Chromium for a test class, with a page open:
 * {@code @RegisterExtension static final BrowserSession session = BrowserSession.at("api-test/index.html");}
 * Starting both takes seconds, so a class shares them across its tests.
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
  private final String page;
  private final String beforeLoad;
  private final boolean waitForSample;
  private AppServer server;
  private Chromium chromium;

  private BrowserSession(String page, String beforeLoad, boolean waitForSample) {
    this.page = page;
    this.beforeLoad = beforeLoad;
    this.waitForSample = waitForSample;
  }

  /** Opens {@code page}, a path under the server's root ("" for the app). */
  static BrowserSession at(String page) {
    return new BrowserSession(page, null, false);
  }

  /** Opens {@code page} with {@code script} run in the page before any of the page's own. */
  static BrowserSession at(String page, String script) {
    return new BrowserSession(page, script, false);
  }

  /** Opens the app and waits until it has shown its sample image (the codec is loaded then). */
  static BrowserSession appWithSample() {
    return new BrowserSession("", null, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = AppServer.start();
    chromium = new Chromium();
    if (beforeLoad != null) {
      chromium.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
          Map.of("source", beforeLoad));
    }
    chromium.driver.get(server.url() + page);
    if (waitForSample) {
      AppPage.waitForSample(chromium.driver);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  ChromeDriver driver() {
    return chromium.driver;
  }

  /** The server's root URL, ending in '/'. */
  String url() {
    return server.url();
  }

  /** {@link ApiScript#run}'s answer; a failed script fails the test with its message. */
  Object run(String body, Object... args) {
    Object r = ApiScript.run(chromium.driver, body, args);
    if (r instanceof String text && text.startsWith("script failed")) {
      throw new AssertionError(text);
    }
    return r;
  }
}
