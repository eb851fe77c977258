package dev.tegula.tgl.lossy;

import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;

/**
 * The first four fields of a lossy tile's header (format-lossy.md §3) that say how it is coded:
 * the quality in hundredths the steps come from, and whether chroma is at full resolution (else
 * 4:2:0). The decoder reads the rest of the header (lapping, filter strengths, biases) itself.
 */
public record LossyTileHeader(int qualityHundredths, boolean fullChroma) {
  /**
   * The header of the lossy plane coded at {@code data[offset, offset + length)}, checked as the
   * decoder needs it: too short, another version, unknown flags or a quality over 10000 throw.
   */
  public static LossyTileHeader parse(byte[] data, int offset, int length) {
    if (length < LossyCodec.HEADER_SIZE) {
      throw new TruncatedInputException("lossy tile shorter than its " + LossyCodec.HEADER_SIZE
          + "-byte header", offset + length);
    }
    int version = data[offset] & 0xFF;
    if (version != LossyCodec.VERSION) {
      throw new UnsupportedFeatureException("lossy tile version " + version
          + " (this decoder reads version " + LossyCodec.VERSION + ")", offset);
    }
    int flags = data[offset + 1] & 0xFF;
    if ((flags & ~(LossyCodec.FLAG_444 | LossyCodec.FLAG_LAPPING)) != 0) {
      throw new UnsupportedFeatureException("lossy tile flags 0x" + Integer.toHexString(flags)
          + " name features this decoder does not know", offset + 1);
    }
    int hundredths = (data[offset + 2] & 0xFF) << 8 | (data[offset + 3] & 0xFF);
    if (hundredths > 10000) {
      throw new MalformedInputException("lossy tile quality " + hundredths
          + " hundredths above 10000", offset + 2);
    }
    return new LossyTileHeader(hundredths, (flags & LossyCodec.FLAG_444) != 0);
  }

  /** "4:4:4" or "4:2:0" for a colour image; null for grey, which has no chroma. */
  public String chroma(boolean colour) {
    return !colour ? null : fullChroma ? "4:4:4" : "4:2:0";
  }
}
