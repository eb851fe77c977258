package dev.tegula.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes every response the server sends, whatever its status or origin (a file, a refused
 * request, a timeout, an overloaded server), so that the security headers are on all of them.
 */
final class ResponseWriter {
  /** Sent on every response, errors included; a response may override a value (CSP). */
  static final Map<String, String> SECURITY_HEADERS = securityHeaders();

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"),
      Map.entry(304, "Not Modified"),
      Map.entry(400, "Bad Request"),
      Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"),
      Map.entry(414, "URI Too Long"),
      Map.entry(421, "Misdirected Request"),
      Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(505, "HTTP Version Not Supported"));

  /** RFC 9110 §5.6.7 IMF-fixdate; two-digit days, which RFC_1123_DATE_TIME does not give. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  /** Bodies are copied in pieces of this size; the write deadline applies to each. */
  static final int CHUNK = 64 * 1024;

  private ResponseWriter() {}

  static String reason(int status) {
    return REASONS.getOrDefault(status, "Error");
  }

  /**
   * Writes the status line, headers and (unless {@code head} or a 304) exactly
   * {@code response.length()} bytes of body.
   *
   * @param close whether to announce that the connection closes after this response
   * @throws IOException when the client is gone, or the body ends short of its length (a file
   *     that shrank meanwhile): the connection is then unusable and must be dropped
   */
  static void write(Response response, boolean head, boolean close, OutputStream out)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Date", IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    headers.putAll(SECURITY_HEADERS);
    headers.put("Cache-Control", "no-cache");
    headers.putAll(response.headers());
    if (response.length() >= 0) {
      headers.put("Content-Length", Long.toString(response.length()));
    }
    if (close) {
      headers.put("Connection", "close");
    }

    StringBuilder text = new StringBuilder(1024)
        .append("HTTP/1.1 ").append(response.status()).append(' ')
        .append(reason(response.status())).append("\r\n");
    headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head && response.length() > 0) {
      copyExactly(response.body(), out, response.length());
    }
    out.flush();
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[CHUNK];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("body ended " + left + " bytes short of its length");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static Map<String, String> securityHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Cross-Origin-Embedder-Policy", "require-corp");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", StaticServer.CONTENT_SECURITY_POLICY);
    headers.put("Referrer-Policy", "no-referrer");
    return Collections.unmodifiableMap(headers);
  }
}
