package dev.tegula.recompress;

import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;

/**
 * The serialized {@link JpegLayout} (format-jpeg.md §5): unsigned LEB128 numbers, byte strings and
 * the pieces as items ({@link LayoutPieces}). Reading checks every count against what is left and
 * the pieces against §5.1's bound, so damaged data throws a {@link MalformedInputException} and
 * never allocates much more than the input holds.
 */
final class LayoutCodec {
  private LayoutCodec() {}

  static byte[] write(JpegLayout layout) {
    ByteSinkOut out = new ByteSinkOut(1024);
    number(out, layout.scans());
    for (int k = 0; k < layout.scans(); k++) {
      LayoutPieces.write(out, layout.pieces()[k]);
      ScanRecord r = layout.records()[k];
      int[] pads = r.pads();
      number(out, pads.length / 2);
      int last = 0;
      for (int i = 0; i < pads.length; i += 2) {
        number(out, pads[i] - last);
        last = pads[i];
        number(out, pads[i + 1]);
      }
      int[] toggles = r.toggles();
      number(out, toggles.length);
      last = 0;
      for (int t : toggles) {
        number(out, t - last);
        last = t;
      }
    }
    bytes(out, layout.tail());
    return out.toByteArray();
  }

  static void number(ByteSinkOut out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static void bytes(ByteSinkOut out, byte[] b) {
    number(out, b.length);
    out.write(b, 0, b.length);
  }

  /** @param base offset of {@code data} in the .tgl file, for messages */
  static JpegLayout read(byte[] data, Limits limits, long base) {
    Reader r = new Reader(data, base);
    int scans = r.number();
    if (scans < 1) {
      throw r.bad("a layout without scans");
    }
    limits.checkScans(scans, base);
    if (scans > data.length) {
      throw r.bad("a layout of " + scans + " scans in " + data.length + " bytes");
    }
    // items expand (a 2-byte Annex K table reference stands for 179 bytes): bounded so that
    // damaged data cannot make the pieces much larger than the layout (format-jpeg.md §5.1)
    long budget = 16L * data.length + (1 << 20);
    byte[][] pieces = new byte[scans][];
    ScanRecord[] records = new ScanRecord[scans];
    for (int k = 0; k < scans; k++) {
      pieces[k] = LayoutPieces.read(r, budget);
      budget -= pieces[k].length;
      int pairs = r.count(2);
      int[] pads = new int[2 * pairs];
      int last = 0;
      for (int i = 0; i < pairs; i++) {
        last = r.add(last, r.number());
        pads[2 * i] = last;
        pads[2 * i + 1] = r.number();
        if (pads[2 * i + 1] > 0x7F || (i > 0 && pads[2 * i] == pads[2 * i - 2])) {
          throw r.bad("a padding entry out of order or range");
        }
      }
      int count = r.count(1);
      int[] toggles = new int[count];
      last = 0;
      for (int i = 0; i < count; i++) {
        last = r.add(last, r.number());
        toggles[i] = last;
      }
      records[k] = new ScanRecord(pads, toggles);
    }
    byte[] tail = r.bytes();
    if (r.at != data.length) {
      throw r.bad((data.length - r.at) + " bytes after the layout");
    }
    return new JpegLayout(pieces, records, tail);
  }

  static final class Reader {
    final byte[] d;
    final long base;
    int at;

    Reader(byte[] d, long base) {
      this.d = d;
      this.base = base;
    }

    int u8() {
      if (at >= d.length) {
        throw bad("the layout ends inside a piece");
      }
      return d[at++] & 0xFF;
    }

    int number() {
      int v = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        if (at >= d.length) {
          throw bad("the layout ends inside a number");
        }
        int b = d[at++] & 0xFF;
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (v < 0 || (shift == 28 && b > 7)) {
            throw bad("a number out of range");
          }
          return v;
        }
      }
      throw bad("a number out of range");
    }

    /** A count of items of at least {@code minBytes} bytes each: bounded by what is left. */
    int count(int minBytes) {
      int n = number();
      if ((long) n * minBytes > d.length - at) {
        throw bad("a count of " + n + " with " + (d.length - at) + " bytes left");
      }
      return n;
    }

    int add(int last, int delta) {
      long v = (long) last + delta;
      if (v > Integer.MAX_VALUE) {
        throw bad("a number out of range");
      }
      return (int) v;
    }

    byte[] bytes() {
      int n = count(1);
      byte[] b = java.util.Arrays.copyOfRange(d, at, at + n);
      at += n;
      return b;
    }

    MalformedInputException bad(String what) {
      return new MalformedInputException(
          "the JPEG layout in the JREC chunk is damaged: " + what, base);
    }
  }
}
