package dev.tegula.api;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Orientation;
import dev.tegula.tgl.TglDecoding;
import dev.tegula.tgl.TileJob;

/**
 * Restoring a .tgl file tile by tile, then treating orientation as for every other format: the
 * EXIF orientation is reported in the info and applied when the options ask for it.
 */
final class RestoreJob implements TileJob<DecodedImage> {
  private final TglDecoding decoding;
  private final DecodeOptions options;

  RestoreJob(TglDecoding decoding, DecodeOptions options) {
    this.decoding = decoding;
    this.options = options;
  }

  @Override
  public int tileCount() {
    return decoding.tileCount();
  }

  @Override
  public void runTile(int tile) {
    decoding.runTile(tile);
  }

  @Override
  public DecodedImage finish() {
    DecodedImage d = decoding.finish();
    int orientation = Exif.orientation(d.metadata().exif());
    ImageInfo info = withOrientation(d.info(), orientation);
    Image image = d.image();
    if (options.autoOrient() && orientation != 1) {
      try {
        image = Orientation.apply(image, orientation);
      } catch (OutOfMemoryError e) {
        throw new LimitExceededException("not enough memory to orient the image");
      }
    }
    return new DecodedImage(image, info, d.metadata(), d.complete(), d.warning());
  }

  static ImageInfo withOrientation(ImageInfo i, int orientation) {
    return new ImageInfo(i.format(), i.width(), i.height(), i.components(), i.bitDepth(),
        i.colorSpace(), i.variant(), i.subsampling(), i.progressive(), i.hasAlpha(), orientation,
        i.scans());
  }
}
