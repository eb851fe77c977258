package dev.tegula.png;

/**
 * The distinct RGBA colours of an image while there are at most 256 of them (enough for a palette,
 * PNG spec §11.2.3), as an open-addressing hash table over packed {@code 0xRRGGBBAA} ints. Once a
 * 257th colour is seen the table stops growing and reports an overflow.
 */
final class ColorTable {
  static final int MAX = 256;
  private static final int SLOTS = 1024;

  private final int[] keys = new int[SLOTS];
  private final short[] values = new short[SLOTS];
  /** Slot in use: 0 free, else 1. Separate because every int is a valid colour. */
  private final byte[] used = new byte[SLOTS];
  private final int[] colors = new int[MAX];
  private int size;
  private boolean overflow;

  /** Adds a colour; false once the table holds more colours than a palette can. */
  boolean add(int rgba) {
    if (overflow) {
      return false;
    }
    int s = slot(rgba);
    if (used[s] != 0) {
      return true;
    }
    if (size == MAX) {
      overflow = true;
      return false;
    }
    used[s] = 1;
    keys[s] = rgba;
    values[s] = (short) size;
    colors[size++] = rgba;
    return true;
  }

  boolean overflow() {
    return overflow;
  }

  int size() {
    return size;
  }

  /** The colours in the order they were first seen (or as {@link #reorder} left them). */
  int color(int i) {
    return colors[i];
  }

  /** The index of a colour in the table; the colour must have been added. */
  int indexOf(int rgba) {
    return values[slot(rgba)];
  }

  /** Gives the colours new indices: {@code order[i]} is the colour that gets index i. */
  void reorder(int[] order) {
    for (int i = 0; i < size; i++) {
      colors[i] = order[i];
      values[slot(order[i])] = (short) i;
    }
  }

  /** The slot holding {@code rgba}, or the free slot where it would go (linear probing). */
  private int slot(int rgba) {
    int s = (rgba * 0x9E3779B1) >>> 22;
    while (used[s] != 0 && keys[s] != rgba) {
      s = (s + 1) & (SLOTS - 1);
    }
    return s;
  }
}
