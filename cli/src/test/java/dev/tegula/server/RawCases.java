package dev.tegula.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests a browser never sends, as raw bytes, with the answer {@code tegula serve} gives.
 * Before the server had its own connection layer the JDK's HTTP server answered many of these
 * itself, without the security headers, or hung up (see {@link MalformedRequestTest}).
 */
final class RawCases {
  /**
   * @param close whether the server must close the connection after answering
   * @param jdk what the JDK's HTTP server (Java 17), which served before, answered; "ours" when
   *     the answer came through our handler, with the security headers
   */
  record Case(String name, String request, int status, boolean close, String jdk) {
    /** A request whose head never ends: the client ends its side so the server sees that. */
    boolean cutShort() {
      return !request.contains("\r\n\r\n") && !request.contains("\n\n");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final String H = "Host: 127.0.0.1\r\n";

  private RawCases() {}

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    // request line (RFC 9112 §3)
    c.add(new Case("garbage request line", "GARBAGE\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("HTTP/0.9 request (no version)", "GET /\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("extra word in request line", "GET / HTTP/1.1 extra\r\n" + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("two spaces in request line", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("tabs in request line", "GET\t/\tHTTP/1.1\r\n" + H + "\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("space in target", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "404 Not Found (ours)"));
    c.add(new Case("empty method", " / HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "405 Method Not Allowed (ours)"));
    c.add(new Case("method not a token", "G(T / HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "405 Method Not Allowed (ours)"));
    c.add(new Case("lower-case version", "GET / http/1.1\r\n" + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("version without minor", "GET / HTTP/1\r\n" + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("other protocol", "GET / FOO/1.1\r\n" + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("HTTP/2.0 in HTTP/1 framing", "GET / HTTP/2.0\r\n" + H + "\r\n", 505, true,
        "200 OK (ours)"));
    c.add(new Case("HTTP/3.0", "GET / HTTP/3.0\r\n" + H + "\r\n", 505, true,
        "200 OK (ours)"));
    c.add(new Case("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, true,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("HTTP/1.2 (served as 1.1)", "GET / HTTP/1.2\r\n" + H + "\r\n", 200, false,
        "200 OK (ours)"));
    c.add(new Case("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", 200, true,
        "200 OK (ours)"));
    c.add(new Case("NUL in request line", "GET /\0 HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("bare CR in request line", "GET / HTTP/1.1\rX\r\n" + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("non-ASCII byte in target", "GET /\u00e9 HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "400 Bad Request (ours)"));
    c.add(new Case("control byte in target", "GET /a\u0001 HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("DEL in target", "GET /a\u007f HTTP/1.1\r\n" + H + "\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("fragment in target", "GET /index.html#x HTTP/1.1\r\n" + H + "\r\n", 400, false,
        "200 OK (ours)"));
    c.add(new Case("bad percent escape", "GET /%zz HTTP/1.1\r\n" + H + "\r\n", 400, false,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("'|' in target", "GET /a|b HTTP/1.1\r\n" + H + "\r\n", 404, false,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("query string", "GET /index.html?a=%zz|b HTTP/1.1\r\n" + H + "\r\n", 200, false,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("absolute-form", "GET http://127.0.0.1/index.html HTTP/1.1\r\n" + H + "\r\n",
        200, false,
        "200 OK (ours)"));
    c.add(new Case("absolute-form, upper-case scheme, no path",
        "GET HTTP://127.0.0.1:1 HTTP/1.1\r\n" + H + "\r\n", 200, false,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("absolute-form with query only", "GET http://localhost?y HTTP/1.1\r\n" + H + "\r\n",
        200, false,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("absolute-form climbing out",
        "GET http://127.0.0.1/../x HTTP/1.1\r\n" + H + "\r\n", 400, false,
        "400 Bad Request (ours)"));
    c.add(new Case("absolute-form https", "GET https://127.0.0.1/ HTTP/1.1\r\n" + H + "\r\n", 400,
        false,
        "200 OK (ours)"));
    c.add(new Case("absolute-form other scheme", "GET ftp://x/ HTTP/1.1\r\n" + H + "\r\n", 400,
        false,
        "200 OK (ours)"));
    c.add(new Case("authority-form", "CONNECT 127.0.0.1:443 HTTP/1.1\r\n" + H + "\r\n", 405, false,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", 405, false,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("asterisk-form GET", "GET * HTTP/1.1\r\n" + H + "\r\n", 400, false,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("relative target", "GET index.html HTTP/1.1\r\n" + H + "\r\n", 400, false,
        "404 Not Found WITHOUT the headers"));
    c.add(new Case("request line of 100 KiB",
        "GET /" + "a".repeat(100 * 1024) + " HTTP/1.1\r\n" + H + "\r\n", 414, true,
        "hung up without an answer"));
    c.add(new Case("empty lines before the request line", "\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n",
        200, false,
        "200 OK (ours)"));
    c.add(new Case("bare LF line ends", "GET / HTTP/1.1\nHost: localhost\n\n", 200, false,
        "no answer, connection left open"));
    c.add(new Case("lower-case method", "get / HTTP/1.1\r\n" + H + "\r\n", 405, false,
        "405 Method Not Allowed (ours)"));
    // header fields (RFC 9112 §5, RFC 9110 §5)
    c.add(new Case("header line without colon", "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", 400,
        true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("empty header name", "GET / HTTP/1.1\r\n" + H + ": v\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("header name not a token", "GET / HTTP/1.1\r\n" + H + "X(A): v\r\n\r\n", 400,
        true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("obsolete line folding", "GET / HTTP/1.1\r\n" + H + "X-A: a\r\n b\r\n\r\n", 400,
        true,
        "200 OK (ours)"));
    c.add(new Case("NUL in header value", "GET / HTTP/1.1\r\n" + H + "X-A: a\0b\r\n\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("bare CR in header value", "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n", 400,
        true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("obs-text in header value", "GET / HTTP/1.1\r\n" + H + "X-A: \u00e9\r\n\r\n", 200,
        false,
        "200 OK (ours)"));
    c.add(new Case("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("Host of a rebound name (DNS rebinding)",
        "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n", 421, true,
        "not surveyed (added with the Host check)"));
    c.add(new Case("Host not uri-host [:port]", "GET / HTTP/1.1\r\nHost: a b:c\r\n\r\n", 400, true,
        "not surveyed (added with the Host check)"));
    c.add(new Case("absolute-form naming another host",
        "GET http://evil.example/index.html HTTP/1.1\r\n" + H + "\r\n", 421, true,
        "not surveyed (added with the Host check)"));
    c.add(new Case("two Host fields", "GET / HTTP/1.1\r\n" + H + H + "\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("101 header lines", "GET / HTTP/1.1\r\n" + H + "X-H: v\r\n".repeat(100) + "\r\n",
        431, true,
        "431 (ours)"));
    c.add(new Case("300 header lines (over the JDK's own limit)",
        "GET / HTTP/1.1\r\n" + H + "X-H: v\r\n".repeat(300) + "\r\n", 431, true,
        "431 (ours)"));
    c.add(new Case("a 40 KiB header", "GET / HTTP/1.1\r\n" + H + "X-A: " + "a".repeat(40 * 1024)
        + "\r\n\r\n", 431, true,
        "431 (ours)"));
    c.add(new Case("a 100 KiB header (over the JDK's own limit)", "GET / HTTP/1.1\r\n" + H + "X-A: "
        + "a".repeat(100 * 1024) + "\r\n\r\n", 431, true,
        "hung up without an answer"));
    // message framing (RFC 9112 §6)
    c.add(new Case("Content-Length not a number", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: abc\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("negative Content-Length", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: -1\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("Content-Length with sign", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: +1\r\n\r\nx", 400, true,
        "200 OK (ours)"));
    c.add(new Case("Content-Length overflowing a long", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: 99999999999999999999\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("two different Content-Lengths", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("Content-Length list", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: 1, 1\r\n\r\nx", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("Content-Length and Transfer-Encoding", "GET / HTTP/1.1\r\n" + H
        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, true,
        "400 Bad Request WITHOUT the headers"));
    c.add(new Case("Transfer-Encoding gzip (not chunked last)", "GET / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: gzip\r\n\r\n", 400, true,
        "501 Not Implemented WITHOUT the headers"));
    c.add(new Case("Transfer-Encoding gzip, chunked", "GET / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, true,
        "501 Not Implemented WITHOUT the headers"));
    c.add(new Case("Transfer-Encoding identity", "GET / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: identity\r\n\r\n", 400, true,
        "501 Not Implemented WITHOUT the headers"));
    c.add(new Case("Transfer-Encoding in HTTP/1.0", "GET / HTTP/1.0\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, true,
        "200 OK (ours)"));
    c.add(new Case("GET with a chunked body", "GET / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 200, true,
        "200 OK (ours)"));
    c.add(new Case("GET with a body", "GET / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello",
        200, true,
        "200 OK (ours)"));
    c.add(new Case("Expect: 100-continue (no interim 100)", "GET / HTTP/1.1\r\n" + H
        + "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n", 200, true,
        "100 Continue without headers, then our 200"));
    c.add(new Case("POST with a body", "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello",
        405, true,
        "405 Method Not Allowed (ours)"));
    c.add(new Case("Connection: close", "GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 200,
        true,
        "200 OK (ours)"));
    c.add(new Case("request head cut short", "GET / HTTP/1.1\r\n" + H + "X-A: b", 400, true,
        "200 OK (ours)"));
    return c;
  }
}
