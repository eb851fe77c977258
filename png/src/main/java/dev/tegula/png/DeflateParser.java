package dev.tegula.png;

import java.util.Arrays;

/**
 * Parses one part of {@link DeflateCoder}'s input, {@code data[from..to)}, into deflate symbols
 * (literal bytes, {@code length << 16 | distance} matches), segment by segment: {@link
 * MatchFinder} lists the matches at every position (inside a match of the greatest length only the
 * tree is updated), and a backward dynamic programme finds the cheapest sequence of literals and
 * matches under a bit-cost model; the model comes from the Huffman codes of the previous pass (or
 * segment) and the programme runs again with it.
 *
 * <p>A part that does not start the input enters the 32K bytes before the segment preceding it
 * into its match finder (a part shorter than 8 segments every 4th of them, and it parses an
 * eighth of its length instead of a segment) and parses that segment, dropping its symbols, so
 * that its matches reach back as far and its first segment starts from codes, as in one long
 * parse. Parts share nothing,
 * so they can be parsed at the same time.
 *
 * <p>At effort 3 a segment stops its passes early once the code has converged and searches one
 * hash candidate in one pass when the segment before it was nearly all literals (noise).
 */
final class DeflateParser {
  /**
   * Each segment is parsed under the codes of the one before and handed on as a candidate block.
   * 16K (was 64K) lets the codes and the blocks follow the image more closely: gnome_field 0.6%
   * and skimage_text 0.2% smaller, the other graphics and the photos within 0.1% either way; and
   * small images get segments enough to be cut into parts.
   */
  static final int SEGMENT = 1 << 14;
  /**
   * Inside a match at least this long positions are only entered into the tree. Graphics spend
   * most of their time in matches of 100-250 bytes, where every position's matches were searched
   * and then every length of them weighed: from 88 (was 192) gnome_field codes 1.7x faster and
   * 0.4% larger (still below OptiPNG -o2), the other graphics and the photos within 0.25%.
   */
  private static final int SKIP_FROM = 88;
  /**
   * Inside a run (a match of at least this length at a distance of at most {@link #RUN_DISTANCE},
   * a pixel repeated) only the last {@link #TREE_TAIL} positions are entered into the tree, as
   * zlib enters none inside its long matches: they hold every phase of the run, and the run's
   * start was searched. gnome_field codes 1.3x faster (and 35 bytes smaller), terminal 1.3x; not
   * for longer distances, where a later copy of the copy would find its source missing (a signal
   * repeating every 30000 bytes coded 1.8x larger when every long match skipped its positions).
   */
  private static final int TREE_SKIP_FROM = 128;
  private static final int RUN_DISTANCE = 8;
  /**
   * Entering a position inside a long match (effort 3) stops at a node matching this many bytes
   * and takes its place, as a search stops at the nice length: inside a repeat every node of the
   * walk matched up to 258 bytes, compared byte by byte. gnome_field codes 14% faster and 0.2%
   * larger (still below OptiPNG -o2); terminal 8 bytes smaller, skimage_text the same.
   */
  private static final int INSERT_NICE = 32;
  /**
   * The first and last INSERT_EDGE positions of a long match are entered whole, past {@link
   * #INSERT_NICE}: there the copy meets what differs from its source, the strings a later search
   * looks for, and a stopped insert drops part of the tree (older repeats). gnome_field 0.35%
   * smaller, terminal 0.9%, for about 1.1x their coding time.
   */
  private static final int INSERT_EDGE = 16;
  /**
   * How many tree nodes a search visits at effort 3 (was 10, and 4 in a segment after one whose
   * symbols were less than 70% literals). Deeper walks find the far, longer matches that OxiPNG
   * (libdeflate's near-optimal parser, which walks 35-300 nodes) takes: gnome_truchet, whose
   * repeats lie up to 32K back, found a third fewer matches than OxiPNG and coded 2.0% larger;
   * at 24 it codes 1.9% smaller (922,992 -> 906,016 bytes of zlib stream), gnome_field 0.7%,
   * terminal 0.6%, for 1.1-1.3x the coding time. One depth for every segment: the graphics' old
   * depth of 4 after matchy segments saved 10% of their time and cost them 0.3-0.7%.
   */
  private static final int DEPTH = 24;
  /**
   * A segment after one that coded at least CHEAP_LITERALS thousandths of its bytes as literals
   * (noise-like: skimage_text 94%, the photos' flat-free stretches) searches with {@link
   * MatchFinder#findCheap} (one hash candidate, no tree) and parses in one pass, at most {@link
   * #CHEAP_RUN} segments in a row: a cheap segment sees only the matches the cheap search finds,
   * so its own share cannot tell when the image turns matchy again (keong_macan's middle, always
   * cheap after the first: 0.58% larger; a full segment every third: 0.35%). skimage_text codes
   * 1.7x faster (6.3 -> 3.6 ms, 4 bytes smaller); photos 1.2-1.9x faster, 0.45% (coffee) larger at
   * most; the other graphics never qualify.
   */
  private static final int CHEAP_LITERALS = 930;
  private static final int CHEAP_RUN = 2;
  /**
   * The first segment a parser codes has no segment before it: it is cheap (and does not count
   * towards {@link #CHEAP_RUN}) when it has at least CHEAP_CONTEXTS thousandths as many distinct
   * 3-byte contexts (16-bit hashes of them) as positions. skimage_text's first segment has 392,
   * its second part's warm-up 632 (its coder 1.1x faster again, 1 byte smaller); the other
   * graphics 0-155; the photos 11-413 (coffee, hubble_deep_field and motorcycle_left have a part
   * that qualifies).
   */
  private static final int CHEAP_CONTEXTS = 380;
  private static final int TREE_TAIL = 16;
  /**
   * The first segment a parser codes starts from byte statistics, not from codes: one more pass
   * refines them (skimage_text 16 bytes smaller, gnome_truchet 100, for a pass over one segment).
   */
  private static final int FIRST_SEGMENT_PASSES = 1;
  /** See {@link #parse}: the window before a short part is entered at every 4th position. */
  private static final int WINDOW_STRIDE = 4;
  /**
   * A segment's passes stop once the code of the last path saves less than 1/CONVERGED of its
   * bits against the code that path was found under: another pass would find much the same
   * path. skimage_text (noisy, few matches, stable statistics) skips most second passes, 3 bytes
   * larger; the other graphics and the photos converge less (gnome_field: 13 segments of 196).
   */
  private static final int CONVERGED = 500;
  /**
   * What a symbol that the last code did not use is assumed to cost, in bits (was 13). Each
   * segment starts from the last one's code, and a dear guess keeps a length or distance code
   * unused segment after segment where the image would use it again. At 10: gnome_field and
   * terminal 0.1-0.2% smaller, coffee and keong_macan 0.2-0.3%; others within 0.1% either way.
   */
  private static final int UNUSED_BITS = 10;
  /** Costs are in 1/16 bit. */
  private static final int UNIT = 16;
  /** What a symbol that the last code did not use is assumed to cost. */
  private static final int UNUSED_COST = UNUSED_BITS * UNIT;

  /** Receives each segment's symbols as soon as it is parsed. */
  interface Sink {
    /**
     * @param counts the segment's literal/length counts (end of block included) at {@code
     *     [0, LITLEN_SYMBOLS)} and distance counts after them, as DeflateBlocks.count gives them
     * @param bits the segment's size as a dynamic block, as DeflateBlocks.dynamicBits gives it
     */
    void segment(int[] syms, int from, int to, int start, int end, int[] counts, long bits);
  }

  /** The literal/length and distance counts of a segment, one after the other. */
  static final int COUNTS = DeflateBlocks.LITLEN_SYMBOLS + DeflateBlocks.DIST_SYMBOLS;

  private final byte[] data;
  private final int from;
  private final int to;
  private final int passes;
  private final boolean thorough;
  /** Literals of the last segment parsed. */
  private int prevLiterals;
  /** Bytes of the last segment parsed, and how many cheap segments in a row led up to it. */
  private int prevBytes;
  private int cheapRun;
  private final MatchFinder finder;

  private final int[] matchStart = new int[SEGMENT + 1];
  private final short[] matchCount = new short[SEGMENT + 1];
  /**
   * The skipped stretches of the segment, in order: the position of a match of at least {@link
   * #SKIP_FROM} bytes, where it ends, its distance, and the furthest position a match found
   * before it reaches (see {@link #skipped}).
   */
  private int[] skipStart = new int[64];
  private int[] skipEnd = new int[64];
  private int[] skipDist = new int[64];
  private int[] skipReach = new int[64];
  private int skips;
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
  /** {@link #literalReach} of the costs above, set with them. */
  private int reach;
  /** The code lengths the costs came from (none before the first path), and their bits. */
  private final int[] codeLit = new int[DeflateBlocks.LITLEN_SYMBOLS];
  private final int[] codeDist = new int[DeflateBlocks.DIST_SYMBOLS];
  private boolean haveCode;
  private long modelBits;
  private final HuffmanLengths huff = new HuffmanLengths();

  /** The symbols parsed and not yet handed on, and where each kept segment's symbols end. */
  private int[] syms = new int[SEGMENT + 16];
  private int symCount;
  private int[] segmentEnds = new int[0];
  /**
   * The counts and dynamic-block bits of the last segment parsed (the Huffman code the parser
   * builds from them is the one its block would get: the sink need not count and build again),
   * and of each kept segment.
   */
  private final int[] counts = new int[COUNTS];
  private long bits;
  private int[][] keptCounts;
  private long[] keptBits;

  DeflateParser(byte[] data, int length, boolean thorough, int from, int to) {
    this.data = data;
    this.from = from;
    this.to = to;
    this.thorough = thorough;
    this.passes = thorough ? 4 : 2;
    this.finder = new MatchFinder(data, length, thorough ? 48 : DEPTH, MatchFinder.MAX_MATCH,
        thorough ? MatchFinder.MAX_MATCH : INSERT_NICE);
  }

  /**
   * Parses the part; with a sink each segment is handed on at once (and not kept), without one
   * the symbols are kept for {@link #drainTo}.
   */
  void parse(Sink sink) {
    // A part shorter than 8 segments warms up on an eighth of its length (skimage_text: its
    // second part's job 4.8 -> 3.7 ms, as long as the first, same bytes).
    int warm = Math.min(from, Math.min(SEGMENT, (to - from) / 8));
    // Such a short part enters only every WINDOW_STRIDE-th position of the window before the
    // warm stretch: a match reaching back there is still found, a few bytes later. The 32K
    // insertions were a third of skimage_text's second job (3.7 -> 2.7 ms; one byte smaller).
    int stride = warm < SEGMENT ? WINDOW_STRIDE : 1;
    for (int p = Math.max(0, from - warm - MatchFinder.WINDOW); p < from - warm; p++) {
      if (p % stride == 0) {
        finder.insert(p, false);
      }
    }
    if (warm > 0) {
      // The stretch before the part is parsed and dropped: its codes are the model the part's
      // first segment starts from, as in one long parse.
      parseSegment(from - warm, from);
      symCount = 0;
    }
    int segments = (to - from + SEGMENT - 1) / SEGMENT;
    if (sink == null) {
      segmentEnds = new int[segments];
      keptCounts = new int[segments][];
      keptBits = new long[segments];
    }
    for (int s = 0; s < segments; s++) {
      int start = from + s * SEGMENT;
      int end = Math.min(to, start + SEGMENT);
      parseSegment(start, end);
      if (sink == null) {
        segmentEnds[s] = symCount;
        keptCounts[s] = counts.clone();
        keptBits[s] = bits;
      } else {
        sink.segment(syms, 0, symCount, start, end, counts, bits);
        symCount = 0;
      }
    }
  }

  /** Hands the kept segments to the sink in order, then drops them. */
  void drainTo(Sink sink) {
    int first = 0;
    for (int s = 0; s < segmentEnds.length; s++) {
      int start = from + s * SEGMENT;
      sink.segment(syms, first, segmentEnds[s], start, Math.min(to, start + SEGMENT),
          keptCounts[s], keptBits[s]);
      first = segmentEnds[s];
    }
    syms = null;
    keptCounts = null;
  }

  /** Parses {@code data[start..end)} and appends its symbols. */
  private void parseSegment(int start, int end) {
    int n = end - start;
    int m = 0;
    boolean cheap = false;
    if (!thorough) {
      cheap = prevBytes > 0 ? cheapRun < CHEAP_RUN
          && (long) prevLiterals * 1000 >= (long) CHEAP_LITERALS * prevBytes
          : (long) contexts(start, end) * 1000 >= (long) CHEAP_CONTEXTS * n;
      cheapRun = cheap && prevBytes > 0 ? cheapRun + 1 : 0;
    }
    skips = 0;
    for (int i = 0; i < n; ) {
      int count = cheap ? finder.findCheap(start + i, n - i, found)
          : finder.find(start + i, n - i, found);
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
        addSkip(i - 1, i - 1 + longest, found[count - 1] & 0xFFFF);
        // libdeflate's shortcut: a match this long is taken; inside it nothing is searched.
        int enterFrom = longest >= TREE_SKIP_FROM
            && (found[count - 1] & 0xFFFF) <= RUN_DISTANCE ? longest - TREE_TAIL : 1;
        // Its positions have no match lists: bestPath costs them from the skip (skipped).
        for (int k = 1; k < longest; k++, i++) {
          if (k >= enterFrom) {
            finder.insert(start + i, k < INSERT_EDGE || k >= longest - INSERT_EDGE);
          }
        }
      }
    }
    int passes = this.passes;
    if (cheap) {
      // Under the last segment's code: a second pass changes little where nearly all are
      // literals (skimage_text: 4 bytes smaller in one pass than in two). A first segment still
      // refines its rough model once.
      passes = 1;
    }
    if (!haveModel) {
      initialModel(start, end);
      haveModel = true;
      // The first segment of a part starts from a rough model; one more pass refines it.
      passes += FIRST_SEGMENT_PASSES;
    }
    int[] litFreq = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] distFreq = new int[DeflateBlocks.DIST_SYMBOLS];
    for (int pass = 0; pass < passes; pass++) {
      bestPath(start, n);
      if (pass + 1 < passes) {
        Arrays.fill(litFreq, 0);
        Arrays.fill(distFreq, 0);
        countPath(start, n, litFreq, distFreq);
        if (modelFrom(litFreq, distFreq) * CONVERGED < modelBits && !thorough) {
          break;
        }
      }
    }
    int needed = symCount + n;
    if (needed > syms.length) {
      syms = Arrays.copyOf(syms, Math.max(needed, syms.length * 2));
    }
    int literals = 0;
    for (int i = 0; i < n; ) {
      int c = choice[i];
      if (c == 0) {
        syms[symCount++] = data[start + i] & 0xFF;
        i++;
        literals++;
      } else {
        syms[symCount++] = c;
        i += c >>> 16;
      }
    }
    prevLiterals = literals;
    prevBytes = n;
    Arrays.fill(litFreq, 0);
    Arrays.fill(distFreq, 0);
    countPath(start, n, litFreq, distFreq);
    // The next segment starts from this one's statistics.
    modelFrom(litFreq, distFreq);
    System.arraycopy(litFreq, 0, counts, 0, DeflateBlocks.LITLEN_SYMBOLS);
    System.arraycopy(distFreq, 0, counts, DeflateBlocks.LITLEN_SYMBOLS, DeflateBlocks.DIST_SYMBOLS);
    bits = 3 + DeflateBlocks.header(codeLit, codeDist, null, huff) + modelBits
        + DeflateBlocks.extraBits(litFreq, distFreq);
  }

  /** How many distinct 3-byte contexts (16-bit hashes of them) {@code data[start..end)} has. */
  private int contexts(int start, int end) {
    long[] seen = new long[1 << 10];
    int distinct = 0;
    for (int i = start; i + 3 <= end; i++) {
      int v = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16;
      int h = (v * 0x9E3779B1) >>> 16;
      // Without a branch: on noise-like data it went either way (a third of the test's time).
      long word = seen[h >>> 6];
      distinct += (int) (~word >>> h) & 1;
      seen[h >>> 6] = word | 1L << h;
    }
    return distinct;
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
    int reach = this.reach;
    cost[n] = 0;
    int skip = skips - 1;
    for (int i = n - 1; i >= 0; i--) {
      if (skip >= 0 && i == skipEnd[skip] - 1) {
        i = skipped(skip--, start, reach);
      }
      int best = litCost[data[start + i] & 0xFF] + cost[i + 1];
      int pick = 0;
      int count = matchCount[i];
      if (count > 0) {
        int len = MatchFinder.MIN_MATCH;
        int base = matchStart[i];
        int longest = matches[base + count - 1] >>> 16;
        if (longest >= SKIP_FROM) {
          // Nothing was searched inside this match (parseSegment), so a shorter length lands on
          // literals up to its end: only the last `reach` lengths can cost as little as the
          // whole match. The same choices (gnome_field's matches of 196 bytes on average were
          // weighed at every length, 45% of its length loop).
          len = Math.max(len, longest - reach);
        }
        for (int k = 0; k < count; k++) {
          int md = matches[base + k];
          int maxLen = md >>> 16;
          // The distance costs the same at every length of this match: the cheapest length
          // first, the distance added once (the same choice: the first length of least cost,
          // taken only when cheaper than what came before).
          int least = Integer.MAX_VALUE;
          int leastLen = 0;
          for (; len <= maxLen; len++) {
            int c = lenCost[len] + cost[i + len];
            if (c < least) {
              least = c;
              leastLen = len;
            }
          }
          if (leastLen != 0 && least + distCost[matchSlots[base + k]] < best) {
            best = least + distCost[matchSlots[base + k]];
            pick = leastLen << 16 | (md & 0xFFFF);
          }
        }
      }
      cost[i] = best;
      choice[i] = pick;
    }
  }

  private void addSkip(int at, int end, int dist) {
    // The furthest a match found before reaches: only one of the last SKIP_FROM positions can
    // reach past `at`, and those before the last skip's end were not searched.
    int reached = at + 1;
    for (int j = Math.max(skips == 0 ? 0 : skipEnd[skips - 1], at - SKIP_FROM); j < at; j++) {
      int count = matchCount[j];
      if (count > 0) {
        reached = Math.max(reached, j + (matches[matchStart[j] + count - 1] >>> 16));
      }
    }
    if (skips == skipStart.length) {
      skipStart = Arrays.copyOf(skipStart, skips * 2);
      skipEnd = Arrays.copyOf(skipEnd, skips * 2);
      skipDist = Arrays.copyOf(skipDist, skips * 2);
      skipReach = Arrays.copyOf(skipReach, skips * 2);
    }
    skipStart[skips] = at;
    skipEnd[skips] = end;
    skipDist[skips] = dist;
    skipReach[skips++] = reached;
  }

  /**
   * The costs inside a skipped stretch (nothing was searched there, so every position in it
   * goes on as a literal). A match lands in it only from the long match at its start, whose
   * lengths short of the last {@code reach} are never weighed (see {@link #bestPath}), or from a
   * match found before it, which ends no further than the stretch's reach. The positions in
   * between are landed on by no match: they are summed as one run of literals rather than costed
   * one by one (the same costs and choices; in gnome_field nine positions in ten lie in skipped
   * stretches, and costing each of them in every pass was about half of the programme).
   *
   * @return the long match's position, which the caller costs as any other
   */
  private int skipped(int k, int start, int reach) {
    int at = skipStart[k];
    int end = skipEnd[k];
    int[] cost = this.cost;
    int[] choice = this.choice;
    int[] litCost = this.litCost;
    byte[] data = this.data;
    int tail = Math.max(at + 1, end - reach);
    int i = end - 1;
    for (; i >= tail; i--) {
      cost[i] = litCost[data[start + i] & 0xFF] + cost[i + 1];
      choice[i] = 0;
    }
    int top = Math.max(at, Math.min(skipReach[k], tail - 1));
    if (top + 1 < tail) {
      // Positions no path lands on: literals all the way (a path from the last costed position
      // may walk through them), summed without costing each.
      int sum = 0;
      for (int j = top + 1; j < tail; j++) {
        sum += litCost[data[start + j] & 0xFF];
      }
      Arrays.fill(choice, top + 1, tail, 0);
      cost[top + 1] = sum + cost[tail];
    }
    for (i = top; i > at; i--) {
      cost[i] = litCost[data[start + i] & 0xFF] + cost[i + 1];
      choice[i] = 0;
    }
    return at;
  }

  /**
   * How many literals cost more than any length and distance code can save over another: a
   * match that stops more than this many bytes before a stretch of literals ends is dearer than
   * one that covers them. From the extremes of the costs, which the loops that set them track.
   */
  private static int literalReach(int minLit, int lenSpread, int distSpread) {
    return (lenSpread + distSpread) / Math.max(1, minLit);
  }

  private void countPath(int start, int n, int[] litFreq, int[] distFreq) {
    int[] lengthSymbol = DeflateBlocks.LENGTH_SYMBOL;
    for (int i = 0; i < n; ) {
      int c = choice[i];
      if (c == 0) {
        litFreq[data[start + i] & 0xFF]++;
        i++;
      } else {
        int len = c >>> 16;
        litFreq[lengthSymbol[len]]++;
        distFreq[DeflateBlocks.distSlot(c & 0xFFFF)]++;
        i += len;
      }
    }
    litFreq[256]++;
  }

  /**
   * Costs from the Huffman code lengths these counts would get.
   *
   * @return the bits the path of these counts saves under the new code against the old one (its
   *     symbols only, extra bits aside); {@link #modelBits} is what they cost under the new one
   */
  private long modelFrom(int[] litFreq, int[] distFreq) {
    int[] litLen = new int[DeflateBlocks.LITLEN_SYMBOLS];
    int[] distLen = new int[DeflateBlocks.DIST_SYMBOLS];
    huff.build(litFreq, 286, 15, litLen);
    huff.build(distFreq, DeflateBlocks.DIST_SYMBOLS, 15, distLen);
    long saved = Long.MAX_VALUE / CONVERGED;
    if (haveCode) {
      saved = 0;
      for (int s = 0; s < 286; s++) {
        int old = codeLit[s] == 0 ? UNUSED_BITS : codeLit[s];
        saved += (long) litFreq[s] * (old - litLen[s]);
      }
      for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
        int old = codeDist[d] == 0 ? UNUSED_BITS : codeDist[d];
        saved += (long) distFreq[d] * (old - distLen[d]);
      }
    }
    long total = 0;
    for (int s = 0; s < 286; s++) {
      total += (long) litFreq[s] * litLen[s];
    }
    for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
      total += (long) distFreq[d] * distLen[d];
    }
    modelBits = total;
    System.arraycopy(litLen, 0, codeLit, 0, codeLit.length);
    System.arraycopy(distLen, 0, codeDist, 0, codeDist.length);
    haveCode = true;
    int minLit = Integer.MAX_VALUE;
    for (int b = 0; b < 256; b++) {
      litCost[b] = litLen[b] == 0 ? UNUSED_COST : litLen[b] * UNIT;
      minLit = Math.min(minLit, litCost[b]);
    }
    int minLen = Integer.MAX_VALUE;
    int maxLen = 0;
    for (int len = MatchFinder.MIN_MATCH; len <= MatchFinder.MAX_MATCH; len++) {
      int s = DeflateBlocks.LENGTH_SYMBOL[len];
      int bits = litLen[s] == 0 ? UNUSED_COST : litLen[s] * UNIT;
      lenCost[len] = bits + DeflateBlocks.LENGTH_EXTRA[len] * UNIT;
      minLen = Math.min(minLen, lenCost[len]);
      maxLen = Math.max(maxLen, lenCost[len]);
    }
    int minDist = Integer.MAX_VALUE;
    int maxDist = 0;
    for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
      int bits = distLen[d] == 0 ? UNUSED_COST : distLen[d] * UNIT;
      distCost[d] = bits + DeflateBlocks.DIST_EXTRA[d] * UNIT;
      minDist = Math.min(minDist, distCost[d]);
      maxDist = Math.max(maxDist, distCost[d]);
    }
    reach = literalReach(minLit, maxLen - minLen, maxDist - minDist);
    return saved;
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
    int minLit = Integer.MAX_VALUE;
    for (int b = 0; b < 256; b++) {
      int bits = hist[b] == 0 ? UNUSED_COST
          : (logTotal - RowFilter.log2Fixed(hist[b])) >> 12;
      litCost[b] = Math.max(UNIT, Math.min(15 * UNIT, bits));
      minLit = Math.min(minLit, litCost[b]);
    }
    int maxExtra = 0;
    for (int len = MatchFinder.MIN_MATCH; len <= MatchFinder.MAX_MATCH; len++) {
      lenCost[len] = 7 * UNIT + DeflateBlocks.LENGTH_EXTRA[len] * UNIT;
      maxExtra = Math.max(maxExtra, DeflateBlocks.LENGTH_EXTRA[len]);
    }
    int maxDistExtra = 0;
    for (int d = 0; d < DeflateBlocks.DIST_SYMBOLS; d++) {
      distCost[d] = 5 * UNIT + DeflateBlocks.DIST_EXTRA[d] * UNIT;
      maxDistExtra = Math.max(maxDistExtra, DeflateBlocks.DIST_EXTRA[d]);
    }
    // The shortest length and the nearest distances have no extra bits.
    reach = literalReach(minLit, maxExtra * UNIT, maxDistExtra * UNIT);
  }
}
