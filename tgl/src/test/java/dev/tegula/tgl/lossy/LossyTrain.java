package dev.tegula.tgl.lossy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Regenerates {@link InitialProbabilities#TABLE}: encodes training images (never the measurement
 * corpus) at several qualities with neutral initial contexts, averages each context's final
 * probability over the tiles that used it, and prints the table as hex, one byte (p / 16) per
 * context. {@code LossyTrain img...}
 */
public final class LossyTrain {
  public static void main(String[] args) throws IOException {
    CoefficientCoder.training = true;
    for (String path : args) {
      BufferedImage img = ImageIO.read(new File(path));
      for (int q : new int[] {15, 30, 45, 60, 75, 85, 95}) {
        LossyHarness.compress(img, q, 256);
      }
    }
    short[] p = CoefficientCoder.trainedTable();
    StringBuilder sb = new StringBuilder();
    for (short v : p) {
      int b = (v + 8) >> 4;
      b = b < 1 ? 1 : b > 255 ? 255 : b;
      sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
    }
    for (int i = 0; i < sb.length(); i += 96) {
      System.out.println("      + \"" + sb.substring(i, Math.min(sb.length(), i + 96)) + "\"");
    }
  }
}
