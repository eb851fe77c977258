package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import java.io.IOException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The size search on the fine quality scale (JPEG and .tgl), against the whole-quality search. */
class TargetSearchTest {
  @Test
  void jpegOnTheFineScaleLandsInTheBandWhereWholeQualitiesStepOverIt() throws IOException {
    Image image = Tegula.decode(java.nio.file.Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    long pixels = (long) image.width() * image.height();
    int[] calls = new int[1];
    IntFunction<byte[]> encoder = h -> {
      calls[0]++;
      return Tegula.encodeJpeg(image, Metadata.EMPTY, TargetSearch.jpegOptions(h));
    };
    int fineInBand = 0;
    int wholeInBand = 0;
    for (long target : new long[] {15_000, 40_000, 70_000, 100_000}) {
      calls[0] = 0;
      TargetSearch.Result fine = TargetSearch.forSize(ImageFormat.JPEG, pixels, target, encoder);
      assertEquals(calls[0], fine.encodes());
      assertTrue(fine.encodes() <= 3, fine.encodes() + " encodes");
      assertTrue(fine.bytes().length <= target, fine.bytes().length + " > " + target);
      fineInBand += fine.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
      TargetSearch.Result whole = TargetSearch.forSize(ImageFormat.JPEG, 100, true, pixels, target,
          encoder);
      assertEquals(0, whole.quality() % 100, "the whole search asks for whole qualities");
      wholeInBand += whole.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
    }
    assertEquals(4, fineInBand, "fine scale in the 3% band");
    assertTrue(wholeInBand < fineInBand, "whole qualities: " + wholeInBand + " in the band");
  }

  @Test
  void tglOnTheFineScaleLandsInTheBandWhereWholeQualitiesStepOverIt() throws IOException {
    Image image = Tegula.decode(java.nio.file.Files.readAllBytes(
        TglFacadeTest.testdata("photos/astronaut.png"))).image();
    long pixels = (long) image.width() * image.height();
    int[] calls = new int[1];
    IntFunction<byte[]> encoder = h -> {
      calls[0]++;
      return dev.tegula.tgl.TglEncoder.encode(image, Metadata.EMPTY,
          dev.tegula.tgl.TglEncodeOptions.lossyHundredths(h));
    };
    int fineInBand = 0;
    int wholeInBand = 0;
    for (long target : new long[] {15_000, 40_000, 70_000, 100_000}) {
      calls[0] = 0;
      TargetSearch.Result fine = TargetSearch.forSize(ImageFormat.TGL, pixels, target, encoder);
      assertEquals(calls[0], fine.encodes());
      assertTrue(fine.encodes() <= 3, fine.encodes() + " encodes");
      assertTrue(fine.bytes().length <= target, fine.bytes().length + " > " + target);
      fineInBand += fine.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
      TargetSearch.Result whole = TargetSearch.forSize(ImageFormat.TGL, 100, false, pixels, target,
          encoder);
      assertEquals(0, whole.quality() % 100, "the whole search asks for whole qualities");
      wholeInBand += whole.bytes().length >= TargetSearch.SIZE_BAND * target ? 1 : 0;
    }
    assertEquals(4, fineInBand, "fine scale in the 3% band");
    assertTrue(wholeInBand < fineInBand, "whole qualities: " + wholeInBand + " in the band");
  }
}
