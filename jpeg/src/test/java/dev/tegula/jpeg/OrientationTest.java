package dev.tegula.jpeg;

import dev.tegula.core.Exif;
import dev.tegula.core.Orientation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EXIF orientation: parsing (both byte orders) and the upright transform of all 8 values. */
class OrientationTest {

  @ParameterizedTest(name = "exif_orientation_{0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void autoOrientMatchesUprightReference(int n) {
    byte[] data = TestFiles.read(TestFiles.jpeg("exif_orientation_" + n + ".jpg"));
    ImageInfo info = JpegDecoder.readInfo(data, Limits.DEFAULT);
    assertEquals(n, info.orientation(), "orientation from readInfo");

    DecodedImage plain = JpegDecoder.decode(data, DecodeOptions.DEFAULT);
    assertEquals(n, plain.info().orientation());
    assertEquals(info.width(), plain.image().width(), "without autoOrient the stored size");

    DecodedImage upright = JpegDecoder.decode(data, DecodeOptions.DEFAULT.withAutoOrient(true));
    int[] size = new int[2];
    int[] expected = TestFiles.readPngRgba(
        TestFiles.jpeg("exif_orientation_" + n + ".oriented.ref.png"), size);
    assertEquals(size[0], upright.image().width());
    assertEquals(size[1], upright.image().height());
    assertEquals(info.orientedWidth(), upright.image().width());
    int[] diff = Diff.maxDiff(upright.image().rgba(), expected);
    assertTrue(diff[0] <= ConformanceTest.TOLERANCE, Diff.describe(diff));
    assertEquals(0, diff[0], "exact: " + Diff.describe(diff));
  }

  @Test
  void transformsA2x3Image() {
    // Stored pixels numbered 0..5 row-major (w=2, h=3):  0 1 / 2 3 / 4 5
    Image img = numbered(2, 3);
    assertPixels(Orientation.apply(img, 1), 2, 3, 0, 1, 2, 3, 4, 5);
    assertPixels(Orientation.apply(img, 2), 2, 3, 1, 0, 3, 2, 5, 4);
    assertPixels(Orientation.apply(img, 3), 2, 3, 5, 4, 3, 2, 1, 0);
    assertPixels(Orientation.apply(img, 4), 2, 3, 4, 5, 2, 3, 0, 1);
    assertPixels(Orientation.apply(img, 5), 3, 2, 0, 2, 4, 1, 3, 5);
    assertPixels(Orientation.apply(img, 6), 3, 2, 4, 2, 0, 5, 3, 1);
    assertPixels(Orientation.apply(img, 7), 3, 2, 5, 3, 1, 4, 2, 0);
    assertPixels(Orientation.apply(img, 8), 3, 2, 1, 3, 5, 0, 2, 4);
  }

  @Test
  void parsesBothByteOrdersAndIgnoresDamage() {
    byte[] le = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0};
    byte[] be = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0};
    assertEquals(6, Exif.orientation(le));
    assertEquals(8, Exif.orientation(be));
    byte[] bad = be.clone();
    bad[19] = 9; // out of range
    assertEquals(1, Exif.orientation(bad));
    byte[] cut = java.util.Arrays.copyOf(be, 15);
    assertEquals(1, Exif.orientation(cut));
    byte[] offsetOut = be.clone();
    offsetOut[7] = (byte) 0xF0; // IFD offset beyond the data
    assertEquals(1, Exif.orientation(offsetOut));
    assertEquals(1, Exif.orientation(new byte[0]));
    assertEquals(1, Exif.orientation(null));
  }

  private static Image numbered(int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      rgba[4 * i] = (byte) i;
      rgba[4 * i + 3] = (byte) 255;
    }
    return new Image(w, h, rgba);
  }

  private static void assertPixels(Image img, int w, int h, int... ids) {
    assertEquals(w, img.width());
    assertEquals(h, img.height());
    int[] got = new int[w * h];
    for (int i = 0; i < got.length; i++) {
      got[i] = img.rgba()[4 * i];
    }
    assertArrayEquals(ids, got);
  }
}
