package dev.tegula.recompress;

/**
 * The JPEG is valid enough for a decoder but cannot be rebuilt from the model (arithmetic coding,
 * a scan that ends early, a run that crosses a restart marker ...): the file is stored verbatim.
 * Never escapes this package.
 */
final class NotModellable extends RuntimeException {
  NotModellable(String why) {
    super(why, null, false, false);
  }
}
