package dev.tegula.cli;

import dev.tegula.core.IccProfile;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Metadata;
import dev.tegula.core.TegulaException;

/**
 * What {@code tegula info} found out about one file, rendered as a readable block or as JSON.
 *
 * @param file the name as the user gave it
 * @param info the header, or null when even the header could not be read
 * @param metadata what a full decode carried, or null when it failed
 * @param complete whether the decode had all the data
 * @param warning why the decode was incomplete, or null
 * @param failure why the file could not be read or decoded, or null
 * @param tgl the container report of a .tgl file, else null
 */
record FileReport(
    String file, ImageInfo info, Metadata metadata, boolean complete, String warning,
    Throwable failure, TglReport tgl) {

  private static final String[] ORIENTATIONS = {
    "", "normal", "mirrored left-right", "rotated 180°", "mirrored top-bottom",
    "mirrored along the main diagonal", "rotated 90° clockwise",
    "mirrored along the anti-diagonal", "rotated 90° counter-clockwise"
  };

  String toText() {
    StringBuilder sb = new StringBuilder(file).append('\n');
    if (info == null) {
      line(sb, "error", ErrorReporter.message(failure));
      return sb.toString();
    }
    line(sb, "format", info.format() + " (" + info.variant() + ")");
    line(sb, "size", info.width() + "x" + info.height());
    String orientation = info.orientation() + " (" + orientationName(info.orientation()) + ")";
    if (info.orientedWidth() != info.width()) {
      orientation += ", displayed " + info.orientedWidth() + "x" + info.orientedHeight();
    }
    line(sb, "orientation", orientation);
    line(sb, "colour space", info.colorSpace() + ", " + info.components() + " component"
        + (info.components() == 1 ? "" : "s"));
    if (info.subsampling() != null) {
      line(sb, "subsampling", info.subsampling());
    }
    line(sb, "bit depth", Integer.toString(info.bitDepth()));
    line(sb, "progressive", yesNo(info.progressive()));
    line(sb, "alpha", yesNo(info.hasAlpha()));
    if (info.scans() > 0 && info.format().equals("jpeg")) {
      line(sb, "scans", Integer.toString(info.scans()));
    }
    if (tgl != null) {
      tgl.toText(sb);
    }
    if (metadata != null) {
      line(sb, "ICC profile", profile(metadata.icc()));
      line(sb, "EXIF", bytes(metadata.exif()));
      line(sb, "XMP", bytes(metadata.xmp()));
      line(sb, "text", metadata.text().isEmpty() ? "none"
          : ErrorReporter.printable(String.join(", ", metadata.text().keySet())));
    }
    String status;
    if (failure != null) {
      status = "damaged: " + ErrorReporter.message(failure);
    } else if (!complete) {
      status = "incomplete: " + ErrorReporter.printable(String.valueOf(warning));
    } else {
      status = "decodes completely";
    }
    line(sb, "status", status);
    return sb.toString();
  }

  void toJson(JsonWriter json) {
    json.beginObject().name("file").value(file);
    if (info != null) {
      json.name("format").value(info.format())
          .name("variant").value(info.variant())
          .name("width").value(info.width())
          .name("height").value(info.height())
          .name("orientation").value(info.orientation())
          .name("displayWidth").value(info.orientedWidth())
          .name("displayHeight").value(info.orientedHeight())
          .name("colorSpace").value(info.colorSpace())
          .name("components").value(info.components())
          .name("subsampling").value(info.subsampling())
          .name("bitDepth").value(info.bitDepth())
          .name("progressive").value(info.progressive())
          .name("alpha").value(info.hasAlpha())
          .name("scans").value(info.scans());
    }
    if (tgl != null) {
      tgl.toJson(json);
    }
    if (metadata != null) {
      json.name("metadata").beginObject()
          .name("iccBytes").value(length(metadata.icc()));
      IccProfile icc = IccProfile.read(metadata.icc());
      if (icc != null) {
        json.name("iccColorSpace").value(icc.colourSpace())
            .name("iccDescription").value(icc.description());
      }
      json
          .name("exifBytes").value(length(metadata.exif()))
          .name("xmpBytes").value(length(metadata.xmp()))
          .name("textKeys").beginArray();
      metadata.text().keySet().forEach(json::value);
      json.endArray().endObject();
    }
    if (info != null && failure == null) {
      json.name("complete").value(complete).name("warning").value(warning);
    }
    if (failure != null) {
      json.name("error").beginObject()
          .name("code").value(errorCode(failure))
          .name("message").value(ErrorReporter.message(failure));
      if (failure instanceof TegulaException t && t.offset() >= 0) {
        json.name("offset").value(t.offset());
      }
      json.endObject();
    }
    json.endObject();
  }

  private static String errorCode(Throwable failure) {
    if (failure instanceof TegulaException t) {
      return t.code();
    }
    return ErrorReporter.exitCode(failure) == ExitCodes.IO ? "io" : "internal";
  }

  private static String orientationName(int orientation) {
    return orientation >= 1 && orientation <= 8 ? ORIENTATIONS[orientation] : "unknown";
  }

  private static Integer length(byte[] data) {
    return data == null ? null : data.length;
  }

  /** "3144 bytes, RGB, sRGB IEC61966-2.1": the size, and what the profile says it is. */
  private static String profile(byte[] icc) {
    IccProfile p = IccProfile.read(icc);
    if (p == null) {
      return bytes(icc);
    }
    String description = p.description();
    return bytes(icc) + ", " + ErrorReporter.printable(p.colourSpace())
        + (description.isEmpty() ? "" : ", " + ErrorReporter.printable(description));
  }

  private static String bytes(byte[] data) {
    return data == null ? "none" : data.length + " bytes";
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  static void line(StringBuilder sb, String label, String value) {
    sb.append("  ").append(label).append(':');
    for (int i = label.length(); i < 13; i++) {
      sb.append(' ');
    }
    sb.append(value).append('\n');
  }
}
