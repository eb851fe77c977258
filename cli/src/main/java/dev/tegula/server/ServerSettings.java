package dev.tegula.server;

import java.time.Duration;

/**
 * How much a {@link StaticServer} gives its clients. Every blocking step of a connection has a
 * bound here, so no client can hold a worker thread for ever.
 *
 * @param threads connections served at once (a keep-alive connection holds one while it waits)
 * @param queued accepted connections that may wait for a thread; more are answered 503
 * @param requestTimeout time for a request head to arrive in full, counted from when the server
 *     starts waiting for it: an idle keep-alive connection is closed then, a slow client (one that
 *     trickles its head, "slowloris") answered 408
 * @param writeTimeout time the client may take to accept each piece (at most 64 KiB) of a
 *     response; a client that stops reading is cut off then
 */
public record ServerSettings(int threads, int queued, Duration requestTimeout,
    Duration writeTimeout) {
  /**
   * Enough threads for several browsers (each opens up to six connections); five seconds is
   * ample for a request head on any network, and thirty per 64 KiB is 2 KiB/s at the slowest.
   */
  public static final ServerSettings DEFAULTS =
      new ServerSettings(32, 64, Duration.ofSeconds(5), Duration.ofSeconds(30));

  public ServerSettings {
    if (threads < 1 || queued < 1) {
      throw new IllegalArgumentException("threads and queued must be at least 1");
    }
    if (requestTimeout == null || writeTimeout == null || requestTimeout.toMillis() < 1
        || writeTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least a millisecond");
    }
  }

  public ServerSettings withRequestTimeout(Duration timeout) {
    return new ServerSettings(threads, queued, timeout, writeTimeout);
  }
}
