package dev.tegula.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web app's static file server, on the JDK's built-in HTTP server. Started with
 * {@link #start}; the CLI's {@code tegula serve}, the tests and the browser tests all use it.
 *
 * <p>The app needs cross-origin isolation (COOP + COEP) for SharedArrayBuffer and precise timers,
 * and serves nothing but its own files, so the policy below allows nothing from elsewhere.
 */
public final class StaticServer implements AutoCloseable {
  /** The one place the app's Content-Security-Policy is written. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
          + "img-src 'self' blob: data:; style-src 'self'; connect-src 'self'; object-src 'none'; "
          + "base-uri 'none'; frame-ancestors 'none'";

  /**
   * The policy of the codec's worker scripts ({@code *-worker.js}). TeaVM's WasmGC runtime, which
   * only the workers load, builds its JS glue with {@code new Function} when it starts, so
   * workers need 'unsafe-eval'; a worker's policy is the one delivered with its own script, so
   * the page keeps the strict one.
   */
  public static final String WORKER_CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'";

  /** Sent on every response, errors included. */
  static final Map<String, String> SECURITY_HEADERS = securityHeaders();

  /**
   * The JDK server reads each request's headers on a worker thread, so a client trickling headers
   * holds one until maxReqTime; enough workers that a handful of such connections leave the app
   * served, few enough to stay small.
   */
  static final int THREADS = 16;

  /**
   * Limits of the JDK server, read by it once per JVM when the first server is created, so they
   * are set (unless the user set them) before that. One slow client cannot hold a worker thread
   * longer than maxReqTime while sending its request, nor maxRspTime while receiving.
   */
  static final Map<String, String> JDK_SERVER_LIMITS = Map.of(
      // seconds to send request line, headers and body: a slow client (slowloris) is cut off
      // then; a JVM-wide setting, so -Dsun.net.httpserver.maxReqTime=N changes it
      "sun.net.httpserver.maxReqTime", "5",
      "sun.net.httpserver.maxRspTime", "120", // seconds to receive a response (the .wasm is large)
      // twice StaticHandler's limits, which answer 431 up to these; beyond, the JDK hangs up
      "sun.net.httpserver.maxReqHeaders", Integer.toString(2 * StaticHandler.MAX_HEADERS),
      "sun.net.httpserver.maxReqHeaderSize", Integer.toString(2 * StaticHandler.MAX_HEADER_BYTES),
      "jdk.httpserver.maxConnections", "128");

  private final HttpServer server;
  private final ExecutorService executor;

  private StaticServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @param host the address to listen on, e.g. "127.0.0.1"
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @throws java.net.BindException when the port is taken
   */
  public static StaticServer start(StaticFiles files, String host, int port) throws IOException {
    if (files == null || host == null) {
      throw new IllegalArgumentException("files and host must not be null");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not in 0-65535");
    }
    applyJdkServerLimits();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
    HttpServer server = HttpServer.create(address, 64);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", new StaticHandler(files));
    server.start();
    return new StaticServer(server, executor);
  }

  public static void applyJdkServerLimits() {
    JDK_SERVER_LIMITS.forEach((key, value) -> {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    });
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The app's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetAddress address = server.getAddress().getAddress();
    String host = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Stops listening, drops open connections and ends the worker threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static Map<String, String> securityHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Cross-Origin-Embedder-Policy", "require-corp");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("Referrer-Policy", "no-referrer");
    return java.util.Collections.unmodifiableMap(headers);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "tegula-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
