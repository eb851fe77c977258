package dev.tegula.server;

import java.time.Duration;
import java.util.Set;

/**
 * How much a {@link StaticServer} gives its clients, and whom it answers. Every blocking step of
 * a connection has a bound here, so no client can hold a worker thread for ever.
 *
 * @param threads connections served at once (a keep-alive connection holds one while it waits
 *     for its next request, and closes after its next response when others wait for one)
 * @param queued accepted connections that may wait for a thread; more are answered 503
 * @param requestTimeout time for a request head to arrive in full, counted from when the server
 *     starts waiting for it: an idle keep-alive connection is closed then, a slow client (one that
 *     trickles its head, "slowloris") answered 408
 * @param writeTimeout time the client may take to accept each piece (at most 64 KiB) of a
 *     response; a client that stops reading is cut off then
 * @param responseTimeout time a whole response may take to send; a client reading just fast
 *     enough to pass {@code writeTimeout} is cut off then
 * @param allowedHosts host names (no port) that requests may name in Host besides those
 *     {@link HostCheck} always allows; each must be a valid RFC 3986 host
 */
public record ServerSettings(int threads, int queued, Duration requestTimeout,
    Duration writeTimeout, Duration responseTimeout, Set<String> allowedHosts) {
  /**
   * Enough threads for several browsers (each opens up to six connections); five seconds is
   * ample for a request head on any network, thirty per 64 KiB is 2 KiB/s at the slowest, and
   * 120 s for a response (the bound the JDK server had) sends 100 MiB at under 1 MB/s.
   */
  public static final ServerSettings DEFAULTS = new ServerSettings(32, 64, Duration.ofSeconds(5),
      Duration.ofSeconds(30));

  public ServerSettings {
    if (threads < 1 || queued < 1) {
      throw new IllegalArgumentException("threads and queued must be at least 1");
    }
    if (requestTimeout == null || writeTimeout == null || responseTimeout == null
        || requestTimeout.toMillis() < 1 || writeTimeout.toMillis() < 1
        || responseTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least a millisecond");
    }
    if (allowedHosts == null) {
      throw new IllegalArgumentException("allowedHosts must not be null");
    }
    for (String name : allowedHosts) {
      Authority authority = Authority.parse(name);
      if (authority == null || authority.port() != -1 || name.endsWith(":")) {
        throw new IllegalArgumentException("not a host name or address: " + name);
      }
      if (name.indexOf('*') >= 0) {
        throw new IllegalArgumentException("a host name, not a pattern: " + name);
      }
    }
    allowedHosts = Set.copyOf(allowedHosts);
  }

  /** A response timeout of 120 s, no further host names. */
  public ServerSettings(int threads, int queued, Duration requestTimeout, Duration writeTimeout) {
    this(threads, queued, requestTimeout, writeTimeout, Duration.ofSeconds(120), Set.of());
  }

  public ServerSettings withRequestTimeout(Duration timeout) {
    return new ServerSettings(threads, queued, timeout, writeTimeout, responseTimeout,
        allowedHosts);
  }

  public ServerSettings withResponseTimeout(Duration timeout) {
    return new ServerSettings(threads, queued, requestTimeout, writeTimeout, timeout,
        allowedHosts);
  }

  public ServerSettings withAllowedHosts(Set<String> names) {
    return new ServerSettings(threads, queued, requestTimeout, writeTimeout, responseTimeout,
        names);
  }
}
