package dev.tegula.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/**
 * One client connection, served on a worker thread: requests read by {@link RequestReader} are
 * answered in turn through {@link ResponseWriter} until the client or a limit ends it.
 *
 * <p>Every wait is bounded: reading a request head by {@link ServerSettings#requestTimeout()}
 * (socket read timeouts, renewed before each read from what is left of the deadline), writing by
 * {@link ServerSettings#writeTimeout()} per piece of at most {@link ResponseWriter#CHUNK} bytes.
 * A blocking socket write has no timeout of its own, so {@link StaticServer}'s watchdog calls
 * {@link #cutIfStalled}, which closes the socket under it.
 */
final class Connection implements Runnable {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** Requests per connection, so that one client cannot keep a worker for good. */
  static final int MAX_REQUESTS = 1000;

  /** Bounds of the lingering close (RFC 9112 §9.6). */
  private static final long LINGER_NANOS = 2_000_000_000L;
  private static final int LINGER_BYTES = 1 << 20;

  private final Socket socket;
  private final StaticHandler handler;
  private final ServerSettings settings;
  private final Consumer<Connection> onEnd;
  private volatile boolean writing;
  private volatile long writeDeadline;

  /** @param onEnd run once the connection is closed, on the worker thread */
  Connection(Socket socket, StaticHandler handler, ServerSettings settings,
      Consumer<Connection> onEnd) {
    this.socket = socket;
    this.handler = handler;
    this.settings = settings;
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

  /** Answers 503 and closes, on the accepting thread, when no worker is free. */
  void refuse() {
    try {
      ResponseWriter.write(Response.error(503).header("Retry-After", "1"), false, true,
          socket.getOutputStream());
    } catch (IOException e) {
      // gone already
    } finally {
      close();
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
        answerAndClose(Response.error(e.status()), out, input);
        return;
      } catch (SocketTimeoutException e) {
        if (reader.inRequest()) {
          answerAndClose(Response.error(408), out, input);
        }
        return; // an idle connection is closed without a word (RFC 9112 §9.5)
      }
      if (request == null) {
        return;
      }
      boolean keepAlive = request.keepAlive() && served < MAX_REQUESTS;
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
      writeDeadline = System.nanoTime() + settings.writeTimeout().toNanos();
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
