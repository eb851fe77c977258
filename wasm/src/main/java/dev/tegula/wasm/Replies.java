package dev.tegula.wasm;

import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.core.TegulaException;
import java.util.function.Supplier;

/**
 * Every export's failure as an {@code {error: {code, message, offset}}} reply: the input's
 * problems with their codes, the caller's misuse as "argument", a codec bug as "internal": a Java
 * exception here; a bad array index or null in the shipped, non-strict module traps instead, and
 * the worker reports that as "internal" too (the strict build would bring it here).
 */
final class Replies {
  private Replies() {}

  static String of(Supplier<String> work) {
    try {
      return work.get();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (IllegalArgumentException e) {
      return error("argument", String.valueOf(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return error("internal", "internal codec error: " + e.getClass().getName() + ": "
          + e.getMessage());
    }
  }

  static String error(String code, String message) {
    return new Json()
        .putRaw("error", new Json()
            .put("code", code)
            .put("message", message)
            .put("offset", -1)
            .toString())
        .toString();
  }
}
