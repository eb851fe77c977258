package dev.tegula.recompress;

import dev.tegula.jpeg.JpegSegmentReader;

/**
 * Decodes one Huffman-coded scan into the coefficient image with the JPEG decoder's own scan
 * decoder (T.81 §F.2.2, §G.2; {@link JpegSegmentReader#decodeScan}) and records what a
 * re-encoding needs besides the coefficients ({@link ScanRecord}) from the events it reports: the
 * padding bits of each entropy-coded segment and where end-of-band runs start.
 *
 * <p>The decoder reads damaged data as libjpeg does; what it reports as damaged (data ending
 * early, codes no table has, restart markers missing or out of order), data left between a
 * segment's last block and its marker, and runs that cross a segment's end throw {@link
 * NotModellable}. Anything else a re-encoding would not reproduce (an extra ZRL, a run past the
 * band's end) is caught by the byte-for-byte check of the rebuilt file (format-jpeg.md §10).
 */
final class ScanDecoder implements JpegSegmentReader.ScanEvents {
  /** libjpeg's jcphuff.c flushes an end-of-band run when its correction bits pass this. */
  static final int MAX_CORRECTION_BITS = 1000 - 64 + 1;
  static final int MAX_EOB_RUN = 0x7FFF;

  private final byte[] d;
  private final JpegSyntax syn;
  private final CoefficientImage img;
  private final IntList pads = new IntList();
  private final IntList toggles = new IntList();
  private int segment;
  private int end = -1;
  /** Per block of an AC scan (scan order): the run starting there, or 0; and the symbol's k. */
  private int[] runAt;
  private byte[] runK;

  private ScanDecoder(byte[] d, JpegSyntax syn, CoefficientImage img) {
    this.d = d;
    this.syn = syn;
    this.img = img;
  }

  /**
   * Decodes the scan whose header {@code syn} has just read.
   *
   * @param end receives the offset where the entropy-coded data ends (end[0])
   */
  static ScanRecord decode(byte[] d, JpegSyntax syn, CoefficientImage img, int[] end) {
    ScanDecoder s = new ScanDecoder(d, syn, img);
    int kind = ScanKind.of(syn);
    boolean ac = kind == ScanKind.AC_FIRST || kind == ScanKind.AC_REFINE;
    if (ac) {
      int c = syn.scanComponent[0];
      int blocks = syn.componentBlocksWide(c) * syn.componentBlocksHigh(c);
      s.runAt = new int[blocks];
      s.runK = new byte[blocks];
    }
    syn.decodeScan(img, s);
    if (s.end < 0) {
      throw new NotModellable("the scan's last segment does not end in padding and a marker");
    }
    end[0] = s.end;
    if (ac) {
      s.toggles();
    }
    return new ScanRecord(s.pads.toArray(), s.toggles.toArray());
  }

  @Override
  public void endOfBand(int blockOffset, int k, int run) {
    int c = syn.scanComponent[0];
    int b = blockOffset >> 6;
    int wide = img.blocksWide[c];
    int index = b / wide * syn.componentBlocksWide(c) + b % wide;
    runAt[index] = run;
    runK[index] = (byte) k;
  }

  @Override
  public void segmentEnd(long bits, int bitsLeft, int at) {
    if (segment > 0 && (end + 1 >= d.length || (d[end + 1] & 0xFF) != 0xD0 + ((segment - 1) & 7))) {
      // the segment before ended with a restart: RSTn, n counting 0-7 (§B.2.1), no fill bytes
      throw new NotModellable("RST" + ((segment - 1) & 7) + " expected at " + end);
    }
    if (at < 0) {
      throw new NotModellable(bitsLeft < 0 ? "the scan's data ends early"
          : "data left after the last block of segment " + segment + " of the scan");
    }
    int pad = bitsLeft == 0 ? 0 : (int) (bits >>> (64 - bitsLeft));
    if (pad != (1 << bitsLeft) - 1) {
      pads.add(segment);
      pads.add(pad);
    }
    end = at;
    segment++;
  }

  /**
   * The blocks after which the file ends an end-of-band run where libjpeg's encoder (jcphuff.c)
   * would not, or runs on where it would stop (at 0x7FFF blocks or, in refinement, at more than
   * 937 correction bits): libjpeg's choices replayed over the file's runs.
   */
  private void toggles() {
    int c = syn.scanComponent[0];
    int wide = syn.componentBlocksWide(c);
    int high = syn.componentBlocksHigh(c);
    int ri = syn.restartInterval;
    int ss = syn.ss;
    int se = syn.se;
    boolean refine = syn.ah != 0;
    short[] coef = img.coefficients[c];
    int[] zz = JpegSyntax.ZIGZAG;
    int left = 0; // blocks left in the file's current run, this one included
    int encRun = 0;
    int encBits = 0;
    int pendingEnd = -1;
    int toRestart = ri;
    int index = 0;
    for (int by = 0; by < high; by++) {
      for (int bx = 0; bx < wide; bx++, index++) {
        if (ri > 0 && toRestart-- == 0) {
          if (left != 0) {
            throw new NotModellable("an end-of-band run crosses a restart marker");
          }
          toRestart = ri - 1;
          encRun = 0;
          encBits = 0;
          pendingEnd = -1;
        }
        int k = ss;
        if (left == 0) {
          // the block's first symbol: an end of band right after a run libjpeg would not have
          // ended makes that end a toggle
          boolean endOfBand = runAt[index] != 0 && runK[index] == ss;
          if (pendingEnd >= 0 && endOfBand) {
            toggles.add(pendingEnd);
          }
          pendingEnd = -1;
          if (runAt[index] == 0) {
            encRun = 0;
            encBits = 0;
            continue;
          }
          left = runAt[index];
          k = runK[index] & 0xFF;
        }
        // the correction bits count only while they may still pass the limit in this run
        if (refine && encBits <= MAX_CORRECTION_BITS
            && encBits + (long) left * (se - ss + 1) > MAX_CORRECTION_BITS) {
          int off = img.blockOffset(c, bx, by);
          for (; k <= se; k++) {
            if (coef[off + zz[k]] != 0) {
              encBits++;
            }
          }
        }
        left--;
        encRun++;
        boolean libjpeg = encRun == MAX_EOB_RUN || (refine && encBits > MAX_CORRECTION_BITS);
        boolean ends = left == 0;
        if (ends && !libjpeg) {
          pendingEnd = index;
        } else if (ends != libjpeg) {
          toggles.add(index);
        }
        if (ends) {
          encRun = 0;
          encBits = 0;
        }
      }
    }
    if (left != 0) {
      throw new NotModellable("an end-of-band run crosses the scan's end");
    }
  }

}
