package dev.tegula.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One client connection, served on a worker thread: requests read by {@link RequestReader} are
 * answered in turn through {@link ResponseWriter} until the client or a limit ends it.
 *
 * <p>Every wait is bounded: reading a request head by {@link ServerSettings#requestTimeout()}
 * (socket read timeouts, renewed before each read from what is left of the deadline), writing by
 * {@link ServerSettings#writeTimeout()} per piece of at most {@link ResponseWriter#CHUNK} bytes
 * and by {@link ServerSettings#responseTimeout()} per response. A blocking socket write has no
 * timeout of its own, so {@link StaticServer}'s watchdog calls {@link #cutIfStalled}, which
 * closes the socket under it.
 *
 * <p>A request naming a host the server does not answer for ({@link HostCheck}) gets 421.
 */
final class Connection implements Runnable {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** Requests per connection, so that one client cannot keep a worker for good. */
  static final int MAX_REQUESTS = 1000;

  /** Bounds of the lingering close (RFC 9112 §9.6). */
  private static final long LINGER_NANOS = 2_000_000_000L;
  private static final int LINGER_BYTES = 1 << 20;

  /** How long a 503 refusal waits, without a thread, before it closes. */
  private static final long REFUSAL_LINGER_MILLIS = 1_000;

  private final Socket socket;
  private final StaticHandler handler;
  private final HostCheck hosts;
  private final ServerSettings settings;
  private final Consumer<Connection> onEnd;
  private final BooleanSupplier othersWaiting;
  private volatile boolean writing;
  private volatile long writeDeadline;
  /** When the response being written must be out (System.nanoTime()). */
  private long responseDeadline;

  /**
   * @param othersWaiting whether accepted connections wait for a worker: a keep-alive connection
   *     then closes after its current response and gives its worker to them
   * @param onEnd run once the connection is closed, on the worker thread
   */
  Connection(Socket socket, StaticHandler handler, HostCheck hosts, ServerSettings settings,
      BooleanSupplier othersWaiting, Consumer<Connection> onEnd) {
    this.socket = socket;
    this.handler = handler;
    this.hosts = hosts;
    this.settings = settings;
    this.othersWaiting = othersWaiting;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    try {
      serve();
    } catch (IOException e) {
      // the client went away, was cut off, or a file broke off mid-response: nothing to answer
    } finally {
      close();
      onEnd.accept(this);
    }
  }

  /**
   * Answers 503 when no worker is free, then closes, without blocking the accepting thread it
   * runs on. Closing at once would reset the connection if the client's request has arrived
   * unread, and a reset can destroy the 503 before the client reads it (RFC 9112 §9.6); so the
   * socket is only shut for output now, and {@code timer} drops what has arrived and closes it a
   * moment later.
   *
   * @param timer where the delayed close runs, or null to close at once (too many lingering)
   * @param onClosed run once the socket is closed
   */
  void refuse(ScheduledExecutorService timer, Runnable onClosed) {
    try {
      // a fresh socket's send buffer is empty, so this short write cannot block
      ResponseWriter.write(Response.error(503).header("Retry-After", "1"), false, true,
          socket.getOutputStream());
      socket.shutdownOutput();
    } catch (IOException e) {
      timer = null; // gone already
    }
    if (timer != null) {
      try {
        timer.schedule(() -> {
          dropArrived();
          close();
          onClosed.run();
        }, REFUSAL_LINGER_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (RejectedExecutionException stopping) {
        // the server is closing
      }
    }
    dropArrived();
    close();
    onClosed.run();
  }

  /** Reads and drops what has arrived, without waiting for more. */
  private void dropArrived() {
    try {
      InputStream in = socket.getInputStream();
      byte[] discard = new byte[8192];
      for (int total = 0, n; total < LINGER_BYTES && (n = in.available()) > 0; total += n) {
        n = in.read(discard, 0, Math.min(n, discard.length));
        if (n < 0) {
          return;
        }
      }
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Called by the watchdog: closes the connection if a write has waited past its deadline. */
  void cutIfStalled(long now) {
    if (writing && now - writeDeadline > 0) {
      close();
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void serve() throws IOException {
    socket.setTcpNoDelay(true);
    TimedInput input = new TimedInput(socket);
    RequestReader reader = new RequestReader(input);
    // a small response leaves in one segment, head and body together
    OutputStream out = new BufferedOutputStream(new WatchedOutput(socket.getOutputStream()),
        ResponseWriter.CHUNK);
    for (int served = 1; ; served++) {
      input.deadline = System.nanoTime() + settings.requestTimeout().toNanos();
      HttpRequest request;
      try {
        request = reader.next();
      } catch (HttpError e) {
        responseDeadline = System.nanoTime() + settings.responseTimeout().toNanos();
        answerAndClose(Response.error(e.status()), out, input);
        return;
      } catch (SocketTimeoutException e) {
        if (reader.inRequest()) {
          responseDeadline = System.nanoTime() + settings.responseTimeout().toNanos();
          answerAndClose(Response.error(408), out, input);
        }
        return; // an idle connection is closed without a word (RFC 9112 §9.5)
      }
      if (request == null) {
        return;
      }
      responseDeadline = System.nanoTime() + settings.responseTimeout().toNanos();
      int misdirected = hosts.refusal(request);
      if (misdirected != 0) {
        ResponseWriter.write(Response.error(misdirected), request.isHead(), true, out);
        lingeringClose(input);
        return;
      }
      // a browser reconnects at once, and behind the waiting ones, so no client keeps a worker
      // from others for more than one response (as Apache's and nginx's keep-alive under load)
      boolean keepAlive = request.keepAlive() && served < MAX_REQUESTS
          && !othersWaiting.getAsBoolean();
      Response response;
      try {
        response = handler.respond(request);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "failed to answer " + request.method() + " " + request.target(), e);
        answerAndClose(Response.error(500), out, input);
        return;
      }
      try (response) {
        ResponseWriter.write(response, request.isHead(), !keepAlive, out);
      }
      if (!keepAlive) {
        lingeringClose(input);
        return;
      }
    }
  }

  private void answerAndClose(Response response, OutputStream out, TimedInput input)
      throws IOException {
    ResponseWriter.write(response, false, true, out);
    lingeringClose(input);
  }

  /**
   * RFC 9112 §9.6: closing with unread request bytes makes the kernel send a reset, which can
   * destroy the response before the client reads it; so stop sending, then read and drop what
   * the client still sends for a moment before closing.
   */
  private void lingeringClose(TimedInput input) throws IOException {
    socket.shutdownOutput();
    input.deadline = System.nanoTime() + LINGER_NANOS;
    byte[] discard = new byte[8192];
    for (int total = 0; total < LINGER_BYTES; ) {
      int n = input.read(discard);
      if (n < 0) {
        return;
      }
      total += n;
    }
  }

  /** The socket's input, each read bounded by what is left of {@link #deadline}. */
  private static final class TimedInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    long deadline;

    TimedInput(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000)));
      return in.read(b, off, len);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** The socket's output; each write is marked, with its deadline, for the watchdog. */
  private final class WatchedOutput extends OutputStream {
    private final OutputStream out;

    WatchedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      long now = System.nanoTime();
      if (now - responseDeadline >= 0) {
        throw new SocketTimeoutException("response took longer than "
            + settings.responseTimeout());
      }
      long pieceDeadline = now + settings.writeTimeout().toNanos();
      writeDeadline = pieceDeadline - responseDeadline < 0 ? pieceDeadline : responseDeadline;
      writing = true;
      try {
        out.write(b, off, len);
      } finally {
        writing = false;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
