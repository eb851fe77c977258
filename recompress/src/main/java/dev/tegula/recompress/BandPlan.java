package dev.tegula.recompress;

/**
 * The tile grid of a mode-2 file (format-jpeg.md §3): full-width bands of whole MCU rows, about
 * 512 pixel rows each, so that bands decode in parallel and damage stays in one band.
 *
 * @param mcuHeight pixel rows per MCU row: 8 × the largest vertical sampling factor
 * @param rowsPerBand MCU rows per band
 * @param mcuRows MCU rows of the image
 */
record BandPlan(int mcuHeight, int rowsPerBand, int mcuRows) {
  static final int TARGET_ROWS = 512;

  static BandPlan of(CoefficientImage img) {
    int vMax = 1;
    for (int c = 0; c < img.components; c++) {
      vMax = Math.max(vMax, img.v[c]);
    }
    int mcuHeight = 8 * vMax;
    return new BandPlan(mcuHeight, (TARGET_ROWS + mcuHeight - 1) / mcuHeight, img.mcuRows());
  }

  /** THDR tileHeight: 512-536 pixel rows, within format.md's 16-4096. */
  int tileHeight() {
    return rowsPerBand * mcuHeight;
  }

  int bands() {
    return (mcuRows + rowsPerBand - 1) / rowsPerBand;
  }

  int rowStart(int band) {
    return band * rowsPerBand;
  }

  int rowEnd(int band) {
    return Math.min(mcuRows, (band + 1) * rowsPerBand);
  }
}
