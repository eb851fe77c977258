package dev.tegula.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed request head (RFC 9112 §2.1). Bodies are never read: a request that announces one is
 * answered and its connection closed, so that no body can be mistaken for the next request.
 *
 * @param method the method token, case as sent (methods are case-sensitive, RFC 9110 §9.1)
 * @param target the request-target as sent, checked to be visible ASCII
 * @param http10 whether the request is HTTP/1.0 (else 1.1, or a later 1.x treated as 1.1)
 * @param headers field values by lower-case field name, in the order received
 * @param hasBody whether a Content-Length above 0 or a chunked Transfer-Encoding was announced
 */
record HttpRequest(String method, String target, boolean http10, Map<String, List<String>> headers,
    boolean hasBody) {

  /** The first value of a field, or null. */
  String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  /**
   * The authority the request addresses (RFC 9112 §3.2.2): that of an absolute-form "http://"
   * target, which takes precedence over Host, else the Host value; null for HTTP/1.0 without Host.
   */
  String authority() {
    if (target.regionMatches(true, 0, "http://", 0, 7)) {
      int end = 7;
      while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
        end++;
      }
      return target.substring(7, end);
    }
    return header("host");
  }

  boolean isHead() {
    return method.equals("HEAD");
  }

  /**
   * Whether the connection may carry another request (RFC 9112 §9.3): HTTP/1.1 without
   * "Connection: close" and without a body left unread. HTTP/1.0 keep-alive is not offered.
   */
  boolean keepAlive() {
    if (http10 || hasBody) {
      return false;
    }
    for (String value : headers.getOrDefault("connection", List.of())) {
      for (String option : value.split(",")) {
        if (option.trim().equalsIgnoreCase("close")) {
          return false;
        }
      }
    }
    return true;
  }
}
