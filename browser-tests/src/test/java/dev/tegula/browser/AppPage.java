package dev.tegula.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** How tests see the app page: its status line and its decoded results. */
final class AppPage {
  private AppPage() {}

  static final By DECODED = By.cssSelector("article.result[data-state=done]");

  /** Waits until the bundled sample is shown beside its compressed version. */
  static void waitForSample(WebDriver driver) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(d -> !d.findElements(DECODED).isEmpty()
            || "error".equals(d.findElement(By.id("status")).getAttribute("data-state")));
    String state = driver.findElement(By.id("status")).getAttribute("data-state");
    if (!"ready".equals(state)) {
      throw new AssertionError("page status: " + driver.findElement(By.id("status")).getText());
    }
  }
}
