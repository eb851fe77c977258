package dev.tegula.server;

/**
 * A request the server refuses before (or instead of) looking at what it asks for: malformed,
 * too large, or in a protocol version or framing it does not speak. The connection is closed
 * after the answer, because where the next request would start is no longer certain.
 */
final class HttpError extends Exception {
  private final int status;

  HttpError(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
