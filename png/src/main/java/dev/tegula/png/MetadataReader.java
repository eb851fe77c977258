package dev.tegula.png;

import dev.tegula.core.Exif;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the metadata chunks: iCCP (PNG spec §11.3.3.3), tEXt, zTXt and iTXt (§11.3.4.3-§11.3.4.5,
 * iTXt "XML:com.adobe.xmp" being XMP) and eXIf (3rd edition, EXIF in a chunk). Every kept byte,
 * counted after inflation, is checked against {@link Limits#maxMetadataBytes()}; a chunk that is
 * malformed is dropped with a warning because the pixels do not depend on it.
 */
final class MetadataReader {
  private static final String XMP_KEYWORD = "XML:com.adobe.xmp";

  private final byte[] data;
  private final Limits limits;
  private final Warnings warnings;
  /** False for readInfo, which needs only the EXIF orientation and inflates nothing. */
  private final boolean keepAll;
  private final Map<String, String> text = new LinkedHashMap<>();
  private byte[] icc;
  private byte[] exif;
  private byte[] xmp;
  private long kept;

  MetadataReader(byte[] data, Limits limits, Warnings warnings, boolean keepAll) {
    this.data = data;
    this.limits = limits;
    this.warnings = warnings;
    this.keepAll = keepAll;
  }

  /** Takes the chunk if it is a metadata chunk; false when it is some other chunk. */
  boolean accept(Chunk chunk) {
    int type = chunk.type();
    if (type == Chunk.EXIF) {
      readExif(chunk);
    } else if (type != Chunk.TEXT && type != Chunk.ZTXT && type != Chunk.ITXT
        && type != Chunk.ICCP) {
      return false;
    } else if (keepAll) {
      try {
        if (type == Chunk.ICCP) {
          readIccp(chunk);
        } else if (type == Chunk.ITXT) {
          readItxt(chunk);
        } else {
          readLatin1Text(chunk, type == Chunk.ZTXT);
        }
      } catch (MalformedInputException e) {
        warnings.add("ignored " + chunk.name() + " chunk: " + e.getMessage());
      }
    }
    return true;
  }

  Metadata metadata() {
    return new Metadata(icc, exif, xmp, text);
  }

  /** EXIF orientation 1-8, 1 without EXIF. */
  int orientation() {
    return exif == null ? 1 : Exif.orientation(exif);
  }

  /** eXIf (3rd edition; PNG Extensions 1.5 §3.7 before it): a TIFF structure, as in JPEG APP1. */
  private void readExif(Chunk chunk) {
    if (exif != null) {
      warnings.add("ignored a second eXIf chunk at byte " + chunk.offset());
      return;
    }
    int p = chunk.dataOffset();
    int n = chunk.length();
    // Some writers keep the JPEG APP1 prefix; the chunk should start at the TIFF header.
    if (n >= 6 && data[p] == 'E' && data[p + 1] == 'x' && data[p + 2] == 'i' && data[p + 3] == 'f'
        && data[p + 4] == 0 && data[p + 5] == 0) {
      p += 6;
      n -= 6;
    }
    if (!Exif.isTiffHeader(data, p, n)) {
      warnings.add("ignored eXIf chunk at byte " + chunk.offset() + ": no TIFF header");
      return;
    }
    keep(n, chunk);
    exif = slice(p, n);
  }

  /** §11.3.3.3: profile name, compression method, zlib-compressed profile. */
  private void readIccp(Chunk chunk) {
    if (icc != null) {
      warnings.add("ignored a second iCCP chunk at byte " + chunk.offset());
      return;
    }
    int name = keywordEnd(chunk);
    int method = name + 1;
    if (method >= end(chunk)) {
      throw new MalformedInputException("no compression method", chunk.offset());
    }
    requireDeflate(data[method], chunk);
    icc = inflate(method + 1, end(chunk) - method - 1, chunk);
  }

  /** §11.3.4.3 tEXt and §11.3.4.4 zTXt: keyword and Latin-1 text, zlib-compressed in zTXt. */
  private void readLatin1Text(Chunk chunk, boolean compressed) {
    int sep = keywordEnd(chunk);
    String keyword = latin1(chunk.dataOffset(), sep - chunk.dataOffset());
    byte[] value;
    int start = sep + 1;
    if (compressed) {
      if (start >= end(chunk)) {
        throw new MalformedInputException("no compression method", chunk.offset());
      }
      requireDeflate(data[start], chunk);
      value = inflate(start + 1, end(chunk) - start - 1, chunk);
    } else {
      keep(end(chunk) - start, chunk);
      value = slice(start, end(chunk) - start);
    }
    keep(sep - chunk.dataOffset(), chunk);
    putText(keyword, new String(value, StandardCharsets.ISO_8859_1));
  }

  /**
   * §11.3.4.5 iTXt: keyword, compression flag and method, language tag, translated keyword, UTF-8
   * text.
   */
  private void readItxt(Chunk chunk) {
    int sep = keywordEnd(chunk);
    String keyword = latin1(chunk.dataOffset(), sep - chunk.dataOffset());
    int end = end(chunk);
    int flag = sep + 1;
    if (flag + 2 > end) {
      throw new MalformedInputException("cut before the compression fields", chunk.offset());
    }
    boolean compressed = data[flag] != 0;
    if (compressed) {
      requireDeflate(data[flag + 1], chunk);
    }
    int language = indexOfZero(flag + 2, end);
    int translated = language < 0 ? -1 : indexOfZero(language + 1, end);
    if (translated < 0) {
      throw new MalformedInputException("missing separator", chunk.offset());
    }
    int start = translated + 1;
    byte[] value;
    if (compressed) {
      value = inflate(start, end - start, chunk);
    } else {
      keep(end - start, chunk);
      value = slice(start, end - start);
    }
    if (XMP_KEYWORD.equals(keyword)) {
      if (xmp == null) {
        xmp = value;
      } else {
        warnings.add("ignored a second XMP packet at byte " + chunk.offset());
      }
      return;
    }
    keep(sep - chunk.dataOffset(), chunk);
    putText(keyword, new String(value, StandardCharsets.UTF_8));
  }

  private void putText(String keyword, String value) {
    String old = text.get(keyword);
    text.put(keyword, old == null ? value : old + "\n" + value);
  }

  /** §11.3.4.2: a keyword of 1-79 bytes ends at the first zero byte. */
  private int keywordEnd(Chunk chunk) {
    int sep = indexOfZero(chunk.dataOffset(), end(chunk));
    if (sep < 0) {
      throw new MalformedInputException("no keyword separator", chunk.offset());
    }
    int length = sep - chunk.dataOffset();
    if (length < 1 || length > 79) {
      throw new MalformedInputException("keyword of " + length + " bytes", chunk.offset());
    }
    return sep;
  }

  private static void requireDeflate(byte method, Chunk chunk) {
    if (method != 0) {
      throw new MalformedInputException("unknown compression method " + method, chunk.offset());
    }
  }

  /** Inflates within what is left of the metadata budget; beyond it is a limit error. */
  private byte[] inflate(int off, int len, Chunk chunk) {
    int budget = (int) Math.max(0, limits.maxMetadataBytes() - kept);
    byte[] out = BoundedInflate.inflate(data, off, len, budget, chunk.offset(), chunk.name());
    keep(out.length, chunk);
    return out;
  }

  private void keep(int bytes, Chunk chunk) {
    kept += bytes;
    limits.checkMetadata(kept, chunk.offset());
  }

  private int indexOfZero(int from, int end) {
    for (int i = from; i < end; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int end(Chunk chunk) {
    return chunk.dataOffset() + chunk.length();
  }

  private byte[] slice(int off, int len) {
    byte[] b = new byte[len];
    System.arraycopy(data, off, b, 0, len);
    return b;
  }

  private String latin1(int off, int len) {
    return new String(data, off, len, StandardCharsets.ISO_8859_1);
  }
}
