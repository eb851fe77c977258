package dev.tegula.server;

import java.io.IOException;
import java.io.InputStream;

/** One servable file. */
public interface Resource {
  /** Its path relative to the root, as asked for; the content type comes from its extension. */
  String path();

  long size();

  /** A strong entity tag, quotes included, that changes whenever the content may have changed. */
  String etag();

  InputStream open() throws IOException;
}
