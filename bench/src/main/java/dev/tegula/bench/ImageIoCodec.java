package dev.tegula.bench;

import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The JDK's ImageIO codecs: the JVM baseline of the benchmarks and the writer of their inputs. */
public final class ImageIoCodec {
  private ImageIoCodec() {}

  /** ImageIO's baseline JPEG writer (4:2:0, Huffman tables of Annex K) at a 0-1 quality. */
  public static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  public static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", bytes)) {
      throw new IOException("no ImageIO PNG writer");
    }
    return bytes.toByteArray();
  }

  /** An opaque image as ImageIO's RGB image. */
  public static BufferedImage toBufferedImage(Image image) {
    BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] p = image.rgba();
    int[] rgb = new int[image.width() * image.height()];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (p[4 * i] & 0xff) << 16 | (p[4 * i + 1] & 0xff) << 8 | (p[4 * i + 2] & 0xff);
    }
    b.setRGB(0, 0, image.width(), image.height(), rgb, 0, image.width());
    return b;
  }

  /** ImageIO's decoded image as RGBA8 bytes. */
  public static byte[] toRgba(BufferedImage b) {
    int[] rgb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
    byte[] out = new byte[rgb.length * 4];
    for (int i = 0; i < rgb.length; i++) {
      out[4 * i] = (byte) (rgb[i] >> 16);
      out[4 * i + 1] = (byte) (rgb[i] >> 8);
      out[4 * i + 2] = (byte) rgb[i];
      out[4 * i + 3] = (byte) (rgb[i] >>> 24);
    }
    return out;
  }
}
