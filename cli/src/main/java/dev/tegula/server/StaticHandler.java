package dev.tegula.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Answers GET and HEAD with files from a {@link StaticFiles}; everything else is an error. */
final class StaticHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(StaticHandler.class.getName());

  private static final Map<Integer, String> REASONS = Map.of(
      400, "Bad Request",
      404, "Not Found",
      405, "Method Not Allowed",
      414, "URI Too Long",
      431, "Request Header Fields Too Large",
      500, "Internal Server Error");

  /**
   * Header lines and bytes a request may carry (issue 8); more is answered 431. The JDK server's
   * own limits (see {@link StaticServer}) are set higher, so that requests between the two get
   * this answer rather than a dropped connection; beyond those the JDK drops the connection.
   */
  static final int MAX_HEADERS = 100;
  static final int MAX_HEADER_BYTES = 32 * 1024;

  private final StaticFiles files;

  StaticHandler(StaticFiles files) {
    this.files = files;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "failed to answer " + exchange.getRequestURI(), e);
      if (exchange.getResponseCode() < 0) {
        sendError(exchange, 500, isHead(exchange));
      }
    } finally {
      exchange.close();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    StaticServer.SECURITY_HEADERS.forEach(headers::set);
    headers.set("Cache-Control", "no-cache");

    String method = exchange.getRequestMethod();
    boolean head = isHead(exchange);
    if (headersTooLarge(exchange.getRequestHeaders())) {
      headers.set("Connection", "close");
      sendError(exchange, 431, head);
      return;
    }
    if (!head && !"GET".equals(method)) {
      headers.set("Allow", "GET, HEAD");
      sendError(exchange, 405, false);
      return;
    }

    String path;
    try {
      path = RequestPath.toRelative(exchange.getRequestURI().getRawPath());
    } catch (RequestPath.Rejected e) {
      sendError(exchange, e.status(), head);
      return;
    }

    Optional<Resource> found;
    try {
      found = files.find(path);
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot read " + path, e);
      sendError(exchange, 500, head);
      return;
    }
    if (found.isEmpty()) {
      sendError(exchange, 404, head);
      return;
    }
    Resource resource = found.get();
    if (resource.path().endsWith("-worker.js")) {
      headers.set("Content-Security-Policy", StaticServer.WORKER_CONTENT_SECURITY_POLICY);
    }
    headers.set("ETag", resource.etag());
    if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), resource.etag())) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    headers.set("Content-Type", ContentTypes.forPath(resource.path()));
    long size = resource.size();
    if (head) {
      headers.set("Content-Length", Long.toString(size));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    // the JDK server reads 0 as "length unknown, send chunked" and -1 as "no body"
    exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
    if (size > 0) {
      try (InputStream in = resource.open(); OutputStream out = exchange.getResponseBody()) {
        copyExactly(in, out, size);
      }
    }
  }

  /** Sends exactly the announced length: a file that shrank meanwhile aborts the response. */
  private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("file shrank while being sent");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /** Counts header lines and their bytes as sent ("Name: value" and CRLF). */
  static boolean headersTooLarge(Headers request) {
    int lines = 0;
    long bytes = 0;
    for (Map.Entry<String, java.util.List<String>> e : request.entrySet()) {
      for (String value : e.getValue()) {
        lines++;
        bytes += e.getKey().length() + 2 + value.length() + 2;
      }
    }
    return lines > MAX_HEADERS || bytes > MAX_HEADER_BYTES;
  }

  /** RFC 9110 §13.1.2: weak comparison, a list of tags or "*". */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = stripWeak(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || stripWeak(tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static boolean isHead(HttpExchange exchange) {
    return "HEAD".equals(exchange.getRequestMethod());
  }

  private static void sendError(HttpExchange exchange, int status, boolean head)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.remove("ETag");
    headers.set("Content-Type", "text/plain; charset=utf-8");
    byte[] body = (status + " " + REASONS.getOrDefault(status, "Error") + "\n")
        .getBytes(StandardCharsets.UTF_8);
    if (head) {
      headers.set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
