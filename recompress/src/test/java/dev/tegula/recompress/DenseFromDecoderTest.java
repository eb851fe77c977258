package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The dense form the content-2 decoder makes row by row ({@link BlockMasks#fromDecoder}), with no
 * coefficient image kept, against the one {@link BlockMasks#prepare} makes from the parsed
 * coefficients: on every modelled test JPEG the masks, starts, values, DCs and levels are the
 * same, and a progressive file rebuilt from it is the original.
 */
class DenseFromDecoderTest {
  @Test
  void decoderDenseFormIsTheCoefficientsOwn() {
    int checked = 0;
    int progressive = 0;
    for (Path file : TestFiles.jpegs()) {
      byte[] jpeg = TestFiles.read(file);
      JpegModel m = model(jpeg);
      if (m == null) {
        continue;
      }
      CoefficientImage img = m.image;
      BandPlan plan = BandPlan.of(img);
      byte[][] tiles = CoefficientFixtures.fastTiles(img);
      CoefficientImage shape =
          new CoefficientImage(img.width, img.height, img.h, img.v, img.quant, false);
      BlockMasks dense = BlockMasks.fromDecoder(shape);
      for (int t = 0; t < plan.bands(); t++) {
        FastCoefficientCoder.decode(tiles[t], 0, tiles[t].length, shape, plan.rowStart(t),
            plan.rowEnd(t), dense);
      }
      BlockMasks parsed = new BlockMasks(img);
      for (int c = 0; c < img.components; c++) {
        String where = file + " component " + c;
        assertArrayEquals(parsed.of(c), dense.of(c), where);
        assertArrayEquals(parsed.starts(c), dense.starts(c), where);
        int values = parsed.starts(c)[parsed.starts(c).length - 1];
        assertEquals(values, dense.starts(c)[dense.starts(c).length - 1], where);
        assertArrayEquals(Arrays.copyOf(parsed.values(c), values),
            Arrays.copyOf(dense.values(c), values), where);
        assertArrayEquals(parsed.dc(c), dense.dc(c), where);
        assertArrayEquals(parsed.levels(c), dense.levels(c), where);
      }
      if (progressive(m.layout)) {
        assertArrayEquals(jpeg,
            JpegRewriter.rewrite(m.layout, shape, jpeg.length, Limits.DEFAULT, dense),
            file.toString());
        progressive++;
      }
      checked++;
    }
    assertTrue(checked > 40 && progressive > 5, checked + " files, " + progressive
        + " progressive");
  }

  /** Whether the frame the layout's first piece gives is progressive (SOF2). */
  private static boolean progressive(JpegLayout layout) {
    JpegSyntax syn = new JpegSyntax(layout.pieces()[0], Limits.DEFAULT);
    syn.nextScan();
    return syn.progressive;
  }

  private static JpegModel model(byte[] jpeg) {
    try {
      return JpegModel.parse(jpeg, Limits.DEFAULT);
    } catch (NotModellable | TegulaException e) {
      return null;
    }
  }
}
