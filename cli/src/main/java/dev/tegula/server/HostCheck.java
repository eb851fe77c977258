package dev.tegula.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * Which host names a request may address, against DNS rebinding: a page of any site whose name
 * its owner re-points at 127.0.0.1 is same-origin with that name, so without this check it could
 * read whatever the server serves. Such a request carries the attacker's name in its Host (or
 * absolute-form target), which is what is refused here, with 421 Misdirected Request
 * (RFC 9110 §15.5.20: the server does not serve that authority).
 *
 * <p>Bound to a loopback address, the server answers only "localhost", 127.0.0.1, [::1], the
 * address it is bound to, and names given with {@link ServerSettings#allowedHosts()}. Bound to
 * another address (which the user chose explicitly), it answers any IP address and "localhost",
 * but names only when allowed: a rebinding attack needs a name, never an address.
 *
 * <p>Any port is accepted: the name is what tells a rebound request apart, and the port a browser
 * names differs from the bound one behind a forwarded port (ssh -L, a container's port mapping).
 */
final class HostCheck {
  private final Set<String> allowed = new HashSet<>();
  private final boolean anyAddress;

  /**
   * @param bound the address the server listens on
   * @param names further allowed host names, each {@link Authority#parse parseable} without port
   */
  HostCheck(InetAddress bound, Set<String> names) {
    anyAddress = !bound.isLoopbackAddress();
    allowed.add("localhost");
    allowed.add("127.0.0.1");
    allowed.add("[0:0:0:0:0:0:0:1]");
    allowed.add(canonical(bound));
    for (String name : names) {
      allowed.add(Authority.parse(name).host());
    }
  }

  /**
   * The status refusing the request, or 0 to serve it. HTTP/1.0 requests without Host are
   * served: a browser always sends Host, so a request without one is no rebinding attack.
   */
  int refusal(HttpRequest request) {
    String value = request.authority();
    if (value == null) {
      return 0;
    }
    Authority authority = Authority.parse(value);
    if (authority == null) {
      return 400; // only an absolute-form target gets here: a Host value was checked on reading
    }
    if (allowed.contains(authority.host()) || (anyAddress && authority.isIpLiteral())) {
      return 0;
    }
    return 421;
  }

  private static String canonical(InetAddress address) {
    String text = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int zone = text.indexOf('%');
      return Authority.ipv6(zone < 0 ? text : text.substring(0, zone));
    }
    return text;
  }
}
