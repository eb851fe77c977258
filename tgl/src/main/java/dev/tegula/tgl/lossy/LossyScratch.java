package dev.tegula.tgl.lossy;

/**
 * Working memory of the lossy decoder, made once per decode and reused by every tile it decodes:
 * the reconstructed planes, the largest allocation per tile (issue 8: the memory bound counts
 * every byte allocated, and reuse also spares the zeroing of planes that the inverse DCT
 * overwrites whole). It grows to the largest tile. One scratch serves one thread at a time.
 */
public final class LossyScratch {
  private final int[][] planes = {new int[0], new int[0], new int[0]};

  public LossyScratch() {}

  /** Plane {@code i}, at least {@code size} samples, contents undefined. */
  int[] plane(int i, int size) {
    if (planes[i].length < size) {
      planes[i] = new int[size];
    }
    return planes[i];
  }
}
