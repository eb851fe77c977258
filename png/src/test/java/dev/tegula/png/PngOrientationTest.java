package dev.tegula.png;

import dev.tegula.core.Orientation;
import dev.tegula.core.Exif;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * EXIF orientation from eXIf, checked against ImageMagick's {@code -auto-orient} of the JPEG
 * orientation test images: their stored pixels and EXIF go into a PNG, which must decode upright.
 */
class PngOrientationTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void autoOrientMatchesImageMagick(int orientation) {
    String stem = "exif_orientation_" + orientation;
    byte[] jpeg = TestData.bytes(TestData.root().resolve("jpeg").resolve(stem + ".jpg"));
    byte[] exif = exifOfJpeg(jpeg);
    Image stored = decode(TestData.root().resolve("jpeg").resolve(stem + ".ref.png"));
    Image upright = decode(TestData.root().resolve("jpeg").resolve(stem + ".oriented.ref.png"));

    byte[] png = PngEncoder.encode(stored, new Metadata(null, exif, null, null),
        PngEncodeOptions.DEFAULT);
    DecodedImage plain = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertEquals(orientation, plain.info().orientation());
    assertArrayEquals(stored.rgba(), plain.image().rgba(), "not oriented unless asked");

    DecodedImage oriented = PngDecoder.decode(png, DecodeOptions.DEFAULT.withAutoOrient(true));
    assertEquals(stored.width(), oriented.info().width(), "info keeps the stored size");
    assertEquals(upright.width(), oriented.image().width());
    assertEquals(upright.height(), oriented.image().height());
    assertEquals(upright.width(), oriented.info().orientedWidth());
    assertArrayEquals(upright.rgba(), oriented.image().rgba());
  }

  @Test
  void sixteenBitSamplesTurnWithTheImage() {
    short[] s16 = new short[2 * 1 * 4];
    for (int i = 0; i < s16.length; i++) {
      s16[i] = (short) (1000 * i);
    }
    Image img = new Image(2, 1, new byte[8], s16);
    Image turned = Orientation.apply(img, 6);
    assertEquals(1, turned.width());
    assertEquals(2, turned.height());
    assertArrayEquals(s16, turned.rgba16(), "a 2x1 row turned clockwise reads top to bottom");
    Image mirrored = Orientation.apply(img, 2);
    assertEquals(4000, mirrored.rgba16()[0]);
    assertSame(img, Orientation.apply(img, 1));
    assertSame(img, Orientation.apply(img, 9));
  }

  @Test
  void exifReaderToleratesDamage() {
    byte[] le = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0};
    assertEquals(6, Exif.orientation(le));
    byte[] be = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0};
    assertEquals(3, Exif.orientation(be));
    for (int n = 0; n < le.length; n++) {
      assertEquals(1, Exif.orientation(Arrays.copyOf(le, n)), "entry cut at " + n);
    }
    byte[] outOfRange = le.clone();
    outOfRange[18] = 9;
    assertEquals(1, Exif.orientation(outOfRange));
    byte[] manyEntries = le.clone();
    manyEntries[8] = (byte) 0xFF;
    manyEntries[9] = (byte) 0xFF;
    assertEquals(6, Exif.orientation(manyEntries));
    byte[] badOffset = le.clone();
    badOffset[7] = (byte) 0x80;
    assertEquals(1, Exif.orientation(badOffset));
  }

  private static Image decode(java.nio.file.Path path) {
    return PngDecoder.decode(TestData.bytes(path), DecodeOptions.DEFAULT).image();
  }

  /** The TIFF structure of the JPEG's APP1 "Exif\0\0" segment. */
  private static byte[] exifOfJpeg(byte[] jpeg) {
    int p = 2;
    while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
      int marker = jpeg[p + 1] & 0xFF;
      int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
      if (marker == 0xE1 && jpeg[p + 4] == 'E' && jpeg[p + 5] == 'x') {
        return Arrays.copyOfRange(jpeg, p + 10, p + 2 + len);
      }
      p += 2 + len;
    }
    throw new IllegalStateException("no EXIF");
  }
}
