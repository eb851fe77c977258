package dev.tegula.cli.eval;

import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import java.util.Base64;
import java.util.Locale;

/** Escaping and number formatting shared by the report and its charts. */
final class Html {
  private Html() {}

  /** Text or attribute value with &amp;, &lt;, &gt;, quotes escaped. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Fixed decimals; "∞" for an infinite PSNR, "–" for a missing value. */
  static String num(double v, int decimals) {
    if (v == Double.POSITIVE_INFINITY) {
      return "∞";
    }
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** An SVG coordinate. */
  static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The image as a PNG data: URI (written by Tegula's own PNG encoder). */
  static String pngDataUri(Image image) {
    return "data:image/png;base64,"
        + Base64.getEncoder().encodeToString(Tegula.encodePng(image, null));
  }
}
