package dev.tegula.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The contract of {@code tegula serve}'s request parser, for RequestReaderPropertyTest here and
 * the fuzz module's {@code HttpRequestFuzzTest} (through this module's test jar; in the server's
 * package because the parser is package-private, as it should stay). Bytes as a client
 * may send them end in requests, a clean end, or an {@link HttpError} with a refusal status,
 * never another exception or an endless loop; what is accepted keeps the limits; the outcome
 * does not depend on how the network splits the bytes into reads; and an accepted request's
 * authority and path lead to an answer or a refusal status too ({@link HostCheck},
 * {@link RequestPath}).
 */
public final class RequestParserContract {
  private static final Set<Integer> REFUSALS = Set.of(400, 414, 431, 501, 505);
  private static final HostCheck LOOPBACK =
      new HostCheck(InetAddress.getLoopbackAddress(), Set.of("tegula.test"));

  /** More requests than this from one input would mean the reader loops. */
  private static final int MAX_REQUESTS = 100_000;

  private RequestParserContract() {}

  /**
   * @return what came out: one line per request ("request ..."), then "end", "close" or
   *     "refused STATUS"
   * @throws AssertionError when the contract is broken
   */
  public static String check(byte[] data) {
    String whole = parseAll(new ByteArrayInputStream(data));
    String split = parseAll(new Trickle(data, new Random(Arrays.hashCode(data))));
    if (!whole.equals(split)) {
      throw new AssertionError("outcome depends on how the bytes arrive:\n" + whole + "\nvs\n"
          + split);
    }
    return whole;
  }

  /** Reads requests until the input ends or is refused; a summary of what came out. */
  private static String parseAll(InputStream in) {
    StringBuilder outcome = new StringBuilder();
    RequestReader reader = new RequestReader(in);
    try {
      for (int n = 0; n < MAX_REQUESTS; n++) {
        HttpRequest request = reader.next();
        if (request == null) {
          return outcome.append("end").toString();
        }
        checkInvariants(request);
        outcome.append("request ").append(request.method()).append(' ').append(request.target())
            .append(request.headers()).append(request.hasBody()).append(' ')
            .append(answer(request)).append('\n');
        if (!request.keepAlive()) {
          return outcome.append("close").toString(); // the server stops reading here
        }
      }
      throw new AssertionError("more than " + MAX_REQUESTS + " requests");
    } catch (HttpError e) {
      if (!REFUSALS.contains(e.status())) {
        throw new AssertionError("refused with status " + e.status(), e);
      }
      return outcome.append("refused ").append(e.status()).toString();
    } catch (IOException e) {
      throw new AssertionError("reading a byte array failed", e);
    }
  }

  /** The status the host check and the path give an accepted request, 0 if both pass. */
  private static int answer(HttpRequest request) {
    int refusal = LOOPBACK.refusal(request);
    if (refusal != 0 && refusal != 400 && refusal != 421) {
      throw new AssertionError("host check answered " + refusal);
    }
    if (refusal != 0) {
      return refusal;
    }
    try {
      String path = RequestPath.toRelative(RequestPath.fromTarget(request.target()));
      if (!RequestPath.isSafeRelative(path)) {
        throw new AssertionError("path " + path + " from " + request.target());
      }
      return 0;
    } catch (RequestPath.Rejected e) {
      if (e.status() < 400 || e.status() > 499) {
        throw new AssertionError("path refused with status " + e.status(), e);
      }
      return e.status();
    }
  }

  private static void checkInvariants(HttpRequest request) {
    if (!RequestReader.isToken(request.method())
        || !request.target().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new AssertionError("accepted a malformed request line");
    }
    int lines = request.headers().values().stream().mapToInt(List::size).sum();
    long bytes = 0;
    for (var e : request.headers().entrySet()) {
      for (String value : e.getValue()) {
        bytes += e.getKey().length() + 2 + value.length() + 2;
      }
    }
    if (lines > RequestReader.MAX_HEADERS || bytes > RequestReader.MAX_HEADER_BYTES) {
      throw new AssertionError("accepted " + lines + " header lines, " + bytes + " bytes");
    }
    String host = request.header("host");
    if (host != null && Authority.parse(host) == null) {
      throw new AssertionError("accepted a malformed Host: " + host);
    }
  }

  /** The input in reads of random small sizes, as a network delivers it. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final Random random;
    private int position;

    Trickle(byte[] data, Random random) {
      this.data = data;
      this.random = random;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(16)), data.length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }
}
