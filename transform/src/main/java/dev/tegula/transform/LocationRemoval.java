package dev.tegula.transform;

import dev.tegula.core.Exif;
import dev.tegula.core.Metadata;

/**
 * Removes where a photo was taken and keeps the rest of its metadata: the GPS IFD of the EXIF
 * (TIFF 6.0 §2 IFD layout; EXIF 2.32 §4.6.3, the GPSInfo pointer, tag 0x8825, in IFD0) and an XMP
 * packet that repeats GPS fields.
 *
 * <p>The EXIF is edited in place, nothing moves: the pointer entry is taken out of IFD0 (the
 * entries after it and the next-IFD offset slide up by 12 bytes), and the GPS IFD and the values
 * it points to are overwritten with zeros, so the coordinates are gone from the bytes and not
 * merely unreferenced. EXIF that cannot be read safely is dropped whole rather than risk keeping a
 * location.
 */
public final class LocationRemoval {
  static final int TAG_GPS_IFD = 0x8825;
  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

  private LocationRemoval() {}

  /** {@code metadata} without GPS; the same instance when it holds none. */
  public static Metadata strip(Metadata metadata) {
    if (metadata == null) {
      return null;
    }
    byte[] exif = metadata.exif() == null ? null : withoutGps(metadata.exif());
    byte[] xmp = metadata.xmp() != null && xmpHasGps(metadata.xmp()) ? null : metadata.xmp();
    if (exif == metadata.exif() && xmp == metadata.xmp()) {
      return metadata;
    }
    return new Metadata(metadata.icc(), exif, xmp, metadata.text());
  }

  /**
   * The EXIF without its GPS IFD: {@code tiff} itself when it has none, a cleaned copy when it
   * has one, null when it cannot be parsed.
   */
  public static byte[] withoutGps(byte[] tiff) {
    if (tiff == null) {
      return null;
    }
    if (!Exif.isTiffHeader(tiff, 0, tiff.length)) {
      return null;
    }
    boolean little = tiff[0] == 'I';
    long ifd0 = u32(tiff, 4, little);
    if (ifd0 < 8 || ifd0 + 2 > tiff.length) {
      return null;
    }
    int p = (int) ifd0;
    int entries = u16(tiff, p, little);
    long end = p + 2 + 12L * entries + 4;
    if (end > tiff.length) {
      return null;
    }
    int gpsEntry = -1;
    for (int i = 0; i < entries; i++) {
      int e = p + 2 + 12 * i;
      if (u16(tiff, e, little) == TAG_GPS_IFD) {
        gpsEntry = i;
        break;
      }
    }
    if (gpsEntry < 0) {
      return tiff;
    }
    byte[] out = tiff.clone();
    int e = p + 2 + 12 * gpsEntry;
    long gps = u32(tiff, e + 8, little);
    if (!wipeIfd(out, gps, little)) {
      return null;
    }
    // slide the later entries and the next-IFD offset over the removed entry, zero the tail
    int from = e + 12;
    int last = (int) end;
    System.arraycopy(out, from, out, e, last - from);
    java.util.Arrays.fill(out, last - 12, last, (byte) 0);
    put16(out, p, entries - 1, little);
    return out;
  }

  /** True when the EXIF has a GPSInfo pointer in IFD0. */
  public static boolean hasGps(byte[] tiff) {
    if (tiff == null || !Exif.isTiffHeader(tiff, 0, tiff.length)) {
      return false;
    }
    byte[] stripped = withoutGps(tiff);
    return stripped != tiff;
  }

  /** Zeroes the IFD at {@code off} and its out-of-line values; false when it is out of bounds. */
  private static boolean wipeIfd(byte[] d, long off, boolean little) {
    if (off < 8 || off + 2 > d.length) {
      return false;
    }
    int p = (int) off;
    int n = u16(d, p, little);
    long end = p + 2 + 12L * n + 4;
    if (end > d.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int e = p + 2 + 12 * i;
      int type = u16(d, e + 2, little);
      long count = u32(d, e + 4, little);
      long size = type < TYPE_SIZES.length ? count * TYPE_SIZES[type] : 0;
      if (size > 4) {
        long at = u32(d, e + 8, little);
        if (at >= 8 && at + size <= d.length) {
          java.util.Arrays.fill(d, (int) at, (int) (at + size), (byte) 0);
        }
      }
    }
    java.util.Arrays.fill(d, p, (int) end, (byte) 0);
    return true;
  }

  /** XMP written by cameras and editors carries the coordinates as exif:GPS... properties. */
  private static boolean xmpHasGps(byte[] xmp) {
    byte[] needle = {'e', 'x', 'i', 'f', ':', 'G', 'P', 'S'};
    outer:
    for (int i = 0; i + needle.length <= xmp.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (xmp[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int u16(byte[] d, int p, boolean little) {
    int a = d[p] & 0xFF;
    int b = d[p + 1] & 0xFF;
    return little ? a | (b << 8) : (a << 8) | b;
  }

  private static long u32(byte[] d, int p, boolean little) {
    long a = u16(d, p, little);
    long b = u16(d, p + 2, little);
    return little ? a | (b << 16) : (a << 16) | b;
  }

  private static void put16(byte[] d, int p, int v, boolean little) {
    d[little ? p : p + 1] = (byte) v;
    d[little ? p + 1 : p] = (byte) (v >> 8);
  }
}
