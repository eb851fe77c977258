package dev.tegula.tgl;

import dev.tegula.core.Image;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reference pixels as PNG (test code only: javax.imageio), RGBA8 or RGBA16. */
final class ReferencePng {
  private ReferencePng() {}

  static void write8(Image image, Path file) throws IOException {
    write(image.width(), image.height(), DataBuffer.TYPE_BYTE, 8, file, (raster) -> {
      byte[] rgba = image.rgba();
      for (int i = 0; i < rgba.length; i++) {
        raster.setSample((i / 4) % image.width(), (i / 4) / image.width(), i % 4, rgba[i] & 0xFF);
      }
    });
  }

  static void write16(Image image, Path file) throws IOException {
    write(image.width(), image.height(), DataBuffer.TYPE_USHORT, 16, file, (raster) -> {
      short[] rgba = image.rgba16();
      for (int i = 0; i < rgba.length; i++) {
        raster.setSample((i / 4) % image.width(), (i / 4) / image.width(), i % 4,
            rgba[i] & 0xFFFF);
      }
    });
  }

  /** The samples of an RGBA PNG as one array, RGBA order, 8 or 16 bits each. */
  static int[] read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    Raster raster = image.getRaster();
    if (raster.getNumBands() != 4) {
      throw new IOException(file + ": reference PNGs are RGBA");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int[] out = new int[w * h * 4];
    raster.getPixels(0, 0, w, h, out);
    return out;
  }

  private interface Filler {
    void fill(WritableRaster raster);
  }

  private static void write(int w, int h, int type, int bits, Path file, Filler filler)
      throws IOException {
    ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        new int[] {bits, bits, bits, bits}, true, false, Transparency.TRANSLUCENT, type);
    WritableRaster raster = model.createCompatibleWritableRaster(w, h);
    filler.fill(raster);
    BufferedImage image = new BufferedImage(model, raster, false, null);
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }
}
