package dev.tegula.png;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Tegula's own deflate coder (RFC 1951 in a zlib stream, RFC 1950), smaller than zlib's level 9
 * and the same bytes on every platform because it is plain integer Java. The approach is
 * libdeflate's near-optimal parsing ({@link DeflateParser}); adjacent segments are merged into one
 * block while that is cheaper than a new block, and {@link DeflateBlocks} writes each block in its
 * cheapest form.
 *
 * <p>Inputs of twice {@link #PART_FROM} bytes or more are cut into {@link #MAX_PARTS} parts that
 * are parsed independently ({@link #parsePart}, on any thread): the first part gathers its
 * segments into blocks as it goes, the others keep their symbols until {@link #finish} writes
 * them. The cut depends only on the input's length, so the stream is the same whether the parts
 * run one after the other or at the same time.
 */
final class DeflateCoder implements DeflateParser.Sink {
  /**
   * Parts are at least this long. Two segments (was 512K): a small image's coding runs on two
   * cores too (skimage_text: one job of 7.1 ms -> two of 3.5 and 3.7 ms), for the second part's
   * warm-up (the window before it entered into the tree, the stretch before it parsed again);
   * sizes of the corpus within 0.03%.
   */
  static final int PART_FROM = 2 * DeflateParser.SEGMENT;
  /**
   * Two parts, for two cores: each part after the first parses the segment before it again to
   * start from its codes, and still every cut costs some bytes (gnome_field, with 64K segments:
   * 55 with two parts, 73 with four).
   */
  static final int MAX_PARTS = 2;
  /**
   * Inputs longer than this are parsed in one part: parts keep their symbols until {@link
   * #finish}, up to four bytes for each input byte.
   */
  static final int PART_UP_TO = 1 << 25;

  private final byte[] data;
  private final int length;
  private final boolean thorough;
  private final int[] bounds;
  private final DeflateParser[] parsers;
  private final BitWriter out;
  /** The scratch of this coder's Huffman codes (its segments and blocks, one thread at a time). */
  private final HuffmanLengths huff = new HuffmanLengths();

  private final int[] blockLit = new int[DeflateBlocks.LITLEN_SYMBOLS];
  private final int[] blockDist = new int[DeflateBlocks.DIST_SYMBOLS];
  private final int[] segLit = new int[DeflateBlocks.LITLEN_SYMBOLS];
  private final int[] segDist = new int[DeflateBlocks.DIST_SYMBOLS];
  /** The symbols of the block being gathered. */
  private int[] block = new int[DeflateParser.SEGMENT + 16];
  private int blockSyms;
  private int blockStart;
  /**
   * The dynamic-block bits of the block being gathered, kept from the last comparison (one
   * Huffman construction per segment: the merged block's; the segment's own comes from its
   * parser).
   */
  private long blockBits;

  /** A coder of {@code data[0..len)}; run every part, then {@link #finish}. */
  DeflateCoder(byte[] data, int len, boolean thorough) {
    this.data = data;
    this.length = len;
    this.thorough = thorough;
    int segments = (len + DeflateParser.SEGMENT - 1) / DeflateParser.SEGMENT;
    int parts = len > PART_UP_TO ? 1 : Math.max(1, Math.min(MAX_PARTS, len / PART_FROM));
    int perPart = (segments + parts - 1) / Math.max(1, parts);
    bounds = new int[parts + 1];
    for (int p = 1; p <= parts; p++) {
      bounds[p] = (int) Math.min(len, (long) p * perPart * DeflateParser.SEGMENT);
    }
    parsers = new DeflateParser[parts];
    out = new BitWriter(len / 4 + 64);
    // CMF: deflate with a 32K window; FLG: "maximum compression", check bits (0x78DA % 31 == 0)
    out.write(0x78, 8);
    out.write(0xDA, 8);
  }

  /** A zlib stream of {@code data[0..len)}, the parts parsed one after the other. */
  static byte[] zlib(byte[] data, int len, boolean thorough) {
    DeflateCoder coder = new DeflateCoder(data, len, thorough);
    for (int p = 0; p < coder.parts(); p++) {
      coder.parsePart(p);
    }
    return coder.finish();
  }

  /**
   * A zlib stream of {@code data[0..len)} in stored blocks (§3.2.4), the same on every platform
   * (zlib's and TeaVM's level 0 cut the blocks differently).
   */
  static byte[] stored(byte[] data, int len) {
    BitWriter out = new BitWriter(len + len / 8192 + 64);
    out.write(0x78, 8);
    out.write(0x01, 8);
    DeflateBlocks.writeStored(out, data, 0, len, true);
    return trailer(out, data, len);
  }

  int parts() {
    return parsers.length;
  }

  /** Parses one part; parts may run at the same time, each once. */
  void parsePart(int p) {
    DeflateParser parser = new DeflateParser(data, length, thorough, bounds[p], bounds[p + 1]);
    if (p == 0) {
      // The first part hands on each segment at once: it keeps only one block's symbols, and
      // its blocks are written before finish (the other parts touch none of this coder's state).
      parser.parse(this);
    } else {
      parser.parse(null);
      parsers[p] = parser;
    }
  }

  /** After every part: the zlib stream. */
  byte[] finish() {
    for (int p = 1; p < parsers.length; p++) {
      parsers[p].drainTo(this);
      parsers[p] = null;
    }
    if (length == 0) {
      out.write(1, 1);
      out.write(1, 2);
      out.write(0, 7);
    } else {
      DeflateBlocks.writeBlock(out, block, 0, blockSyms, data, blockStart, length, true, huff);
    }
    return trailer(out, data, length);
  }

  /** Merges a segment into the block being gathered, or writes that block and starts anew. */
  @Override
  public void segment(int[] syms, int from, int to, int start, int end, int[] counts,
      long bits) {
    int first = blockSyms;
    int n = to - from;
    if (first + n > block.length) {
      block = Arrays.copyOf(block, Math.max(first + n, block.length * 2));
    }
    System.arraycopy(syms, from, block, first, n);
    blockSyms += n;
    // The parser's counts and bits of the segment: counting its symbols and building its
    // Huffman code again gave the same figures.
    System.arraycopy(counts, 0, segLit, 0, DeflateBlocks.LITLEN_SYMBOLS);
    System.arraycopy(counts, DeflateBlocks.LITLEN_SYMBOLS, segDist, 0, DeflateBlocks.DIST_SYMBOLS);
    long segBits = bits;
    if (start > 0) {
      int[] mergedLit = sum(blockLit, segLit);
      int[] mergedDist = sum(blockDist, segDist);
      mergedLit[256]--;
      long merged = DeflateBlocks.dynamicBits(mergedLit, mergedDist, huff);
      if (merged <= blockBits + segBits) {
        System.arraycopy(mergedLit, 0, blockLit, 0, blockLit.length);
        System.arraycopy(mergedDist, 0, blockDist, 0, blockDist.length);
        blockBits = merged;
        return;
      }
      DeflateBlocks.writeBlock(out, block, 0, first, data, blockStart, start, false, huff);
      System.arraycopy(block, first, block, 0, n);
      blockSyms = n;
      blockStart = start;
    }
    System.arraycopy(segLit, 0, blockLit, 0, blockLit.length);
    System.arraycopy(segDist, 0, blockDist, 0, blockDist.length);
    blockBits = segBits;
  }

  private static byte[] trailer(BitWriter out, byte[] data, int len) {
    out.alignToByte();
    Adler32 adler = new Adler32();
    adler.update(data, 0, len);
    int a = (int) adler.getValue();
    out.write(Integer.reverseBytes(a), 32);
    return out.toByteArray();
  }

  private static int[] sum(int[] a, int[] b) {
    int[] s = new int[a.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }
}
