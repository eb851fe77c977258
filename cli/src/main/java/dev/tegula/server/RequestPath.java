package dev.tegula.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the raw path of a request URI into a path relative to the server's root, or refuses it.
 *
 * <p>Works on the raw (still percent-encoded) path so that an encoded "/" or "\" cannot pose as a
 * separator after decoding, and refuses rather than normalises anything that could climb out of
 * the root: clients that send such paths are not browsers following links.
 */
public final class RequestPath {
  /** Longer paths are refused before any decoding work. */
  static final int MAX_LENGTH = 2048;

  /** The request path is refused with this HTTP status. */
  public static final class Rejected extends Exception {
    private final int status;

    Rejected(int status, String reason) {
      super(reason, null, false, false);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private RequestPath() {}

  /**
   * The raw path of a request-target (RFC 9112 §3.2): origin-form "/path?query", or absolute-form
   * "http://authority/path?query", which servers must accept; its authority is ignored, as Host is
   * (the server has one site). Asterisk- and authority-form name no file.
   */
  public static String fromTarget(String target) throws Rejected {
    if (target == null || target.indexOf('#') >= 0) {
      throw new Rejected(400, "fragment in request target"); // never sent (RFC 9112 §3.2)
    }
    String pathAndQuery;
    if (target.startsWith("/")) {
      pathAndQuery = target;
    } else if (target.regionMatches(true, 0, "http://", 0, 7)) {
      int slash = target.indexOf('/', 7);
      int query = target.indexOf('?', 7);
      if (query >= 0 && (slash < 0 || query < slash)) {
        return "/"; // "http://host?query"
      }
      pathAndQuery = slash < 0 ? "/" : target.substring(slash);
    } else {
      throw new Rejected(400, "request target names no file");
    }
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
  }

  /**
   * @param rawPath {@code URI.getRawPath()} of the request
   * @return the relative path, '/'-separated; "index.html" for "/", and "dir/index.html" for "/dir/"
   */
  public static String toRelative(String rawPath) throws Rejected {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      throw new Rejected(400, "path must start with /");
    }
    if (rawPath.length() > MAX_LENGTH) {
      throw new Rejected(414, "path too long");
    }
    String decoded = decode(rawPath);
    String path = decoded.substring(1);
    if (path.isEmpty() || path.endsWith("/")) {
      path += "index.html";
    }
    for (String segment : path.split("/", -1)) {
      checkSegment(segment);
    }
    return path;
  }

  /**
   * Whether {@code relativePath} has the shape {@link #toRelative} produces. File sources check it
   * again because callers such as composite sources pass them paths of their own making.
   */
  public static boolean isSafeRelative(String relativePath) {
    if (relativePath == null || relativePath.isEmpty()) {
      return false;
    }
    for (int i = 0; i < relativePath.length(); i++) {
      char c = relativePath.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return false;
      }
    }
    for (String segment : relativePath.split("/", -1)) {
      try {
        checkSegment(segment);
      } catch (Rejected e) {
        return false;
      }
    }
    return true;
  }

  private static void checkSegment(String segment) throws Rejected {
    if (segment.isEmpty()) {
      throw new Rejected(400, "empty path segment");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new Rejected(400, "dot segment in path");
    }
    if (segment.indexOf(':') >= 0) {
      throw new Rejected(400, "':' in path"); // a drive letter or stream name on Windows
    }
    if (segment.charAt(0) == '.') {
      throw new Rejected(404, "hidden file"); // .git, .env ... in a served directory
    }
  }

  /** Percent-decodes strictly: malformed escapes, separators, NUL and controls are refused. */
  private static String decode(String raw) throws Rejected {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      int b;
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new Rejected(400, "bad percent escape");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new Rejected(400, "bad percent escape");
        }
        b = (hi << 4) | lo;
        if (b == '/') {
          throw new Rejected(400, "encoded / in path");
        }
        i += 2;
      } else if (c > 0x7e) {
        throw new Rejected(400, "non-ASCII character in raw path");
      } else {
        b = c;
      }
      if (b == '\\') {
        throw new Rejected(400, "backslash in path");
      }
      if (b < 0x20 || b == 0x7f) {
        throw new Rejected(400, "control character in path");
      }
      bytes.write(b);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Rejected(400, "path is not UTF-8");
    }
  }
}
