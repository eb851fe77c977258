package dev.tegula.recompress;

/**
 * What a mode-2 .tgl file says about the JPEG it holds (format-jpeg.md §4).
 *
 * @param modelled whether the coefficients are modelled (else the file is stored verbatim)
 * @param jpegLength bytes of the original JPEG
 * @param sha256 the original's SHA-256, lower-case hex
 * @param width pixels across (THDR; 1 when a verbatim file's frame header could not be read)
 * @param height pixels down
 * @param tiles bands of MCU rows
 * @param coding the coefficient coding of the tiles (format-jpeg.md §7), e.g. "content 0
 *     (adaptive binary coding)", "content 2 (fast rANS coding)", "none (verbatim)"
 */
public record JpegTglInfo(boolean modelled, long jpegLength, String sha256, int width, int height,
    int tiles, String coding) {
  /** "modelled" or "stored verbatim", as {@code tegula info} prints it. */
  public String kind() {
    return modelled ? "modelled" : "stored verbatim";
  }
}
