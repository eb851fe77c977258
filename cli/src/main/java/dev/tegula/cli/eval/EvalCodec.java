package dev.tegula.cli.eval;

import dev.tegula.core.Image;

/** One encoder setting family that {@code tegula eval} measures: encode at a quality, decode. */
public interface EvalCodec {
  /** The name used on the command line and in the results, e.g. "png" or "tgl". */
  String name();

  /** True when the codec reproduces images exactly and ignores the quality setting. */
  boolean lossless();

  /** Encodes at {@code quality} (1-100, higher is better; ignored when lossless). */
  byte[] encode(Image image, int quality);

  /** Decodes what {@link #encode} wrote. */
  Image decode(byte[] data);
}
