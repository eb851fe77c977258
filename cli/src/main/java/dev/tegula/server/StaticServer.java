package dev.tegula.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web app's static file server: a small HTTP/1.1 server of its own (GET and HEAD, keep-alive
 * and pipelining, conditional GET), so that every byte a client gets back, refusals of malformed
 * requests included, goes through {@link ResponseWriter} with the security headers. Started with
 * {@link #start}; the CLI's {@code tegula serve}, the tests and the browser tests all use it.
 *
 * <p>Stages: a thread accepting connections, a bounded pool of workers each serving one
 * {@link Connection} ({@link RequestReader}, {@link HostCheck}, {@link StaticHandler},
 * {@link ResponseWriter}), and a watchdog thread that cuts off connections whose client stopped
 * reading or outlasted the response timeout, and closes 503 refusals after a moment.
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

  private static final System.Logger LOG = System.getLogger(StaticServer.class.getName());

  /** Connections the kernel may hold before the accepting thread takes them. */
  private static final int BACKLOG = 64;

  private static final long WATCHDOG_PERIOD_MILLIS = 200;

  /** 503 refusals waiting to close; beyond this (a flood) they close at once. */
  private static final int MAX_LINGERING_REFUSALS = 256;

  private final ServerSocket listener;
  private final StaticHandler handler;
  private final HostCheck hosts;
  private final ServerSettings settings;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService watchdog;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final AtomicInteger lingeringRefusals = new AtomicInteger();

  private StaticServer(ServerSocket listener, StaticFiles files, ServerSettings settings) {
    this.listener = listener;
    this.handler = new StaticHandler(files);
    this.hosts = new HostCheck(listener.getInetAddress(), settings.allowedHosts());
    this.settings = settings;
    this.workers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.queued()),
        daemonThreads("tegula-http-"));
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("tegula-http-watchdog-"));
    this.acceptor = daemonThreads("tegula-http-accept-").newThread(this::accept);
  }

  /** {@link #start(StaticFiles, String, int, ServerSettings)} with the default settings. */
  public static StaticServer start(StaticFiles files, String host, int port) throws IOException {
    return start(files, host, port, ServerSettings.DEFAULTS);
  }

  /**
   * Binds and starts serving.
   *
   * @param host the address to listen on, e.g. "127.0.0.1"
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @throws java.net.BindException when the port is taken
   */
  public static StaticServer start(StaticFiles files, String host, int port,
      ServerSettings settings) throws IOException {
    if (files == null || host == null || settings == null) {
      throw new IllegalArgumentException("files, host and settings must not be null");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not in 0-65535");
    }
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), BACKLOG);
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
    StaticServer server = new StaticServer(listener, files, settings);
    server.watchdog.scheduleWithFixedDelay(server::cutStalledWriters, WATCHDOG_PERIOD_MILLIS,
        WATCHDOG_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    server.acceptor.start();
    return server;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The app's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetAddress address = address().getAddress();
    String host = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Connections open now (being served or waiting for a worker). */
  int openConnections() {
    return open.size();
  }

  /** Stops listening, drops open connections and ends the threads. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    watchdog.shutdownNow();
    open.forEach(Connection::close); // a blocked socket call ignores interrupts, not a close
    for (Runnable neverRun : workers.shutdownNow()) {
      open.remove(neverRun);
    }
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          // out of file descriptors, say: wait rather than spin
          LOG.log(Level.WARNING, "accept failed", e);
          pause();
        }
        continue;
      }
      Connection connection = new Connection(socket, handler, hosts, settings,
          () -> !workers.getQueue().isEmpty(), open::remove);
      open.add(connection);
      try {
        workers.execute(connection);
      } catch (RejectedExecutionException e) {
        boolean linger = lingeringRefusals.incrementAndGet() <= MAX_LINGERING_REFUSALS;
        connection.refuse(linger ? watchdog : null, () -> {
          lingeringRefusals.decrementAndGet();
          open.remove(connection);
        });
      }
    }
  }

  private void cutStalledWriters() {
    long now = System.nanoTime();
    open.forEach(c -> c.cutIfStalled(now));
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
