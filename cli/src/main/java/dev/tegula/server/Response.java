package dev.tegula.server;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before {@link ResponseWriter} writes it: status, the headers particular to it, and
 * the body with its exact length. The headers every response carries are the writer's.
 */
final class Response implements Closeable {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final InputStream body;
  private final long length;

  private Response(int status, InputStream body, long length) {
    this.status = status;
    this.body = body;
    this.length = length;
  }

  /** An error with a one-line text body, "404 Not Found". */
  static Response error(int status) {
    byte[] text = (status + " " + ResponseWriter.reason(status) + "\n")
        .getBytes(StandardCharsets.UTF_8);
    return new Response(status, new ByteArrayInputStream(text), text.length)
        .header("Content-Type", "text/plain; charset=utf-8");
  }

  /**
   * 200 with {@code length} bytes from {@code body}, which this response closes; body is null
   * when only the length is to be sent (HEAD).
   */
  static Response ok(InputStream body, long length) {
    return new Response(200, body, length);
  }

  /** 304: no body, not even a length (RFC 9110 §15.4.5). */
  static Response notModified() {
    return new Response(304, null, -1);
  }

  Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** The body, or null when none is to be sent. */
  InputStream body() {
    return body;
  }

  /** The body's length, or -1 for a status that has none (no Content-Length is sent). */
  long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    if (body != null) {
      body.close();
    }
  }
}
