package dev.tegula.browser;

import org.openqa.selenium.JavascriptExecutor;

/** Runs test code against tegula.js in the page: an async body with t, h and args in scope. */
final class ApiScript {
  private ApiScript() {}

  /**
   * @param body the inside of an async function: {@code t} is tegula.js, {@code h} the test
   *     helpers (api-test/helpers.js), {@code args} the arguments; its result is returned
   */
  static Object run(JavascriptExecutor driver, String body, Object... args) {
    String script = """
        const done = arguments[arguments.length - 1];
        const args = Array.from(arguments).slice(0, -1);
        (async () => {
          const t = await import('/tegula.js');
          const h = await import('/api-test/helpers.js');
        """ + body + """
        })().then(done, (e) => done(`script failed: ${e.code} ${e.message} ${e.stack}`));
        """;
    return driver.executeAsyncScript(script, args);
  }
}
