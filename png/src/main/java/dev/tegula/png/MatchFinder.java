package dev.tegula.png;

/**
 * Finds LZ77 matches for deflate (RFC 1951 §4: lengths 3-258, distances up to 32768) the way
 * libdeflate's bt_matchfinder does: a binary search tree per 4-byte hash bucket holds the window's
 * positions ordered by the bytes that follow them, so that each search walks towards the longest
 * matches and re-sorts the tree around the new position; a table of the latest position of each
 * 3-byte prefix supplies length-3 matches. For each position it reports every match longer than
 * the ones before it, so that a parser can weigh all useful lengths.
 */
final class MatchFinder {
  static final int MIN_MATCH = 3;
  static final int MAX_MATCH = 258;
  static final int WINDOW = 32768;
  private static final int HASH4_BITS = 16;
  private static final int HASH3_BITS = 15;
  private static final int HASH4_MUL = 0x1E35A7BD;
  private static final int HASH3_MUL = 0x9E3779B1;

  private final byte[] data;
  private final int end;
  private final int maxDepth;
  private final int niceLength;
  private final int insertNice;
  private final int[] head4 = new int[1 << HASH4_BITS];
  private final int[] head3 = new int[1 << HASH3_BITS];
  /** Left (smaller) and right (larger) child of each window position, -1 for none. */
  private final int[] child = new int[2 * WINDOW];
  /**
   * The longest match of the previous position: at the next position the same distance matches
   * at least one byte less, which spares comparing long runs again byte by byte.
   */
  private int lastPos = -2;
  private int lastDist;
  private int lastLen;

  /**
   * @param niceLength a search stops at a match this long
   * @param insertNice {@link #insert} stops at a match this long (below the longest match
   *     possible it drops the rest of the tree's walk rather than keep it)
   */
  MatchFinder(byte[] data, int end, int maxDepth, int niceLength, int insertNice) {
    this.data = data;
    this.end = end;
    this.maxDepth = maxDepth;
    this.niceLength = niceLength;
    this.insertNice = insertNice;
    java.util.Arrays.fill(head4, -1);
    java.util.Arrays.fill(head3, -1);
  }

  /**
   * Reports the matches at {@code pos} into {@code out} as {@code length << 16 | distance}, by
   * increasing length, then enters {@code pos} into the tree.
   *
   * @param limit the longest length wanted (the parser's block end); lengths are cut to it
   * @return how many matches were written
   */
  int find(int pos, int limit, int[] out) {
    return advance(pos, Math.min(limit, MAX_MATCH), out, maxDepth, niceLength);
  }

  /**
   * Enters {@code pos} without reporting matches (inside a match the parser will take).
   *
   * @param whole walk on past a node matching the insert's nice length (see the constructor),
   *     as a search does, instead of stopping there and dropping part of the tree
   */
  void insert(int pos, boolean whole) {
    advance(pos, 0, null, Math.max(1, maxDepth / 2), whole ? MAX_MATCH : insertNice);
  }

  /**
   * The cheap search for a literal-heavy stretch: only the latest position of the same 4-byte
   * hash is compared, with no tree walk, and a match of at least 4 bytes is reported. {@code pos}
   * becomes its bucket's root without children, so the tree stays ordered (the bucket's older
   * positions are no longer found). The 3-byte table is left alone: its candidates are checked
   * byte by byte.
   *
   * @return how many matches were written (0 or 1)
   */
  int findCheap(int pos, int limit, int[] out) {
    byte[] d = data;
    if (end - pos < 4) {
      return 0;
    }
    int maxLen = Math.min(Math.min(limit, MAX_MATCH), end - pos);
    int v = (d[pos] & 0xFF) | (d[pos + 1] & 0xFF) << 8 | (d[pos + 2] & 0xFF) << 16
        | d[pos + 3] << 24;
    int h4 = (v * HASH4_MUL) >>> (32 - HASH4_BITS);
    int node = head4[h4];
    head4[h4] = pos;
    int slot = (pos & (WINDOW - 1)) << 1;
    child[slot] = -1;
    child[slot + 1] = -1;
    lastLen = 0;
    if (node < 0 || pos - node >= WINDOW) {
      return 0;
    }
    int len = 0;
    while (len < maxLen && d[node + len] == d[pos + len]) {
      len++;
    }
    if (len < 4) {
      return 0;
    }
    out[0] = len << 16 | (pos - node);
    return 1;
  }

  private int advance(int pos, int limit, int[] out, int depth, int niceLength) {
    byte[] d = data;
    int maxLen = Math.min(MAX_MATCH, end - pos);
    if (maxLen < 4) {
      if (maxLen == 3) {
        head3[hash3(pos)] = pos;
      }
      return 0;
    }
    int count = 0;
    int best = MIN_MATCH - 1;
    // Both hashes from one read of the bytes (the same values as hash3 and hash4).
    int v3 = (d[pos] & 0xFF) | (d[pos + 1] & 0xFF) << 8 | (d[pos + 2] & 0xFF) << 16;
    int h3 = (v3 * HASH3_MUL) >>> (32 - HASH3_BITS);
    int c3 = head3[h3];
    head3[h3] = pos;
    if (limit < MIN_MATCH) {
      out = null;
    }
    if (out != null && c3 >= 0 && pos - c3 < WINDOW && d[c3] == d[pos]
        && d[c3 + 1] == d[pos + 1] && d[c3 + 2] == d[pos + 2]) {
      best = MIN_MATCH;
      out[count++] = MIN_MATCH << 16 | (pos - c3);
    }
    int nice = Math.min(niceLength, maxLen);
    int h4 = ((v3 | d[pos + 3] << 24) * HASH4_MUL) >>> (32 - HASH4_BITS);
    int node = head4[h4];
    head4[h4] = pos;
    int[] child = this.child;
    int ltSlot = (pos & (WINDOW - 1)) << 1;
    int gtSlot = ltSlot + 1;
    int bestLt = 0;
    int bestGt = 0;
    int len = 0;
    int hintDist = pos == lastPos + 1 && lastLen > 1 ? lastDist : 0;
    int hintLen = Math.min(lastLen - 1, maxLen);
    lastPos = pos;
    lastLen = 0;
    while (true) {
      // Distance 32768 is excluded: that node's child slots are the ones being rewritten.
      if (node < 0 || pos - node >= WINDOW || depth-- == 0) {
        child[ltSlot] = -1;
        child[gtSlot] = -1;
        return count;
      }
      if (pos - node == hintDist && len < hintLen) {
        len = hintLen;
      }
      while (len < maxLen && d[node + len] == d[pos + len]) {
        len++;
      }
      if (len > lastLen) {
        lastLen = len;
        lastDist = pos - node;
      }
      if (len > best && out != null && best < limit) {
        best = len;
        out[count++] = Math.min(len, limit) << 16 | (pos - node);
      }
      int ns = (node & (WINDOW - 1)) << 1;
      if (len >= nice && len < maxLen) {
        // A node that matches only the first `nice` bytes cannot take the new position's place:
        // its subtrees are ordered by the bytes after those, not by the new position's, and a
        // later search would trust a prefix they do not share (it wrote wrong matches:
        // keong_macan at effort 3 did not inflate to its input). Such a stop drops the node and
        // what lies below it, as a search that runs out of depth does.
        child[ltSlot] = -1;
        child[gtSlot] = -1;
        return count;
      }
      if (len >= nice) {
        child[ltSlot] = child[ns];
        child[gtSlot] = child[ns + 1];
        return count;
      }
      if ((d[node + len] & 0xFF) < (d[pos + len] & 0xFF)) {
        child[ltSlot] = node;
        ltSlot = ns + 1;
        node = child[ltSlot];
        bestLt = len;
        len = Math.min(len, bestGt);
      } else {
        child[gtSlot] = node;
        gtSlot = ns;
        node = child[gtSlot];
        bestGt = len;
        len = Math.min(len, bestLt);
      }
    }
  }

  private int hash3(int p) {
    byte[] d = data;
    int v = (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16;
    return (v * HASH3_MUL) >>> (32 - HASH3_BITS);
  }
}
