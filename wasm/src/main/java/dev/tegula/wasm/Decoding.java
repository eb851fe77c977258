package dev.tegula.wasm;

import dev.tegula.api.ImageFacts;
import dev.tegula.api.Json;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;

/** decode() and info() of both modules, the full one and the decode-only one. */
final class Decoding {
  private Decoding() {}

  /**
   * See {@link TegulaExports#decode}. Every file is decoded into linear memory, where its pixels
   * wait in {@code linear} (JPEG, PNG and 8-bit .tgl row by row; a 16-bit .tgl and a .tgl that
   * keeps a JPEG as an image copied in).
   */
  static String decode(LinearPixels linear, byte[] data, boolean autoOrient, double maxPixels,
      int jpegShrink) {
    linear.clear();
    try {
      DecodeOptions options = new DecodeOptions(limits(maxPixels), autoOrient, jpegShrink);
      DecodeReport d = Tegula.decodeInto(data, options, linear.target());
      linear.ready(d.width() * d.height() * 4);
      return new Json()
          .put("width", d.width())
          .put("height", d.height())
          .put("complete", d.complete())
          .put("warning", d.warning())
          .putRaw("info", ImageFacts.toJson(d.info()))
          .putRaw("metadata", ImageFacts.toJson(d.metadata()))
          .toString();
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (IllegalArgumentException e) {
      return Replies.error("argument", String.valueOf(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return internalError(e);
    }
  }

  /** The default limits, with the page's pixel limit when it gave one ({@code maxPixels} > 0). */
  static Limits limits(double maxPixels) {
    return maxPixels > 0 ? Limits.DEFAULT.withMaxPixels((long) maxPixels) : Limits.DEFAULT;
  }

  /** See {@link TegulaExports#info}. */
  static String info(byte[] data) {
    try {
      return ImageFacts.toJson(Tegula.readInfo(data));
    } catch (TegulaException e) {
      return ImageFacts.errorJson(e);
    } catch (RuntimeException | StackOverflowError e) {
      return internalError(e);
    }
  }

  /**
   * A decoder bug that throws (anything but the declared exception family) still reaches the page
   * as a readable error; a bad array index or null traps in the shipped, non-strict module, and the
   * worker reports that (see {@link Replies}).
   */
  static String internalError(Throwable e) {
    return new Json()
        .putRaw("error", new Json()
            .put("code", "internal")
            .put("message", "internal decoder error: " + e.getClass().getName() + ": " + e.getMessage())
            .put("offset", -1)
            .toString())
        .toString();
  }
}
