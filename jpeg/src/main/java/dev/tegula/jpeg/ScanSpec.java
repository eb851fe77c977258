package dev.tegula.jpeg;

/**
 * One scan of the encoder's script (T.81 §B.2.3): which components, the spectral selection
 * {@code ss..se} and the successive approximation bit positions {@code ah} (previous) and
 * {@code al} (this scan's point transform).
 */
record ScanSpec(int[] components, int ss, int se, int ah, int al) {
  boolean isDc() {
    return ss == 0;
  }
}
