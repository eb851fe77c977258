package dev.tegula.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The checked view of an ICC profile's header and tag table (ICC.1:2022 §7.2, §7.3). */
class IccProfileTest {
  /** A profile of class mntr, space {@code space}, with one tag {@code name} holding {@code data}. */
  static byte[] profile(String space, String name, byte[] data) {
    int at = 128 + 4 + 12;
    byte[] p = new byte[at + data.length];
    put32(p, 0, p.length);
    p[8] = 2;
    ascii(p, 12, "mntr" + space + "XYZ ");
    ascii(p, 36, "acsp");
    put32(p, 128, 1);
    ascii(p, 132, name);
    put32(p, 136, at);
    put32(p, 140, data.length);
    System.arraycopy(data, 0, p, at, data.length);
    return p;
  }

  /** A version 2 textDescriptionType: the ASCII part, then empty Unicode and ScriptCode parts. */
  static byte[] textDescription(String text) {
    byte[] d = new byte[12 + text.length() + 1 + 8 + 3 + 67];
    ascii(d, 0, "desc");
    put32(d, 8, text.length() + 1);
    ascii(d, 12, text);
    return d;
  }

  static byte[] mluc(String text) {
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    byte[] d = new byte[28 + utf16.length];
    ascii(d, 0, "mluc");
    put32(d, 8, 1);
    put32(d, 12, 12);
    ascii(d, 16, "enUS");
    put32(d, 20, utf16.length);
    put32(d, 24, 28);
    System.arraycopy(utf16, 0, d, 28, utf16.length);
    return d;
  }

  @Test
  void readsTheHeaderAndTags() {
    byte[] bytes = profile("RGB ", "desc", textDescription("Display P3"));
    IccProfile p = IccProfile.read(bytes);
    assertNotNull(p);
    assertEquals(2, p.majorVersion());
    assertEquals("mntr", p.deviceClass());
    assertEquals("RGB", p.colourSpace());
    assertEquals("XYZ", p.connectionSpace());
    assertEquals("Display P3", p.description());
    assertArrayEquals(new int[] {144, bytes.length - 144}, p.tag("desc"));
    assertNull(p.tag("kTRC"));
    assertTrue(p.hasTagStartingWith("de"));
    assertFalse(p.hasTagStartingWith("A2B"));
    assertEquals("Grey ☼", IccProfile.read(profile("GRAY", "desc", mluc("Grey ☼\u0001")))
        .description(), "a Unicode description without control characters");
    assertEquals("", IccProfile.read(profile("GRAY", "cprt", mluc("x"))).description());
  }

  @Test
  void malformedProfilesAreNull() {
    byte[] good = profile("RGB ", "desc", textDescription("sRGB"));
    assertNull(IccProfile.read(null));
    assertNull(IccProfile.read(new byte[131]));
    assertNull(IccProfile.read(Arrays.copyOf(good, good.length - 1)), "declared size too large");
    byte[] noMagic = good.clone();
    noMagic[36] = 'x';
    assertNull(IccProfile.read(noMagic));
    byte[] tagOutside = good.clone();
    put32(tagOutside, 140, good.length);
    assertNull(IccProfile.read(tagOutside), "a tag past the end");
    byte[] hugeTable = good.clone();
    put32(hugeTable, 128, 0x7FFFFFFF);
    assertNull(IccProfile.read(hugeTable));
    byte[] longText = good.clone();
    put32(longText, 144 + 8, 1000);
    assertEquals("", IccProfile.read(longText).description(), "a text longer than its tag");
  }

  private static void ascii(byte[] d, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      d[at + i] = (byte) s.charAt(i);
    }
  }

  private static void put32(byte[] d, int at, int v) {
    d[at] = (byte) (v >>> 24);
    d[at + 1] = (byte) (v >>> 16);
    d[at + 2] = (byte) (v >>> 8);
    d[at + 3] = (byte) v;
  }
}
