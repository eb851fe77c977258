package dev.tegula.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarEntry;

/**
 * Files packaged on the classpath under a prefix ("tegula-web/" by default), where the web and
 * wasm modules put the app. The classpath does not change while the server runs, so each file is
 * read once and kept; only files that exist are kept, so requests for made-up names cost nothing.
 */
public final class ClasspathFiles implements StaticFiles {
  public static final String DEFAULT_PREFIX = "tegula-web/";

  /** Larger packaged files are refused rather than read into memory. */
  static final int MAX_SIZE = 256 << 20;

  private final ClassLoader loader;
  private final String prefix;
  private final ConcurrentMap<String, Resource> cache = new ConcurrentHashMap<>();

  public ClasspathFiles(ClassLoader loader, String prefix) {
    if (loader == null || prefix == null) {
      throw new IllegalArgumentException("loader and prefix must not be null");
    }
    this.loader = loader;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /** The app as packaged with Tegula. */
  public static ClasspathFiles tegulaWeb() {
    return new ClasspathFiles(ClasspathFiles.class.getClassLoader(), DEFAULT_PREFIX);
  }

  @Override
  public Optional<Resource> find(String relativePath) {
    if (!RequestPath.isSafeRelative(relativePath)) {
      return Optional.empty();
    }
    Resource cached = cache.get(relativePath);
    if (cached != null) {
      return Optional.of(cached);
    }
    URL url = loader.getResource(prefix + relativePath);
    try {
      if (url == null || isDirectory(url)) {
        return Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = url.openStream()) {
        bytes = in.readNBytes(MAX_SIZE + 1);
      }
      if (bytes.length > MAX_SIZE) {
        throw new IOException(url + " is larger than " + MAX_SIZE + " bytes");
      }
      Resource loaded = new BytesResource(relativePath, bytes);
      Resource raced = cache.putIfAbsent(relativePath, loaded);
      return Optional.of(raced != null ? raced : loaded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Class loaders also resolve directory names; those are not files to serve. */
  private static boolean isDirectory(URL url) throws IOException {
    switch (url.getProtocol()) {
      case "file":
        try {
          return !Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return true;
        }
      case "jar":
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
          JarEntry entry = jar.getJarEntry();
          return entry == null || entry.isDirectory();
        }
        return false;
      default:
        return false;
    }
  }

  private static final class BytesResource implements Resource {
    private final String path;
    private final byte[] bytes;
    private final String etag;

    BytesResource(String path, byte[] bytes) {
      this.path = path;
      this.bytes = bytes;
      this.etag = "\"" + sha256Prefix(bytes) + "\"";
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public String etag() {
      return etag;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    private static String sha256Prefix(byte[] bytes) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
          hex.append(Character.forDigit((digest[i] >> 4) & 15, 16))
              .append(Character.forDigit(digest[i] & 15, 16));
        }
        return hex.toString();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
  }
}
