package dev.tegula.tgl.lossy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/**
 * Stand-in for {@code tegula compress|restore} until the container and CLI exist, so that
 * shared/tools/rd.py can measure the lossy codec: {@code compress IN.png -o OUT --quality Q
 * --force} and {@code restore IN -o OUT.png --force}. The file is a throwaway wrapper (magic,
 * size, channels, tile size, then length-prefixed tiles), not the .tgl container; tiles are
 * 256x256 like the container's default (system property {@code tile}, 0 = whole image).
 */
public final class LossyHarness {
  private static final int MAGIC = 0x54474c48;

  public static void main(String[] args) throws IOException {
    String cmd = args[0];
    String in = args[1];
    String out = null;
    int quality = 75;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("-o")) {
        out = args[++i];
      } else if (args[i].equals("--quality")) {
        quality = Integer.parseInt(args[++i]);
      }
    }
    LossyTune.configure(EncoderSettings.DEFAULT);
    if (cmd.equals("compress")) {
      BufferedImage img = ImageIO.read(new File(in));
      int tile = Integer.getInteger("tile", 256);
      byte[] file = compress(img, quality, tile);
      try (FileOutputStream f = new FileOutputStream(out)) {
        f.write(file);
      }
    } else if (cmd.equals("restore")) {
      byte[] file;
      try (InputStream f = new FileInputStream(in)) {
        file = f.readAllBytes();
      }
      ImageIO.write(restore(file), "png", new File(out));
    } else {
      throw new IllegalArgumentException(cmd);
    }
  }

  static boolean isGrey(BufferedImage img) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (((p >> 16) & 255) != (p & 255) || ((p >> 8) & 255) != (p & 255)) {
          return false;
        }
      }
    }
    return true;
  }

  static byte[] samples(BufferedImage img, int x0, int y0, int w, int h, int channels) {
    byte[] s = new byte[w * h * channels];
    int i = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        int p = img.getRGB(x, y);
        if (channels == 1) {
          s[i++] = (byte) p;
        } else {
          s[i++] = (byte) (p >> 16);
          s[i++] = (byte) (p >> 8);
          s[i++] = (byte) p;
        }
      }
    }
    return s;
  }

  static byte[] compress(BufferedImage img, int quality, int tile) throws IOException {
    int w = img.getWidth();
    int h = img.getHeight();
    int channels = isGrey(img) ? 1 : 3;
    int ts = tile <= 0 ? Math.max(w, h) : tile;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeInt(MAGIC);
    d.writeInt(w);
    d.writeInt(h);
    d.writeByte(channels);
    d.writeInt(ts);
    for (int y = 0; y < h; y += ts) {
      for (int x = 0; x < w; x += ts) {
        int tw = Math.min(ts, w - x);
        int th = Math.min(ts, h - y);
        byte[] t = LossyCodec.encode(samples(img, x, y, tw, th, channels), tw, th, channels,
            quality);
        d.writeInt(t.length);
        d.write(t);
      }
    }
    return bytes.toByteArray();
  }

  static BufferedImage restore(byte[] file) throws IOException {
    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(file));
    if (d.readInt() != MAGIC) {
      throw new IOException("not a harness file");
    }
    int w = d.readInt();
    int h = d.readInt();
    int channels = d.readByte();
    int ts = d.readInt();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y += ts) {
      for (int x = 0; x < w; x += ts) {
        int tw = Math.min(ts, w - x);
        int th = Math.min(ts, h - y);
        byte[] t = new byte[d.readInt()];
        d.readFully(t);
        byte[] px = new byte[tw * th * channels];
        LossyCodec.decode(t, 0, t.length, tw, th, channels, px);
        int i = 0;
        for (int yy = 0; yy < th; yy++) {
          for (int xx = 0; xx < tw; xx++) {
            int rgb;
            if (channels == 1) {
              int g = px[i++] & 255;
              rgb = g * 0x10101;
            } else {
              rgb = ((px[i] & 255) << 16) | ((px[i + 1] & 255) << 8) | (px[i + 2] & 255);
              i += 3;
            }
            img.setRGB(x + xx, y + yy, rgb);
          }
        }
      }
    }
    return img;
  }
}
