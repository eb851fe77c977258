package dev.tegula.jpeg;

/**
 * The example quantization tables of T.81 Annex K.1 (Tables K.1 and K.2) for other modules:
 * recompress names a stored table by its scale of these instead of storing it.
 */
public final class AnnexKTables {
  private AnnexKTables() {}

  /**
   * Entry {@code naturalIndex} (row-major, 0-63) of Table K.1 ({@code basis} 0, luminance) or
   * K.2 ({@code basis} 1, chrominance).
   */
  public static int quant(int basis, int naturalIndex) {
    if (basis != 0 && basis != 1) {
      throw new IllegalArgumentException("basis must be 0 or 1: " + basis);
    }
    return (basis == 0 ? QuantTables.ANNEX_K_LUMA : QuantTables.ANNEX_K_CHROMA)[naturalIndex];
  }
}
