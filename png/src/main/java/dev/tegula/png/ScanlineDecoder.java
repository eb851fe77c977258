package dev.tegula.png;

/**
 * Reads the filtered scanlines (PNG spec §7.2) pass by pass (§8.2), reverses the filters (§9) and
 * hands each row to the {@link SampleExpander}. Only two scanline buffers are live at a time.
 */
final class ScanlineDecoder {
  /**
   * How far decoding got.
   *
   * @param rows scanlines decoded, over all passes
   * @param problem why decoding stopped early, or null when complete
   * @param corrupt whether it stopped on damaged data rather than data that ends
   * @param offset the chunk the problem was found in
   */
  record Progress(boolean complete, long rows, String problem, boolean corrupt, long offset) {}

  private ScanlineDecoder() {}

  /** @param rowBuffer room for the filter byte and the widest scanline */
  static Progress decode(PngHeader header, IdatStream in, SampleExpander expander, int rowBuffer) {
    byte[] cur = new byte[rowBuffer];
    byte[] prev = new byte[rowBuffer];
    boolean interlaced = header.interlaced();
    int bpp = header.filterStride();
    long rows = 0;
    for (int pass = 0; pass < Adam7.passCount(interlaced); pass++) {
      int pw = Adam7.passWidth(header.width(), interlaced, pass);
      int ph = Adam7.passHeight(header.height(), interlaced, pass);
      if (pw == 0 || ph == 0) {
        continue; // §8.2: an empty pass has no scanlines, not even filter bytes.
      }
      int len = (int) header.rowBytes(pw);
      int x0 = Adam7.startX(interlaced, pass);
      int dx = Adam7.stepX(interlaced, pass);
      int y0 = Adam7.startY(interlaced, pass);
      int dy = Adam7.stepY(interlaced, pass);
      // The row above the first row of each pass counts as zeros (§9.2).
      java.util.Arrays.fill(prev, 0, len + 1, (byte) 0);
      for (int y = 0; y < ph; y++) {
        if (in.read(cur, 0, len + 1) < len + 1) {
          IdatStream.End end = in.end();
          boolean corrupt = end == IdatStream.End.CORRUPT || end == IdatStream.End.STREAM_END;
          return new Progress(
              false, rows, in.detail() + where(interlaced, pass, y), corrupt, in.offset());
        }
        int filter = cur[0] & 0xFF;
        if (!Unfilter.apply(cur, prev, len, bpp)) {
          return new Progress(false, rows,
              "unknown filter type " + filter + where(interlaced, pass, y), true, in.offset());
        }
        expander.expandRow(cur, 1, pw, y0 + y * dy, x0, dx);
        byte[] t = prev;
        prev = cur;
        cur = t;
        rows++;
      }
    }
    return new Progress(true, rows, null, false, -1);
  }

  /**
   * Zeroes the pixels of every scanline after the first {@code rowsDone} in decoding order (a
   * decode that stopped early leaves them transparent black, in a target that may hold anything).
   */
  static void zeroRest(PngHeader header, long rowsDone, SampleExpander expander) {
    boolean interlaced = header.interlaced();
    long row = 0;
    for (int pass = 0; pass < Adam7.passCount(interlaced); pass++) {
      int pw = Adam7.passWidth(header.width(), interlaced, pass);
      int ph = Adam7.passHeight(header.height(), interlaced, pass);
      if (pw == 0 || ph == 0) {
        continue;
      }
      int x0 = Adam7.startX(interlaced, pass);
      int dx = Adam7.stepX(interlaced, pass);
      int y0 = Adam7.startY(interlaced, pass);
      int dy = Adam7.stepY(interlaced, pass);
      for (int y = 0; y < ph; y++, row++) {
        if (row >= rowsDone) {
          expander.zeroRow(pw, y0 + y * dy, x0, dx);
        }
      }
    }
  }

  private static String where(boolean interlaced, int pass, int y) {
    return interlaced
        ? " (Adam7 pass " + (pass + 1) + ", scanline " + y + ")"
        : " (scanline " + y + ")";
  }
}
