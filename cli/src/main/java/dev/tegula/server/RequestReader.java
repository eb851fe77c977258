package dev.tegula.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request heads from a connection, one after another (RFC 9112 §2-§6), within issue 8's
 * limits, and refuses anything malformed with an {@link HttpError}. Strict where leniency has let
 * a request mean two things to two parsers (bare CR, whitespace before a colon, line folding,
 * conflicting framing); lenient only where the RFC asks for it (empty lines before a request, a
 * bare LF ending a line).
 *
 * <p>Bytes read past one head stay buffered for the next, so pipelined requests are served in
 * turn. A head is refused as soon as it passes a limit, so memory per connection stays bounded
 * whatever the client sends.
 */
final class RequestReader {
  /** A longer request line is refused with 414 (RFC 9112 §3: at least 8000 octets supported). */
  static final int MAX_REQUEST_LINE = 8 * 1024;

  /** Issue 8: more header lines, or more bytes of them (CRLFs included), are refused with 431. */
  static final int MAX_HEADERS = 100;
  static final int MAX_HEADER_BYTES = 32 * 1024;

  /** Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one). */
  private static final int MAX_EMPTY_LINES = 8;

  private final InputStream in;
  private final byte[] buffer = new byte[8 * 1024];
  private int position;
  private int limit;
  private boolean inRequest;

  RequestReader(InputStream in) {
    this.in = in;
  }

  /**
   * Whether a byte of the request being read has arrived: a connection that times out before
   * that was idle (closed silently), after it was slow (answered 408).
   */
  boolean inRequest() {
    return inRequest;
  }

  /**
   * The next request head.
   *
   * @return null when the connection ends between requests
   * @throws HttpError for a request to refuse; the connection is not to be read further
   * @throws IOException when reading fails (a timeout included)
   */
  HttpRequest next() throws IOException, HttpError {
    inRequest = false;
    String requestLine;
    int emptyLines = 0;
    do {
      requestLine = readLine(MAX_REQUEST_LINE, 414, "request line too long");
      if (requestLine == null) {
        return null;
      }
      if (++emptyLines > MAX_EMPTY_LINES) {
        throw new HttpError(400, "empty lines instead of a request");
      }
    } while (requestLine.isEmpty());

    // RFC 9112 §3: method SP request-target SP HTTP-version, single spaces
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3) {
      throw new HttpError(400, "request line is not 'method target version'");
    }
    String method = parts[0];
    String target = parts[1];
    if (!isToken(method)) {
      throw new HttpError(400, "method is not a token");
    }
    if (target.isEmpty() || !isVisibleAscii(target)) {
      throw new HttpError(400, "request target is empty or not visible ASCII");
    }
    boolean http10 = parseVersion(parts[2]);

    Map<String, List<String>> headers = readFields();
    return new HttpRequest(method, target, http10, headers, checkFraming(headers, http10));
  }

  /** RFC 9112 §2.3: "HTTP/" DIGIT "." DIGIT; 1.0 and 1.x are served, other majors get 505. */
  private static boolean parseVersion(String version) throws HttpError {
    if (version.length() != 8 || !version.startsWith("HTTP/") || !isDigit(version.charAt(5))
        || version.charAt(6) != '.' || !isDigit(version.charAt(7))) {
      throw new HttpError(400, "malformed HTTP version");
    }
    if (version.charAt(5) != '1') {
      throw new HttpError(505, "only HTTP/1.x is spoken here");
    }
    return version.charAt(7) == '0';
  }

  /** RFC 9112 §5: field-name ":" OWS field-value OWS, one per line, no folding. */
  private Map<String, List<String>> readFields() throws IOException, HttpError {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int lines = 0;
    int bytes = 0;
    while (true) {
      String line = readLine(MAX_HEADER_BYTES - bytes - 2, 431, "header fields too large");
      if (line == null) {
        throw new HttpError(400, "connection ended inside the request head");
      }
      if (line.isEmpty()) {
        return headers;
      }
      bytes += line.length() + 2;
      if (++lines > MAX_HEADERS) {
        throw new HttpError(431, "more than " + MAX_HEADERS + " header fields");
      }
      int colon = line.indexOf(':');
      // a leading space (obs-fold) or one before the colon makes the name no token: refused,
      // as RFC 9112 §5.1 and §5.2 allow
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new HttpError(400, "malformed header field");
      }
      String value = trimOws(line.substring(colon + 1));
      if (!isFieldValue(value)) {
        throw new HttpError(400, "control character in a header field");
      }
      headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT),
          k -> new ArrayList<>(1)).add(value);
    }
  }

  /**
   * RFC 9112 §3.2 (Host, its syntax from RFC 9110 §7.2) and §6 (message body length). Returns
   * whether a body was announced.
   * Anything ambiguous is refused rather than guessed at: it is how requests are smuggled.
   */
  private static boolean checkFraming(Map<String, List<String>> headers, boolean http10)
      throws HttpError {
    List<String> host = headers.getOrDefault("host", List.of());
    if (host.size() > 1 || (!http10 && host.isEmpty())) {
      throw new HttpError(400, "an HTTP/1.1 request needs exactly one Host");
    }
    if (!host.isEmpty() && Authority.parse(host.get(0)) == null) {
      throw new HttpError(400, "Host is not uri-host [ \":\" port ]"); // RFC 9112 §3.2
    }
    List<String> transferEncoding = headers.get("transfer-encoding");
    List<String> contentLength = headers.get("content-length");
    if (transferEncoding != null) {
      if (http10) {
        throw new HttpError(400, "Transfer-Encoding in an HTTP/1.0 request");
      }
      if (contentLength != null) {
        throw new HttpError(400, "both Transfer-Encoding and Content-Length");
      }
      List<String> codings = new ArrayList<>();
      for (String value : transferEncoding) {
        for (String coding : value.split(",")) {
          if (!coding.isBlank()) {
            codings.add(coding.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
      if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")) {
        throw new HttpError(400, "chunked is not the final transfer coding");
      }
      if (codings.size() > 1) {
        throw new HttpError(501, "transfer coding not implemented");
      }
      return true;
    }
    if (contentLength != null) {
      String length = contentLength.get(0);
      if (contentLength.size() > 1 || length.isEmpty() || length.length() > 18
          || !length.chars().allMatch(RequestReader::isDigit)) {
        throw new HttpError(400, "malformed Content-Length");
      }
      return Long.parseLong(length) > 0;
    }
    return false;
  }

  /**
   * One line without its ending (CRLF, or a bare LF, RFC 9112 §2.2), as ISO-8859-1.
   *
   * @param max the longest line accepted, ending excluded; a longer one is refused with
   *     {@code status} as soon as it is seen
   * @return null when the stream ends before the line's first byte
   */
  private String readLine(int max, int status, String reason) throws IOException, HttpError {
    byte[] line = new byte[Math.min(Math.max(max, 0), 256)];
    int length = 0;
    while (true) {
      int b = read();
      if (b < 0) {
        if (length == 0 && !inRequest) {
          return null;
        }
        throw new HttpError(400, "connection ended inside the request head");
      }
      inRequest = true;
      if (b == '\n') {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (b == '\r') {
        if (read() != '\n') {
          throw new HttpError(400, "CR not followed by LF");
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (length >= max) {
        throw new HttpError(status, reason);
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(max, 2 * line.length));
      }
      line[length++] = (byte) b;
    }
  }

  private int read() throws IOException {
    if (position == limit) {
      int n = in.read(buffer);
      if (n <= 0) {
        return -1; // a stream answering 0 would otherwise be asked forever
      }
      position = 0;
      limit = n;
    }
    return buffer[position++] & 0xff;
  }

  private static String trimOws(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(start, end);
  }

  /** RFC 9110 §5.6.2: 1*tchar. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
      if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisibleAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 §5.5: VCHAR, obs-text, SP and HTAB; no other control character. */
  private static boolean isFieldValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
