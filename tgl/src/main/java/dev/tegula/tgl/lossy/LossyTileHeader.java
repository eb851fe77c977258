package dev.tegula.tgl.lossy;

/**
 * What a lossy tile's header (format-lossy.md §3) says about its coding, for reports: the quality
 * in hundredths the steps come from, and whether chroma is at full resolution (else 4:2:0).
 */
public record LossyTileHeader(int qualityHundredths, boolean fullChroma) {
  /**
   * The header of the lossy plane coded at {@code data[offset, offset + length)}; null when it is
   * not one this decoder reads (short, another version, unknown flags, quality over 10000): a
   * report then says nothing rather than something wrong. The decoder's own checks are in
   * TileDecoder.
   */
  public static LossyTileHeader read(byte[] data, int offset, int length) {
    if (length < LossyCodec.HEADER_SIZE || offset < 0 || offset + length > data.length
        || data[offset] != LossyCodec.VERSION) {
      return null;
    }
    int flags = data[offset + 1] & 0xFF;
    int hundredths = (data[offset + 2] & 0xFF) << 8 | (data[offset + 3] & 0xFF);
    if ((flags & ~(LossyCodec.FLAG_444 | LossyCodec.FLAG_LAPPING)) != 0 || hundredths > 10000) {
      return null;
    }
    return new LossyTileHeader(hundredths, (flags & LossyCodec.FLAG_444) != 0);
  }

  /** "4:4:4" or "4:2:0" for a colour image; null for grey, which has no chroma. */
  public String chroma(boolean colour) {
    return !colour ? null : fullChroma ? "4:4:4" : "4:2:0";
  }
}
