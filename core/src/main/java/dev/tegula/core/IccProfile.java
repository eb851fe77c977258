package dev.tegula.core;

/**
 * A read-only view of an ICC profile's header (ICC.1:2022 §7.2) and tag table (§7.3), checked
 * once: the declared size fits the bytes, the 'acsp' signature is there, and every tag lies
 * inside the profile. Profiles come from user files, so {@link #read} gives null for anything
 * else rather than throwing; what a tag holds is for the caller to check.
 */
public final class IccProfile {
  private static final int HEADER = 128;
  /** More tags than any real profile carries; a larger table is not read. */
  private static final int MAX_TAGS = 1024;
  private static final int MAX_DESCRIPTION = 64;

  private final byte[] bytes;
  private final int size;
  private final int count;

  private IccProfile(byte[] bytes, int size, int count) {
    this.bytes = bytes;
    this.size = size;
    this.count = count;
  }

  /** The profile in {@code icc}, or null when its header or tag table is malformed. */
  public static IccProfile read(byte[] icc) {
    if (icc == null || icc.length < HEADER + 4) {
      return null;
    }
    long declared = u32(icc, 0);
    if (declared < HEADER + 4 || declared > icc.length || !signature(icc, 36, "acsp")) {
      return null;
    }
    long count = u32(icc, HEADER);
    if (count > MAX_TAGS || HEADER + 4 + 12 * count > declared) {
      return null;
    }
    for (int i = 0; i < count; i++) {
      int e = HEADER + 4 + 12 * i;
      if (u32(icc, e + 4) + u32(icc, e + 8) > declared || u32(icc, e + 8) < 8) {
        return null;
      }
    }
    return new IccProfile(icc, (int) declared, (int) count);
  }

  /** The profile's bytes (the array read, not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /** The major version, header byte 8 (§7.2.4). */
  public int majorVersion() {
    return bytes[8] & 0xFF;
  }

  /** The profile/device class signature, e.g. "mntr" (§7.2.5). */
  public String deviceClass() {
    return latin1(bytes, 12, 4);
  }

  /** The data colour space signature without trailing spaces, e.g. "RGB", "GRAY" (§7.2.6). */
  public String colourSpace() {
    return latin1(bytes, 16, 4).trim();
  }

  /** The PCS signature without trailing spaces, "XYZ" or "Lab" (§7.2.7). */
  public String connectionSpace() {
    return latin1(bytes, 20, 4).trim();
  }

  /** The rendering intent, header bytes 64-67 (§7.2.15). */
  public long renderingIntent() {
    return u32(bytes, 64);
  }

  /** The tag with signature {@code name}: {offset, length} in the profile, or null. */
  public int[] tag(String name) {
    for (int i = 0; i < count; i++) {
      int e = HEADER + 4 + 12 * i;
      if (signature(bytes, e, name)) {
        return new int[] {(int) u32(bytes, e + 4), (int) u32(bytes, e + 8)};
      }
    }
    return null;
  }

  /** Whether a tag's signature starts with {@code prefix} (e.g. "A2B" for every A2Bx table). */
  public boolean hasTagStartingWith(String prefix) {
    for (int i = 0; i < count; i++) {
      if (latin1(bytes, HEADER + 4 + 12 * i, 4).startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The profile description ('desc' tag: a version 2 textDescriptionType's ASCII part, or a
   * multiLocalizedUnicodeType's first record), printable characters only and at most 64 of
   * them; "" when there is none to read.
   */
  public String description() {
    int[] tag = tag("desc");
    if (tag == null || tag[1] < 12) {
      return "";
    }
    int o = tag[0];
    long end = (long) o + tag[1];
    StringBuilder text = new StringBuilder();
    if (signature(bytes, o, "desc")) {
      long n = u32(bytes, o + 8);
      if (o + 12 + n <= end) {
        text.append(latin1(bytes, o + 12, (int) n));
      }
    } else if (signature(bytes, o, "mluc") && tag[1] >= 28 && u32(bytes, o + 8) >= 1) {
      long n = u32(bytes, o + 20);
      long at = o + u32(bytes, o + 24);
      if (at + n <= end) {
        for (long i = at; i + 1 < at + n; i += 2) {
          text.append((char) u16(bytes, (int) i));
        }
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

  /** The profile's declared size in bytes (at most the array's length). */
  public int size() {
    return size;
  }

  /** Whether the 4 bytes at {@code at} are {@code s}'s characters. */
  public static boolean signature(byte[] d, int at, String s) {
    for (int i = 0; i < 4; i++) {
      if (d[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The big-endian unsigned 32-bit number at {@code at}. */
  public static long u32(byte[] d, int at) {
    return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8)
        | (d[at + 3] & 0xFF);
  }

  /** The big-endian unsigned 16-bit number at {@code at}. */
  public static int u16(byte[] d, int at) {
    return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
  }

  private static String latin1(byte[] d, int at, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (d[at + i] & 0xFF);
    }
    return new String(c);
  }
}
