package dev.tegula.jpeg;

import dev.tegula.core.Limits;

/**
 * The decoder's marker parser ({@code JpegParser}, T.81 Annex B) for code outside this package
 * that needs a JPEG file's structure rather than its pixels: JPEG recompression, which copies the
 * bytes around the entropy-coded data verbatim and re-encodes the scans. The same checks, limits
 * and errors as the decoder: a file breaking T.81 the way libjpeg refuses throws a {@link
 * dev.tegula.core.MalformedInputException} with the segment's offset, the processes libjpeg lacks
 * an {@link dev.tegula.core.UnsupportedFeatureException}, a segment cut by the end of the data a
 * {@link dev.tegula.core.TruncatedInputException}.
 *
 * <p>Use: {@link #nextScan} reads segments up to the next scan header; the caller decodes the
 * scan's entropy-coded data from {@link #position()} ({@link #decodeScan}, with the decoder's own
 * Huffman scan decoder) and calls {@link #resumeAt} with where it ended, then {@link #nextScan}
 * again, until it returns false (EOI or the end of the data).
 */
public final class JpegSegmentReader {
  /** Told of each marker as it is read (not hot: once per segment). */
  public interface Listener {
    /**
     * @param marker the marker code (the byte after 0xFF)
     * @param offset where the marker starts (its first 0xFF fill byte, if any)
     * @param start the offset just after the marker code: the segment's length field
     * @param end the offset just after the segment (equal to start for a standalone marker)
     */
    void segment(int marker, int offset, int start, int end);
  }

  /**
   * What a Huffman-coded scan holds besides its coefficients, reported by {@link #decodeScan}:
   * once per end-of-band run and per entropy-coded segment.
   */
  public interface ScanEvents {
    /**
     * An end-of-band run (T.81 §G.1.2.2) starts in a block.
     *
     * @param blockOffset the block's offset in its component's coefficient array
     * @param k the zig-zag index the run's symbol was read at (Ss when it was the block's first)
     * @param run the blocks the run covers, this one included
     */
    void endOfBand(int blockOffset, int k, int run);

    /**
     * An entropy-coded segment ends (before a restart marker or at the scan's end).
     *
     * @param bits the unused bits, left-aligned
     * @param bitsLeft how many of them came from the data: the padding bits (§F.1.2.3) when
     *     fewer than 8
     * @param end where the marker (or the end of the data) that ends the segment is, or -1 when
     *     data bytes or more than 7 bits are left before it, or the data ran out
     */
    void segmentEnd(long bits, int bitsLeft, int end);
  }

  private final JpegParser p;
  private Scan scan;
  private String damage;

  /**
   * @param soiOffset where the SOI marker is: 0 for a JPEG file, more when bytes precede it
   * @param listener told of every marker read, or null
   */
  public JpegSegmentReader(byte[] data, int soiOffset, Limits limits, Listener listener) {
    if (data == null || limits == null || soiOffset < 0) {
      throw new IllegalArgumentException("null data or limits, or a negative offset");
    }
    p = new JpegParser(data, limits, false);
    p.listener = listener;
    p.readSoi(soiOffset);
  }

  /** Reads segments up to the next scan header; false at EOI or at the end of the data. */
  public boolean nextScan() {
    scan = p.nextScan();
    return scan != null;
  }

  /** Whether the last {@link #nextScan} stopped at EOI (rather than at the end of the data). */
  public boolean sawEoi() {
    return p.sawEoi;
  }

  /** Where reading continues: after a scan header, the first byte of its entropy-coded data. */
  public int position() {
    return p.pos;
  }

  /** Continues reading segments at {@code offset}, where a scan's entropy-coded data ended. */
  public void resumeAt(int offset) {
    if (offset < p.pos || offset > p.data.length) {
      throw new IllegalArgumentException("offset " + offset + " is not after " + p.pos);
    }
    p.pos = offset;
  }

  /**
   * Decodes the Huffman-coded scan just read (§F.2.2, §G.1.2) into the caller's coefficient
   * arrays, as the decoder does (damaged data is read as libjpeg does, and {@link #scanDamage()}
   * says what was wrong), telling {@code events} what else the scan holds.
   *
   * @param coefficients per frame component, 64 coefficients per block in natural order, blocks
   *     row-major; zeros, or what this reader's earlier scans wrote into the same arrays (the
   *     decoder keeps each block's nonzero positions across scans and relies on them)
   * @param blocksWide per frame component, the blocks per row of its array: at least {@link
   *     #blocksWide}, and whole MCUs ({@link #mcusAcross} × H) in a frame of several components
   * @return the offset where the scan's entropy-coded data ends: a marker or the end of the data
   */
  public int decodeScan(short[][] coefficients, int[] blocksWide, ScanEvents events) {
    Frame f = frame();
    Scan s = scan();
    if (f.arithmetic) {
      throw new IllegalStateException("an arithmetic-coded scan");
    }
    for (FrameComponent c : s.components) {
      int i = c.index;
      boolean whole = f.components.length > 1;
      long rows = whole ? c.blockRowsAlloc : c.blocksPerColumn;
      if (blocksWide[i] < (whole ? c.blocksPerLineAlloc : c.blocksPerLine)
          || coefficients[i].length < rows * blocksWide[i] * 64) {
        throw new IllegalArgumentException("component " + i + "'s array is too small");
      }
      c.coefficients = coefficients[i];
      c.blocksPerLineAlloc = blocksWide[i];
      if (c.blockLastK == null || c.blockLastK.length != coefficients[i].length >> 6) {
        c.blockLastK = new byte[coefficients[i].length >> 6];
        c.acMask = f.progressive ? new long[coefficients[i].length >> 6] : null;
      }
    }
    int n = s.components.length;
    HuffmanTable[] dc = new HuffmanTable[n];
    HuffmanTable[] ac = new HuffmanTable[n];
    HuffmanScanDecoder.tables(p, f, s, dc, ac, p.markerOffset);
    HuffmanScanDecoder d = new HuffmanScanDecoder(p.data);
    d.events = events;
    int end = d.decodeScan(p.pos, f, s, dc, ac);
    damage = d.dataEndedAt >= 0 ? "the scan's data ends early at byte " + d.dataEndedAt
        : d.badCodes > 0 ? d.badCodes + " codes match no Huffman code, the first at byte "
            + d.firstBadCodeAt
        : d.restartResyncs > 0 ? "a restart marker is missing or out of order at byte "
            + d.firstResyncAt
        : null;
    return end;
  }

  /** What the last {@link #decodeScan} found damaged (data ended, bad codes, restarts), or null. */
  public String scanDamage() {
    return damage;
  }

  /** Bytes skipped so far where a marker should have started (libjpeg reads past them). */
  public int extraneousBytes() {
    return p.extraneousBytes;
  }

  // The frame header (§B.2.2), once read.

  public boolean hasFrame() {
    return p.frame != null;
  }

  /** The SOFn marker code, 0xC0-0xCF. */
  public int frameMarker() {
    return frame().marker;
  }

  public boolean progressive() {
    return frame().progressive;
  }

  public boolean arithmetic() {
    return frame().arithmetic;
  }

  public int width() {
    return frame().width;
  }

  public int height() {
    return frame().height;
  }

  public int components() {
    return frame().components.length;
  }

  /** Component identifier Ci of frame component {@code c} (0-based, frame order). */
  public int componentId(int c) {
    return frame().components[c].id;
  }

  public int h(int c) {
    return frame().components[c].h;
  }

  public int v(int c) {
    return frame().components[c].v;
  }

  /** Quantization table selector Tqi of frame component {@code c}. */
  public int quantSelector(int c) {
    return frame().components[c].quantTable;
  }

  /** Blocks across component {@code c} in a non-interleaved scan (§A.2.2). */
  public int blocksWide(int c) {
    return frame().components[c].blocksPerLine;
  }

  /** Block rows of component {@code c} in a non-interleaved scan (§A.2.2). */
  public int blocksHigh(int c) {
    return frame().components[c].blocksPerColumn;
  }

  /** MCUs per line of an interleaved scan (§A.2.3). */
  public int mcusAcross() {
    return frame().mcusPerLine;
  }

  /** MCU rows of an interleaved scan. */
  public int mcusDown() {
    return frame().mcusPerColumn;
  }

  // The tables in force (§B.2.4).

  /** Quantization table {@code t} (0-3) in natural order, a copy; null while undefined. */
  public int[] quantTable(int t) {
    int[] q = p.quantTables[t];
    return q == null ? null : q.clone();
  }

  /** Huffman table {@code t} (0-3) of the class, as last defined; null while undefined. */
  public HuffmanTable huffmanTable(boolean dc, int t) {
    return (dc ? p.dcTables : p.acTables)[t];
  }

  /** The restart interval in force (§B.2.4.4), 0 for none. */
  public int restartInterval() {
    return p.restartInterval;
  }

  // The last scan header (§B.2.3).

  public int scanComponents() {
    return scan().components.length;
  }

  /** The frame index (0-based) of scan component {@code i}. */
  public int scanComponent(int i) {
    return scan().components[i].index;
  }

  /** DC table selector Tdj of scan component {@code i} (0-15; libjpeg checks it when used). */
  public int scanDcTable(int i) {
    return scan().dcTable[i];
  }

  /** AC table selector Taj of scan component {@code i}. */
  public int scanAcTable(int i) {
    return scan().acTable[i];
  }

  public int ss() {
    return scan().ss;
  }

  public int se() {
    return scan().se;
  }

  public int ah() {
    return scan().ah;
  }

  public int al() {
    return scan().al;
  }

  private Frame frame() {
    if (p.frame == null) {
      throw new IllegalStateException("no frame header read yet");
    }
    return p.frame;
  }

  private Scan scan() {
    if (scan == null) {
      throw new IllegalStateException("no scan header read");
    }
    return scan;
  }
}
