package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Single-thread timing of whole-image .tgl encode and decode (container plus codec), best of
 * several rounds after warm-up. Usage: {@code ContainerSpeed MODE TILE FILE...} with MODE
 * "q75", "lossless" or "stored" (container only). Prints megapixels per second and bits per pixel.
 */
public final class ContainerSpeed {
  public static void main(String[] args) throws IOException {
    String mode = args[0];
    int tile = Integer.parseInt(args[1]);
    TglEncodeOptions options = switch (mode) {
      case "lossless" -> TglEncodeOptions.lossless();
      case "stored" -> TglEncodeOptions.lossless().withContainerCodecsOnly();
      default -> TglEncodeOptions.lossy(Integer.parseInt(mode.substring(1)));
    };
    options = options.withTileSize(tile);
    for (int i = 2; i < args.length; i++) {
      Image image = read(new File(args[i]));
      double mp = image.width() * (double) image.height() / 1e6;
      byte[] file = TglEncoder.encode(image, null, options);
      long bestEncode = Long.MAX_VALUE;
      long bestDecode = Long.MAX_VALUE;
      for (int round = 0; round < 12; round++) {
        long t0 = System.nanoTime();
        file = TglEncoder.encode(image, null, options);
        long t1 = System.nanoTime();
        TglDecoder.decode(file, Limits.DEFAULT);
        long t2 = System.nanoTime();
        if (round >= 2) {
          bestEncode = Math.min(bestEncode, t1 - t0);
          bestDecode = Math.min(bestDecode, t2 - t1);
        }
      }
      System.out.printf("%-28s %5.2f MP  encode %6.1f MP/s  decode %6.1f MP/s  %.3f bpp%n",
          new File(args[i]).getName(), mp, mp / (bestEncode / 1e9), mp / (bestDecode / 1e9),
          file.length * 8.0 / (mp * 1e6));
    }
  }

  public static Image read(File f) throws IOException {
    BufferedImage b = ImageIO.read(f);
    int w = b.getWidth();
    int h = b.getHeight();
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = b.getRGB(x, y);
        int p = (y * w + x) * 4;
        rgba[p] = (byte) (argb >> 16);
        rgba[p + 1] = (byte) (argb >> 8);
        rgba[p + 2] = (byte) argb;
        rgba[p + 3] = (byte) (argb >>> 24);
      }
    }
    return new Image(w, h, rgba);
  }
}
