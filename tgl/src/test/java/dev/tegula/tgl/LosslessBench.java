package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;

/**
 * Total bits per pixel of lossless .tgl files over folders of PNGs, through the container, with
 * single-thread encode and decode speed. Usage: {@code LosslessBench TILE [together] DIR...};
 * "together" codes alpha in the colour plane instead of its own.
 */
final class LosslessBench {
  public static void main(String[] args) throws IOException {
    int tile = Integer.parseInt(args[0]);
    boolean together = args[1].equals("together");
    TglEncodeOptions options = TglEncodeOptions.lossless().withTileSize(tile);
    if (together) {
      options = options.withAlphaInColourPlane();
    }
    for (int a = 2; a < args.length; a++) {
      long bytes = 0;
      long pixels = 0;
      long encodeNanos = 0;
      long decodeNanos = 0;
      File[] files = new File(args[a]).listFiles((d, n) -> n.endsWith(".png"));
      Arrays.sort(files);
      for (File f : files) {
        Image image = ContainerSpeed.read(f);
        long t0 = System.nanoTime();
        byte[] tgl = TglEncoder.encode(image, null, options);
        long t1 = System.nanoTime();
        Image back = TglDecoder.decode(tgl, Limits.DEFAULT).image();
        long t2 = System.nanoTime();
        if (!Arrays.equals(image.rgba(), back.rgba())) {
          throw new AssertionError(f + " did not round-trip");
        }
        bytes += tgl.length;
        pixels += (long) image.width() * image.height();
        encodeNanos += t1 - t0;
        decodeNanos += t2 - t1;
      }
      System.out.printf("%-40s tile %4d %-8s %.3f bpp  encode %.2f MP/s  decode %.2f MP/s%n",
          args[a], tile, together ? "together" : "apart", bytes * 8.0 / pixels,
          pixels / 1e6 / (encodeNanos / 1e9), pixels / 1e6 / (decodeNanos / 1e9));
    }
  }
}
