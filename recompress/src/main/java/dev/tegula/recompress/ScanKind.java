package dev.tegula.recompress;

/** The five kinds of Huffman-coded scans (T.81 §F.1.2, §G.1.2). */
final class ScanKind {
  static final int SEQUENTIAL = 0;
  static final int DC_FIRST = 1;
  static final int DC_REFINE = 2;
  static final int AC_FIRST = 3;
  static final int AC_REFINE = 4;

  private ScanKind() {}

  static int of(JpegSyntax syn) {
    if (!syn.progressive) {
      return SEQUENTIAL;
    }
    if (syn.ss == 0) {
      return syn.ah == 0 ? DC_FIRST : DC_REFINE;
    }
    return syn.ah == 0 ? AC_FIRST : AC_REFINE;
  }
}
