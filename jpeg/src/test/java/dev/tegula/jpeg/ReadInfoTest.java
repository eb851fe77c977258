package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header facts as readInfo reports them, and decode's info with the real scan count. */
class ReadInfoTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "baseline_420.jpg, 256, 192, 3, YCbCr, baseline, 4:2:0, false, 1, 1",
    "baseline_422.jpg, 256, 192, 3, YCbCr, baseline, 4:2:2, false, 1, 1",
    "baseline_440.jpg, 256, 192, 3, YCbCr, baseline, 4:4:0, false, 1, 1",
    "baseline_444.jpg, 256, 192, 3, YCbCr, baseline, 4:4:4, false, 1, 1",
    "baseline_411.jpg, 256, 192, 3, YCbCr, baseline, 4:1:1, false, 1, 1",
    "baseline_odd_203x157_420.jpg, 203, 157, 3, YCbCr, baseline, 4:2:0, false, 1, 1",
    "gray.jpg, 256, 192, 1, grayscale, baseline, 4:0:0, false, 1, 1",
    "cmyk_adobe.jpg, 256, 192, 4, CMYK, baseline, 4:4:4, false, 1, 1",
    "ycck_adobe.jpg, 256, 192, 4, YCCK, baseline, 4:4:4, false, 1, 1",
    "rgb_no_transform.jpg, 256, 192, 3, RGB, baseline, 4:4:4, false, 1, 1",
    "libjxl_rgb_crop.jpg, 512, 384, 3, RGB, baseline, 4:4:4, false, 1, 1",
    "libjxl_asymmetric_crop.jpg, 512, 384, 3, YCbCr, baseline, '2x2,2x1,1x2', false, 1, 1",
    "libjxl_luma_subsample_crop.jpg, 512, 384, 3, YCbCr, baseline, '1x1,2x2,2x2', false, 1, 1",
    "q1_extended_16bit_dqt.jpg, 256, 192, 3, YCbCr, extended, 4:2:0, false, 1, 1",
    "progressive_420.jpg, 256, 192, 3, YCbCr, progressive, 4:2:0, true, 1, 10",
    "progressive_custom_scans.jpg, 256, 192, 3, YCbCr, progressive, 4:4:4, true, 1, 8",
    "noninterleaved_420.jpg, 256, 192, 3, YCbCr, baseline, 4:2:0, false, 1, 3",
    "arith_420.jpg, 256, 192, 3, YCbCr, arithmetic, 4:2:0, false, 1, 1",
    "arith_progressive_420.jpg, 256, 192, 3, YCbCr, progressive arithmetic, 4:2:0, true, 1, 10",
    "exif_orientation_6.jpg, 123, 93, 3, YCbCr, baseline, 4:2:0, false, 6, 1",
    "exif_orientation_3.jpg, 93, 123, 3, YCbCr, baseline, 4:2:0, false, 3, 1",
    "size_1x1_gray.jpg, 1, 1, 1, grayscale, baseline, 4:0:0, false, 1, 1",
  })
  void facts(String file, int w, int h, int comps, String space, String variant,
      String subsampling, boolean progressive, int orientation, int scans) {
    byte[] data = TestFiles.read(TestFiles.jpeg(file));
    ImageInfo i = JpegDecoder.readInfo(data, Limits.DEFAULT);
    assertEquals("jpeg", i.format());
    assertEquals(w, i.width());
    assertEquals(h, i.height());
    assertEquals(comps, i.components());
    assertEquals(8, i.bitDepth());
    assertEquals(space, i.colorSpace());
    assertEquals(variant, i.variant());
    assertEquals(subsampling, i.subsampling());
    assertEquals(progressive, i.progressive());
    assertFalse(i.hasAlpha());
    assertEquals(orientation, i.orientation());
    assertEquals(0, i.scans(), "readInfo stops at the first SOS");
    if (!file.startsWith("arith_") || ArithmeticSupport.available()) {
      ImageInfo d = JpegDecoder.decode(data, DecodeOptions.DEFAULT).info();
      assertEquals(scans, d.scans(), "decode counts every scan");
      assertEquals(i.colorSpace(), d.colorSpace());
      assertEquals(i.subsampling(), d.subsampling());
    }
  }

  @Test
  void looksLikeJpeg() {
    assertTrue(JpegDecoder.looksLikeJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
    assertFalse(JpegDecoder.looksLikeJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    assertFalse(JpegDecoder.looksLikeJpeg(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    assertFalse(JpegDecoder.looksLikeJpeg(new byte[0]));
    assertFalse(JpegDecoder.looksLikeJpeg(null));
  }
}
