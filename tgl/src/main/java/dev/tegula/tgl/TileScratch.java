package dev.tegula.tgl;

import dev.tegula.tgl.lossless.LosslessScratch;
import dev.tegula.tgl.lossy.LossyScratch;

/**
 * Working memory of tile decoding, made once per decode and reused by its tiles (issue 8: the
 * memory bound counts every byte allocated, so per-tile buffers add up over a large image; the
 * wuffs way, caller-owned scratch). One thread at a time: {@link TglDecoding} hands each tile
 * being decoded its own.
 */
final class TileScratch {
  final LosslessScratch lossless = new LosslessScratch();
  final LossyScratch lossy = new LossyScratch();
  private int[] row = new int[0];

  /** A row of at least {@code length} samples. */
  int[] row(int length) {
    if (row.length < length) {
      row = new int[length];
    }
    return row;
  }
}
