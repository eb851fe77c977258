package dev.tegula.png;

/**
 * Chooses the smallest PNG representation that decodes to exactly the same pixels (PNG spec
 * §11.2.2, §11.2.3, §11.3.2.1): 16-bit samples only when they do not reduce exactly to 8 bits,
 * greyscale when R=G=B everywhere, no alpha channel when opaque, a tRNS key colour instead of an
 * alpha channel when alpha is only 0 or full and one colour, found nowhere opaque, marks the
 * transparent pixels, an indexed image with a sorted palette when at most 256 colours occur, and
 * the lowest bit depth a greyscale or indexed image fits in.
 *
 * <p>Exactness follows from how {@link SampleExpander} decodes: sub-byte greyscale is scaled by
 * 255/(2^depth-1), so a grey value fits depth d when it is a multiple of that factor, and 16-bit
 * samples come back as v/257 in 8 bits, which is exact for v = 257 * (v >> 8).
 */
final class ColorReduction {
  private ColorReduction() {}

  /**
   * @param rgba8 the 8-bit samples to write when the 16-bit ones reduce (or are not kept)
   * @param allowGrey whether the greyscale colour types may be chosen (not with a colour ICC
   *     profile, which §11.3.3.3 allows on colour types 2, 3 and 6 only)
   */
  static EncodingPlan plan8(byte[] rgba8, boolean allowGrey) {
    return plan8(rgba8, true, true, allowGrey);
  }

  /**
   * Other exact representations worth a trial when the first choice is indexed: the palette in
   * the order the colours first occur (which keeps an existing palette's order), and no palette.
   */
  static java.util.List<EncodingPlan> alternatives8(byte[] rgba8, EncodingPlan first,
      boolean allowGrey) {
    java.util.List<EncodingPlan> plans = new java.util.ArrayList<>();
    plans.add(first);
    if (first.colorType() == PngHeader.PALETTE) {
      plans.add(plan8(rgba8, true, false, allowGrey));
      plans.add(plan8(rgba8, false, false, allowGrey));
    }
    return plans;
  }

  /**
   * @param allowPalette whether an indexed image may be chosen
   * @param sortPalette sort the palette (translucent first, then by luma) rather than keep the
   *     order in which colours first occur
   * @param allowGrey as {@link #plan8(byte[], boolean)}
   */
  static EncodingPlan plan8(byte[] rgba8, boolean allowPalette, boolean sortPalette,
      boolean allowGrey) {
    EncodingPlan manyGreys = allowGrey ? manyGreys(rgba8) : null;
    if (manyGreys != null) {
      return manyGreys;
    }
    boolean opaque = true;
    boolean grey = allowGrey;
    boolean binaryAlpha = true;
    boolean keyConsistent = true;
    int key = -1;
    ColorTable colors = new ColorTable();
    // Greys that are multiples of 255/(2^d-1), the sub-byte depths d = 4, 2, 1
    boolean fits4 = true;
    boolean fits2 = true;
    boolean fits1 = true;
    int last = 0;
    boolean first = true;
    // Past 16 colours a grey image is written as grey whatever the palette (below), so the
    // table stops filling while every colour is grey (skimage_text: the encode's start 0.46 ->
    // 0.37 ms). Should the image turn out to need the table, it is filled in a second scan.
    boolean tableSkipped = false;
    int i = 0;
    while (i < rgba8.length) {
      int r = rgba8[i] & 0xFF;
      int g = rgba8[i + 1] & 0xFF;
      int b = rgba8[i + 2] & 0xFF;
      int a = rgba8[i + 3] & 0xFF;
      i += 4;
      int c = (r << 24) | (g << 16) | (b << 8) | a;
      if (first || c != last) {
        first = false;
        last = c;
        grey &= r == g && g == b;
        if (grey && colors.size() > 16) {
          tableSkipped = true;
        } else {
          colors.add(c);
        }
        if (a != 0xFF) {
          opaque = false;
          if (a != 0) {
            binaryAlpha = false;
          } else if (key < 0) {
            key = c >>> 8;
          } else {
            keyConsistent &= key == c >>> 8;
          }
        }
        if (grey) {
          fits4 &= r % 17 == 0;
          fits2 &= r % 85 == 0;
          fits1 &= r % 255 == 0;
        } else if (colors.overflow()) {
          // Neither grey nor a palette: only the alpha tests are left (the next loop).
          break;
        }
      }
    }
    // The rest of a colour image with too many colours for a palette: its alpha tested at each
    // pixel, as above on each change of colour (a test repeated on the same colour changes
    // nothing). The corpus's colour photos overflow the table within their first 1,300 pixels,
    // its colour graphics within 47,000; this scan reads one byte of each pixel.
    for (; i < rgba8.length; i += 4) {
      int a = rgba8[i + 3] & 0xFF;
      if (a != 0xFF) {
        opaque = false;
        int rgb = (rgba8[i] & 0xFF) << 16 | (rgba8[i + 1] & 0xFF) << 8 | (rgba8[i + 2] & 0xFF);
        if (a != 0) {
          binaryAlpha = false;
        } else if (key < 0) {
          key = rgb;
        } else {
          keyConsistent &= key == rgb;
        }
      }
    }
    int greyDepth = fits1 ? 1 : fits2 ? 2 : fits4 ? 4 : 8;
    boolean keyUsable = !opaque && binaryAlpha && keyConsistent && !opaqueUses(rgba8, key);
    if (tableSkipped && !(grey && (opaque || keyUsable))) {
      colors = new ColorTable();
      for (int j = 0; j < rgba8.length && !colors.overflow(); j += 4) {
        colors.add((rgba8[j] & 0xFF) << 24 | (rgba8[j + 1] & 0xFF) << 16
            | (rgba8[j + 2] & 0xFF) << 8 | (rgba8[j + 3] & 0xFF));
      }
    }
    // With the table cut short (more than 16 greys) its size still gives depth 8, or it would
    // overflow: either way the grey plan below.
    int paletteDepth = colors.overflow() || !allowPalette ? 0 : indexDepth(colors.size());

    if (grey && (opaque || keyUsable) && (paletteDepth == 0 || greyDepth <= paletteDepth)) {
      byte[] trns = null;
      if (!opaque) {
        trns = u16s((key & 0xFF) >> (8 - greyDepth));
      }
      return new EncodingPlan(PngHeader.GREY, greyDepth, false, null, null, trns);
    }
    if (paletteDepth != 0) {
      return palettePlan(colors, paletteDepth, sortPalette);
    }
    if (grey) {
      return new EncodingPlan(PngHeader.GREY_ALPHA, 8, false, null, null, null);
    }
    if (opaque) {
      return new EncodingPlan(PngHeader.RGB, 8, false, null, null, null);
    }
    if (keyUsable) {
      byte[] trns = u16s(key >>> 16, (key >>> 8) & 0xFF, key & 0xFF);
      return new EncodingPlan(PngHeader.RGB, 8, false, null, null, trns);
    }
    return new EncodingPlan(PngHeader.RGBA, 8, false, null, null, null);
  }

  /**
   * The plan of an opaque grey image with more than 16 grey levels (greyscale, whatever the
   * palette: one byte per pixel either way), found without branching on every pixel; null for
   * any other image, which {@link #plan8} scans in full. On a noisy grey image (skimage_text)
   * the full scan's test for a new colour at every pixel mispredicted about every other time:
   * 0.41 ms of an encode of 5.9.
   */
  private static EncodingPlan manyGreys(byte[] rgba8) {
    // In stretches, so that a colour image (most) is given up on at once.
    for (int from = 0; from < rgba8.length; from += 4096) {
      int to = Math.min(rgba8.length, from + 4096);
      int notGrey = 0;
      int alpha = 0xFF;
      for (int i = from; i < to; i += 4) {
        notGrey |= (rgba8[i] ^ rgba8[i + 1]) | (rgba8[i + 1] ^ rgba8[i + 2]);
        alpha &= rgba8[i + 3];
      }
      if (notGrey != 0 || (alpha & 0xFF) != 0xFF) {
        return null;
      }
    }
    boolean[] seen = new boolean[256];
    for (int i = 0; i < rgba8.length; i += 4) {
      seen[rgba8[i] & 0xFF] = true;
    }
    int levels = 0;
    boolean fits4 = true;
    boolean fits2 = true;
    boolean fits1 = true;
    for (int v = 0; v < 256; v++) {
      if (seen[v]) {
        levels++;
        fits4 &= v % 17 == 0;
        fits2 &= v % 85 == 0;
        fits1 &= v % 255 == 0;
      }
    }
    if (levels <= 16) {
      return null;
    }
    int depth = fits1 ? 1 : fits2 ? 2 : fits4 ? 4 : 8;
    return new EncodingPlan(PngHeader.GREY, depth, false, null, null, null);
  }

  /** Whether the 16-bit samples all reduce to 8 bits without loss (v = 257 * (v >> 8)). */
  static boolean reducesTo8(short[] rgba16) {
    for (short s : rgba16) {
      if ((s >> 8 & 0xFF) != (s & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  /** The high bytes of 16-bit samples that {@link #reducesTo8} accepted. */
  static byte[] to8(short[] rgba16) {
    byte[] b = new byte[rgba16.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (rgba16[i] >> 8);
    }
    return b;
  }

  /**
   * 16-bit colour types: greyscale (where {@code allowGrey}, as {@link #plan8(byte[],
   * boolean)}), tRNS key, no alpha channel when opaque (§11.2.2).
   */
  static EncodingPlan plan16(short[] rgba16, boolean allowGrey) {
    boolean opaque = true;
    boolean grey = allowGrey;
    boolean binaryAlpha = true;
    boolean keyConsistent = true;
    long key = -1;
    for (int i = 0; i < rgba16.length; i += 4) {
      int r = rgba16[i] & 0xFFFF;
      int g = rgba16[i + 1] & 0xFFFF;
      int b = rgba16[i + 2] & 0xFFFF;
      int a = rgba16[i + 3] & 0xFFFF;
      grey &= r == g && g == b;
      if (a != 0xFFFF) {
        opaque = false;
        if (a != 0) {
          binaryAlpha = false;
        } else {
          long c = ((long) r << 32) | ((long) g << 16) | b;
          if (key < 0) {
            key = c;
          } else {
            keyConsistent &= key == c;
          }
        }
      }
    }
    boolean keyUsable = !opaque && binaryAlpha && keyConsistent && !opaqueUses16(rgba16, key);
    byte[] trns = null;
    if (keyUsable) {
      int r = (int) (key >>> 32);
      trns = grey ? u16s(r) : u16s(r, (int) (key >>> 16) & 0xFFFF, (int) key & 0xFFFF);
    }
    int type;
    if (grey) {
      type = opaque || keyUsable ? PngHeader.GREY : PngHeader.GREY_ALPHA;
    } else {
      type = opaque || keyUsable ? PngHeader.RGB : PngHeader.RGBA;
    }
    return new EncodingPlan(type, 16, true, null, null, trns);
  }

  private static boolean opaqueUses(byte[] rgba8, int key) {
    if (key < 0) {
      return false;
    }
    for (int i = 0; i < rgba8.length; i += 4) {
      if (rgba8[i + 3] != 0 && (((rgba8[i] & 0xFF) << 16) | ((rgba8[i + 1] & 0xFF) << 8)
          | (rgba8[i + 2] & 0xFF)) == key) {
        return true;
      }
    }
    return false;
  }

  private static boolean opaqueUses16(short[] rgba16, long key) {
    if (key < 0) {
      return false;
    }
    for (int i = 0; i < rgba16.length; i += 4) {
      if (rgba16[i + 3] != 0 && (((long) (rgba16[i] & 0xFFFF) << 32)
          | ((long) (rgba16[i + 1] & 0xFFFF) << 16) | (rgba16[i + 2] & 0xFFFF)) == key) {
        return true;
      }
    }
    return false;
  }

  /** The smallest index depth (§11.2.2: 1, 2, 4 or 8 bits) that addresses {@code n} entries. */
  static int indexDepth(int n) {
    return n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
  }

  /**
   * An indexed plan. Entries with alpha below 255 come first so that tRNS (§11.3.2.1) stops after
   * the last of them; within each group darker colours come first, which keeps neighbouring indices
   * similar in colour for the filters and the compressor.
   */
  private static EncodingPlan palettePlan(ColorTable colors, int depth, boolean sort) {
    int n = colors.size();
    if (!sort) {
      return paletteInOrder(colors, depth);
    }
    long[] sortKeys = new long[n];
    for (int i = 0; i < n; i++) {
      int c = colors.color(i);
      int r = c >>> 24;
      int g = (c >>> 16) & 0xFF;
      int b = (c >>> 8) & 0xFF;
      int a = c & 0xFF;
      long opaqueGroup = a == 0xFF ? 1 : 0;
      long luma = 299L * r + 587L * g + 114L * b;
      sortKeys[i] = (opaqueGroup << 62) | (luma << 40) | ((long) a << 32) | (c & 0xFFFF_FFFFL);
    }
    java.util.Arrays.sort(sortKeys);
    int[] order = new int[n];
    int transparent = 0;
    byte[] plte = new byte[n * 3];
    for (int i = 0; i < n; i++) {
      int c = (int) sortKeys[i];
      order[i] = c;
      plte[i * 3] = (byte) (c >>> 24);
      plte[i * 3 + 1] = (byte) (c >>> 16);
      plte[i * 3 + 2] = (byte) (c >>> 8);
      if ((c & 0xFF) != 0xFF) {
        transparent = i + 1;
      }
    }
    colors.reorder(order);
    byte[] trns = null;
    if (transparent > 0) {
      trns = new byte[transparent];
      for (int i = 0; i < transparent; i++) {
        trns[i] = (byte) order[i];
      }
    }
    return new EncodingPlan(PngHeader.PALETTE, depth, false, colors, plte, trns);
  }

  private static EncodingPlan paletteInOrder(ColorTable colors, int depth) {
    int n = colors.size();
    byte[] plte = new byte[n * 3];
    int transparent = 0;
    for (int i = 0; i < n; i++) {
      int c = colors.color(i);
      plte[i * 3] = (byte) (c >>> 24);
      plte[i * 3 + 1] = (byte) (c >>> 16);
      plte[i * 3 + 2] = (byte) (c >>> 8);
      if ((c & 0xFF) != 0xFF) {
        transparent = i + 1;
      }
    }
    byte[] trns = null;
    if (transparent > 0) {
      trns = new byte[transparent];
      for (int i = 0; i < transparent; i++) {
        trns[i] = (byte) colors.color(i);
      }
    }
    return new EncodingPlan(PngHeader.PALETTE, depth, false, colors, plte, trns);
  }

  private static byte[] u16s(int... values) {
    byte[] b = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      b[i * 2] = (byte) (values[i] >>> 8);
      b[i * 2 + 1] = (byte) values[i];
    }
    return b;
  }
}
