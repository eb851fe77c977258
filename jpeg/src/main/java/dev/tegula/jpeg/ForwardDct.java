package dev.tegula.jpeg;

import dev.tegula.core.dct.IslowDct;

/**
 * The forward DCT of T.81 §A.3.3: libjpeg's jfdctint.c ("islow"), the passes shared with .tgl in
 * {@link IslowDct}. The input carries two fractional bits ({@link ColorToYcc}), which take the
 * place of jfdctint's PASS1_BITS, so pass 1 scales nothing up: the intermediate values have the
 * same range as libjpeg's and cannot overflow. Output: coefficients times 8 (three fractional
 * bits), natural order.
 */
final class ForwardDct {
  private ForwardDct() {}

  /**
   * Transforms the 8x8 block at {@code in[off]} (rows {@code stride} apart) into
   * {@code out[outOff .. outOff + 63]}; {@code ws} is 64 ints of workspace.
   */
  static void transform(int[] in, int off, int stride, int[] ws, short[] out, int outOff) {
    IslowDct.forwardRows(in, off, stride, ws);
    IslowDct.forwardColumns(ws);
    for (int k = 0; k < 64; k++) {
      out[outOff + k] = (short) ws[k];
    }
  }
}
