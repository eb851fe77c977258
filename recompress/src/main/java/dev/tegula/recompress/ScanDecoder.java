package dev.tegula.recompress;

import dev.tegula.jpeg.HuffmanTable;

/**
 * Decodes one Huffman-coded scan into the coefficient image, as libjpeg-turbo's decoder does
 * (T.81 §F.2.2 sequential, §G.2 progressive: jdhuff.c, jdphuff.c), and records what a re-encoding
 * needs besides the coefficients ({@link ScanRecord}). Strict where libjpeg is lenient: whatever
 * a re-encoding could not reproduce throws {@link NotModellable}.
 */
final class ScanDecoder {
  /** libjpeg's jcphuff.c flushes an end-of-band run when its correction bits pass this. */
  static final int MAX_CORRECTION_BITS = 1000 - 64 + 1;
  static final int MAX_EOB_RUN = 0x7FFF;

  private final JpegSyntax syn;
  private final CoefficientImage img;
  private final EntropyReader in;
  private final IntList pads = new IntList();
  private final IntList toggles = new IntList();
  private final int[] pred = new int[4];
  /** The decoder's tables of each scan component, derived (null where the scan needs none). */
  private final HuffmanTable[] dc = new HuffmanTable[4];
  private final HuffmanTable[] ac = new HuffmanTable[4];
  private int eobRun;
  // libjpeg's encoder state, followed to tell which run ends it would have chosen
  private int encRun;
  private int encBits;
  /**
   * A block after which the file ended its run where libjpeg would not have: a toggle only if
   * the next block of the segment starts a new run at once (else the next block's first symbol
   * or the segment's end ends the run anyway, as libjpeg does). -1 when none.
   */
  private int pendingEnd = -1;

  private ScanDecoder(byte[] d, int start, JpegSyntax syn, CoefficientImage img) {
    this.syn = syn;
    this.img = img;
    this.in = new EntropyReader(d, start, d.length);
    int kind = ScanKind.of(syn);
    for (int i = 0; i < syn.scanComponents; i++) {
      if (kind == ScanKind.SEQUENTIAL || kind == ScanKind.DC_FIRST) {
        dc[i] = syn.decodingTable(true, i);
      }
      if (kind != ScanKind.DC_FIRST && kind != ScanKind.DC_REFINE) {
        ac[i] = syn.decodingTable(false, i);
      }
    }
  }

  /**
   * Decodes the scan whose header {@code syn} holds, starting at {@code start}.
   *
   * @param end receives the offset where the entropy-coded data ends (end[0])
   */
  static ScanRecord decode(byte[] d, int start, JpegSyntax syn, CoefficientImage img, int[] end) {
    ScanDecoder s = new ScanDecoder(d, start, syn, img);
    s.run();
    end[0] = s.in.position();
    return new ScanRecord(s.pads.toArray(), s.toggles.toArray());
  }

  private void run() {
    int n = syn.scanComponents;
    boolean interleaved = n > 1;
    int c0 = syn.scanComponent[0];
    int across = interleaved ? syn.mcusAcross() : syn.componentBlocksWide(c0);
    int mcus = across * (interleaved ? syn.mcusDown() : syn.componentBlocksHigh(c0));
    int ri = syn.restartInterval;
    int kind = ScanKind.of(syn);
    int segment = 0;
    for (int m = 0; m < mcus; m++) {
      if (ri > 0 && m > 0 && m % ri == 0) {
        endSegment(segment);
        in.restart(segment);
        segment++;
      }
      int mx = m % across;
      int my = m / across;
      if (!interleaved) {
        block(kind, 0, c0, img.blockOffset(c0, mx, my), m);
        continue;
      }
      for (int i = 0; i < n; i++) {
        int c = syn.scanComponent[i];
        int h = syn.h[c];
        int v = syn.v[c];
        for (int y = 0; y < v; y++) {
          for (int x = 0; x < h; x++) {
            block(kind, i, c, img.blockOffset(c, mx * h + x, my * v + y), m);
          }
        }
      }
    }
    endSegment(segment);
  }

  private void endSegment(int segment) {
    if (eobRun != 0) {
      throw new NotModellable("an end-of-band run crosses a restart marker or the scan's end");
    }
    int pad = in.finishSegment();
    if (pad >= 0) {
      pads.add(segment);
      pads.add(pad);
    }
    pred[0] = pred[1] = pred[2] = pred[3] = 0;
    encRun = 0;
    encBits = 0;
    pendingEnd = -1;
  }

  /** The first symbol of a block that starts with no run pending: is it an end of band? */
  private void firstSymbol(boolean endOfBand) {
    if (pendingEnd >= 0 && endOfBand) {
      toggles.add(pendingEnd);
    }
    pendingEnd = -1;
  }

  private void block(int kind, int i, int c, int off, int index) {
    short[] coef = img.coefficients[c];
    switch (kind) {
      case ScanKind.SEQUENTIAL -> sequential(coef, off, i);
      case ScanKind.DC_FIRST -> dcFirst(coef, off, i);
      case ScanKind.DC_REFINE -> {
        if (in.bit() != 0) {
          coef[off] |= (short) (1 << syn.al);
        }
      }
      case ScanKind.AC_FIRST -> acFirst(coef, off, index);
      default -> acRefine(coef, off, index);
    }
  }

  /** §F.2.2.1, §F.2.2.2 */
  private void sequential(short[] coef, int off, int i) {
    int s = in.decode(dc[i]);
    if (s > 15) {
      throw new NotModellable("DC magnitude category " + s);
    }
    pred[i] += s == 0 ? 0 : in.receive(s);
    coef[off] = (short) pred[i];
    int[] zz = JpegSyntax.ZIGZAG;
    for (int k = 1; k < 64; ) {
      int rs = in.decode(ac[i]);
      int r = rs >> 4;
      s = rs & 15;
      if (s != 0) {
        k += r;
        if (k > 63) {
          throw new NotModellable("AC run past the block's end");
        }
        coef[off + zz[k]] = (short) in.receive(s);
        k++;
      } else if (r == 15) {
        k += 16;
        if (k > 63) {
          throw new NotModellable("zero run (ZRL) to the block's end");
        }
      } else if (r == 0) {
        break;
      } else {
        throw new NotModellable("undefined AC symbol 0x" + Integer.toHexString(rs));
      }
    }
  }

  /** §G.1.2.1 */
  private void dcFirst(short[] coef, int off, int i) {
    int s = in.decode(dc[i]);
    if (s > 15) {
      throw new NotModellable("DC magnitude category " + s);
    }
    pred[i] += s == 0 ? 0 : in.receive(s);
    coef[off] = (short) (pred[i] << syn.al);
  }

  /** §G.1.2.2, first scan of a band. */
  private void acFirst(short[] coef, int off, int index) {
    if (eobRun > 0) {
      eobRun--;
      counted(index, 0);
      return;
    }
    HuffmanTable ac = this.ac[0];
    int[] zz = JpegSyntax.ZIGZAG;
    int se = syn.se;
    boolean first = true;
    for (int k = syn.ss; k <= se; ) {
      int rs = in.decode(ac);
      int r = rs >> 4;
      int s = rs & 15;
      if (first) {
        firstSymbol(s == 0 && r != 15);
        first = false;
      }
      if (s != 0) {
        k += r;
        if (k > se) {
          throw new NotModellable("AC run past the band's end");
        }
        coef[off + zz[k]] = (short) (in.receive(s) << syn.al);
        k++;
      } else if (r == 15) {
        k += 16;
        if (k > se) {
          throw new NotModellable("zero run (ZRL) to the band's end");
        }
      } else {
        eobRun = (1 << r) + (r > 0 ? in.bits(r) : 0) - 1;
        counted(index, 0);
        return;
      }
    }
    encRun = 0;
    encBits = 0;
  }

  /** §G.1.2.3, refinement of a band (libjpeg's decode_mcu_AC_refine). */
  private void acRefine(short[] coef, int off, int index) {
    int p1 = 1 << syn.al;
    int m1 = -1 << syn.al;
    int[] zz = JpegSyntax.ZIGZAG;
    int se = syn.se;
    int k = syn.ss;
    if (eobRun == 0) {
      HuffmanTable ac = this.ac[0];
      boolean first = true;
      for (; k <= se; k++) {
        int rs = in.decode(ac);
        int r = rs >> 4;
        int s = rs & 15;
        if (first) {
          firstSymbol(s == 0 && r != 15);
          first = false;
        }
        if (s != 0) {
          if (s != 1) {
            throw new NotModellable("refinement symbol with magnitude " + s);
          }
          s = in.bit() != 0 ? p1 : m1;
        } else if (r != 15) {
          eobRun = (1 << r) + (r > 0 ? in.bits(r) : 0);
          break;
        }
        do {
          int at = off + zz[k];
          if (coef[at] != 0) {
            if (in.bit() != 0 && (coef[at] & p1) == 0) {
              coef[at] += (short) (coef[at] >= 0 ? p1 : m1);
            }
          } else if (--r < 0) {
            break;
          }
          k++;
        } while (k <= se);
        if (s != 0) {
          if (k > se) {
            throw new NotModellable("refinement run past the band's end");
          }
          coef[off + zz[k]] = (short) s;
        }
      }
    }
    if (eobRun > 0) {
      int correction = 0;
      for (; k <= se; k++) {
        int at = off + zz[k];
        if (coef[at] != 0) {
          correction++;
          if (in.bit() != 0 && (coef[at] & p1) == 0) {
            coef[at] += (short) (coef[at] >= 0 ? p1 : m1);
          }
        }
      }
      eobRun--;
      counted(index, correction);
    } else {
      encRun = 0;
      encBits = 0;
    }
  }

  /**
   * A block that ended in an end-of-band run. libjpeg's encoder (jcphuff.c) ends a run when it
   * reaches 0x7FFF blocks or, in refinement, when its buffered correction bits pass 937; where
   * the file ended its run differently, the block is recorded as a toggle.
   */
  private void counted(int index, int correctionBits) {
    encRun++;
    encBits += correctionBits;
    boolean libjpeg = encRun == MAX_EOB_RUN
        || (syn.ah != 0 && encBits > MAX_CORRECTION_BITS);
    boolean ends = eobRun == 0;
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
