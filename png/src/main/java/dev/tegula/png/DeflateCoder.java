package dev.tegula.png;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Tegula's own deflate coder (RFC 1951 in a zlib stream, RFC 1950), smaller than zlib's level 9
 * and the same bytes on every platform because it is plain integer Java. The approach is
 * libdeflate's near-optimal parsing: the input is cut into segments; for each, {@link
 * MatchFinder} lists the matches at every position (inside a match of the greatest length only the
 * tree is updated), and a backward dynamic programme finds the
 * cheapest sequence of literals and matches under a bit-cost model; the model comes from the
 * Huffman codes of the previous pass (or segment) and the programme runs again with it. Adjacent
 * segments are merged into one block while that is cheaper than a new block, and {@link
 * DeflateBlocks} writes each block in its cheapest form.
 */
final class DeflateCoder {
  private static final int SEGMENT = 1 << 16;
  /**
   * Inside a match at least this long positions are only entered into the tree. Graphics spend
   * most of their time in matches of 100-250 bytes, where every position's matches were searched
   * and then every length of them weighed: from 88 (was 192) gnome_field codes 1.7x faster and
   * 0.4% larger (still below OptiPNG -o2), the other graphics and the photos within 0.25%.
   */
  private static final int SKIP_FROM = 88;
  /** Costs are in 1/16 bit. */
  private static final int UNIT = 16;
  /** What a symbol that the last code did not use is assumed to cost. */
  private static final int UNUSED_COST = 13 * UNIT;

  private final byte[] data;
  private final int length;
  private final int passes;
  private final MatchFinder finder;

  private final int[] matchStart = new int[SEGMENT + 1];
  private final short[] matchCount = new short[SEGMENT + 1];
  private int[] matches = new int[SEGMENT * 2];
  /** The distance code of each match, looked up once rather than in every pass. */
  private byte[] matchSlots = new byte[SEGMENT * 2];
  private final int[] found = new int[MatchFinder.MAX_MATCH + 2];
  private final int[] cost = new int[SEGMENT + 1];
  private final int[] choice = new int[SEGMENT];

  private final int[] litCost = new int[256];
  private final int[] lenCost = new int[MatchFinder.MAX_MATCH + 1];
  private final int[] distCost = new int[DeflateBlocks.DIST_SYMBOLS];
  private boolean haveModel;

  /** Symbols of the block being gathered and of the segment just parsed. */
  private int[] syms = new int[SEGMENT + 16];
  private int symCount;

  private DeflateCoder(byte[] data, int length, boolean thorough) {
    this.data = data;
    this.length = length;
    this.passes = thorough ? 4 : 2;
    this.finder = new MatchFinder(data, length, thorough ? 48 : 10, MatchFinder.MAX_MATCH);
  }

  /** A zlib stream of {@code data[0..len)}. */
  static byte[] zlib(byte[] data, int len, boolean thorough) {
    return zlib(data, len, thorough, false);
  }

  /**
   * A zlib stream of {@code data[0..len)} in stored blocks (§3.2.4), the same on every platform
   * (zlib's and TeaVM's level 0 cut the blocks differently).
   */
  static byte[] stored(byte[] data, int len) {
    return zlib(data, len, false, true);
  }

  private static byte[] zlib(byte[] data, int len, boolean thorough, boolean store) {
    BitWriter out = new BitWriter(store ? len + len / 8192 + 64 : len / 4 + 64);
    // CMF: deflate with a 32K window; FLG: "maximum compression", check bits (0x78DA % 31 == 0)
    out.write(0x78, 8);
    out.write(store ? 0x01 : 0xDA, 8);
    if (store) {
      DeflateBlocks.writeStored(out, data, 0, len, true);
    } else if (len == 0) {
      out.write(1, 1);
      out.write(1, 2);
      out.write(0, 7);
    } else {
      new DeflateCoder(data, len, thorough).deflate(out);
    }
    out.alignToByte();
    Adler32 adler = new Adler32();
    adler.update(data, 0, len);
    int a = (int) adler.getValue();
    out.write(Integer.reverseBytes(a), 32);
    return out.toByteArray();
  }

  private void deflate(BitWriter out) {
    int[] blockLit = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] blockDist = new int[DeflateBlocks.DIST_SYMBOLS];
    int[] segLit = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] segDist = new int[DeflateBlocks.DIST_SYMBOLS];
    int blockStart = 0;
    int blockSyms = 0;
    for (int start = 0; start < length; start += SEGMENT) {
      int end = Math.min(length, start + SEGMENT);
      int first = symCount;
      parseSegment(start, end);
      Arrays.fill(segLit, 0);
      Arrays.fill(segDist, 0);
      DeflateBlocks.count(syms, first, symCount, segLit, segDist);
      if (blockSyms > 0) {
        int[] mergedLit = sum(blockLit, segLit);
        int[] mergedDist = sum(blockDist, segDist);
        mergedLit[256]--;
        long separate = DeflateBlocks.dynamicBits(blockLit, blockDist)
            + DeflateBlocks.dynamicBits(segLit, segDist);
        if (DeflateBlocks.dynamicBits(mergedLit, mergedDist) <= separate) {
          System.arraycopy(mergedLit, 0, blockLit, 0, blockLit.length);
          System.arraycopy(mergedDist, 0, blockDist, 0, blockDist.length);
          blockSyms = symCount;
          continue;
        }
        DeflateBlocks.writeBlock(out, syms, 0, first, data, blockStart, start, false);
        System.arraycopy(syms, first, syms, 0, symCount - first);
        symCount -= first;
        blockStart = start;
      }
      System.arraycopy(segLit, 0, blockLit, 0, blockLit.length);
      System.arraycopy(segDist, 0, blockDist, 0, blockDist.length);
      blockSyms = symCount;
    }
    DeflateBlocks.writeBlock(out, syms, 0, symCount, data, blockStart, length, true);
  }

  private static int[] sum(int[] a, int[] b) {
    int[] s = new int[a.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }

  /** Parses {@code data[start..end)} and appends its symbols. */
  private void parseSegment(int start, int end) {
    int n = end - start;
    int m = 0;
    for (int i = 0; i < n; ) {
      int count = finder.find(start + i, n - i, found);
      if (m + count > matches.length) {
        matches = Arrays.copyOf(matches, Math.max(matches.length * 2, m + count));
        matchSlots = Arrays.copyOf(matchSlots, matches.length);
      }
      matchStart[i] = m;
      matchCount[i] = (short) count;
      for (int k = 0; k < count; k++) {
        matches[m] = found[k];
        matchSlots[m++] = (byte) DeflateBlocks.distSlot(found[k] & 0xFFFF);
      }
      int longest = count == 0 ? 0 : found[count - 1] >>> 16;
      i++;
      if (longest >= SKIP_FROM) {
        // libdeflate's shortcut: a match this long is taken; inside it nothing is searched.
        for (int k = 1; k < longest; k++, i++) {
          matchStart[i] = m;
          matchCount[i] = 0;
          finder.insert(start + i);
        }
      }
    }
    if (!haveModel) {
      initialModel(start, end);
      haveModel = true;
    }
    int[] litFreq = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] distFreq = new int[DeflateBlocks.DIST_SYMBOLS];
    for (int pass = 0; pass < passes; pass++) {
      bestPath(start, n);
      if (pass + 1 < passes) {
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
        countPath(start, n, litFreq, distFreq);
        modelFrom(litFreq, distFreq);
      }
    }
    int needed = symCount + n;
    if (needed > syms.length) {
      syms = Arrays.copyOf(syms, Math.max(needed, syms.length * 2));
    }
    for (int i = 0; i < n; ) {
      int c = choice[i];
      if (c == 0) {
        syms[symCount++] = data[start + i] & 0xFF;
        i++;
      } else {
        syms[symCount++] = c;
        i += c >>> 16;
      }
    }
    Arrays.fill(litFreq, 0);
    Arrays.fill(distFreq, 0);
    countPath(start, n, litFreq, distFreq);
    // The next segment starts from this one's statistics.
    modelFrom(litFreq, distFreq);
  }

  /** Backward dynamic programme: cost[i] is the cheapest coding of positions i..n. */
  private void bestPath(int start, int n) {
    int[] cost = this.cost;
    int[] lenCost = this.lenCost;
    int[] litCost = this.litCost;
    int[] distCost = this.distCost;
    int[] matches = this.matches;
    byte[] matchSlots = this.matchSlots;
    int[] choice = this.choice;
    short[] matchCount = this.matchCount;
    byte[] data = this.data;
    cost[n] = 0;
    for (int i = n - 1; i >= 0; i--) {
      int best = litCost[data[start + i] & 0xFF] + cost[i + 1];
      int pick = 0;
      int count = matchCount[i];
      if (count > 0) {
        int len = MatchFinder.MIN_MATCH;
        int base = matchStart[i];
        for (int k = 0; k < count; k++) {
          int md = matches[base + k];
          int maxLen = md >>> 16;
          int dist = md & 0xFFFF;
          int dc = distCost[matchSlots[base + k]];
          for (; len <= maxLen; len++) {
            int c = lenCost[len] + dc + cost[i + len];
            if (c < best) {
              best = c;
              pick = len << 16 | dist;
            }
          }
        }
      }
      cost[i] = best;
      choice[i] = pick;
    }
  }

  private void countPath(int start, int n, int[] litFreq, int[] distFreq) {
    for (int i = 0; i < n; ) {
      int c = choice[i];
      if (c == 0) {
        litFreq[data[start + i] & 0xFF]++;
        i++;
      } else {
        int len = c >>> 16;
        litFreq[DeflateBlocks.LENGTH_SYMBOL[len]]++;
        distFreq[DeflateBlocks.distSlot(c & 0xFFFF)]++;
        i += len;
      }
    }
    litFreq[256]++;
  }

  /** Costs from the Huffman code lengths these counts would get. */
  private void modelFrom(int[] litFreq, int[] distFreq) {
    int[] litLen = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] distLen = new int[DeflateBlocks.DIST_SYMBOLS];
    HuffmanLengths.build(litFreq, 286, 15, litLen);
    HuffmanLengths.build(distFreq, DeflateBlocks.DIST_SYMBOLS, 15, distLen);
    for (int b = 0; b < 256; b++) {
      litCost[b] = litLen[b] == 0 ? UNUSED_COST : litLen[b] * UNIT;
    }
    for (int len = MatchFinder.MIN_MATCH; len <= MatchFinder.MAX_MATCH; len++) {
      int s = DeflateBlocks.LENGTH_SYMBOL[len];
      int bits = litLen[s] == 0 ? UNUSED_COST : litLen[s] * UNIT;
      lenCost[len] = bits + DeflateBlocks.LENGTH_EXTRA[len] * UNIT;
    }
    for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
      int bits = distLen[d] == 0 ? UNUSED_COST : distLen[d] * UNIT;
      distCost[d] = bits + DeflateBlocks.DIST_EXTRA[d] * UNIT;
    }
  }

  /**
   * Before any parse: literals cost what their frequency in the segment says (in 1/16 bit, from
   * integer logarithms), lengths and distances a typical 7 and 5 bits plus their extra bits.
   */
  private void initialModel(int start, int end) {
    int[] hist = new int[256];
    for (int i = start; i < end; i++) {
      hist[data[i] & 0xFF]++;
    }
    int total = end - start;
    int logTotal = RowFilter.log2Fixed(total);
    for (int b = 0; b < 256; b++) {
      int bits = hist[b] == 0 ? UNUSED_COST
          : (logTotal - RowFilter.log2Fixed(hist[b])) >> 12;
      litCost[b] = Math.max(UNIT, Math.min(15 * UNIT, bits));
    }
    for (int len = MatchFinder.MIN_MATCH; len <= MatchFinder.MAX_MATCH; len++) {
      lenCost[len] = 7 * UNIT + DeflateBlocks.LENGTH_EXTRA[len] * UNIT;
    }
    for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
      distCost[d] = 5 * UNIT + DeflateBlocks.DIST_EXTRA[d] * UNIT;
    }
  }
}
