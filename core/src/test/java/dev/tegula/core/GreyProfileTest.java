package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A grey image's colour profile as the equivalent grey one. The profiles are HP's sRGB profile
 * (version 2, a 1024-entry curve shared by the three channels) from testdata's icc_profile.jpg and
 * version 4 matrix/TRC profiles built here ({@link #rgbProfile}). That the grey profile renders as
 * the colour one does is checked in Chromium (browser-tests CompressFormatsTest).
 */
class GreyProfileTest {
  /** sRGB's colourants adapted to D50 (they sum to D50), as s15Fixed16 X, Y, Z. */
  static final int[][] SRGB_D50 = {
    {0x6FA4, 0x38F6, 0x038F}, {0x6296, 0xB787, 0x18DC}, {0x24A2, 0x0F83, 0xB6CF}};

  @Test
  void hpSrgbBecomesAGreyProfileWithItsCurve() throws IOException {
    byte[] srgb = hpSrgb();
    byte[] grey = GreyProfile.fromColour(srgb);
    assertNotNull(grey);
    assertEquals(grey.length, u32(grey, 0), "declared size");
    assertEquals("mntrGRAYXYZ ", new String(grey, 12, 12, StandardCharsets.ISO_8859_1));
    assertEquals("acsp", new String(grey, 36, 4, StandardCharsets.ISO_8859_1));
    assertEquals(0x04300000, u32(grey, 8), "version 4.3");
    assertArrayEquals(Arrays.copyOfRange(srgb, 24, 36), Arrays.copyOfRange(grey, 24, 36),
        "the source's date");
    assertEquals(4, u32(grey, 128), "desc, cprt, wtpt, kTRC");
    int[] ktrc = tag(grey, "kTRC");
    int[] rtrc = tag(srgb, "rTRC");
    assertEquals(2060, ktrc[1]);
    assertArrayEquals(Arrays.copyOfRange(srgb, rtrc[0], rtrc[0] + rtrc[1]),
        Arrays.copyOfRange(grey, ktrc[0], ktrc[0] + ktrc[1]), "the curve byte for byte");
    int[] wtpt = tag(grey, "wtpt");
    assertEquals(0xF6D6, u32(grey, wtpt[0] + 8));
    assertEquals(0x10000, u32(grey, wtpt[0] + 12));
    assertEquals(0xD32D, u32(grey, wtpt[0] + 16));
    int[] desc = tag(grey, "desc");
    assertEquals("Grey, from sRGB IEC61966-2.1", new String(grey, desc[0] + 28, desc[1] - 28,
        StandardCharsets.UTF_16BE));
    for (String name : new String[] {"desc", "cprt", "wtpt", "kTRC"}) {
      assertEquals(0, tag(grey, name)[0] % 4, name + " on a 4-byte boundary");
    }
    assertArrayEquals(grey, GreyProfile.fromColour(srgb.clone()), "the same bytes every time");
  }

  @Test
  void metadataKeepsEverythingElse() throws IOException {
    byte[] exif = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0};
    Metadata colour = new Metadata(hpSrgb(), exif, new byte[] {1}, Map.of("comment", "hi"));
    Metadata grey = GreyProfile.forGreyImage(colour);
    assertFalse(grey.hasColourProfile());
    assertSame(exif, grey.exif());
    assertSame(colour.xmp(), grey.xmp());
    assertEquals(colour.text(), grey.text());
    assertSame(grey, GreyProfile.forGreyImage(grey), "a grey profile stays");
    assertSame(Metadata.EMPTY, GreyProfile.forGreyImage(Metadata.EMPTY));
    assertNull(GreyProfile.forGreyImage(null));
  }

  @Test
  void version4ParametricCurvesConvert() {
    byte[] para = parametricGamma(2.2);
    byte[] grey = GreyProfile.fromColour(rgbProfile(SRGB_D50, para, para, para, false));
    assertNotNull(grey);
    int[] ktrc = tag(grey, "kTRC");
    assertArrayEquals(para, Arrays.copyOfRange(grey, ktrc[0], ktrc[0] + ktrc[1]));
    int[] desc = tag(grey, "desc");
    assertEquals("Grey, from Test RGB", new String(grey, desc[0] + 28, desc[1] - 28,
        StandardCharsets.UTF_16BE));
  }

  /** A version 4 source's chromatic adaptation (D65 to D50, Bradford) goes along. */
  @Test
  void theSourcesChromaticAdaptationIsCarried() {
    byte[] para = parametricGamma(2.4);
    byte[] chad = new byte[44];
    put(chad, 0, "sf32");
    int[] bradford = {0x10C44, 0x0469, -0x0F5B, 0x05A0, 0xFF3C2, -0x0294, -0x0197, 0x0070,
        0x0C00E};
    for (int i = 0; i < 9; i++) {
      putU32(chad, 8 + 4 * i, bradford[i]);
    }
    byte[] grey = GreyProfile.fromColour(withTag(rgbProfile(SRGB_D50, para, para, para, false),
        "chad", chad));
    int[] t = tag(grey, "chad");
    assertArrayEquals(chad, Arrays.copyOfRange(grey, t[0], t[0] + t[1]));
    assertEquals(5, u32(grey, 128));
    assertEquals(grey.length, t[0] + 44, "the last tag ends the profile");
  }

  /** testdata/icc/rgb-gamma18.icc, which the browser test renders, is this builder's profile. */
  @Test
  void theGamma18TestProfileIsTheBuildersProfile() throws IOException {
    byte[] g18 = parametricGamma(1.8);
    assertArrayEquals(rgbProfile(SRGB_D50, g18, g18, g18, false),
        Files.readAllBytes(testdata().resolve("icc/rgb-gamma18.icc")));
  }

  @Test
  void profilesWithoutAnExactGreyStayAsTheyAre() throws IOException {
    byte[] g22 = parametricGamma(2.2);
    assertNull(GreyProfile.fromColour(rgbProfile(SRGB_D50, g22, parametricGamma(1.8), g22,
        false)), "the channels' curves differ: grey pixels are not neutral");
    assertNull(GreyProfile.fromColour(rgbProfile(SRGB_D50, g22, g22, g22, true)),
        "an A2B0 table is what a CMM would use");
    int[][] d65 = {{0x6993, 0x366D, 0x04F1}, {0x5B8C, 0xB717, 0x1E84}, {0x2E35, 0x127C, 0xF354}};
    assertNull(GreyProfile.fromColour(rgbProfile(d65, g22, g22, g22, false)),
        "colourants left at D65 do not sum to the PCS white");
    byte[] srgb = hpSrgb();
    byte[] cmyk = srgb.clone();
    System.arraycopy("CMYK".getBytes(StandardCharsets.ISO_8859_1), 0, cmyk, 16, 4);
    assertNull(GreyProfile.fromColour(cmyk));
    byte[] noMagic = srgb.clone();
    noMagic[36] = 'x';
    assertNull(GreyProfile.fromColour(noMagic));
    assertNull(GreyProfile.fromColour(new byte[0]));
    assertNull(GreyProfile.fromColour(null));
  }

  /** Profiles are user input: a damaged one gives null or a profile, never an exception. */
  @Test
  void damagedProfilesNeverThrow() throws IOException {
    byte[] srgb = hpSrgb();
    for (int n = 0; n < srgb.length; n += 7) {
      GreyProfile.fromColour(Arrays.copyOf(srgb, n));
    }
    byte[] para = parametricGamma(2.4);
    byte[] v4 = rgbProfile(SRGB_D50, para, para, para, false);
    Random random = new Random(7);
    for (byte[] base : new byte[][] {srgb, v4}) {
      for (int round = 0; round < 3000; round++) {
        byte[] d = base.clone();
        // the header and tag table, where offsets and sizes live, and anywhere else
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          int at = random.nextInt(3) > 0 ? random.nextInt(Math.min(d.length, 300))
              : random.nextInt(d.length);
          d[at] = (byte) random.nextInt(256);
        }
        byte[] grey = GreyProfile.fromColour(d);
        assertTrue(grey == null || u32(grey, 0) == grey.length);
      }
    }
  }

  /** The repository's testdata folder (-Dtegula.testdata, else found above the working folder). */
  static Path testdata() {
    String prop = System.getProperty("tegula.testdata");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/icc"))) {
        return p.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata not found; set -Dtegula.testdata");
  }

  static byte[] hpSrgb() throws IOException {
    byte[] jpeg = Files.readAllBytes(testdata().resolve("jpeg/icc_profile.jpg"));
    byte[] marker = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i + 4 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xE2
          && Arrays.equals(jpeg, i + 4, i + 16, marker, 0, 12)) {
        int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
        assertEquals(1, jpeg[i + 17], "one chunk");
        return Arrays.copyOfRange(jpeg, i + 18, i + 2 + length);
      }
    }
    throw new AssertionError("no ICC profile in icc_profile.jpg");
  }

  /** A parametricCurveType of function 0, Y = X^gamma. */
  static byte[] parametricGamma(double gamma) {
    byte[] t = new byte[16];
    put(t, 0, "para");
    putU32(t, 12, (int) Math.round(gamma * 65536));
    return t;
  }

  /**
   * A version 4 RGB display profile: colourants {@code xyz} (three s15Fixed16 triples), the
   * three channels' curves, a description "Test RGB", and with {@code lut} an (empty) A2B0 tag.
   */
  static byte[] rgbProfile(int[][] xyz, byte[] r, byte[] g, byte[] b, boolean lut) {
    byte[] desc = new byte[28 + 16];
    put(desc, 0, "mluc");
    putU32(desc, 8, 1);
    putU32(desc, 12, 12);
    put(desc, 16, "enUS");
    putU32(desc, 20, 16);
    putU32(desc, 24, 28);
    byte[] text = "Test RGB".getBytes(StandardCharsets.UTF_16BE);
    System.arraycopy(text, 0, desc, 28, text.length);
    String[] names = {"desc", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC", "A2B0"};
    byte[][] data = new byte[lut ? 8 : 7][];
    data[0] = desc;
    for (int c = 0; c < 3; c++) {
      data[1 + c] = new byte[20];
      put(data[1 + c], 0, "XYZ ");
      for (int k = 0; k < 3; k++) {
        putU32(data[1 + c], 8 + 4 * k, xyz[c][k]);
      }
    }
    data[4] = r;
    data[5] = g;
    data[6] = b;
    if (lut) {
      data[7] = new byte[32];
      put(data[7], 0, "mAB ");
    }
    int at = 128 + 4 + 12 * data.length;
    int[] offsets = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      offsets[i] = at;
      at += (data[i].length + 3) & ~3;
    }
    byte[] p = new byte[at];
    putU32(p, 0, at);
    putU32(p, 8, 0x04300000);
    put(p, 12, "mntr");
    put(p, 16, "RGB ");
    put(p, 20, "XYZ ");
    put(p, 36, "acsp");
    putU32(p, 68, 0xF6D6);
    putU32(p, 72, 0x10000);
    putU32(p, 76, 0xD32D);
    putU32(p, 128, data.length);
    for (int i = 0; i < data.length; i++) {
      int e = 132 + 12 * i;
      put(p, e, names[i]);
      putU32(p, e + 4, offsets[i]);
      putU32(p, e + 8, data[i].length);
      System.arraycopy(data[i], 0, p, offsets[i], data[i].length);
    }
    return p;
  }

  /** {@code profile} with one more tag, {@code name} holding {@code data}, at its end. */
  static byte[] withTag(byte[] profile, String name, byte[] data) {
    int count = u32(profile, 128);
    int table = 132 + 12 * count;
    byte[] p = new byte[profile.length + 12 + ((data.length + 3) & ~3)];
    System.arraycopy(profile, 0, p, 0, table);
    System.arraycopy(profile, table, p, table + 12, profile.length - table);
    for (int i = 0; i < count; i++) {
      putU32(p, 136 + 12 * i, u32(profile, 136 + 12 * i) + 12);
    }
    put(p, table, name);
    putU32(p, table + 4, profile.length + 12);
    putU32(p, table + 8, data.length);
    System.arraycopy(data, 0, p, profile.length + 12, data.length);
    putU32(p, 0, p.length);
    putU32(p, 128, count + 1);
    return p;
  }

  private static int[] tag(byte[] icc, String name) {
    for (int i = 0; i < u32(icc, 128); i++) {
      int e = 132 + 12 * i;
      if (new String(icc, e, 4, StandardCharsets.ISO_8859_1).equals(name)) {
        return new int[] {u32(icc, e + 4), u32(icc, e + 8)};
      }
    }
    throw new AssertionError("no " + name + " tag");
  }

  private static int u32(byte[] d, int at) {
    return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8)
        | (d[at + 3] & 0xFF);
  }

  private static void put(byte[] d, int at, String s) {
    System.arraycopy(s.getBytes(StandardCharsets.ISO_8859_1), 0, d, at, 4);
  }

  private static void putU32(byte[] d, int at, int v) {
    d[at] = (byte) (v >>> 24);
    d[at + 1] = (byte) (v >>> 16);
    d[at + 2] = (byte) (v >>> 8);
    d[at + 3] = (byte) v;
  }
}
