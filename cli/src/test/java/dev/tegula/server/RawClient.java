package dev.tegula.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 client for tests: sends exactly the given bytes and parses the answers itself,
 * so that no client library fixes, refuses or normalises what the test means to send.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  RawClient(int port, int timeoutMillis) throws IOException {
    this(InetAddress.getLoopbackAddress(), port, timeoutMillis);
  }

  RawClient(InetAddress address, int port, int timeoutMillis) throws IOException {
    socket = new Socket(address, port);
    socket.setSoTimeout(timeoutMillis);
    in = socket.getInputStream();
  }

  /** Sends bytes; a server that hung up meanwhile is not an error (it may refuse early). */
  RawClient send(byte[] bytes) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException hungUp) {
      // the answer (or the lack of one) is what the test looks at
    }
    return this;
  }

  RawClient send(String latin1) {
    return send(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /**
   * Reads one response: status line, headers, and a body of its Content-Length (none for HEAD,
   * 1xx, 204 and 304). Null when the server closed (or reset) the connection before a byte.
   *
   * @throws SocketTimeoutException when nothing complete came within the timeout
   */
  Response read(boolean head) throws IOException {
    String statusLine;
    try {
      statusLine = line();
    } catch (SocketException reset) {
      return null;
    }
    if (statusLine == null) {
      return null;
    }
    Response r = new Response(statusLine);
    for (String line; !(line = line()).isEmpty(); ) {
      int colon = line.indexOf(':');
      r.headerLines.add(line);
      r.headers.putIfAbsent(line.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    String length = r.header("Content-Length");
    boolean noBody = head || r.status / 100 == 1 || r.status == 204 || r.status == 304;
    if (!noBody && length != null) {
      r.body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.ISO_8859_1);
    }
    return r;
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Whether the server closes the connection (EOF or reset) within the timeout, unread bytes aside. */
  boolean closedByServer() throws IOException {
    try {
      while (in.read() >= 0) {
        // bytes after the response: not a close
        return false;
      }
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException open) {
      return false;
    }
  }

  /** Everything the server sends until it closes. */
  String readAll() throws IOException {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException reset) {
      return "";
    }
  }

  /** One line without its CRLF; null at EOF before any byte of it. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside a line: " + line);
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One parsed response. */
  static final class Response {
    final String statusLine;
    final int status;
    final List<String> headerLines = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String body = "";

    Response(String statusLine) {
      this.statusLine = statusLine;
      int status;
      try {
        status = statusLine.startsWith("HTTP/1.1 ") ? Integer.parseInt(statusLine.substring(9, 12))
            : -1;
      } catch (RuntimeException e) {
        status = -1;
      }
      this.status = status;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The headers issue 8 requires on every response. */
    boolean hasSecurityHeaders() {
      return "same-origin".equals(header("Cross-Origin-Opener-Policy"))
          && "require-corp".equals(header("Cross-Origin-Embedder-Policy"))
          && "same-origin".equals(header("Cross-Origin-Resource-Policy"))
          && "nosniff".equals(header("X-Content-Type-Options"))
          && header("Content-Security-Policy") != null;
    }

    @Override
    public String toString() {
      return statusLine + " " + headers;
    }
  }
}
