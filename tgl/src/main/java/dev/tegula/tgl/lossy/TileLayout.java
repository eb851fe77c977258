package dev.tegula.tgl.lossy;

/**
 * Plane and block geometry of one tile (docs/format-lossy.md §3): the luma plane is padded to a
 * multiple of 16 (whole macroblocks), chroma is half that in each direction with 4:2:0, else the
 * same. Blocks are 8x8 and coded plane by plane in raster order.
 */
final class TileLayout {
  final int width;
  final int height;
  final int channels;
  final boolean subsample;
  final int planes;
  /** Padded luma size, and macroblocks (16x16 luma) per row / column. */
  final int pw;
  final int ph;
  final int mbw;
  final int mbh;
  /** Per plane: padded size, blocks per row / column, log2 of the macroblock size in samples. */
  final int[] planeW = new int[3];
  final int[] planeH = new int[3];
  final int[] blocksW = new int[3];
  final int[] blocksH = new int[3];
  final int[] mbShift = new int[3];

  TileLayout(int width, int height, int channels, boolean subsample) {
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.subsample = channels == 3 && subsample;
    this.planes = channels == 3 ? 3 : 1;
    pw = (width + 15) & ~15;
    ph = (height + 15) & ~15;
    mbw = pw >> 4;
    mbh = ph >> 4;
    for (int i = 0; i < planes; i++) {
      boolean half = i > 0 && this.subsample;
      planeW[i] = half ? pw >> 1 : pw;
      planeH[i] = half ? ph >> 1 : ph;
      blocksW[i] = planeW[i] >> 3;
      blocksH[i] = planeH[i] >> 3;
      mbShift[i] = half ? 3 : 4;
    }
  }

  /** Macroblock index of block (bx, by) of plane {@code plane}. */
  int macroblock(int plane, int bx, int by) {
    int s = mbShift[plane] - 3;
    return (by >> s) * mbw + (bx >> s);
  }

  int samples(int plane) {
    return planeW[plane] * planeH[plane];
  }

  /** Context set of a plane (§7): 0 luma, 1 chroma (Cb and Cr share). */
  static int contextType(int plane) {
    return plane == 0 ? 0 : 1;
  }
}
