package dev.tegula.png;

import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes {@link Metadata} as PNG chunks, the counterpart of {@link MetadataReader}: iCCP (PNG
 * spec §11.3.3.3, the profile deflated), eXIf (§11.3.3.6), XMP as iTXt with the keyword
 * "XML:com.adobe.xmp" (uncompressed, as the XMP specification part 3 asks), and each text entry
 * as tEXt when it is Latin-1 or iTXt (UTF-8) otherwise (§11.3.4), compressed (zTXt or compressed
 * iTXt) when that saves bytes. All of them go before the image data (§5.6 allows text after it
 * too; before it, streaming readers see it).
 */
final class MetadataWriter {
  static final String XMP_KEYWORD = "XML:com.adobe.xmp";
  /** Text shorter than this is not worth a zlib stream. */
  private static final int COMPRESS_FROM = 1024;

  private MetadataWriter() {}

  /** iCCP and eXIf, which §5.6 places before PLTE. */
  static void writeBeforePalette(ChunkWriter out, Metadata metadata) {
    if (metadata.icc() != null && metadata.icc().length > 0) {
      out.write(Chunk.ICCP, iccp(metadata.icc()));
    }
    if (metadata.exif() != null && metadata.exif().length > 0) {
      out.write(Chunk.EXIF, metadata.exif());
    }
  }

  /** XMP and the text entries. */
  static void writeText(ChunkWriter out, Metadata metadata) {
    if (metadata.xmp() != null && metadata.xmp().length > 0) {
      out.write(Chunk.ITXT, itxt(XMP_KEYWORD, metadata.xmp(), false));
    }
    for (Map.Entry<String, String> e : metadata.text().entrySet()) {
      String keyword = keyword(e.getKey());
      String value = e.getValue() == null ? "" : e.getValue().replace("\0", "");
      if (isLatin1(value)) {
        byte[] text = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] packed = text.length >= COMPRESS_FROM ? deflate(text) : null;
        if (packed != null && packed.length + 1 < text.length) {
          out.write(Chunk.ZTXT, concat(latin1(keyword), new byte[] {0, 0}, packed));
        } else {
          out.write(Chunk.TEXT, concat(latin1(keyword), new byte[] {0}, text));
        }
      } else {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        out.write(Chunk.ITXT, itxt(keyword, text, text.length >= COMPRESS_FROM));
      }
    }
  }

  /** §11.3.3.3: profile name, null, compression method 0, zlib stream. */
  private static byte[] iccp(byte[] profile) {
    return concat(latin1("ICC profile"), new byte[] {0, 0}, deflate(profile));
  }

  /**
   * §11.3.4.5: keyword, null, compression flag and method, empty language tag and translated
   * keyword (each null-terminated), text.
   */
  private static byte[] itxt(String keyword, byte[] text, boolean tryCompress) {
    byte[] packed = tryCompress ? deflate(text) : null;
    boolean compressed = packed != null && packed.length < text.length;
    return concat(latin1(keyword), new byte[] {0, (byte) (compressed ? 1 : 0), 0, 0, 0},
        compressed ? packed : text);
  }

  /**
   * §11.3.4.2: 1-79 Latin-1 printable bytes without leading, trailing or double spaces; other
   * characters become '_' so that any map key gives a keyword readers accept.
   */
  static String keyword(String key) {
    StringBuilder b = new StringBuilder();
    String k = key == null ? "" : key.trim();
    for (int i = 0; i < k.length() && b.length() < 79; i++) {
      char c = k.charAt(i);
      boolean printable = (c >= 32 && c <= 126) || (c >= 161 && c <= 255);
      if (c == ' ' && b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
        continue;
      }
      b.append(printable ? c : '_');
    }
    String s = b.toString().trim();
    return s.isEmpty() ? "Comment" : s;
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** Tegula's coder, so that the chunk is the same on every platform. */
  private static byte[] deflate(byte[] data) {
    return DeflateCoder.zlib(data, data.length, false);
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
