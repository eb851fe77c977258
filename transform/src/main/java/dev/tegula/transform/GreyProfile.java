package dev.tegula.transform;

import dev.tegula.core.Metadata;
import java.util.Arrays;

/**
 * The grey ICC profile that describes a grey image exactly as its colour profile does, so that a
 * grey image can be written as one channel (a one-component JPEG, a greyscale PNG) and keep its
 * colours: those formats carry only 'GRAY' profiles (PNG §11.3.3.3; decoders drop an RGB profile
 * there).
 *
 * <p>Why it is exact (ICC.1:2022, the matrix/TRC and monochrome models of its annex on profile
 * connection): in an RGB matrix/TRC profile a grey pixel v has linear components (rTRC(v),
 * gTRC(v), bTRC(v)) and PCS XYZ = M times them. With one curve for all three channels that is
 * TRC(v) (rXYZ + gXYZ + bXYZ), and the three colourants sum to the PCS white D50 in a well-formed
 * profile. A monochrome profile maps v to Y = grayTRC(v) and to the achromatic PCS XYZ = Y D50:
 * the same colour when grayTRC is that curve. Any other profile (LUT based, three different
 * curves, colourants that miss D50, anything this reader cannot check) is left alone: the caller
 * keeps the image in colour rather than guess.
 *
 * <p>The profile written is a version 4.3 monochrome display profile (§7.2 header, §7.3 tag
 * table) with the four tags such a profile requires: profileDescriptionTag and copyrightTag
 * (multiLocalizedUnicodeType), mediaWhitePointTag (D50, as version 4 has it for displays) and
 * grayTRCTag, whose data are the source's TRC tag byte for byte (curveType or
 * parametricCurveType). The header's date and rendering intent come from the source, so the same
 * input gives the same bytes.
 */
public final class GreyProfile {
  private static final int HEADER = 128;
  /** More tags than any real profile carries; a table beyond it is not read. */
  private static final int MAX_TAGS = 1024;
  /** D50, the PCS illuminant, in s15Fixed16Number. */
  private static final int[] D50 = {0xF6D6, 0x10000, 0xD32D};
  /** How far the colourants' sum may lie from D50 (each of X, Y, Z) for the grey to be exact. */
  private static final double WHITE_TOLERANCE = 0.005;
  private static final int MAX_DESCRIPTION = 64;

  private GreyProfile() {}

  /**
   * {@code metadata} with its ICC profile replaced by the equivalent grey one when it has a colour
   * profile that converts exactly; the same instance otherwise. The caller must know the image to
   * be grey (R = G = B at every pixel): for colour pixels the two profiles differ.
   */
  public static Metadata forGreyImage(Metadata metadata) {
    if (metadata == null || !metadata.hasColourProfile()) {
      return metadata;
    }
    byte[] grey = fromColour(metadata.icc());
    return grey == null ? metadata
        : new Metadata(grey, metadata.exif(), metadata.xmp(), metadata.text());
  }

  /**
   * The grey profile equivalent to {@code icc} for grey pixels, or null when {@code icc} is not an
   * RGB matrix/TRC profile with one curve for the three channels and colourants summing to D50
   * (or cannot be read: a malformed profile gives null, never an exception).
   */
  public static byte[] fromColour(byte[] icc) {
    if (icc == null || icc.length < HEADER + 4) {
      return null;
    }
    long declared = u32(icc, 0);
    if (declared < HEADER + 4 || declared > icc.length || !sig(icc, 36, "acsp")
        || (icc[8] & 0xFF) < 2 || (icc[8] & 0xFF) > 4
        || !sig(icc, 16, "RGB ") || !sig(icc, 20, "XYZ ")
        || !(sig(icc, 12, "mntr") || sig(icc, 12, "scnr") || sig(icc, 12, "spac"))) {
      return null;
    }
    int size = (int) declared;
    long count = u32(icc, HEADER);
    if (count > MAX_TAGS || HEADER + 4 + 12 * count > size) {
      return null;
    }
    int[] r = null;
    int[] g = null;
    int[] b = null;
    int[] rx = null;
    int[] gx = null;
    int[] bx = null;
    int[] desc = null;
    for (int i = 0; i < count; i++) {
      int e = HEADER + 4 + 12 * i;
      long off = u32(icc, e + 4);
      long len = u32(icc, e + 8);
      if (off + len > size || len < 8) {
        return null;
      }
      int[] tag = {(int) off, (int) len};
      String name = latin1(icc, e, 4);
      String family = name.substring(0, 3);
      if (family.equals("A2B") || family.equals("B2A") || family.equals("D2B")
          || family.equals("B2D")) {
        return null; // a CMM would use these tables, not the matrix and curves
      }
      switch (name) {
        case "rTRC" -> r = tag;
        case "gTRC" -> g = tag;
        case "bTRC" -> b = tag;
        case "rXYZ" -> rx = tag;
        case "gXYZ" -> gx = tag;
        case "bXYZ" -> bx = tag;
        case "desc" -> desc = tag;
        default -> { }
      }
    }
    if (r == null || g == null || b == null || rx == null || gx == null || bx == null
        || !sameBytes(icc, r, g) || !sameBytes(icc, r, b) || curveLength(icc, r) < 0
        || !colourantsSumToD50(icc, rx, gx, bx)) {
      return null;
    }
    return write(icc, Arrays.copyOfRange(icc, r[0], r[0] + curveLength(icc, r)),
        description(icc, desc));
  }

  /**
   * The bytes a curveType or parametricCurveType occupies, or -1 when the tag is
   * neither or is cut short.
   */
  private static int curveLength(byte[] icc, int[] tag) {
    int o = tag[0];
    if (tag[1] < 12) {
      return -1;
    }
    if (sig(icc, o, "curv")) {
      long n = u32(icc, o + 8);
      return 12 + 2 * n <= tag[1] ? (int) (12 + 2 * n) : -1;
    }
    if (sig(icc, o, "para")) {
      int function = u16(icc, o + 8);
      int[] params = {1, 3, 4, 5, 7};
      if (function >= params.length || 12 + 4 * params[function] > tag[1]) {
        return -1;
      }
      return 12 + 4 * params[function];
    }
    return -1;
  }

  /** Whether the three colourant tags (XYZType) sum to D50. */
  private static boolean colourantsSumToD50(byte[] icc, int[]... colourants) {
    double[] sum = new double[3];
    for (int[] tag : colourants) {
      if (tag[1] < 20 || !sig(icc, tag[0], "XYZ ")) {
        return false;
      }
      for (int c = 0; c < 3; c++) {
        sum[c] += (int) u32(icc, tag[0] + 8 + 4 * c) / 65536.0;
      }
    }
    for (int c = 0; c < 3; c++) {
      if (Math.abs(sum[c] - D50[c] / 65536.0) > WHITE_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  /**
   * The source's description (textDescriptionType of version 2, or the first record of a
   * multiLocalizedUnicodeType), printable characters only, or "" when there is none to read.
   */
  private static String description(byte[] icc, int[] tag) {
    if (tag == null || tag[1] < 12) {
      return "";
    }
    int o = tag[0];
    int end = o + tag[1];
    String text = "";
    if (sig(icc, o, "desc")) {
      long n = u32(icc, o + 8);
      if (o + 12 + n <= end) {
        text = latin1(icc, o + 12, (int) n);
      }
    } else if (sig(icc, o, "mluc") && tag[1] >= 28 && u32(icc, o + 8) >= 1) {
      long n = u32(icc, o + 20);
      long at = o + u32(icc, o + 24);
      if (at + n <= end) {
        StringBuilder utf16 = new StringBuilder();
        for (int i = (int) at; i + 1 < at + n; i += 2) {
          utf16.append((char) u16(icc, i));
        }
        text = utf16.toString();
      }
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length() && s.length() < MAX_DESCRIPTION; i++) {
      char c = text.charAt(i);
      if (c == 0) {
        break;
      }
      if (c >= 0x20 && c != 0x7F && (c < 0xD800 || c > 0xDFFF)) {
        s.append(c);
      }
    }
    return s.toString().trim();
  }

  private static byte[] write(byte[] source, byte[] curve, String sourceDescription) {
    byte[] desc = mluc(sourceDescription.isEmpty() ? "Grey"
        : "Grey, from " + sourceDescription);
    byte[] cprt = mluc("No copyright, use freely");
    byte[] wtpt = new byte[20];
    putSig(wtpt, 0, "XYZ ");
    for (int c = 0; c < 3; c++) {
      putU32(wtpt, 8 + 4 * c, D50[c]);
    }
    byte[][] data = {desc, cprt, wtpt, curve};
    String[] names = {"desc", "cprt", "wtpt", "kTRC"};
    int at = HEADER + 4 + 12 * data.length;
    int[] offsets = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      offsets[i] = at;
      at += (data[i].length + 3) & ~3; // tag data start on 4-byte boundaries (§7.3)
    }
    byte[] p = new byte[at];
    putU32(p, 0, at);
    p[8] = 4;
    p[9] = 0x30;
    putSig(p, 12, "mntr");
    putSig(p, 16, "GRAY");
    putSig(p, 20, "XYZ ");
    System.arraycopy(source, 24, p, 24, 12); // date and time
    putSig(p, 36, "acsp");
    long intent = u32(source, 64);
    putU32(p, 64, intent <= 3 ? (int) intent : 0);
    for (int c = 0; c < 3; c++) {
      putU32(p, 68 + 4 * c, D50[c]);
    }
    putU32(p, HEADER, data.length);
    for (int i = 0; i < data.length; i++) {
      int e = HEADER + 4 + 12 * i;
      putSig(p, e, names[i]);
      putU32(p, e + 4, offsets[i]);
      putU32(p, e + 8, data[i].length);
      System.arraycopy(data[i], 0, p, offsets[i], data[i].length);
    }
    return p;
  }

  /** A multiLocalizedUnicodeType of one en-US record. */
  private static byte[] mluc(String text) {
    byte[] utf16 = new byte[2 * text.length()];
    for (int i = 0; i < text.length(); i++) {
      utf16[2 * i] = (byte) (text.charAt(i) >> 8);
      utf16[2 * i + 1] = (byte) text.charAt(i);
    }
    byte[] t = new byte[28 + utf16.length];
    putSig(t, 0, "mluc");
    putU32(t, 8, 1);
    putU32(t, 12, 12);
    putSig(t, 16, "enUS");
    putU32(t, 20, utf16.length);
    putU32(t, 24, 28);
    System.arraycopy(utf16, 0, t, 28, utf16.length);
    return t;
  }

  private static boolean sameBytes(byte[] icc, int[] a, int[] b) {
    if (a[1] != b[1]) {
      return false;
    }
    for (int i = 0; i < a[1]; i++) {
      if (icc[a[0] + i] != icc[b[0] + i]) {
        return false;
      }
    }
    return true;
  }

  private static String latin1(byte[] d, int at, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (d[at + i] & 0xFF);
    }
    return new String(c);
  }

  private static boolean sig(byte[] d, int at, String s) {
    for (int i = 0; i < 4; i++) {
      if (d[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long u32(byte[] d, int at) {
    return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8)
        | (d[at + 3] & 0xFF);
  }

  private static int u16(byte[] d, int at) {
    return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
  }

  private static void putSig(byte[] d, int at, String s) {
    for (int i = 0; i < 4; i++) {
      d[at + i] = (byte) s.charAt(i);
    }
  }

  private static void putU32(byte[] d, int at, int v) {
    d[at] = (byte) (v >>> 24);
    d[at + 1] = (byte) (v >>> 16);
    d[at + 2] = (byte) (v >>> 8);
    d[at + 3] = (byte) v;
  }
}
