package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Test reference: the scan encoder as it was before the word-wise writer (one call per symbol
 * and per correction bit, a byte at a time), kept to compare the new one with byte for byte.
 *
 * <p>Huffman-encodes one scan from the coefficient image exactly as libjpeg-turbo's encoder does
 * (T.81 §F.1.2 sequential: jchuff.c; §G.1.2 progressive: jcphuff.c, including when it ends
 * end-of-band runs), departing from it only where the {@link ScanRecord} says the file did.
 */
final class LegacyScanEncoder {
  private final JpegSyntax syn;
  private final CoefficientImage img;
  private final LegacyEntropyWriter out;
  private final ScanRecord record;
  private final int[] pred = new int[4];
  private int nextToggle;
  private int eobRun;
  /** Correction bits of the pending run, then those of the current block (libjpeg's BE, BR). */
  private byte[] corr = new byte[1024];
  private int be;

  private LegacyScanEncoder(JpegSyntax syn, CoefficientImage img, LegacyEntropyWriter out,
      ScanRecord record) {
    this.syn = syn;
    this.img = img;
    this.out = out;
    this.record = record;
  }

  static void encode(JpegSyntax syn, CoefficientImage img, ScanRecord record, ByteSinkOut sink) {
    new LegacyScanEncoder(syn, img, new LegacyEntropyWriter(sink), record).run();
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
    int nextPad = 0;
    int[] pads = record.pads();
    for (int m = 0; m < mcus; m++) {
      if (ri > 0 && m > 0 && m % ri == 0) {
        emitEobRun();
        nextPad = finish(segment, pads, nextPad);
        out.restart(segment);
        segment++;
        pred[0] = pred[1] = pred[2] = pred[3] = 0;
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
    emitEobRun();
    finish(segment, pads, nextPad);
  }

  private int finish(int segment, int[] pads, int nextPad) {
    if (nextPad < pads.length && pads[nextPad] == segment) {
      out.finishSegment(pads[nextPad + 1]);
      return nextPad + 2;
    }
    out.finishSegment(-1);
    return nextPad;
  }

  private void block(int kind, int i, int c, int off, int index) {
    short[] coef = img.coefficients[c];
    switch (kind) {
      case ScanKind.SEQUENTIAL -> sequential(coef, off, i);
      case ScanKind.DC_FIRST -> {
        int dc = coef[off] >> syn.al;
        dc(syn.dcTables[syn.scanDc[i]], dc - pred[i]);
        pred[i] = dc;
      }
      case ScanKind.DC_REFINE -> out.put((coef[off] >> syn.al) & 1, 1);
      case ScanKind.AC_FIRST -> acFirst(coef, off, index);
      default -> acRefine(coef, off, index);
    }
  }

  private static int magnitudeBits(int a) {
    return 32 - Integer.numberOfLeadingZeros(a);
  }

  private void dc(HuffmanCode t, int diff) {
    int a = diff < 0 ? -diff : diff;
    int nbits = magnitudeBits(a);
    if (nbits > 15) {
      throw new NotModellable("DC difference " + diff + " out of range");
    }
    out.symbol(t, nbits, diff < 0 ? diff - 1 : diff, nbits);
  }

  /** §F.1.2.1, §F.1.2.2 (jchuff.c encode_one_block). */
  private void sequential(short[] coef, int off, int i) {
    int dc = coef[off];
    dc(syn.dcTables[syn.scanDc[i]], dc - pred[i]);
    pred[i] = dc;
    HuffmanCode ac = syn.acTables[syn.scanAc[i]];
    int[] zz = JpegSyntax.ZIGZAG;
    int r = 0;
    for (int k = 1; k < 64; k++) {
      int v = coef[off + zz[k]];
      if (v == 0) {
        r++;
        continue;
      }
      while (r > 15) {
        out.symbol(ac, 0xF0);
        r -= 16;
      }
      int a = v < 0 ? -v : v;
      int nbits = magnitudeBits(a);
      if (nbits > 15) {
        throw new NotModellable("AC value out of range");
      }
      out.symbol(ac, (r << 4) + nbits, v < 0 ? v - 1 : v, nbits);
      r = 0;
    }
    if (r > 0) {
      out.symbol(ac, 0);
    }
  }

  /** §G.1.2.2 (jcphuff.c encode_mcu_AC_first). */
  private void acFirst(short[] coef, int off, int index) {
    HuffmanCode ac = syn.acTables[syn.scanAc[0]];
    int[] zz = JpegSyntax.ZIGZAG;
    int al = syn.al;
    int r = 0;
    for (int k = syn.ss; k <= syn.se; k++) {
      int v = coef[off + zz[k]];
      int a = (v < 0 ? -v : v) >> al;
      if (a == 0) {
        r++;
        continue;
      }
      emitEobRun();
      while (r > 15) {
        out.symbol(ac, 0xF0);
        r -= 16;
      }
      int nbits = magnitudeBits(a);
      if (nbits > 15) {
        throw new NotModellable("AC value out of range");
      }
      out.symbol(ac, (r << 4) + nbits, v < 0 ? ~a : a, nbits);
      r = 0;
    }
    if (r > 0) {
      eobRun++;
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN)) {
        emitEobRun();
      }
    }
  }

  /** §G.1.2.3 (jcphuff.c encode_mcu_AC_refine). */
  private void acRefine(short[] coef, int off, int index) {
    HuffmanCode ac = syn.acTables[syn.scanAc[0]];
    int[] zz = JpegSyntax.ZIGZAG;
    int al = syn.al;
    int ss = syn.ss;
    int se = syn.se;
    int eob = -1;
    for (int k = ss; k <= se; k++) {
      int v = coef[off + zz[k]];
      if (((v < 0 ? -v : v) >> al) == 1) {
        eob = k;
      }
    }
    if (corr.length < be + 64) {
      corr = Arrays.copyOf(corr, 2 * corr.length + 64);
    }
    int brStart = be;
    int br = 0;
    int r = 0;
    for (int k = ss; k <= se; k++) {
      int v = coef[off + zz[k]];
      int a = (v < 0 ? -v : v) >> al;
      if (a == 0) {
        r++;
        continue;
      }
      while (r > 15 && k <= eob) {
        emitEobRun();
        out.symbol(ac, 0xF0);
        r -= 16;
        emitBits(brStart, br);
        brStart = 0;
        br = 0;
      }
      if (a > 1) {
        corr[brStart + br++] = (byte) (a & 1);
        continue;
      }
      emitEobRun();
      out.symbol(ac, (r << 4) + 1, v < 0 ? 0 : 1, 1);
      emitBits(brStart, br);
      brStart = 0;
      br = 0;
      r = 0;
    }
    if (r > 0 || br > 0) {
      eobRun++;
      be += br;
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN
          || be > ScanDecoder.MAX_CORRECTION_BITS)) {
        emitEobRun();
      }
    }
  }

  /** libjpeg's choice, inverted at the blocks the record lists. */
  private boolean endsRun(int index, boolean libjpeg) {
    int[] toggles = record.toggles();
    while (nextToggle < toggles.length && toggles[nextToggle] < index) {
      nextToggle++; // a block that ended no run: nothing to invert there
    }
    if (nextToggle < toggles.length && toggles[nextToggle] == index) {
      nextToggle++;
      return !libjpeg;
    }
    return libjpeg;
  }

  private void emitBits(int from, int count) {
    for (int i = 0; i < count; i++) {
      out.put(corr[from + i], 1);
    }
  }

  /** jcphuff.c emit_eobrun: the run's symbol and extra bits, then its correction bits. */
  private void emitEobRun() {
    if (eobRun == 0) {
      return;
    }
    int nbits = magnitudeBits(eobRun) - 1;
    if (nbits > 14) {
      throw new NotModellable("end-of-band run of " + eobRun + " blocks");
    }
    out.symbol(syn.acTables[syn.scanAc[0]], nbits << 4, eobRun, nbits);
    eobRun = 0;
    emitBits(0, be);
    be = 0;
  }
}
