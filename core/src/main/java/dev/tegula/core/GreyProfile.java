package dev.tegula.core;

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
 * parametricCurveType), and the source's chromaticAdaptationTag when it has one (version 4
 * sources; a version 2 source's display white is not carried, which only absolute colorimetric
 * rendering would use). The header's date and rendering intent come from the source, so the
 * same input gives the same bytes.
 */
public final class GreyProfile {
  private static final int HEADER = 128;
  /** D50, the PCS illuminant, in s15Fixed16Number. */
  private static final int[] D50 = {0xF6D6, 0x10000, 0xD32D};
  /** How far the colourants' sum may lie from D50 (each of X, Y, Z) for the grey to be exact. */
  private static final double WHITE_TOLERANCE = 0.005;

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
    IccProfile p = IccProfile.read(icc);
    if (p == null || p.majorVersion() < 2 || p.majorVersion() > 4
        || !p.colourSpace().equals("RGB") || !p.connectionSpace().equals("XYZ")
        || !(p.deviceClass().equals("mntr") || p.deviceClass().equals("scnr")
            || p.deviceClass().equals("spac"))
        // a CMM would use these tables, not the matrix and curves
        || p.hasTagStartingWith("A2B") || p.hasTagStartingWith("B2A")
        || p.hasTagStartingWith("D2B") || p.hasTagStartingWith("B2D")) {
      return null;
    }
    int[] r = p.tag("rTRC");
    int[] g = p.tag("gTRC");
    int[] b = p.tag("bTRC");
    int[] rx = p.tag("rXYZ");
    int[] gx = p.tag("gXYZ");
    int[] bx = p.tag("bXYZ");
    if (r == null || g == null || b == null || rx == null || gx == null || bx == null
        || !sameBytes(icc, r, g) || !sameBytes(icc, r, b) || curveLength(icc, r) < 0
        || !colourantsSumToD50(icc, rx, gx, bx)) {
      return null;
    }
    return write(p, Arrays.copyOfRange(icc, r[0], r[0] + curveLength(icc, r)));
  }

  /** The bytes a curveType or parametricCurveType occupies, -1 when neither or cut short. */
  private static int curveLength(byte[] icc, int[] tag) {
    int o = tag[0];
    if (tag[1] < 12) {
      return -1;
    }
    if (IccProfile.signature(icc, o, "curv")) {
      long n = IccProfile.u32(icc, o + 8);
      return 12 + 2 * n <= tag[1] ? (int) (12 + 2 * n) : -1;
    }
    if (IccProfile.signature(icc, o, "para")) {
      int function = IccProfile.u16(icc, o + 8);
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
      if (tag[1] < 20 || !IccProfile.signature(icc, tag[0], "XYZ ")) {
        return false;
      }
      for (int c = 0; c < 3; c++) {
        sum[c] += (int) IccProfile.u32(icc, tag[0] + 8 + 4 * c) / 65536.0;
      }
    }
    for (int c = 0; c < 3; c++) {
      if (Math.abs(sum[c] - D50[c] / 65536.0) > WHITE_TOLERANCE) {
        return false;
      }
    }
    return true;
  }

  private static byte[] write(IccProfile source, byte[] curve) {
    String sourceDescription = source.description();
    byte[] desc = mluc(sourceDescription.isEmpty() ? "Grey"
        : "Grey, from " + sourceDescription);
    byte[] cprt = mluc("No copyright, use freely");
    byte[] wtpt = new byte[20];
    putSig(wtpt, 0, "XYZ ");
    for (int c = 0; c < 3; c++) {
      putU32(wtpt, 8 + 4 * c, D50[c]);
    }
    int[] chad = source.tag("chad");
    boolean adapted = chad != null && chad[1] == 44
        && IccProfile.signature(source.bytes(), chad[0], "sf32");
    // the source's adaptation from its display white to D50, for absolute colorimetric intents
    byte[][] data = adapted
        ? new byte[][] {desc, cprt, wtpt, curve,
            Arrays.copyOfRange(source.bytes(), chad[0], chad[0] + 44)}
        : new byte[][] {desc, cprt, wtpt, curve};
    String[] names = {"desc", "cprt", "wtpt", "kTRC", "chad"};
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
    System.arraycopy(source.bytes(), 24, p, 24, 12); // date and time
    putSig(p, 36, "acsp");
    long intent = source.renderingIntent();
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
