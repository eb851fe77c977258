package dev.tegula.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run at build time (process-classes, see pom.xml) over target/classes/tegula-web: writes the
 * codec manifest {@code codecs.json} (each codec module with its content-hashed URL and SHA-256
 * integrity) and fills the Service Worker's precache list in {@code sw.js} with every app file
 * and its SHA-256, so that a changed file changes sw.js and browsers install the new version.
 *
 * <p>The current codec is the Wasm build of the wasm module, read from the classpath; older
 * versions that should stay available are kept as {@code codecs/VERSION/tegula.wasm} in the web
 * resources and listed after it. It also compresses the bundled sample ({@code sample.jpg} to
 * {@code sample.tgl}, quality 75) with the codec of this very build, so that the app opens with a
 * file its codec reads even while the .tgl bitstream is still changing.
 */
public final class WebManifest {
  static final String WASM = "tegula-web/wasm/tegula.wasm";
  static final String RUNTIME = "tegula-web/wasm/tegula-runtime.js";
  /**
   * The list in sw.js this replaces: empty in the source, filled when the build ran before (an
   * incremental build does not copy unchanged resources again). The build fails if it is missing.
   */
  static final java.util.regex.Pattern PRECACHE =
      java.util.regex.Pattern.compile("const PRECACHE = \\[[^;]*\\];");

  private WebManifest() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: WebManifest TEGULA_WEB_DIR CODEC_BASE_VERSION");
    }
    Path dir = Path.of(args[0]);
    writeSample(dir);
    byte[] wasm = resource(WASM);
    byte[] runtime = resource(RUNTIME);
    String version = args[1] + "-" + hex(sha256(wasm)).substring(0, 8);
    Files.writeString(dir.resolve("codecs.json"), codecManifest(dir, version, wasm),
        StandardCharsets.UTF_8);

    List<String[]> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (isShell(rel)) {
          files.add(new String[] {rel, hex(sha256(Files.readAllBytes(p)))});
        }
      }
    }
    files.add(new String[] {"wasm/tegula-runtime.js", hex(sha256(runtime))});
    StringBuilder list = new StringBuilder("const PRECACHE = [\n");
    for (String[] f : files) {
      list.append("  ['").append(f[0]).append("', '").append(f[1]).append("'],\n");
    }
    // the codec's version too: a new Wasm build alone still makes a new Service Worker
    list.append("  // codec ").append(version).append("\n];");
    Path sw = dir.resolve("sw.js");
    String script = Files.readString(sw, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = PRECACHE.matcher(script);
    if (!m.find()) {
      throw new IllegalStateException(sw + " has no 'const PRECACHE = [...];' to fill");
    }
    Files.writeString(sw, script.substring(0, m.start()) + list + script.substring(m.end()),
        StandardCharsets.UTF_8);
    System.out.println("WebManifest: codec " + version + ", " + files.size()
        + " files in the Service Worker's precache");
  }

  static void writeSample(Path dir) throws IOException {
    Path jpeg = dir.resolve("sample.jpg");
    if (Files.isRegularFile(jpeg)) {
      dev.tegula.core.DecodedImage d = dev.tegula.api.Tegula.decode(Files.readAllBytes(jpeg));
      Files.write(dir.resolve("sample.tgl"), dev.tegula.api.Tegula.compress(d.image(),
          d.metadata(), dev.tegula.api.CompressOptions.lossy(75)));
    }
  }

  /**
   * The app shell: what the page and its workers load. Not the Service Worker itself, the
   * manifest (stale-while-revalidate), types, or archived codec modules (content-hashed URLs).
   */
  static boolean isShell(String rel) {
    return !rel.equals("sw.js") && !rel.equals("codecs.json") && !rel.endsWith(".d.ts")
        && !rel.startsWith("codecs/") && !rel.startsWith("wasm/");
  }

  static String codecManifest(Path dir, String version, byte[] wasm) throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(entry(version, "wasm/tegula.wasm", wasm));
    Path archived = dir.resolve("codecs");
    if (Files.isDirectory(archived)) {
      try (Stream<Path> versions = Files.list(archived)) {
        for (Path v : versions.sorted().toList()) {
          Path module = v.resolve("tegula.wasm");
          if (Files.isRegularFile(module)) {
            String name = v.getFileName().toString();
            entries.add(entry(name, "codecs/" + name + "/tegula.wasm", Files.readAllBytes(module)));
          }
        }
      }
    }
    return "{\n  \"current\": \"" + version + "\",\n  \"versions\": [\n    "
        + String.join(",\n    ", entries) + "\n  ]\n}\n";
  }

  /** The URL carries the content hash, so caches may keep it forever. */
  static String entry(String version, String path, byte[] module) {
    byte[] digest = sha256(module);
    return "{\"version\": \"" + version + "\", \"wasm\": \"" + path + "?v=" + hex(digest).substring(0, 16)
        + "\", \"integrity\": \"sha256-" + Base64.getEncoder().encodeToString(digest)
        + "\", \"size\": " + module.length + "}";
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = WebManifest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not on the classpath: build the wasm module first");
      }
      return in.readAllBytes();
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
