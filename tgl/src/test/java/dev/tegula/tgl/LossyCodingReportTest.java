package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tegula.core.Limits;
import dev.tegula.tgl.lossy.LossyTileHeader;
import org.junit.jupiter.api.Test;

/**
 * What a .tgl file reports about its lossy coding (TglFile.lossyCoding, info's subsampling): the
 * quality in hundredths and chroma of its tiles, from the first intact one.
 */
class LossyCodingReportTest {
  @Test
  void aLossyFileReportsItsTilesQualityInHundredthsAndChroma() {
    byte[] half = TglEncoder.encode(TestImages.rgb(40, 40, 1, false), null,
        TglEncodeOptions.lossyHundredths(7212).withTileSize(16));
    TglFile f = TglDecoder.open(half, Limits.DEFAULT);
    assertEquals(new LossyTileHeader(7212, false), f.lossyCoding());
    assertEquals("4:2:0", f.info().subsampling());
    assertEquals(72, f.header().quality(), "the header keeps the whole quality given");

    byte[] full = TglEncoder.encode(TestImages.rgb(40, 40, 1, true), null,
        TglEncodeOptions.lossy(50).withChroma(TglEncodeOptions.Chroma.FULL));
    assertEquals("4:4:4", TglDecoder.open(full, Limits.DEFAULT).info().subsampling());
  }

  @Test
  void greyAndLosslessFilesHaveNoChroma() {
    byte[] grey = TglEncoder.encode(TestImages.grey(20, 20, 2), null, TglEncodeOptions.lossy(60));
    TglFile g = TglDecoder.open(grey, Limits.DEFAULT);
    assertEquals(6000, g.lossyCoding().qualityHundredths());
    assertNull(g.info().subsampling());
    byte[] lossless = TglEncoder.encode(TestImages.rgb(20, 20, 3, false), null,
        TglEncodeOptions.lossless());
    TglFile l = TglDecoder.open(lossless, Limits.DEFAULT);
    assertNull(l.lossyCoding());
    assertNull(l.info().subsampling());
  }

  @Test
  void aDamagedFirstTileIsPassedOverAndNoIntactTileMeansNoReport() {
    byte[] data = TglEncoder.encode(TestImages.rgb(32, 16, 4, false), null,
        TglEncodeOptions.lossyHundredths(4550).withTileSize(16));
    TglFile f = TglDecoder.open(data, Limits.DEFAULT);
    int tile0 = f.tile(0).offset();
    int tile1 = f.tile(1).offset();
    data[tile0 + 21] ^= 0x7F; // a byte of tile 0's lossy header (its quality): the CRC fails
    assertEquals(new LossyTileHeader(4550, false),
        TglDecoder.open(data, Limits.DEFAULT).lossyCoding(), "read from tile 1");
    data[tile1 + 21] ^= 0x7F;
    TglFile both = TglDecoder.open(data, Limits.DEFAULT);
    assertNull(both.lossyCoding());
    assertNull(both.info().subsampling());
  }
}
