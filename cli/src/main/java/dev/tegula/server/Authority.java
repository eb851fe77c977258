package dev.tegula.server;

import java.util.Locale;

/**
 * The host and port of a Host field value or an absolute-form target's authority (RFC 9110 §7.2:
 * {@code Host = uri-host [ ":" port ]}, RFC 3986 §3.2.2-§3.2.3), parsed strictly so that one name
 * cannot be spelled two ways past {@link HostCheck}.
 *
 * @param host the host in a canonical form: a reg-name in lower case, an IPv4 address in dotted
 *     decimal as sent (RFC 3986 admits no leading zeros), an IPv6 address as "[" eight groups of
 *     lower-case hex without leading zeros "]" (so "[::1]" and "[0:0::1]" are one host)
 * @param port the port, or -1 when none (or an empty one) was given
 */
record Authority(String host, int port) {
  /** DNS names are at most 253 characters (RFC 1035 §2.3.4); anything longer is junk. */
  private static final int MAX_HOST = 255;

  /**
   * The authority, or null when {@code value} is not {@code uri-host [ ":" port ]}: empty (an
   * "http" URI must have a host, RFC 9110 §4.2.1), with userinfo, an IPvFuture or zone-id
   * literal, a port beyond 65535, or characters a reg-name may not hold.
   */
  static Authority parse(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    String host;
    String rest;
    if (value.charAt(0) == '[') {
      int close = value.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = ipv6(value.substring(1, close));
      rest = value.substring(close + 1);
    } else {
      int colon = value.indexOf(':');
      String name = colon < 0 ? value : value.substring(0, colon);
      host = isIpv4(name) ? name : regName(name);
      rest = colon < 0 ? "" : value.substring(colon);
    }
    if (host == null) {
      return null;
    }
    if (rest.isEmpty()) {
      return new Authority(host, -1);
    }
    int port = port(rest);
    return port == -2 ? null : new Authority(host, port);
  }

  /** Whether the host is an IP address rather than a name (no DNS answer stands behind it). */
  boolean isIpLiteral() {
    return host.startsWith("[") || isIpv4(host);
  }

  /** ":" *DIGIT, at most 65535; -1 for an empty port, -2 when malformed. */
  private static int port(String rest) {
    if (rest.charAt(0) != ':' || rest.length() > 6) {
      return -2;
    }
    if (rest.length() == 1) {
      return -1;
    }
    int port = 0;
    for (int i = 1; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c < '0' || c > '9') {
        return -2;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65_535 ? port : -2;
  }

  /**
   * RFC 3986 §3.2.2 reg-name: unreserved, pct-encoded and sub-delims. Escapes are kept as sent
   * (a browser never escapes a host name, so an escaped one simply matches no allowed name).
   */
  private static String regName(String s) {
    if (s.isEmpty() || s.length() > MAX_HOST) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          return null;
        }
        i += 2;
      } else if (!isUnreserved(c) && "!$&'()*+,;=".indexOf(c) < 0) {
        return null;
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** RFC 3986 §3.2.2 IPv4address: four dec-octets, 0-255 without leading zeros. */
  static boolean isIpv4(String s) {
    String[] octets = s.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 3986 §3.2.2 IPv6address (h16 groups, at most one "::", an IPv4 address as the last two
   * groups), in canonical form with brackets; null if malformed. IPvFuture ("v1.x") and RFC 6874
   * zone ids are not accepted: no browser sends them to a local server.
   */
  static String ipv6(String s) {
    int gap = s.indexOf("::");
    int[] head = values(gap < 0 ? s : s.substring(0, gap), gap < 0);
    int[] tail = gap < 0 ? new int[0] : values(s.substring(gap + 2), true);
    if (head == null || tail == null || (gap < 0 ? head.length != 8
        : head.length + tail.length > 7)) {
      return null;
    }
    int[] address = new int[8];
    System.arraycopy(head, 0, address, 0, head.length);
    System.arraycopy(tail, 0, address, 8 - tail.length, tail.length);
    StringBuilder canonical = new StringBuilder("[");
    for (int i = 0; i < 8; i++) {
      canonical.append(i == 0 ? "" : ":").append(Integer.toHexString(address[i]));
    }
    return canonical.append(']').toString();
  }

  /**
   * The 16-bit values of a colon-separated run of h16 groups (none for an empty run), an IPv4
   * address giving two if it ends the run and {@code mayEndInIpv4}; null if malformed.
   */
  private static int[] values(String run, boolean mayEndInIpv4) {
    if (run.isEmpty()) {
      return new int[0];
    }
    String[] groups = run.split(":", -1);
    String last = groups[groups.length - 1];
    boolean ipv4 = mayEndInIpv4 && last.indexOf('.') >= 0;
    if (ipv4 && !isIpv4(last) || groups.length > 8) {
      return null;
    }
    int[] values = new int[groups.length + (ipv4 ? 1 : 0)];
    for (int i = 0; i < groups.length - (ipv4 ? 1 : 0); i++) {
      values[i] = h16(groups[i]);
      if (values[i] < 0) {
        return null;
      }
    }
    if (ipv4) {
      String[] octets = last.split("\\.");
      values[groups.length - 1] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
      values[groups.length] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
    }
    return values;
  }

  /** RFC 3986 h16: one to four hex digits; -1 if not. */
  private static int h16(String group) {
    if (group.isEmpty() || group.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < group.length(); i++) {
      int digit = hex(group.charAt(i));
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
