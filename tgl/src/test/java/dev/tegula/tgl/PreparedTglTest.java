package dev.tegula.tgl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedTgl}: one preparation per chroma resolution serves a search's encodes at any
 * quality, each giving the bytes of a one-shot {@link TglEncoder#encode}.
 */
class PreparedTglTest {
  /** Noise that no lossy quality codes smaller than its samples: the stored fallback. */
  private static Image noise(int w, int h, int seed) {
    int[] s = {seed | 1};
    byte[] rgba = new byte[w * h * 4];
    for (int p = 0; p < rgba.length; p++) {
      rgba[p] = (byte) ((p & 3) == 3 ? 255 : TestImages.next(s));
    }
    return new Image(w, h, rgba);
  }

  /** Flat on the left (constant tiles), noisy gradient on the right. */
  private static Image halfFlat(int w, int h) {
    Image flat = TestImages.flat(w, h, 200, 40, 90, 255);
    Image busy = TestImages.rgb(w, h, 9, false);
    for (int y = 0; y < h; y++) {
      System.arraycopy(busy.rgba(), (y * w + w / 2) * 4, flat.rgba(), (y * w + w / 2) * 4,
          (w - w / 2) * 4);
    }
    return flat;
  }

  @Test
  void everyEncodeOfAPreparationIsTheOneShotEncode() {
    Metadata meta = new Metadata(null, null, null, Map.of("Comment", "prepared once"));
    Object[][] cases = {
      {TestImages.rgb(53, 37, 1, false), 16}, {TestImages.rgb(40, 33, 2, true), 16},
      {TestImages.grey(45, 20, 3), 32}, {halfFlat(64, 24), 16}, {noise(24, 20, 5), 16},
      {TestImages.sixteen(20, 18, 4, false, true), 16}, {TestImages.rgb(70, 50, 6, false), 512}};
    // the same quality again after others, and both sides of the jump to full chroma at 97
    int[] codes = {9000, 2000, 9000, 9700, 9999, 10000, 0, 5050, 9650};
    for (Object[] c : cases) {
      Image image = (Image) c[0];
      int side = (Integer) c[1];
      for (TglEncodeOptions.Chroma chroma : new TglEncodeOptions.Chroma[] {null,
          TglEncodeOptions.Chroma.FULL, TglEncodeOptions.Chroma.HALF}) {
        List<PreparedTgl> prepared = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
          TglEncodeOptions o = TglEncodeOptions.lossyHundredths(codes[i]).withTileSize(side)
              .withChroma(chroma);
          PreparedTgl p = prepared.stream().filter(x -> x.accepts(o)).findFirst().orElse(null);
          if (p == null) {
            p = TglEncoder.prepare(image, o);
            prepared.add(p);
          }
          Metadata m = i % 2 == 0 ? meta : null;
          assertArrayEquals(TglEncoder.encode(image, m, o), p.encode(m, o),
              image.width() + "x" + image.height() + " tile " + side + " " + chroma + " q"
              + codes[i]);
        }
        // a grey image has no chroma, so one side
        assertEquals(chroma == null && !TglEncoder.lossyIsGrey(image) ? 2 : 1, prepared.size(),
            "one preparation per side");
      }
    }
  }

  @Test
  void aPreparationTakesOnlyLossyOptionsOfItsTilesEffortAndChroma() {
    Image image = TestImages.rgb(40, 40, 7, true);
    TglEncodeOptions q80 = TglEncodeOptions.lossy(80).withTileSize(32);
    PreparedTgl p = TglEncoder.prepare(image, q80);
    assertTrue(p.accepts(TglEncodeOptions.lossyHundredths(1234).withTileSize(32)));
    assertTrue(p.accepts(q80.withChroma(TglEncodeOptions.Chroma.HALF)));
    for (TglEncodeOptions other : new TglEncodeOptions[] {TglEncodeOptions.lossy(97)
        .withTileSize(32), q80.withChroma(TglEncodeOptions.Chroma.FULL), q80.withTileSize(16),
        q80.withEffort(4), TglEncodeOptions.lossless().withTileSize(32), null}) {
      assertFalse(p.accepts(other));
      assertThrows(IllegalArgumentException.class, () -> p.encode(null, other));
    }
    PreparedTgl grey = TglEncoder.prepare(TestImages.grey(20, 20, 1), q80);
    assertTrue(grey.accepts(TglEncodeOptions.lossy(99).withTileSize(32)), "grey has no chroma");
    assertThrows(IllegalArgumentException.class,
        () -> TglEncoder.prepare(image, TglEncodeOptions.lossless()));
    assertThrows(IllegalArgumentException.class, () -> TglEncoder.prepare(null, q80));
    assertThrows(IllegalArgumentException.class, () -> TglEncoder.prepare(image, null));
  }
}
