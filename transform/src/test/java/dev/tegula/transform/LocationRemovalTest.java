package dev.tegula.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Exif;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocationRemovalTest {
  /** Latitude 48/1 51/1 2964/100, as a camera writes it. */
  private static final int[] LATITUDE = {48, 1, 51, 1, 2964, 100};

  /**
   * A TIFF structure as cameras write it: IFD0 with Orientation 6, Make ("Tegula\0", out of line),
   * GPSInfo pointer and a next-IFD offset; the GPS IFD with GPSLatitudeRef "N" and GPSLatitude (3
   * RATIONALs out of line).
   */
  static byte[] exifWithGps(boolean little) {
    Tiff t = new Tiff(little, 200);
    t.header(8);
    // IFD0 at 8: 3 entries, then next-IFD offset 0
    t.u16(8, 3);
    t.entry(10, 0x010F, 2, 7, 100); // Make, ASCII[7] at 100
    t.entry(22, 0x0112, 3, 1, -1);
    t.shortValue(22 + 8, 6); // Orientation 6
    t.entry(34, LocationRemoval.TAG_GPS_IFD, 4, 1, 120);
    t.u32(46, 0);
    byte[] make = "Tegula\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(make, 0, t.d, 100, make.length);
    // GPS IFD at 120: 2 entries
    t.u16(120, 2);
    t.entry(122, 0x0001, 2, 2, -1);
    t.d[130] = 'N';
    t.entry(134, 0x0002, 5, 3, 160); // GPSLatitude at 160, 24 bytes
    t.u32(146, 0);
    for (int i = 0; i < 6; i++) {
      t.u32(160 + 4 * i, LATITUDE[i]);
    }
    return t.d;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void removesTheGpsIfdAndItsValuesAndKeepsTheRest(boolean little) {
    byte[] exif = exifWithGps(little);
    assertTrue(LocationRemoval.hasGps(exif));
    byte[] out = LocationRemoval.withoutGps(exif);
    assertFalse(LocationRemoval.hasGps(out));
    assertEquals(exif.length, out.length);
    assertEquals(6, Exif.orientation(out), "the other entries still read");
    Tiff t = new Tiff(little, 0);
    t.d = out;
    assertEquals(2, t.r16(8));
    assertEquals(0x010F, t.r16(10));
    assertEquals(0x0112, t.r16(22));
    assertEquals(0, t.r32(34), "the next-IFD offset slid up");
    assertEquals("Tegula", new String(out, 100, 6, StandardCharsets.US_ASCII));
    for (int i = 120; i < 184; i++) {
      assertEquals(0, out[i], "GPS byte " + i + " wiped");
    }
    assertArrayEquals(exif, exifWithGps(little), "the input is not modified");
  }

  @Test
  void exifWithoutGpsIsReturnedAsIs() {
    byte[] exif = exifWithGps(true);
    byte[] none = LocationRemoval.withoutGps(exif);
    assertSame(none, LocationRemoval.withoutGps(none));
  }

  @Test
  void unreadableExifIsDroppedAndBadPointersToo() {
    assertNull(LocationRemoval.withoutGps(new byte[] {1, 2, 3}));
    byte[] exif = exifWithGps(true);
    exif[34 + 8] = (byte) 0xF0; // GPS pointer beyond the end
    assertNull(LocationRemoval.withoutGps(exif));
    byte[] truncated = java.util.Arrays.copyOf(exifWithGps(false), 30);
    assertNull(LocationRemoval.withoutGps(truncated));
  }

  @Test
  void metadataLosesGpsInExifAndXmpOnly() {
    byte[] icc = {1, 2, 3};
    byte[] xmp = "<x:xmpmeta><rdf:Description exif:GPSLatitude=\"48,51.49N\"/></x:xmpmeta>"
        .getBytes(StandardCharsets.UTF_8);
    Metadata m = new Metadata(icc, exifWithGps(false), xmp, Map.of("comment", "hello"));
    Metadata out = LocationRemoval.strip(m);
    assertSame(icc, out.icc());
    assertFalse(LocationRemoval.hasGps(out.exif()));
    assertNull(out.xmp());
    assertEquals("hello", out.text().get("comment"));
    Metadata clean = new Metadata(icc, null, "<x:xmpmeta/>".getBytes(StandardCharsets.UTF_8),
        Map.of());
    assertSame(clean, LocationRemoval.strip(clean));
  }

  /** A little TIFF writer for the tests. */
  static final class Tiff {
    final boolean little;
    byte[] d;

    Tiff(boolean little, int size) {
      this.little = little;
      this.d = new byte[size];
    }

    void header(int ifd0) {
      d[0] = d[1] = (byte) (little ? 'I' : 'M');
      u16(2, 42);
      u32(4, ifd0);
    }

    void entry(int at, int tag, int type, int count, int valueOffset) {
      u16(at, tag);
      u16(at + 2, type);
      u32(at + 4, count);
      if (valueOffset >= 0) {
        u32(at + 8, valueOffset);
      }
    }

    void shortValue(int at, int v) {
      u16(at, v);
    }

    void u16(int at, int v) {
      d[little ? at : at + 1] = (byte) v;
      d[little ? at + 1 : at] = (byte) (v >> 8);
    }

    void u32(int at, long v) {
      if (little) {
        u16(at, (int) v);
        u16(at + 2, (int) (v >> 16));
      } else {
        u16(at, (int) (v >> 16));
        u16(at + 2, (int) v);
      }
    }

    int r16(int at) {
      int a = d[at] & 0xFF;
      int b = d[at + 1] & 0xFF;
      return little ? a | (b << 8) : (a << 8) | b;
    }

    long r32(int at) {
      long a = r16(at);
      long b = r16(at + 2);
      return little ? a | (b << 16) : (a << 16) | b;
    }
  }
}
