package dev.tegula.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offline use: after one visit the Service Worker has the app shell and the codec; with the
 * network switched off (DevTools) and the server stopped, a reload shows the app, and compress
 * and restore still work.
 */
class OfflineTest {
  private static AppServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    server = AppServer.start();
    chromium = new Chromium();
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

  @Test
  void afterOneVisitTheAppCompressesAndRestoresOffline() {
    chromium.driver.get(server.url());
    AppPage.waitForSample(chromium.driver);
    Object controlled = chromium.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.ready.then(async () => {
          if (!navigator.serviceWorker.controller) {
            await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
          }
          done((await caches.keys()).sort());
        }, (e) => done(String(e)));""");
    assertTrue(controlled instanceof List, "no Service Worker: " + controlled);
    assertTrue(((List<?>) controlled).containsAll(List.of("tegula-codecs", "tegula-immutable")),
        "caches " + controlled);

    chromium.driver.executeCdpCommand("Network.enable", Map.of());
    chromium.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true,
        "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    server.close();
    server = null;

    chromium.driver.navigate().refresh();
    AppPage.waitForSample(chromium.driver);
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) chromium.driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        (async () => {
          const t = await import('/tegula.js');
          const image = new ImageData(700, 300);
          for (let i = 0; i < image.data.length; i += 4) {
            image.data.set([i % 251, i % 241, 90, 255], i);
          }
          const tgl = await t.compress(image, {quality: 60, tileSize: 256});
          const png = await t.restore(tgl);
          const back = await t.decode(png);
          return [navigator.onLine, !!navigator.serviceWorker.controller, tgl.type, png.type,
            back.width, back.height, document.getElementById('status').dataset.state,
            self.crossOriginIsolated];
        })().then(done, (e) => done([`failed: ${e.code} ${e.message}`]));""");
    assertEquals(List.of(false, true, "image/x-tegula", "image/png", 700L, 300L, "ready", true), r);
  }
}
