package dev.tegula.tgl.lossy;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.tgl.ContainerSpeed;
import dev.tegula.tgl.TglDecoder;
import dev.tegula.tgl.TglEncodeOptions;
import dev.tegula.tgl.TglEncoder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Whole-file .tgl lossy decode in a loop on one thread, the JMH benchmark's path without JMH, for
 * a profiler to watch: {@code DecodeLoop IMAGE [quality] [seconds] [tile]}. Prints the thread CPU
 * time per decode of the best 0.3 s, the same for ImageIO's JPEG decode of the image (quality
 * 0.85, as the JMH baseline) and their ratio, which a loaded machine disturbs less than wall
 * time, and the CRC-32 of the decoded RGBA (to compare builds).
 */
public final class DecodeLoop {
  public static void main(String[] args) throws IOException {
    LossyTune.configure(EncoderSettings.DEFAULT); // -D settings of encoder variants apply
    File input = new File(args[0]);
    Image image = ContainerSpeed.read(input);
    BufferedImage b = ImageIO.read(input); // for ImageIO's side of the run below
    int w = image.width();
    int h = image.height();
    int quality = args.length > 1 ? Integer.parseInt(args[1]) : 75;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    int tile = args.length > 3 ? Integer.parseInt(args[3]) : 512;
    byte[] file = TglEncoder.encode(image, null,
        TglEncodeOptions.lossy(quality).withTileSize(tile));
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long stop = System.nanoTime() + (long) (seconds * 1e9);
    long best = Long.MAX_VALUE;
    int runs = 0;
    while (System.nanoTime() < stop) {
      long t0 = cpu.getCurrentThreadCpuTime();
      int n = 0;
      long t1;
      do {
        TglDecoder.decode(file, Limits.DEFAULT);
        n++;
        t1 = cpu.getCurrentThreadCpuTime();
      } while (t1 - t0 < 300_000_000L);
      best = Math.min(best, (t1 - t0) / n);
      runs += n;
    }
    // The JMH run's baseline, timed the same way: ImageIO's JPEG decode of the image at 0.85.
    java.io.ByteArrayOutputStream jpg = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.85f);
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    rgb.getGraphics().drawImage(b, 0, 0, null);
    ImageIO.setUseCache(false);
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(jpg)) {
      writer.setOutput(ios);
      writer.write(null, new javax.imageio.IIOImage(rgb, null, null), param);
    }
    byte[] jpeg = jpg.toByteArray();
    long bestJpeg = Long.MAX_VALUE;
    stop = System.nanoTime() + (long) (seconds * 1e9 / 2);
    while (System.nanoTime() < stop) {
      long t0 = cpu.getCurrentThreadCpuTime();
      int n = 0;
      long t1;
      do {
        ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        n++;
        t1 = cpu.getCurrentThreadCpuTime();
      } while (t1 - t0 < 300_000_000L);
      bestJpeg = Math.min(bestJpeg, (t1 - t0) / n);
    }
    CRC32 crc = new CRC32();
    crc.update(TglDecoder.decode(file, Limits.DEFAULT).image().rgba());
    double mp = w * (double) h / 1e6;
    System.out.printf("%dx%d q%d tile %d %.3f bpp: decode %.1f MP/s (thread CPU, best of %d),"
        + " ImageIO JPEG decode %.1f MP/s, ratio %.2f; pixels crc %08x file crc %08x%n", w, h,
        quality, tile, file.length * 8.0 / (w * h), mp / (best / 1e9), runs,
        mp / (bestJpeg / 1e9), bestJpeg / (double) best, crc.getValue(), crc32(file));
  }

  private static long crc32(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }
}
