package dev.tegula.cli.eval;

import dev.tegula.metrics.Comparison;
import java.util.List;
import java.util.Locale;

/**
 * results.csv (RFC 4180): one row per image and setting. An empty quality means a lossless codec;
 * "inf" is an infinite PSNR (identical); an empty metric one the image is too small for, or an
 * alpha metric of an opaque pair.
 */
public final class ResultsCsv {
  public static final List<String> COLUMNS = List.of("image", "width", "height", "codec",
      "quality", "bytes", "bpp", "psnr", "psnr_luma", "ssim", "ssim_luma", "msssim", "psnr_alpha",
      "ssim_alpha", "encode_ms", "decode_ms");

  private ResultsCsv() {}

  public static String write(List<EvalResult> results) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (EvalResult r : results) {
      Comparison c = r.metrics();
      field(sb, r.image());
      sb.append(',').append(r.width()).append(',').append(r.height()).append(',');
      field(sb, r.codec());
      sb.append(',').append(r.lossless() ? "" : Integer.toString(r.quality()))
          .append(',').append(r.bytes())
          .append(',').append(number(r.bpp(), 6))
          .append(',').append(number(c.psnr(), 6))
          .append(',').append(number(c.psnrLuma(), 6))
          .append(',').append(number(c.ssim(), 8))
          .append(',').append(number(c.ssimLuma(), 8))
          .append(',').append(number(c.msSsim(), 8))
          .append(',').append(number(c.psnrAlpha(), 6))
          .append(',').append(number(c.ssimAlpha(), 8))
          .append(',').append(number(r.encodeMs(), 3))
          .append(',').append(number(r.decodeMs(), 3))
          .append("\r\n");
    }
    return sb.toString();
  }

  static String number(double v, int decimals) {
    if (v == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static void field(StringBuilder sb, String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      sb.append(value);
    } else {
      sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
  }
}
