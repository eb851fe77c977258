package dev.tegula.jpeg;

/**
 * A scan header (T.81 §B.2.3) and the restart interval in force for it (§B.2.4.4).
 *
 * <p>A scan with one component is non-interleaved: its "MCU" is one block and it covers
 * {@code blocksPerLine x blocksPerColumn} blocks of that component (§A.2.2). A scan with several
 * components is interleaved: each MCU holds Hi x Vi blocks of each, over
 * {@code mcusPerLine x mcusPerColumn} MCUs (§A.2.3).
 */
final class Scan {
  /** The frame components this scan codes, in scan order. */
  final FrameComponent[] components;
  /** DC entropy table selector Tdj per scan component. */
  final int[] dcTable;
  /** AC entropy table selector Taj per scan component. */
  final int[] acTable;
  /** Start of spectral selection Ss (0-63). */
  final int ss;
  /** End of spectral selection Se (0-63). */
  final int se;
  /** Successive approximation bit position high Ah. */
  final int ah;
  /** Successive approximation bit position low Al. */
  final int al;
  /** Restart interval Ri in MCUs, 0 for none. */
  final int restartInterval;

  Scan(
      FrameComponent[] components,
      int[] dcTable,
      int[] acTable,
      int ss,
      int se,
      int ah,
      int al,
      int restartInterval) {
    this.components = components;
    this.dcTable = dcTable;
    this.acTable = acTable;
    this.ss = ss;
    this.se = se;
    this.ah = ah;
    this.al = al;
    this.restartInterval = restartInterval;
  }

  boolean interleaved() {
    return components.length > 1;
  }
}
