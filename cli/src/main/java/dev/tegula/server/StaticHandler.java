package dev.tegula.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/** Answers GET and HEAD with files from a {@link StaticFiles}; everything else is an error. */
final class StaticHandler {
  private static final System.Logger LOG = System.getLogger(StaticHandler.class.getName());

  private final StaticFiles files;

  StaticHandler(StaticFiles files) {
    this.files = files;
  }

  /** The response to a well-formed request; the caller writes and closes it. */
  Response respond(HttpRequest request) {
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Response.error(405).header("Allow", "GET, HEAD");
    }

    String path;
    try {
      path = RequestPath.toRelative(RequestPath.fromTarget(request.target()));
    } catch (RequestPath.Rejected e) {
      return Response.error(e.status());
    }

    Optional<Resource> found;
    try {
      found = files.find(path);
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "cannot read " + path, e);
      return Response.error(500);
    }
    if (found.isEmpty()) {
      return Response.error(404);
    }
    Resource resource = found.get();
    Response response;
    if (matches(request.header("If-None-Match"), resource.etag())) {
      response = Response.notModified();
    } else {
      try {
        response = Response.ok(request.isHead() ? null : resource.open(), resource.size())
            .header("Content-Type", ContentTypes.forPath(resource.path()));
      } catch (IOException e) {
        // found a moment ago, gone or unreadable now
        LOG.log(Level.WARNING, "cannot open " + path, e);
        return Response.error(404);
      }
    }
    if (resource.path().endsWith("-worker.js")) {
      response.header("Content-Security-Policy", StaticServer.WORKER_CONTENT_SECURITY_POLICY);
    }
    return response.header("ETag", resource.etag());
  }

  /** RFC 9110 §13.1.2: weak comparison, a list of tags or "*". */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = stripWeak(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || stripWeak(tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
