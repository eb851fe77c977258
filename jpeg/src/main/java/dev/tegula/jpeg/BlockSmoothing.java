package dev.tegula.jpeg;

/**
 * Inter-block smoothing of progressive images whose low-frequency coefficients are not yet fully
 * known (T.81 Annex K.8, as libjpeg-turbo 2.1 extends it in jdcoefct.c
 * {@code decompress_smooth_data}): where AC coefficients 1-9 (zig-zag) are still zero and not
 * known exactly, they are estimated from the DC values of the block's 5x5 neighbourhood; when no
 * AC data at all has arrived, the DC value is smoothed too. djpeg does this by default, which is
 * what a truncated progressive file looks like there.
 *
 * <p>The bookkeeping follows libjpeg-turbo: per component the {@code Al} of the last scan that
 * coded each coefficient ({@code coef_bits}, -1 if none) and its value before that scan; iMCU rows
 * after the last one decoded with good data use the earlier values, so a scan cut short does not
 * change how the rows of the previous scans are smoothed.
 */
final class BlockSmoothing {
  /** Natural positions of zig-zag coefficients 1-9: Q01 Q10 Q20 Q11 Q02 Q03 Q12 Q21 Q30. */
  private static final int[] POS = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24};

  /** coef_bits latched per component for coefficients 0-9. */
  private final int[][] bits;
  /** The previous scan's coef_bits per component for coefficients 1-9. */
  private final int[][] prevBits;
  private final int lastGoodImcuRow;
  private final int totalImcuRows;
  private final short[] ws = new short[64];

  private BlockSmoothing(int[][] bits, int[][] prevBits, int lastGoodImcuRow, int totalImcuRows) {
    this.bits = bits;
    this.prevBits = prevBits;
    this.lastGoodImcuRow = lastGoodImcuRow;
    this.totalImcuRows = totalImcuRows;
  }

  /**
   * libjpeg's smoothing_ok: smoothing applies when every component has latched quantizers with
   * nonzero entries for coefficients 0-9, some DC data, and some coefficient 1-9 not yet exact.
   *
   * @param coefBits per component, coef_bits[0..63]
   * @param prevCoefBits per component, the value before the last scan that touched it
   * @return the smoother, or null when smoothing does not apply
   */
  static BlockSmoothing create(
      Frame frame, int[][] quant, int[][] coefBits, int[][] prevCoefBits, int scans,
      int lastGoodImcuRow) {
    if (!frame.progressive) {
      return null;
    }
    int n = frame.components.length;
    int[][] latch = new int[n][10];
    int[][] prevLatch = new int[n][10];
    boolean useful = false;
    for (int c = 0; c < n; c++) {
      int[] q = quant[c];
      if (q == null) {
        return null;
      }
      for (int p : POS) {
        if (q[p] == 0) {
          return null;
        }
      }
      if (coefBits[c][0] < 0) {
        return null;
      }
      latch[c][0] = coefBits[c][0];
      for (int k = 1; k < 10; k++) {
        prevLatch[c][k] = scans > 1 ? prevCoefBits[c][k] : -1;
        latch[c][k] = coefBits[c][k];
        if (coefBits[c][k] != 0) {
          useful = true;
        }
      }
    }
    return useful ? new BlockSmoothing(latch, prevLatch, lastGoodImcuRow, frame.mcusPerColumn)
        : null;
  }

  /**
   * Transforms the blocks of iMCU row k of a component with smoothing, as
   * {@link ComponentPlane#transformRow} does without.
   */
  void transformRow(ComponentPlane plane, int k, Idct idct) {
    final FrameComponent c = plane.component;
    final short[] coef = c.coefficients;
    final int[] q = plane.quant;
    final int v = c.v;
    final int[] cb = k > lastGoodImcuRow ? prevBits[c.index] : bits[c.index];
    final boolean changeDc = cb[1] == -1 && cb[2] == -1 && cb[3] == -1 && cb[4] == -1
        && cb[5] == -1 && cb[6] == -1 && cb[7] == -1 && cb[8] == -1 && cb[9] == -1;
    final long q00 = q[0];
    final long q01 = q[1];
    final long q10 = q[8];
    final long q20 = q[16];
    final long q11 = q[9];
    final long q02 = q[2];
    final long q03 = q[3];
    final long q12 = q[10];
    final long q21 = q[17];
    final long q30 = q[24];

    final int lastImcuRow = totalImcuRows - 1;
    int blockRows;
    if (k < lastImcuRow) {
      blockRows = v;
    } else {
      blockRows = c.blocksPerColumn % v;
      if (blockRows == 0) {
        blockRows = v;
      }
    }
    final int base = (k % 3) * plane.rowsPerImcu * plane.stride;
    final int lastCol = c.blocksPerLine - 1;
    final short[] w = ws;
    for (int br = 0; br < blockRows; br++) {
      // Neighbour rows as libjpeg-turbo 2.1 chooses them (before 3.0.1 changed the tests for
      // components with Vi > 1): by the row within the iMCU row and the iMCU row number.
      int row = k * v + br;
      int prevRow = (br > 0 || k > 0) ? row - 1 : row;
      int prevPrevRow = (br > 1 || k > 1) ? row - 2 : prevRow;
      int nextRow = (br < blockRows - 1 || k < lastImcuRow) ? row + 1 : row;
      int nextNextRow = (br < blockRows - 2 || k + 1 < lastImcuRow) ? row + 2 : nextRow;
      int outRow = base + br * plane.blockSize * plane.stride;
      // Sliding DC registers, columns bx-2 .. bx+2, updated exactly as libjpeg-turbo 2.1 does
      // (which for a component two blocks wide leaves the rightmost register at column 0).
      int dc01 = dc(c, 0, prevPrevRow);
      int dc02 = dc01;
      int dc03 = dc01;
      int dc04 = dc01;
      int dc05 = dc01;
      int dc06 = dc(c, 0, prevRow);
      int dc07 = dc06;
      int dc08 = dc06;
      int dc09 = dc06;
      int dc10 = dc06;
      int dc11 = dc(c, 0, row);
      int dc12 = dc11;
      int dc13 = dc11;
      int dc14 = dc11;
      int dc15 = dc11;
      int dc16 = dc(c, 0, nextRow);
      int dc17 = dc16;
      int dc18 = dc16;
      int dc19 = dc16;
      int dc20 = dc16;
      int dc21 = dc(c, 0, nextNextRow);
      int dc22 = dc21;
      int dc23 = dc21;
      int dc24 = dc21;
      int dc25 = dc21;
      for (int bx = 0; bx <= lastCol; bx++) {
        if (bx == 0 && bx < lastCol) {
          dc04 = dc(c, 1, prevPrevRow);
          dc09 = dc(c, 1, prevRow);
          dc14 = dc(c, 1, row);
          dc19 = dc(c, 1, nextRow);
          dc24 = dc(c, 1, nextNextRow);
        }
        if (bx + 1 < lastCol) {
          dc05 = dc(c, bx + 2, prevPrevRow);
          dc10 = dc(c, bx + 2, prevRow);
          dc15 = dc(c, bx + 2, row);
          dc20 = dc(c, bx + 2, nextRow);
          dc25 = dc(c, bx + 2, nextNextRow);
        }

        System.arraycopy(coef, c.blockOffset(bx, row), w, 0, 64);
        int al;
        long num;
        // AC01
        if ((al = cb[1]) != 0 && w[1] == 0) {
          num = q00 * (changeDc
              ? (-dc01 - dc02 + dc04 + dc05 - 3 * dc06 + 13 * dc07 - 13 * dc09 + 3 * dc10
                  - 3 * dc11 + 38 * dc12 - 38 * dc14 + 3 * dc15 - 3 * dc16 + 13 * dc17
                  - 13 * dc19 + 3 * dc20 - dc21 - dc22 + dc24 + dc25)
              : (-7 * dc11 + 50 * dc12 - 50 * dc14 + 7 * dc15));
          w[1] = predict(num, q01, al);
        }
        // AC10
        if ((al = cb[2]) != 0 && w[8] == 0) {
          num = q00 * (changeDc
              ? (-dc01 - 3 * dc02 - 3 * dc03 - 3 * dc04 - dc05 - dc06 + 13 * dc07 + 38 * dc08
                  + 13 * dc09 - dc10 + dc16 - 13 * dc17 - 38 * dc18 - 13 * dc19 + dc20 + dc21
                  + 3 * dc22 + 3 * dc23 + 3 * dc24 + dc25)
              : (-7 * dc03 + 50 * dc08 - 50 * dc18 + 7 * dc23));
          w[8] = predict(num, q10, al);
        }
        // AC20
        if ((al = cb[3]) != 0 && w[16] == 0) {
          num = q00 * (changeDc
              ? (dc03 + 2 * dc07 + 7 * dc08 + 2 * dc09 - 5 * dc12 - 14 * dc13 - 5 * dc14
                  + 2 * dc17 + 7 * dc18 + 2 * dc19 + dc23)
              : (-dc03 + 13 * dc08 - 24 * dc13 + 13 * dc18 - dc23));
          w[16] = predict(num, q20, al);
        }
        // AC11
        if ((al = cb[4]) != 0 && w[9] == 0) {
          num = q00 * (changeDc
              ? (-dc01 + dc05 + 9 * dc07 - 9 * dc09 - 9 * dc17 + 9 * dc19 + dc21 - dc25)
              : (dc10 + dc16 - 10 * dc17 + 10 * dc19 - dc02 - dc20 + dc22 - dc24 + dc04 - dc06
                  + 10 * dc07 - 10 * dc09));
          w[9] = predict(num, q11, al);
        }
        // AC02
        if ((al = cb[5]) != 0 && w[2] == 0) {
          num = q00 * (changeDc
              ? (2 * dc07 - 5 * dc08 + 2 * dc09 + dc11 + 7 * dc12 - 14 * dc13 + 7 * dc14 + dc15
                  + 2 * dc17 - 5 * dc18 + 2 * dc19)
              : (-dc11 + 13 * dc12 - 24 * dc13 + 13 * dc14 - dc15));
          w[2] = predict(num, q02, al);
        }
        if (changeDc) {
          // AC03
          if ((al = cb[6]) != 0 && w[3] == 0) {
            num = q00 * (dc07 - dc09 + 2 * dc12 - 2 * dc14 + dc17 - dc19);
            w[3] = predict(num, q03, al);
          }
          // AC12
          if ((al = cb[7]) != 0 && w[10] == 0) {
            num = q00 * (dc07 - 3 * dc08 + dc09 - dc17 + 3 * dc18 - dc19);
            w[10] = predict(num, q12, al);
          }
          // AC21
          if ((al = cb[8]) != 0 && w[17] == 0) {
            num = q00 * (dc07 - dc09 - 3 * dc12 + 3 * dc14 + dc17 - dc19);
            w[17] = predict(num, q21, al);
          }
          // AC30
          if ((al = cb[9]) != 0 && w[24] == 0) {
            num = q00 * (dc07 + 2 * dc08 + dc09 - dc17 - 2 * dc18 - dc19);
            w[24] = predict(num, q30, al);
          }
          // DC, from a Gaussian-like kernel over the 5x5 DC values.
          num = q00 * (-2 * dc01 - 6 * dc02 - 8 * dc03 - 6 * dc04 - 2 * dc05 - 6 * dc06
              + 6 * dc07 + 42 * dc08 + 6 * dc09 - 6 * dc10 - 8 * dc11 + 42 * dc12 + 152 * dc13
              + 42 * dc14 - 8 * dc15 - 6 * dc16 + 6 * dc17 + 42 * dc18 + 6 * dc19 - 6 * dc20
              - 2 * dc21 - 6 * dc22 - 8 * dc23 - 6 * dc24 - 2 * dc25);
          w[0] = predict(num, q00, 0);
        }
        plane.transformBlock(idct, w, 0, outRow + bx * plane.blockSize, -1);
        dc01 = dc02;
        dc02 = dc03;
        dc03 = dc04;
        dc04 = dc05;
        dc06 = dc07;
        dc07 = dc08;
        dc08 = dc09;
        dc09 = dc10;
        dc11 = dc12;
        dc12 = dc13;
        dc13 = dc14;
        dc14 = dc15;
        dc16 = dc17;
        dc17 = dc18;
        dc18 = dc19;
        dc19 = dc20;
        dc21 = dc22;
        dc22 = dc23;
        dc23 = dc24;
        dc24 = dc25;
      }
    }
  }

  private static int dc(FrameComponent c, int bx, int by) {
    return c.coefficients[c.blockOffset(bx, by)];
  }

  /** libjpeg's rounding of num / (Q * 256), capped below 1 << Al when Al > 0. */
  private static short predict(long num, long q, int al) {
    int pred;
    if (num >= 0) {
      pred = (int) (((q << 7) + num) / (q << 8));
      if (al > 0 && pred >= (1 << al)) {
        pred = (1 << al) - 1;
      }
    } else {
      pred = (int) (((q << 7) - num) / (q << 8));
      if (al > 0 && pred >= (1 << al)) {
        pred = (1 << al) - 1;
      }
      pred = -pred;
    }
    return (short) pred;
  }
}
