package dev.tegula.api;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.recompress.JpegRecompression;
import dev.tegula.tgl.TileJob;

/**
 * Restoring a .tgl file of mode 2 (docs/format-jpeg.md) to pixels: the original JPEG is rebuilt
 * and checked against its SHA-256, then decoded by the JPEG decoder (orientation as for any
 * JPEG). One job unit: the rebuild needs every band before the JPEG decoder can start.
 */
final class JpegRestoreJob implements TileJob<DecodedImage> {
  private final byte[] data;
  private final DecodeOptions options;
  private DecodedImage result;

  JpegRestoreJob(byte[] data, DecodeOptions options) {
    this.data = data;
    this.options = options;
  }

  @Override
  public int tileCount() {
    return 1;
  }

  @Override
  public void runTile(int tile) {
    if (tile != 0) {
      throw new IllegalArgumentException("tile " + tile + " of 1");
    }
    result = JpegRecompression.restore(data, options);
  }

  @Override
  public DecodedImage finish() {
    if (result == null) {
      runTile(0);
    }
    return result;
  }
}
