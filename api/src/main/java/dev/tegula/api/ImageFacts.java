package dev.tegula.api;

import dev.tegula.core.IccProfile;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;
import java.util.Map;

/** Describes images, metadata and errors as JSON, the same way for the CLI, server and browser. */
public final class ImageFacts {
  private ImageFacts() {}

  public static String toJson(ImageInfo info) {
    return new Json()
        .put("format", info.format())
        .put("width", info.width())
        .put("height", info.height())
        .put("components", info.components())
        .put("bitDepth", info.bitDepth())
        .put("colorSpace", info.colorSpace())
        .put("variant", info.variant())
        .put("subsampling", info.subsampling())
        .put("progressive", info.progressive())
        .put("hasAlpha", info.hasAlpha())
        .put("orientation", info.orientation())
        .put("scans", info.scans())
        .toString();
  }

  /**
   * Sizes of the metadata blocks, what the ICC profile says it is (its colour space and
   * description; "" when there is none or it cannot be read) and the text entries; the bytes
   * themselves are not inlined.
   */
  public static String toJson(Metadata metadata) {
    Json text = new Json();
    for (Map.Entry<String, String> e : metadata.text().entrySet()) {
      text.put(e.getKey(), e.getValue());
    }
    IccProfile icc = IccProfile.read(metadata.icc());
    return new Json()
        .put("iccBytes", metadata.icc() == null ? 0 : metadata.icc().length)
        .put("iccColorSpace", icc == null ? "" : icc.colourSpace())
        .put("iccDescription", icc == null ? "" : icc.description())
        .put("exifBytes", metadata.exif() == null ? 0 : metadata.exif().length)
        .put("xmpBytes", metadata.xmp() == null ? 0 : metadata.xmp().length)
        .putRaw("text", text.toString())
        .toString();
  }

  public static String errorJson(TegulaException e) {
    return new Json()
        .putRaw("error", new Json()
            .put("code", e.code())
            .put("message", e.getMessage())
            .put("offset", e.offset())
            .toString())
        .toString();
  }
}
