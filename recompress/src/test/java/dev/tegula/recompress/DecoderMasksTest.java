package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The nonzero masks the content-2 decoder keeps in the {@link CoefficientImage} for the rebuild
 * ({@link BlockMasks} uses them instead of making its own): on every modelled test JPEG they are
 * exactly the masks of the decoded coefficients, the file rebuilt with them is the original, and
 * an image whose bands were not all decoded so, or whose masks were dropped, offers none.
 */
class DecoderMasksTest {
  @Test
  void decodedMasksAreTheCoefficientsOwn() {
    int checked = 0;
    for (Path file : TestFiles.jpegs()) {
      byte[] jpeg = TestFiles.read(file);
      JpegModel m = model(jpeg);
      if (m == null) {
        continue;
      }
      CoefficientImage img = m.image;
      assertNull(img.masks(), file + ": the parse keeps none");
      BandPlan plan = BandPlan.of(img);
      byte[][] tiles = CoefficientFixtures.fastTiles(img);
      CoefficientImage out = copyShape(img);
      for (int t = 0; t < plan.bands(); t++) {
        assertNull(out.masks(), file + ": masks offered before every band was decoded");
        FastCoefficientCoder.decode(tiles[t], 0, tiles[t].length, out, plan.rowStart(t),
            plan.rowEnd(t));
      }
      long[][] masks = out.masks();
      assertNotNull(masks, file.toString());
      for (int c = 0; c < out.components; c++) {
        assertArrayEquals(img.coefficients[c], out.coefficients[c], file + " component " + c);
        assertArrayEquals(BlockMasks.compute(out.coefficients[c]), masks[c],
            file + " component " + c);
      }
      assertArrayEquals(jpeg, JpegRewriter.rewrite(m.layout, out, jpeg.length, Limits.DEFAULT),
          file.toString());
      out.dropMasks();
      assertNull(out.masks(), file + ": dropped masks still offered");
      checked++;
    }
    assertTrue(checked > 40, checked + " files");
  }

  private static CoefficientImage copyShape(CoefficientImage img) {
    return new CoefficientImage(img.width, img.height, img.h, img.v, img.quant);
  }

  private static JpegModel model(byte[] jpeg) {
    try {
      return JpegModel.parse(jpeg, Limits.DEFAULT);
    } catch (NotModellable | TegulaException e) {
      return null;
    }
  }
}
