package dev.tegula.cli;

import dev.tegula.api.ImageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * What an output file's name says it holds. Someone who asks for {@code photo.jpg} expects a JPEG
 * there: a name whose extension is an image format's gets that format or a usage error, never
 * another format's bytes under it (which a viewer then refuses, or guesses).
 */
final class OutputNames {
  /** The extensions of what Tegula writes, as image tools spell them. */
  private static final Map<String, ImageFormat> WRITTEN = Map.of(
      "tgl", ImageFormat.TGL, "png", ImageFormat.PNG, "jpg", ImageFormat.JPEG,
      "jpeg", ImageFormat.JPEG, "jpe", ImageFormat.JPEG, "jfif", ImageFormat.JPEG,
      "jfi", ImageFormat.JPEG);

  /** Image formats Tegula does not write, by extension, for the message. */
  private static final Map<String, String> NOT_WRITTEN = Map.ofEntries(
      Map.entry("webp", "WebP"), Map.entry("avif", "AVIF"), Map.entry("jxl", "JPEG XL"),
      Map.entry("gif", "GIF"), Map.entry("bmp", "BMP"), Map.entry("tif", "TIFF"),
      Map.entry("tiff", "TIFF"), Map.entry("heic", "HEIF"), Map.entry("heif", "HEIF"),
      Map.entry("jp2", "JPEG 2000"), Map.entry("qoi", "QOI"), Map.entry("ico", "ICO"),
      Map.entry("svg", "SVG"));

  private OutputNames() {}

  /** The format a file name asks for; null when its extension names none that Tegula writes. */
  static ImageFormat formatOf(String name) {
    return WRITTEN.get(extension(name));
  }

  /** True when the name's extension is any image format's, written by Tegula or not. */
  static boolean isImageName(String name) {
    String e = extension(name);
    return WRITTEN.containsKey(e) || NOT_WRITTEN.containsKey(e);
  }

  /**
   * Why a file called {@code name} should not receive {@code format}'s bytes, as the end of a
   * sentence starting with the name ("names a JPEG file, but ..."); null when it may: its
   * extension is that format's, or no image format's.
   *
   * @param writer what writes {@code format}, for the message ("--format jpeg", "convert")
   */
  static String mismatch(String name, ImageFormat format, String writer) {
    String e = extension(name);
    ImageFormat named = WRITTEN.get(e);
    if (named == format) {
      return null;
    }
    if (named != null) {
      return "names a " + label(named) + " file, but " + writer + " writes " + label(format);
    }
    String other = NOT_WRITTEN.get(e);
    return other == null ? null : "names a " + other + " file; Tegula writes .tgl, JPEG and PNG";
  }

  /** How messages name a format. */
  static String label(ImageFormat format) {
    return format == ImageFormat.TGL ? ".tgl" : format.name();
  }

  /** The last path element's extension in lower case, "" when it has none. */
  static String extension(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    int dot = name.lastIndexOf('.');
    return dot > slash + 1 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }
}
