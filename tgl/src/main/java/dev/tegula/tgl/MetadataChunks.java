package dev.tegula.tgl;

import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata chunks exif, iccp, xmpd and text (format.md §6), read and written verbatim. */
final class MetadataChunks {
  private byte[] exif;
  private byte[] icc;
  private byte[] xmp;
  private final Map<String, String> text = new LinkedHashMap<>();

  static boolean isMetadata(int type) {
    return type == TglFormat.EXIF || type == TglFormat.ICCP || type == TglFormat.XMPD
        || type == TglFormat.TEXT;
  }

  /**
   * Takes one metadata chunk whose CRC matched; a repeated or badly laid out one is dropped with a
   * warning (the pixels do not depend on it).
   */
  void accept(byte[] data, Frame frame, List<String> warnings) {
    byte[] bytes = Arrays.copyOfRange(data, frame.dataOffset(), frame.dataOffset() + frame.length());
    String dropped = "dropped the " + frame.name() + " chunk at byte " + frame.offset();
    if (frame.type() == TglFormat.TEXT) {
      String[] entry = parseText(bytes);
      if (entry == null) {
        warnings.add(dropped + ": not a key, a zero byte and a value");
      } else {
        text.put(entry[0], entry[1]);
      }
      return;
    }
    boolean repeated = frame.type() == TglFormat.EXIF ? exif != null
        : frame.type() == TglFormat.ICCP ? icc != null : xmp != null;
    if (repeated) {
      warnings.add(dropped + ": a second one (the first is kept)");
    } else if (frame.type() == TglFormat.EXIF) {
      exif = bytes;
    } else if (frame.type() == TglFormat.ICCP) {
      icc = bytes;
    } else {
      xmp = bytes;
    }
  }

  Metadata toMetadata() {
    return new Metadata(icc, exif, xmp, text);
  }

  /** §6: key (1-79 bytes, no zero) 0x00 value. */
  private static String[] parseText(byte[] bytes) {
    int zero = -1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        zero = i;
        break;
      }
    }
    if (zero < 1 || zero > TglFormat.MAX_TEXT_KEY_BYTES) {
      return null;
    }
    return new String[] {
      new String(bytes, 0, zero, StandardCharsets.UTF_8),
      new String(bytes, zero + 1, bytes.length - zero - 1, StandardCharsets.UTF_8)
    };
  }

  /** The chunks to write, in the order of §13: exif, iccp, xmpd, then text in source order. */
  static void write(Metadata metadata, TglWriter out) {
    if (metadata == null) {
      return;
    }
    if (metadata.exif() != null) {
      out.chunk(TglFormat.EXIF, metadata.exif());
    }
    if (metadata.icc() != null) {
      out.chunk(TglFormat.ICCP, metadata.icc());
    }
    if (metadata.xmp() != null) {
      out.chunk(TglFormat.XMPD, metadata.xmp());
    }
    for (Map.Entry<String, String> e : metadata.text().entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (key.length < 1 || key.length > TglFormat.MAX_TEXT_KEY_BYTES || indexOfZero(key) >= 0) {
        continue; // not representable (§6); PNG keywords and "comment" always are
      }
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      byte[] chunk = new byte[key.length + 1 + value.length];
      System.arraycopy(key, 0, chunk, 0, key.length);
      System.arraycopy(value, 0, chunk, key.length + 1, value.length);
      out.chunk(TglFormat.TEXT, chunk);
    }
  }

  private static int indexOfZero(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
