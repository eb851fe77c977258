package dev.tegula.wasm;

import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.api.JpegCoding;
import dev.tegula.api.Tegula;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import dev.tegula.recompress.JpegCompression;
import dev.tegula.recompress.JpegTglInfo;
import org.teavm.jso.JSExport;

/**
 * JPEG recompression for tegula.js (docs/format-jpeg.md): a JPEG kept bit for bit in .tgl and
 * given back. Restoring such a .tgl file to pixels needs nothing here: {@link
 * TegulaExports#decode} rebuilds the JPEG and decodes it. Reached from JavaScript as {@code
 * exports.jpegLossless()}; results are JSON as in {@link TegulaExports}, bytes wait for {@link
 * #takeBytes}.
 */
public final class JpegLosslessExports {
  static final JpegLosslessExports INSTANCE = new JpegLosslessExports();

  private final Handover pendingBytes = new Handover();

  private JpegLosslessExports() {}

  /**
   * Compresses a JPEG file: JSON {@code {modelled, reason, coding, width, height, originalBytes,
   * bytes}} ({@code reason} says why it is stored verbatim, or null) with the .tgl waiting for
   * {@link #takeBytes}; {@code adaptive} picks the adaptive coefficient coding over the default,
   * the fast one ({@link JpegCoding}).
   */
  @JSExport
  public String compress(byte[] jpeg, double maxPixels, boolean adaptive) {
    pendingBytes.clear();
    try {
      Limits limits = limits(maxPixels);
      JpegCompression c = Tegula.compressJpegLossless(jpeg, limits,
          adaptive ? JpegCoding.ADAPTIVE : JpegCoding.FAST);
      JpegTglInfo info = Tegula.inspectJpeg(c.tgl(), limits);
      pendingBytes.put(c.tgl());
      return new Json().put("modelled", c.modelled()).put("reason", c.reason())
          .put("coding", info.coding())
          .put("width", info.width()).put("height", info.height())
          .put("originalBytes", jpeg.length).put("bytes", c.tgl().length).toString();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (RuntimeException | StackOverflowError e) {
      return error(e instanceof IllegalArgumentException ? "argument" : "internal", e);
    }
  }

  /** The original JPEG of such a .tgl file: JSON {@code {bytes}}, the JPEG for takeBytes. */
  @JSExport
  public String restoreOriginal(byte[] tgl, double maxPixels) {
    pendingBytes.clear();
    try {
      byte[] jpeg = pendingBytes.put(Tegula.restoreOriginal(tgl, limits(maxPixels)));
      return new Json().put("bytes", jpeg.length).toString();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (RuntimeException | StackOverflowError e) {
      return error(e instanceof IllegalArgumentException ? "argument" : "internal", e);
    }
  }

  @JSExport
  public byte[] takeBytes() {
    return pendingBytes.take();
  }

  private static Limits limits(double maxPixels) {
    return maxPixels >= 1 ? Limits.DEFAULT.withMaxPixels((long) maxPixels) : Limits.DEFAULT;
  }

  private static String error(String code, Throwable e) {
    return new Json().putRaw("error", new Json().put("code", code)
        .put("message", (code.equals("internal") ? "internal decoder error: " : "")
            + e.getClass().getName() + ": " + e.getMessage())
        .put("offset", -1).toString()).toString();
  }
}
