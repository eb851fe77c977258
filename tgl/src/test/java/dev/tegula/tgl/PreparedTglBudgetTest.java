package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.tgl.lossy.PreparedLossyTile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedTgl#encode(dev.tegula.core.Metadata, TglEncodeOptions, int, double)}: an encode
 * a little over a byte budget is trimmed into it, the file stays a file every decoder reads, and
 * it costs little quality.
 */
class PreparedTglBudgetTest {
  private static Image astronaut;

  /** A 320x256 crop of the astronaut photo, so that tiles of 128 split it unevenly. */
  private static synchronized Image photo() throws IOException {
    if (astronaut == null) {
      BufferedImage b = ImageIO.read(TestData.dir().resolve("photos/astronaut.png").toFile());
      int w = 320;
      int h = 256;
      byte[] rgba = new byte[w * h * 4];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int argb = b.getRGB(x + 100, y + 60);
          int i = (y * w + x) * 4;
          rgba[i] = (byte) (argb >> 16);
          rgba[i + 1] = (byte) (argb >> 8);
          rgba[i + 2] = (byte) argb;
          rgba[i + 3] = (byte) 255;
        }
      }
      astronaut = new Image(w, h, rgba);
    }
    return astronaut;
  }

  private static double psnr(Image a, byte[] file) {
    byte[] x = a.rgba();
    byte[] y = TglDecoder.decode(file, Limits.DEFAULT).image().rgba();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      if ((i & 3) != 3) {
        double d = (x[i] & 255) - (y[i] & 255);
        sum += d * d;
      }
    }
    return 10 * Math.log10(255.0 * 255 * (x.length * 3 / 4) / sum);
  }

  @Test
  void anEncodeJustOverItsBudgetIsTrimmedIntoTheBandAndLosesLittle() throws IOException {
    Image image = photo();
    for (int quality : new int[] {40, 75, 92}) {
      TglEncodeOptions o = TglEncodeOptions.lossy(quality).withTileSize(128);
      PreparedTgl p = TglEncoder.prepare(image, o);
      byte[] plain = p.encode(null, o);
      double plainPsnr = psnr(image, plain);
      for (double over : new double[] {0.002, 0.01, 0.025}) {
        int budget = (int) (plain.length / (1 + over));
        PreparedTgl.Budgeted fit = p.encode(null, o, budget, 0.035);
        String what = "q" + quality + " " + plain.length + " bytes into " + budget;
        assertTrue(fit.trimmed(), what);
        assertTrue(fit.file().length <= budget, what + ": " + fit.file().length);
        assertTrue(fit.file().length >= budget * 0.97, what + ": in the 3 % band, "
            + fit.file().length);
        double loss = plainPsnr - psnr(image, fit.file());
        // a lower quality giving the same bytes loses about 0.1-0.2 dB per per cent
        assertTrue(loss >= 0 && loss < 0.15 + 10 * over, what + ": PSNR " + loss + " dB lower");
        assertArrayEquals(fit.file(), p.encode(null, o, budget, 0.035).file(), "deterministic");
      }
    }
  }

  @Test
  void aFileWithinItsBudgetOrTooFarOverIsTheEncodeItself() throws IOException {
    Image image = photo();
    TglEncodeOptions o = TglEncodeOptions.lossy(80).withTileSize(128);
    PreparedTgl p = TglEncoder.prepare(image, o);
    byte[] plain = p.encode(null, o);
    for (int budget : new int[] {plain.length, plain.length + 1000, (int) (plain.length / 1.05)}) {
      PreparedTgl.Budgeted fit = p.encode(null, o, budget, 0.035);
      assertFalse(fit.trimmed(), "budget " + budget + " of " + plain.length);
      assertArrayEquals(plain, fit.file());
    }
    for (double share : new double[] {-0.01, 0.2, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> p.encode(null, o, 1000, share));
    }
    assertThrows(IllegalArgumentException.class, () -> p.encode(null, o, 0, 0.03));
  }

  /**
   * The pixels {@link PreparedTgl#reconstruct} makes without coding are the decoder's, for every
   * threshold tried, both chroma resolutions, grey, and a quality without lapping or deblocking;
   * {@link PreparedTgl#trimSavings} counts what the budgeted encode's own pass counts.
   */
  @Test
  void reconstructedPixelsAreTheDecodersAtEveryThreshold() throws IOException {
    Image colour = photo();
    byte[] grey = colour.rgba().clone();
    for (int i = 0; i < grey.length; i += 4) {
      grey[i + 1] = grey[i];
      grey[i + 2] = grey[i];
    }
    Image[] images = {colour, new Image(colour.width(), colour.height(), grey)};
    for (Image image : images) {
      for (TglEncodeOptions o : new TglEncodeOptions[] {
          TglEncodeOptions.lossy(40).withTileSize(128),
          TglEncodeOptions.lossy(80).withTileSize(128)
              .withChroma(TglEncodeOptions.Chroma.FULL),
          TglEncodeOptions.lossy(99).withTileSize(128)}) {
        PreparedTgl p = TglEncoder.prepare(image, o);
        long[] saved = p.trimSavings(o, false);
        assertTrue(saved[saved.length - 1] > 0, o.toString());
        long[] far = p.trimSavings(o, true);
        assertEquals(PreparedLossyTile.FAR_TRIM_BUCKETS, far.length);
        assertArrayEquals(saved, java.util.Arrays.copyOf(far, saved.length), o.toString());
        assertTrue(far[far.length - 1] > saved[saved.length - 1], o.toString());
        for (int threshold : new int[] {-1, 0, 20, 63, 80, 95}) {
          byte[] file = p.encode(null, o, threshold);
          byte[] decoded = TglDecoder.decode(file, Limits.DEFAULT).image().rgba();
          byte[] made = new byte[decoded.length];
          p.reconstruct(o, threshold, made);
          assertArrayEquals(decoded, made, o + " threshold " + threshold);
        }
        assertArrayEquals(p.encode(null, o), p.encode(null, o, -1));
        assertThrows(IllegalArgumentException.class, () -> p.encode(null, o, 96));
        assertThrows(IllegalArgumentException.class, () -> p.reconstruct(o, 0, new byte[4]));
      }
    }
  }

  @Test
  void aConstantImageHasNothingToTrim() {
    Image flat = TestImages.flat(64, 64, 10, 200, 30, 255);
    TglEncodeOptions o = TglEncodeOptions.lossy(75);
    PreparedTgl p = TglEncoder.prepare(flat, o);
    byte[] plain = p.encode(null, o);
    PreparedTgl.Budgeted fit = p.encode(null, o, plain.length - 1, 0.1);
    assertFalse(fit.trimmed());
    assertArrayEquals(plain, fit.file());
  }
}
