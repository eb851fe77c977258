package dev.tegula.recompress;

import java.util.Arrays;

/**
 * Huffman-encodes one scan from the coefficient image exactly as libjpeg-turbo's encoder does
 * (T.81 §F.1.2 sequential: jchuff.c; §G.1.2 progressive: jcphuff.c, including when it ends
 * end-of-band runs), departing from it only where the {@link ScanRecord} says the file did.
 *
 * <p>Each block's nonzero coefficients are found as a 64-bit mask ({@link BlockMasks}: zigzag
 * position k at bit 63 − k), and the scan walks the set bits of its band, so zero runs cost
 * nothing per zero (as jchuff.c's SIMD path does). A sequential scan takes each block's mask
 * from those the coefficients' decoder kept ({@link CoefficientImage}), or makes it as it codes
 * the block. A progressive file's scans read what {@link BlockMasks} makes once per
 * component: the DC coefficients alone, the nonzero AC coefficients in zigzag order, and per block
 * the masks of the positions still nonzero at Al 1-2, the signs and the correction bits of Al
 * 0-1 as strings ({@link BlockMasks#levels}); an AC scan then codes a block from a few masks,
 * with no branch on the coefficients' values: AC first from the mask of the positions nonzero
 * at its Al, refinement from one newly nonzero coefficient to the next, taking the correction
 * bits of the coefficients between them from the front of the block's string. The correction
 * bits of a pending end-of-band run (libjpeg's BE buffer) are packed in {@link #runBits}.
 *
 * <p>Measured in session 12 and not kept (same-JVM A/B of the rebuild alone, q75p / q85p / q95p;
 * the noise about ±3 %, a JVM's own bias up to ±8 % on an untouched group): {@link #acFirst} with
 * the writer's bit buffer in locals x0.98-1.00; the pending run ended once before
 * refinement()'s loop instead of tested at each coefficient x0.98-1.03; its correction-bit counts
 * and sign from masks of k's bit (no shift by k) x0.98-1.01; the bit loops of sequential, AC first
 * and refinement counting down an int, as in {@link BlockMasks#prepare}, x0.97-0.99; the DC scan's
 * prediction in a local x0.98-1.03; {@link BlockMasks#values} holding only values of magnitude 2 or
 * more (the ±1 ones from the signs) x0.91-1.03; no values at all, AC first scans reading the
 * blocks' coefficients, x0.95-1.05 (q95p the gain); the levels of magnitude 4 (Al 2) left out for
 * chroma, which cjpeg's scripts never refine at Al 1: the rebuild x1.00. In a perf profile of the
 * compiled code the scans' samples gather at loop exits and stack spills rather than at their
 * arithmetic; only {@link BlockMasks#prepare}'s loop, bound by its instruction count, gained from
 * fewer instructions.
 */
final class ScanEncoder {
  private static final int ZRL = 0xF0;

  private final JpegSyntax syn;
  private final CoefficientImage img;
  private final EntropyWriter out;
  private final ScanRecord record;
  private final BlockMasks masks;
  private final int[] pred = new int[4];
  private int nextToggle;
  /** The record's next toggle (a block index in scan order), or Integer.MAX_VALUE. */
  private int toggleAt;
  /** {@link #zrls}: the block's correction bits, the last {@link #correctionsLeft} not sent. */
  private long corrections;
  private int correctionsLeft;
  /** {@link #zrls}: how many correction bits before its coefficient it did not send. */
  private int unsent;
  private int eobRun;
  /** Correction bits of the pending run (libjpeg's BE), most significant first in each long. */
  private long[] runBits = new long[20];
  private int be;
  /** The scan's AC table (progressive scans have one component). */
  private int[] ac;

  private ScanEncoder(JpegSyntax syn, CoefficientImage img, EntropyWriter out, ScanRecord record,
      BlockMasks masks) {
    this.syn = syn;
    this.img = img;
    this.out = out;
    this.record = record;
    this.masks = masks;
  }

  /** @param masks the nonzero masks of {@code img}'s blocks, made once, kept across scans */
  static void encode(JpegSyntax syn, CoefficientImage img, ScanRecord record, ByteSinkOut sink,
      BlockMasks masks) {
    new ScanEncoder(syn, img, new EntropyWriter(sink), record, masks).run();
  }

  private void run() {
    int kind = ScanKind.of(syn);
    HuffmanCode acTable = syn.acTables[syn.scanAc[0]];
    ac = acTable == null ? null : acTable.packed;
    int[] toggles = record.toggles();
    toggleAt = toggles.length > 0 ? toggles[0] : Integer.MAX_VALUE;
    if (kind == ScanKind.AC_FIRST || kind == ScanKind.AC_REFINE) {
      acScan(syn.scanComponent[0], kind == ScanKind.AC_REFINE);
      return;
    }
    int n = syn.scanComponents;
    boolean interleaved = n > 1;
    int c0 = syn.scanComponent[0];
    int across = interleaved ? syn.mcusAcross() : syn.componentBlocksWide(c0);
    int down = interleaved ? syn.mcusDown() : syn.componentBlocksHigh(c0);
    // per scan component: its coefficients, sampling, row stride, DC table
    short[][] coef = new short[n][];
    int[] hs = new int[n];
    int[] vs = new int[n];
    int[] stride = new int[n];
    int[][] dcTables = new int[n][];
    int[][] acTables = new int[n][];
    long[][] given = new long[n][];
    for (int i = 0; i < n; i++) {
      int c = syn.scanComponent[i];
      // progressive DC scans read the dense DCs: the blocks' own would each cost a cache miss
      coef[i] = kind == ScanKind.SEQUENTIAL ? img.coefficients[c] : masks.dc(c);
      given[i] = masks.given(c);
      hs[i] = interleaved ? syn.h[c] : 1;
      vs[i] = interleaved ? syn.v[c] : 1;
      stride[i] = kind == ScanKind.SEQUENTIAL ? img.blocksWide[c] << 6 : img.blocksWide[c];
      HuffmanCode dc = syn.dcTables[syn.scanDc[i]];
      dcTables[i] = dc == null ? null : dc.packed;
      HuffmanCode acCode = syn.acTables[syn.scanAc[i]];
      acTables[i] = acCode == null ? null : acCode.packed;
      if (kind == ScanKind.SEQUENTIAL && (dc == null || acCode == null)) {
        throw EntropyWriter.missing(); // every block codes a DC difference and an AC symbol
      }
    }
    if (kind != ScanKind.SEQUENTIAL) {
      dcScan(kind == ScanKind.DC_REFINE, coef, hs, vs, stride, dcTables, across, down);
      return;
    }
    int ri = syn.restartInterval;
    int segment = 0;
    int nextPad = 0;
    int[] pads = record.pads();
    int toRestart = ri;
    for (int my = 0; my < down; my++) {
      for (int mx = 0; mx < across; mx++) {
        if (ri > 0 && toRestart-- == 0) {
          toRestart = ri - 1;
          nextPad = finish(segment, pads, nextPad);
          out.restart(segment);
          segment++;
          pred[0] = pred[1] = pred[2] = pred[3] = 0;
        }
        for (int i = 0; i < n; i++) {
          int h = hs[i];
          int v = vs[i];
          short[] co = coef[i];
          for (int y = 0; y < v; y++) {
            int off = (my * v + y) * stride[i] + ((mx * h) << 6);
            for (int x = 0; x < h; x++, off += 64) {
              long[] g = given[i];
              sequential(co, off, i, g != null ? g[off >> 6] : BlockMasks.mask(co, off),
                  dcTables[i], acTables[i]);
            }
          }
        }
      }
    }
    finish(segment, pads, nextPad);
  }

  /**
   * A progressive DC scan (§G.1.2.1, jcphuff.c encode_mcu_DC_first / _DC_refine) over the
   * components' dense DCs, with the writer's bit buffer in locals as in {@link #sequential}
   * (through the writer's fields, each block's code waited on the previous one's store).
   */
  private void dcScan(boolean refine, short[][] dcs, int[] hs, int[] vs, int[] stride,
      int[][] dcTables, int across, int down) {
    int n = dcs.length;
    int al = syn.al;
    int ri = syn.restartInterval;
    int segment = 0;
    int nextPad = 0;
    int[] pads = record.pads();
    int toRestart = ri;
    EntropyWriter w = out;
    long buffer = w.buffer;
    int free = w.free;
    for (int my = 0; my < down; my++) {
      for (int mx = 0; mx < across; mx++) {
        if (ri > 0 && toRestart-- == 0) {
          toRestart = ri - 1;
          w.buffer = buffer;
          w.free = free;
          nextPad = finish(segment, pads, nextPad);
          out.restart(segment);
          segment++;
          pred[0] = pred[1] = pred[2] = pred[3] = 0;
          buffer = w.buffer;
          free = w.free;
        }
        for (int i = 0; i < n; i++) {
          int h = hs[i];
          int v = vs[i];
          short[] co = dcs[i];
          int[] table = dcTables[i];
          for (int y = 0; y < v; y++) {
            int off = (my * v + y) * stride[i] + mx * h;
            for (int x = 0; x < h; x++, off++) {
              long code;
              int length;
              if (refine) {
                code = (co[off] >> al) & 1;
                length = 1;
              } else {
                int dc = co[off] >> al;
                int diff = dc - pred[i];
                pred[i] = dc;
                int sign = diff >> 31;
                int nbits = magnitudeBits((diff ^ sign) - sign);
                if (table == null || nbits > 15) {
                  throw table == null ? EntropyWriter.missing()
                      : new NotModellable("DC difference " + diff + " out of range");
                }
                int packed = table[nbits];
                if (packed == 0) {
                  throw EntropyWriter.missing();
                }
                length = (packed & 31) + nbits;
                code = ((long) (packed >>> 5) << nbits) | ((diff + sign) & ((1 << nbits) - 1));
              }
              free -= length;
              if (free >= 0) {
                buffer = (buffer << length) | code;
              } else {
                w.word((buffer << (length + free)) | (code >>> -free));
                free += 64;
                buffer = code;
              }
            }
          }
        }
      }
    }
    w.buffer = buffer;
    w.free = free;
    finish(segment, pads, nextPad);
  }

  /**
   * A progressive AC scan (one component, T.81 §G.1.1.1.1): its blocks row by row, each coded
   * from its band's nonzero mask; a block with none only lengthens the end-of-band run.
   */
  private void acScan(int c, boolean refine) {
    if (ac == null) {
      throw EntropyWriter.missing(); // the scan codes at least one end-of-band run
    }
    int wide = syn.componentBlocksWide(c);
    int high = syn.componentBlocksHigh(c);
    int stride = img.blocksWide[c];
    long[] nz = masks.of(c);
    int[] st = masks.starts(c);
    short[] vals = masks.values(c);
    int ss = syn.ss;
    long band = (-1L >>> ss) & (-1L << (63 - syn.se));
    long fromSs = -1L >>> ss;
    long before = ~fromSs; // positions below the band
    int al = syn.al;
    long[] lv = al <= (refine ? BlockMasks.MAX_REFINE_AL : BlockMasks.MAX_FIRST_AL)
        ? masks.levels(c) : null;
    int ri = syn.restartInterval;
    int toRestart = ri;
    int segment = 0;
    int nextPad = 0;
    int[] pads = record.pads();
    int index = 0;
    for (int by = 0; by < high; by++) {
      int row = by * stride;
      for (int bx = 0; bx < wide; bx++, index++) {
        if (ri > 0 && toRestart-- == 0) {
          toRestart = ri - 1;
          emitEobRun();
          nextPad = finish(segment, pads, nextPad);
          out.restart(segment);
          segment++;
        }
        int b = row + bx;
        long all = nz[b] & Long.MAX_VALUE; // the AC positions, those of vals
        long m = all & band;
        int l = b * BlockMasks.LEVEL_LONGS;
        if (lv != null && !refine && m != 0) {
          // an AC first scan codes only the positions still nonzero at its Al
          m = (al == 0 ? all : lv[l + BlockMasks.AT_LEAST + al - 1]) & band;
        }
        if (m == 0) {
          // nothing in the band: the block joins the run (refinement: with no correction bits)
          eobRun++;
          if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN
              || (refine && be > ScanDecoder.MAX_CORRECTION_BITS))) {
            emitEobRun();
          }
          continue;
        }
        if (lv != null) {
          if (!refine) {
            acFirst(vals, st[b], all, m, index);
            continue;
          }
          long atAl = (al == 0 ? all : lv[l + BlockMasks.AT_LEAST + al - 1]) & band;
          long owed = lv[l + BlockMasks.AT_LEAST + al];
          long older = owed & band;
          long fresh = atAl & ~older;
          long bits = lv[l + BlockMasks.CORRECTIONS + al];
          int left = Long.bitCount(owed & fromSs);
          if (fresh != 0) {
            refinement(index, fresh, older, lv[l + BlockMasks.NEGATIVE], bits, left);
            continue;
          }
          // no newly nonzero coefficient: the block joins the run with its correction bits
          // (what refinement() does then, without the call)
          eobRun++;
          int br = Long.bitCount(older);
          appendRunBits((bits >>> (left - br)) & ((1L << br) - 1), br);
          if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN
              || be > ScanDecoder.MAX_CORRECTION_BITS)) {
            emitEobRun();
          }
          continue;
        }
        int p = st[b] + Long.bitCount(all & before);
        if (refine) {
          acRefine(vals, p, index, m);
        } else {
          acFirst(vals, st[b], all, visible(vals, p, m), index);
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

  private static int magnitudeBits(int a) {
    return 32 - Integer.numberOfLeadingZeros(a);
  }

  /**
   * §F.1.2.1, §F.1.2.2 (jchuff.c encode_one_block). The DC, AC and end-of-block codes go into
   * the writer's bit buffer held in locals ({@link EntropyWriter#put} inlined): in the writer's
   * fields, each code's store and the next one's load of the same field made a chain of
   * store-to-load forwards through the block.
   */
  private void sequential(short[] coef, int off, int i, long nonzero, int[] dcTable,
      int[] table) {
    int dc = coef[off];
    int diff = dc - pred[i];
    pred[i] = dc;
    int[] zz = JpegSyntax.ZIGZAG;
    long mask = nonzero & Long.MAX_VALUE; // the AC positions
    int last = 0;
    EntropyWriter w = out;
    long buffer = w.buffer;
    int free = w.free;
    // the DC difference's code and bits (§F.1.2.1) into the same locals
    int dcSign = diff >> 31;
    int dcBits = magnitudeBits((diff ^ dcSign) - dcSign);
    int dcPacked = dcTable[dcBits];
    if (dcBits > 15 || dcPacked == 0) {
      throw dcBits > 15 ? new NotModellable("DC difference " + diff + " out of range")
          : EntropyWriter.missing();
    }
    int dcLength = (dcPacked & 31) + dcBits;
    long dcCode = ((long) (dcPacked >>> 5) << dcBits)
        | ((diff + dcSign) & ((1 << dcBits) - 1));
    free -= dcLength;
    if (free >= 0) {
      buffer = (buffer << dcLength) | dcCode;
    } else {
      w.word((buffer << (dcLength + free)) | (dcCode >>> -free));
      free += 64;
      buffer = dcCode;
    }
    while (mask != 0) {
      int k = Long.numberOfLeadingZeros(mask);
      mask ^= Long.MIN_VALUE >>> k;
      int r = k - last - 1;
      last = k;
      if (r > 15) {
        w.buffer = buffer;
        w.free = free;
        for (; r > 15; r -= 16) {
          w.code(table[ZRL]);
        }
        buffer = w.buffer;
        free = w.free;
      }
      int v = coef[off + zz[k]];
      // the sign as arithmetic, not a branch: it is as good as random
      int sign = v >> 31;
      int nbits = magnitudeBits((v ^ sign) - sign);
      int packed = table[(r << 4) + nbits];
      if (nbits > 15 || packed == 0) {
        throw nbits > 15 ? new NotModellable("AC value out of range") : EntropyWriter.missing();
      }
      int length = (packed & 31) + nbits;
      // a negative value's bits are those of v - 1 (§F.1.2.2.1)
      long bits = ((long) (packed >>> 5) << nbits) | ((v + sign) & ((1 << nbits) - 1));
      free -= length;
      if (free >= 0) {
        buffer = (buffer << length) | bits;
      } else {
        w.word((buffer << (length + free)) | (bits >>> -free));
        free += 64;
        buffer = bits;
      }
    }
    if (last < 63) {
      int eob = table[0];
      if (eob == 0) {
        throw EntropyWriter.missing();
      }
      int length = eob & 31;
      long bits = eob >>> 5;
      free -= length;
      if (free >= 0) {
        buffer = (buffer << length) | bits;
      } else {
        w.word((buffer << (length + free)) | (bits >>> -free));
        free += 64;
        buffer = bits;
      }
    }
    w.buffer = buffer;
    w.free = free;
  }

  /**
   * The positions of {@code band} (the block's nonzero ones in the band, their values from
   * {@code vals[p]}) still nonzero at this Al, without a branch on the values: what
   * {@link BlockMasks#levels} holds for Al 0-2.
   */
  private long visible(short[] vals, int p, long band) {
    int al = syn.al;
    long visible = 0;
    for (long x = band; x != 0; ) {
      int k = Long.numberOfLeadingZeros(x);
      long bit = Long.MIN_VALUE >>> k;
      x ^= bit;
      int v = vals[p++];
      int sign = v >> 31;
      visible |= bit & ((-(((v ^ sign) - sign) >> al)) >> 31);
    }
    return visible;
  }

  /**
   * §G.1.2.2 (jcphuff.c encode_mcu_AC_first).
   *
   * @param vals the component's nonzero AC coefficients in zigzag order ({@link BlockMasks})
   * @param start where this block's are
   * @param all the block's nonzero AC positions
   * @param visible those in the band nonzero at this Al: the ones coded
   */
  private void acFirst(short[] vals, int start, long all, long visible, int index) {
    int al = syn.al;
    int[] table = ac;
    int last = syn.ss - 1;
    while (visible != 0) {
      int k = Long.numberOfLeadingZeros(visible);
      visible ^= Long.MIN_VALUE >>> k;
      int v = vals[start + Long.bitCount(all & ~(-1L >>> k))];
      int sign = v >> 31;
      int a = ((v ^ sign) - sign) >> al;
      int r = k - last - 1;
      last = k;
      if (eobRun != 0) {
        emitEobRun(); // (the test here: the method is too big to inline)
      }
      for (; r > 15; r -= 16) {
        out.code(table[ZRL]);
      }
      int nbits = magnitudeBits(a);
      if (nbits > 15) {
        throw new NotModellable("AC value out of range");
      }
      // jcphuff.c: the magnitude's bits, complemented for a negative value
      out.code(table[(r << 4) + nbits], a ^ sign, nbits);
    }
    if (last < syn.se) {
      eobRun++;
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN)) {
        emitEobRun();
      }
    }
  }

  /**
   * §G.1.2.3 (jcphuff.c encode_mcu_AC_refine), the values as for {@link #acFirst}. The first
   * pass makes two masks (newly nonzero at this Al, already nonzero before it), the signs, and
   * the correction bits of the block in order ({@link #corrections}); the second goes from one
   * newly nonzero coefficient to the next, taking the correction bits of the coefficients
   * between them from the front of that string. Between two of them there are fewer than 16
   * zeros but rarely: only then are ZRLs placed coefficient by coefficient ({@link #zrls}).
   */
  private void acRefine(short[] vals, int p, int index, long band) {
    int al = syn.al;
    long fresh = 0;
    long older = 0;
    long negative = 0;
    long bits = 0;
    for (long x = band; x != 0; ) {
      int k = Long.numberOfLeadingZeros(x);
      long bit = Long.MIN_VALUE >>> k;
      x ^= bit;
      int v = vals[p++];
      int sign = v >> 31;
      int a = ((v ^ sign) - sign) >> al;
      fresh |= bit & (((a ^ 1) - 1) >> 31);
      int before = (-(a >> 1)) >>> 31; // 1 when already nonzero: it has a correction bit
      older |= bit & -(long) before;
      negative |= bit & sign;
      bits = (bits << before) | (a & before);
    }
    refinement(index, fresh, older, negative, bits, Long.bitCount(older));
  }

  /**
   * Codes a block of a refinement scan from its masks: {@code fresh} the positions in the band
   * newly nonzero at this Al, {@code older} those owed a correction bit, {@code negative} the
   * signs; the correction bits in order in {@code bits}, the first of the band's at bit
   * {@code left} − 1 (higher bits, of positions before the band, are ignored).
   */
  private void refinement(int index, long fresh, long older, long negative, long bits,
      int left) {
    int[] table = ac;
    int last = syn.ss - 1;
    // the writer's bit buffer in locals, as in sequential()
    EntropyWriter w = out;
    long buffer = w.buffer;
    int free = w.free;
    while (fresh != 0) {
      int k = Long.numberOfLeadingZeros(fresh);
      fresh ^= Long.MIN_VALUE >>> k;
      int br = Long.bitCount(older & (-1L >>> (last + 1)) & ~(-1L >>> k));
      int r = k - last - 1 - br;
      if (r > 15 || eobRun != 0) {
        if (r <= 15 && eobRun == 1 && be <= 47) {
          // the run the previous block left (at Al 0 most blocks end one): its EOB0 and
          // correction bits (with a code of at most 16 bits, 63 at most) into the locals, as
          // emitEobRun() would write them
          int eob = table[0];
          if (eob == 0) {
            throw EntropyWriter.missing();
          }
          int runLength = (eob & 31) + be;
          long run = ((long) (eob >>> 5) << be)
              | ((runBits[0] >>> (64 - be)) & ((1L << be) - 1));
          free -= runLength;
          if (free >= 0) {
            buffer = (buffer << runLength) | run;
          } else {
            w.word((buffer << (runLength + free)) | (run >>> -free));
            free += 64;
            buffer = run;
          }
          eobRun = 0;
          be = 0;
          runBits[0] = 0;
        } else {
          w.buffer = buffer;
          w.free = free;
          if (r > 15) {
            corrections = bits;
            correctionsLeft = left;
            r = zrls(table, older, last, k);
            left = correctionsLeft;
            br = unsent;
          } else {
            emitEobRun();
          }
          buffer = w.buffer;
          free = w.free;
        }
      }
      left -= br;
      // the symbol, the sign bit (1 for positive) and the correction bits in one go
      long sent = (bits >>> left) & ((1L << br) - 1);
      long signBit = ~(negative >>> (63 - k)) & 1;
      int packed = table[(r << 4) + 1];
      int length = (packed & 31) + br + 1;
      if (packed == 0 || length > 63) {
        w.buffer = buffer;
        w.free = free;
        w.code(packed, (signBit << br) | sent, br + 1);
        buffer = w.buffer;
        free = w.free;
      } else {
        long code = ((long) (packed >>> 5) << (br + 1)) | (signBit << br) | sent;
        free -= length;
        if (free >= 0) {
          buffer = (buffer << length) | code;
        } else {
          w.word((buffer << (length + free)) | (code >>> -free));
          free += 64;
          buffer = code;
        }
      }
      last = k;
    }
    w.buffer = buffer;
    w.free = free;
    if (last < syn.se) {
      eobRun++;
      int br = Long.bitCount(older & (-1L >>> (last + 1)));
      appendRunBits((bits >>> (left - br)) & ((1L << br) - 1), br);
      if (endsRun(index, eobRun == ScanDecoder.MAX_EOB_RUN
          || be > ScanDecoder.MAX_CORRECTION_BITS)) {
        emitEobRun();
      }
    }
  }

  /** The next {@code n} correction bits of the block. */
  private long takeCorrections(int n) {
    correctionsLeft -= n;
    return (corrections >>> correctionsLeft) & ((1L << n) - 1);
  }

  /**
   * The ZRLs before newly nonzero coefficient {@code k}, which follows {@code last} by more
   * than 15 zeros: as jcphuff.c, at each coefficient nonzero at this Al (one owed a correction
   * bit, or k) reached with more than 15 zeros pending, ZRLs, the first followed by the
   * correction bits before that coefficient. Returns the zeros left for k's symbol; how many
   * correction bits are still to send after it is left in {@link #unsent}.
   */
  private int zrls(int[] table, long older, int last, int k) {
    long segment = (-1L >>> (last + 1)) & ~(-1L >>> k); // the positions between last and k
    long zeros = segment & ~older;
    long stops = (older & segment) | (Long.MIN_VALUE >>> k);
    int count = Long.bitCount(zeros);
    int sent = 0; // zeros covered by ZRLs
    int from = last + 1; // correction bits from here on not yet sent
    while (count - sent > 15) {
      // ZRLs go out at the first stop after the (sent + 16)th zero, with the zeros before it
      int j = Long.numberOfLeadingZeros(stops & (-1L >>> (nthFromTop(zeros, sent + 16) + 1)));
      int r = Long.bitCount(zeros & ~(-1L >>> j)) - sent;
      if (eobRun != 0) {
        emitEobRun();
      }
      out.code(table[ZRL]);
      int pending = Long.bitCount(older & segment & (-1L >>> from) & ~(-1L >>> j));
      out.put(takeCorrections(pending), pending);
      from = j;
      for (r -= 16, sent += 16; r > 15; r -= 16, sent += 16) {
        out.code(table[ZRL]);
      }
    }
    unsent = Long.bitCount(older & segment & (-1L >>> from));
    return count - sent;
  }

  /** The position (leading zeros) of the n-th (1-64) highest set bit of {@code x}. */
  private static int nthFromTop(long x, int n) {
    int pos = 0;
    for (int width = 32; width > 0; width >>= 1) {
      int c = Long.bitCount(x >>> (64 - width));
      if (n > c) {
        n -= c;
        pos += width;
        x <<= width;
      }
    }
    return pos;
  }

  /** Appends {@code count} (0-63) bits to the pending run's correction bits. */
  private void appendRunBits(long bits, int count) {
    if (((be + count) >> 6) + 1 >= runBits.length) {
      runBits = Arrays.copyOf(runBits, 2 * runBits.length);
    }
    int word = be >> 6;
    int used = be & 63;
    long aligned = bits << (64 - count); // the bits at the top of a long (count 0: bits is 0)
    // no branch on where the bits fall: the word is clear beyond the run's bits (the run's
    // start clears word 0, each append the word after), the next gets what does not fit, or 0
    runBits[word] |= aligned >>> used;
    runBits[word + 1] = (aligned << 1) << (63 - used);
    be += count;
  }

  /** libjpeg's choice, inverted at the blocks the record lists. */
  private boolean endsRun(int index, boolean libjpeg) {
    if (index < toggleAt) {
      return libjpeg;
    }
    int[] toggles = record.toggles();
    while (nextToggle < toggles.length && toggles[nextToggle] < index) {
      nextToggle++; // a block that ended no run: nothing to invert there
    }
    boolean inverted = nextToggle < toggles.length && toggles[nextToggle] == index;
    if (inverted) {
      nextToggle++;
    }
    toggleAt = nextToggle < toggles.length ? toggles[nextToggle] : Integer.MAX_VALUE;
    return inverted != libjpeg;
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
    out.code(ac[nbits << 4], eobRun, nbits);
    eobRun = 0;
    int words = be >> 6;
    for (int w = 0; w < words; w++) {
      out.put(runBits[w] >>> 32, 32);
      out.put(runBits[w] & 0xFFFFFFFFL, 32);
    }
    int rest = be & 63;
    if (rest > 0) {
      out.put(runBits[words] >>> (64 - rest), rest);
    }
    be = 0;
    runBits[0] = 0; // appendRunBits ORs into it
  }
}
