package dev.tegula.wasm;

import dev.tegula.jpeg.JpegEncodeOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The options of one encode as tegula.js sends them: {@code key=value} pairs joined by {@code &}
 * (what {@code URLSearchParams} writes; every value is a number, a boolean or a plain word, so
 * nothing is percent-encoded). A string crosses the Wasm boundary in one piece, and a new option
 * (a later codec's) is one more key rather than one more parameter of every export.
 *
 * <p>tegula.js has validated the values already, and {@link dev.tegula.api.CompressOptions}
 * checks them again; what is wrong here is the caller's misuse and fails with
 * IllegalArgumentException (code "argument" in the reply).
 */
final class EncodeRequest {
  final String format;
  final int quality;
  final boolean lossless;
  final int tileSize;
  final long maxPixels;
  final int pngEffort;
  final long maxSizeBytes;
  final double targetSsim;
  final int maxDimension;
  final boolean gammaCorrect;
  final boolean grayscale;
  final boolean strip;
  final boolean stripGps;
  final boolean keepOrientation;
  /** Lossy chroma: "444", "422" (JPEG only), "420", or null for the encoder's choice by quality. */
  final String chroma;
  final boolean baseline;
  final int restartInterval;

  private EncodeRequest(Map<String, String> m) {
    format = word(m, "format", "tgl");
    if (!format.equals("tgl") && !format.equals("png") && !format.equals("jpeg")) {
      throw new IllegalArgumentException("format must be tgl, png or jpeg, not " + format);
    }
    quality = (int) number(m, "quality", 75, 0, 100);
    lossless = flag(m, "lossless");
    tileSize = (int) number(m, "tileSize", 512, 16, 4096);
    maxPixels = number(m, "maxPixels", 0, 0, Long.MAX_VALUE);
    pngEffort = (int) number(m, "pngEffort", 3, 0, 4);
    maxSizeBytes = number(m, "maxSizeBytes", 0, 0, Long.MAX_VALUE);
    targetSsim = fraction(m, "targetSsim");
    maxDimension = (int) number(m, "maxDimension", 0, 0, 1 << 20);
    gammaCorrect = flag(m, "gammaCorrect");
    grayscale = flag(m, "grayscale");
    strip = flag(m, "strip");
    stripGps = flag(m, "stripGps");
    keepOrientation = flag(m, "keepOrientation");
    chroma = m.get("chroma");
    subsampling(chroma);
    baseline = flag(m, "baseline");
    restartInterval = (int) number(m, "restartInterval", 0, 0, 65535);
  }

  /** "444", "422", "420" as the api's subsampling; null for none. */
  static JpegEncodeOptions.Subsampling subsampling(String chroma) {
    if (chroma == null) {
      return null;
    }
    switch (chroma) {
      case "444":
        return JpegEncodeOptions.Subsampling.S444;
      case "422":
        return JpegEncodeOptions.Subsampling.S422;
      case "420":
        return JpegEncodeOptions.Subsampling.S420;
      default:
        throw new IllegalArgumentException("chroma must be 444, 422 or 420, not " + chroma);
    }
  }

  static EncodeRequest parse(String text) {
    return new EncodeRequest(options(text));
  }

  /** The key=value pairs of {@code text}, a later key winning. */
  static Map<String, String> options(String text) {
    Map<String, String> m = new HashMap<>();
    if (text != null && !text.isEmpty()) {
      // What text.split("&") gave (trailing empty pairs dropped), without TeaVM's regex package
      // (about 130 KB of Wasm code) that String.split brings in.
      int end = text.length();
      while (end > 0 && text.charAt(end - 1) == '&') {
        end--;
      }
      for (int start = 0; start < end; ) {
        int amp = text.indexOf('&', start);
        if (amp < 0 || amp > end) {
          amp = end;
        }
        String pair = text.substring(start, amp);
        start = amp + 1;
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("option without a value: " + pair);
        }
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }

  private static String word(Map<String, String> m, String key, String fallback) {
    String v = m.get(key);
    return v == null ? fallback : v;
  }

  private static boolean flag(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(key + " must be true or false, not " + v);
  }

  private static long number(Map<String, String> m, String key, long fallback, long min, long max) {
    String v = m.get(key);
    if (v == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, not " + v);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(key + " must be " + min + "-" + max + ", not " + v);
    }
    return n;
  }

  /** A number in (0, 1), or 0 when absent or 0. */
  private static double fraction(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null || v.equals("0")) {
      return 0;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not " + v);
    }
    if (!(d > 0 && d < 1)) {
      throw new IllegalArgumentException(key + " must be between 0 and 1, not " + v);
    }
    return d;
  }
}
