package dev.tegula.bench;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JVM side of the bench page's search section: for each image, JPEG and .tgl, target SSIMs
 * and sizes ({@link Plan}), what the JVM's search chooses (quality, chroma, lambda, encodes,
 * SSIM, bytes, the file's SHA-256), which the page's Wasm search must give too, written to
 * searches.json beside the images. When timed, the page asks the bench server to time the JVM's
 * search and its plain encode at the chosen quality between its own Wasm runs ({@link #time}),
 * so that both see the same machine load (a shared machine's load moves a search's time by 2-3x
 * within minutes).
 *
 * <p>The source is the image's RGBA without metadata, as the page hands it to the Wasm encoder
 * after Tegula's own Wasm decode (checked equal to the JVM's).
 */
final class BenchSearches {
  private static final ImageFormat[] FORMATS = {ImageFormat.JPEG, ImageFormat.TGL};

  /** Which searches each image gets. */
  enum Plan {
    /** The smoke run's: a JPEG SSIM and a .tgl size search. */
    QUICK(new double[] {0.95}, new int[] {75}, false),
    /** The timed section's: per format a target SSIM and a size near the q75 file's. */
    BENCH(new double[] {0.95}, new int[] {75}, false),
    /**
     * Parity only (not timed): four SSIM targets, sizes near three qualities' files and one in
     * the chroma jump.
     */
    PARITY(new double[] {0.90, 0.95, 0.97, 0.99}, new int[] {50, 75, 90}, true);

    final double[] ssims;
    /** Qualities whose files' sizes, rounded down to a kilobyte, are the size targets. */
    final int[] sizeQualities;
    /**
     * Also a size halfway between the 96 file (4:2:0) and the 97 one (4:4:4), rounded down to a
     * kilobyte: mostly inside the chroma jump, where a search fills it with 4:4:4 below 97 and
     * its own rules for that (SizeSearch's jump rules).
     */
    final boolean inJump;

    Plan(double[] ssims, int[] sizeQualities, boolean inJump) {
      this.ssims = ssims;
      this.sizeQualities = sizeQualities;
      this.inJump = inJump;
    }
  }

  /**
   * One search of the section: its request as tegula.js sends it, the JVM's result, and what
   * {@link #time} runs again: the search's options and a plain encode at the quality it chose.
   */
  record Search(String file, String format, String target, String request, CompressResult jvm,
      Image image, CompressOptions options, CompressOptions plain) {}

  private BenchSearches() {}

  /**
   * Runs the searches of {@code plan} on {@code images} (copied into {@code dir} when elsewhere)
   * and writes searches.json there: the images with the SHA-256 of their RGBA (the page checks its
   * Wasm decode against it) and the searches; {@code timed}: the page times them (the JVM's
   * warmed up here, for the JIT).
   */
  static List<Search> write(Path dir, List<Path> images, Plan plan, boolean timed)
      throws IOException {
    List<Search> searches = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    for (Path path : images) {
      String file = path.getFileName().toString();
      if (!Files.isSameFile(path.getParent(), dir)) {
        Files.copy(path, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      // 8-bit RGBA, as the page hands Wasm its decode (a 16-bit PNG's deeper samples dropped)
      Image decoded = Tegula.decode(Files.readAllBytes(path)).image();
      Image image = new Image(decoded.width(), decoded.height(), decoded.rgba());
      list.append(list.length() == 0 ? "" : ",\n").append(String.format(Locale.ROOT,
          "    {\"file\": \"%s\", \"width\": %d, \"height\": %d, \"sha256\": \"%s\"}",
          file, image.width(), image.height(), BenchInputs.sha256(image.rgba())));
      for (ImageFormat format : FORMATS) {
        boolean jpeg = format == ImageFormat.JPEG;
        if (plan != Plan.QUICK || jpeg) {
          for (double ssim : plan.ssims) {
            searches.add(search(file, image, format, "targetSsim=" + ssim,
                CompressOptions.lossy(75).withFormat(format).withTargetSsim(ssim), timed));
          }
        }
        if (plan != Plan.QUICK || !jpeg) {
          List<Integer> sizes = new ArrayList<>();
          for (int q : plan.sizeQualities) {
            sizes.add(compress(image, CompressOptions.lossy(q).withFormat(format)).size()
                / 1000 * 1000);
          }
          if (plan.inJump) {
            sizes.add((compress(image, CompressOptions.lossy(96).withFormat(format)).size()
                + compress(image, CompressOptions.lossy(97).withFormat(format)).size())
                / 2 / 1000 * 1000);
          }
          for (int size : sizes) {
            searches.add(search(file, image, format, "maxSizeBytes=" + size,
                CompressOptions.lossy(75).withFormat(format).withMaxSizeBytes(size), timed));
          }
        }
      }
    }
    StringBuilder json = new StringBuilder("{\n  \"images\": [\n").append(list)
        .append("\n  ],\n  \"searches\": [\n");
    for (int i = 0; i < searches.size(); i++) {
      Search s = searches.get(i);
      CompressResult r = s.jvm();
      json.append(i == 0 ? "" : ",\n").append(String.format(Locale.ROOT,
          "    {\"file\": \"%s\", \"format\": \"%s\", \"target\": \"%s\", \"request\": \"%s\","
              + " \"jvm\": {\"quality\": %d, \"qualityHundredths\": %d, \"chroma\": %s,"
              + " \"lambdaHundredths\": %d, \"encodes\": %d, \"ssim\": %s, \"bytes\": %d,"
              + " \"sha256\": \"%s\"}, \"timed\": %b}",
          s.file(), s.format(), s.target(), s.request(), r.quality(), r.qualityHundredths(),
          r.chroma() == null ? "null" : "\"" + r.chroma() + "\"", r.lambdaHundredths(),
          r.encodes(), Double.isNaN(r.ssim()) ? "null" : String.valueOf(r.ssim()), r.size(),
          BenchInputs.sha256(r.bytes()), timed));
    }
    json.append("\n  ]\n}\n");
    Files.writeString(dir.resolve("searches.json"), json);
    return searches;
  }

  private static Search search(String file, Image image, ImageFormat format, String target,
      CompressOptions options, boolean timed) {
    String name = format == ImageFormat.JPEG ? "jpeg" : "tgl";
    CompressResult r = compress(image, options);
    CompressOptions plain = CompressOptions.lossy(r.quality()).withFormat(format);
    if (timed && (long) image.width() * image.height() < 4_000_000) {
      // warm-up, for the JIT (which the small images have done by the time of a large one)
      for (int i = 0; i < 2; i++) {
        compress(image, options);
        compress(image, plain);
      }
    }
    return new Search(file, name, target, "format=" + name + "&" + target, r, image, options,
        plain);
  }

  /**
   * The bench server's answer to the page's {@code /jvm/search-N.json} or {@code
   * /jvm/encode-N.json}: search N of the list, or its plain encode, run once on the JVM and timed
   * (wall time): JSON {@code {"ms": ...}}; null for another name.
   */
  static String time(List<Search> searches, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(search|encode)-(\\d+)\\.json")
        .matcher(name);
    if (!m.matches() || Integer.parseInt(m.group(2)) >= searches.size()) {
      return null;
    }
    Search s = searches.get(Integer.parseInt(m.group(2)));
    CompressOptions options = m.group(1).equals("search") ? s.options() : s.plain();
    long t0 = System.nanoTime();
    compress(s.image(), options);
    return String.format(Locale.ROOT, "{\"ms\": %.3f}", (System.nanoTime() - t0) / 1e6);
  }

  /** The api's compress of RGBA pixels, as the Wasm encoder export runs it for the page. */
  static CompressResult compress(Image image, CompressOptions options) {
    return Tegula.compress(new DecodedImage(image, null, Metadata.EMPTY, true, null), options);
  }
}
