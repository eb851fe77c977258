package dev.tegula.recompress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.Limits;
import dev.tegula.core.TegulaException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The word-wise {@link ScanEncoder} and {@link EntropyWriter} against the bit-at-a-time encoder
 * they replaced ({@link LegacyScanEncoder}): the same bytes on every test JPEG, on perturbed
 * coefficients with random end-of-band toggles and padding, and the writer against a plain list
 * of bits.
 */
class RewriterTest {
  static List<Path> jpegs() {
    return TestFiles.jpegs();
  }

  private static JpegModel model(byte[] jpeg) {
    try {
      return JpegModel.parse(jpeg, Limits.DEFAULT);
    } catch (NotModellable | TegulaException e) {
      return null;
    }
  }

  private static JpegRewriter.ScanWriter fast(CoefficientImage img) {
    BlockMasks masks = new BlockMasks(img);
    return (syn, image, record, out) -> ScanEncoder.encode(syn, image, record, out, masks);
  }

  /** Both encoders' bytes, or the refusal's message when one refuses. */
  private static String rewrite(JpegLayout layout, CoefficientImage img, JpegRewriter.ScanWriter w,
      List<byte[]> out) {
    try {
      out.add(JpegRewriter.rewrite(layout, img, 1024, Limits.DEFAULT, w));
      return null;
    } catch (NotModellable e) {
      out.add(null);
      return "refused";
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void rewritesEveryTestJpegAsTheReferenceDoes(Path file) {
    byte[] jpeg = TestFiles.read(file);
    JpegModel m = model(jpeg);
    if (m == null) {
      return; // not Huffman-coded or damaged in its first scan: nothing is rewritten
    }
    List<byte[]> out = new ArrayList<>();
    String fast = rewrite(m.layout, m.image, fast(m.image), out);
    String reference = rewrite(m.layout, m.image, LegacyScanEncoder::encode, out);
    assertEquals(reference, fast);
    if (out.get(0) != null) {
      assertArrayEquals(out.get(1), out.get(0));
    }
  }

  /** Every intact Huffman-coded conformance file comes back from its coefficients as it was. */
  @Test
  void rebuildsTheConformanceFilesExactly() {
    int rebuilt = 0;
    for (Path file : TestFiles.jpegs()) {
      String name = file.getFileName().toString();
      if (!file.getParent().getFileName().toString().equals("jpeg") || name.startsWith("arith")) {
        continue;
      }
      byte[] jpeg = TestFiles.read(file);
      JpegModel m = JpegModel.parse(jpeg, Limits.DEFAULT);
      assertArrayEquals(jpeg, JpegRewriter.rewrite(m.layout, m.image, jpeg.length,
          Limits.DEFAULT), name);
      rebuilt++;
    }
    assertTrue(rebuilt > 40, rebuilt + " files");
  }

  /**
   * Coefficients changed at random (small steps, zeros, large values, whole blocks cleared) and
   * records with random toggles and padding, on every modelled test JPEG: the same bytes as the
   * reference, or both refuse (a symbol the table lacks, a run too long).
   */
  @Test
  void perturbedScansMatchTheReference() {
    Random rnd = new Random(20261128);
    int compared = 0;
    int refused = 0;
    for (Path file : TestFiles.jpegs()) {
      JpegModel m = model(TestFiles.read(file));
      if (m == null) {
        continue;
      }
      for (int variant = 0; variant < 6; variant++) {
        CoefficientImage img = perturbed(m.image, rnd, variant);
        JpegLayout layout = withRandomRecords(m.layout, rnd, variant);
        List<byte[]> out = new ArrayList<>();
        String fast = rewrite(layout, img, fast(img), out);
        String reference = rewrite(layout, img, LegacyScanEncoder::encode, out);
        assertEquals(reference, fast, file + " variant " + variant);
        if (out.get(0) != null) {
          assertArrayEquals(out.get(1), out.get(0), file + " variant " + variant);
          compared++;
        } else {
          refused++;
        }
      }
    }
    assertTrue(compared > 150, compared + " compared, " + refused + " refused by both");
  }

  private static CoefficientImage perturbed(CoefficientImage src, Random rnd, int variant) {
    CoefficientImage img = new CoefficientImage(src.width, src.height, src.h, src.v, src.quant);
    for (int c = 0; c < src.components; c++) {
      short[] from = src.coefficients[c];
      short[] to = img.coefficients[c];
      for (int i = 0; i < from.length; i++) {
        int v = from[i];
        int x = rnd.nextInt(1000);
        switch (variant) {
          case 0 -> { } // unchanged coefficients: only the records differ
          case 1 -> v += x < 100 ? rnd.nextInt(3) - 1 : 0;
          case 2 -> v = x < 300 ? 0 : v;
          case 3 -> v += x < 10 ? rnd.nextInt(64) - 32 : 0;
          case 4 -> v = (i & 63) == 0 || x < 500 ? v : 0;
          default -> v = x < 2 ? rnd.nextInt(4096) - 2048 : v;
        }
        to[i] = (short) Math.max(-32767, Math.min(32767, v));
      }
      if (variant == 2) {
        // whole blocks of zeros: long end-of-band runs in progressive scans
        for (int b = 0; b + 64 <= to.length; b += 64) {
          if (rnd.nextInt(4) != 0) {
            java.util.Arrays.fill(to, b + 1, b + 64, (short) 0);
          }
        }
      }
    }
    return img;
  }

  private static JpegLayout withRandomRecords(JpegLayout layout, Random rnd, int variant) {
    ScanRecord[] records = new ScanRecord[layout.scans()];
    for (int k = 0; k < records.length; k++) {
      ScanRecord r = layout.records()[k];
      if (variant % 2 == 1) {
        records[k] = r;
        continue;
      }
      List<Integer> pads = new ArrayList<>();
      for (int s = 0; s < 64; s++) {
        if (rnd.nextInt(3) == 0) {
          pads.add(s);
          pads.add(rnd.nextInt(128));
        }
      }
      List<Integer> toggles = new ArrayList<>();
      for (int b = rnd.nextInt(8); b < 20000; b += 1 + rnd.nextInt(variant == 2 ? 6 : 40)) {
        toggles.add(b);
      }
      records[k] = new ScanRecord(pads.stream().mapToInt(Integer::intValue).toArray(),
          toggles.stream().mapToInt(Integer::intValue).toArray());
    }
    return new JpegLayout(layout.pieces(), records, layout.tail());
  }

  /**
   * What compress checks before it trusts the stored layout: the frame of its piece 0 gives the
   * parsed image, and an image with another quantization table or size is told apart.
   */
  @Test
  void theStoredLayoutsFrameGivesTheParsedImage() {
    int checked = 0;
    for (Path file : TestFiles.jpegs()) {
      JpegModel m = model(TestFiles.read(file));
      if (m == null) {
        continue;
      }
      JpegLayout stored = LayoutCodec.read(LayoutCodec.write(m.layout), Limits.DEFAULT, 0);
      JpegSyntax syn = new JpegSyntax(stored.pieces()[0], Limits.DEFAULT);
      assertTrue(syn.nextScan() > 0, file.toString());
      CoefficientImage img = m.image;
      assertTrue(JpegModel.isImageOf(img, syn), file.toString());
      int[][] quant = img.quant.clone();
      quant[0] = quant[0].clone();
      quant[0][5]++;
      assertTrue(!JpegModel.isImageOf(new CoefficientImage(img.width, img.height, img.h, img.v,
          quant), syn), file.toString());
      assertTrue(!JpegModel.isImageOf(new CoefficientImage(img.width + 1, img.height, img.h,
          img.v, img.quant), syn), file.toString());
      checked++;
    }
    assertTrue(checked > 40, checked + " files");
  }

  /** The table-made masks against a walk in zigzag order, on blocks of every density. */
  @Test
  void blockMasksMarkTheNonzeroCoefficientsInZigzagOrder() {
    Random rnd = new Random(5);
    short[] coef = new short[64 * 500];
    for (int i = 0; i < coef.length; i++) {
      int density = (i >> 6) % 9; // blocks from all zero to all nonzero
      coef[i] = (short) (rnd.nextInt(8) < density ? rnd.nextInt(65535) - 32767 | 1 : 0);
    }
    long[] masks = BlockMasks.compute(coef);
    for (int b = 0; b < masks.length; b++) {
      long expected = 0;
      for (int k = 0; k < 64; k++) {
        if (coef[b * 64 + JpegSyntax.ZIGZAG[k]] != 0) {
          expected |= 1L << (63 - k);
        }
      }
      assertEquals(expected, masks[b], "block " + b);
    }
  }

  /**
   * The dense form progressive scans read: each block's nonzero AC coefficients in zigzag order,
   * block after block, from its start, its DC, and the level masks and correction bits of its
   * AC coefficients; the extremes of a 16-bit coefficient included.
   */
  @Test
  void blockMasksListTheNonzeroCoefficientsInZigzagOrder() {
    Random rnd = new Random(6);
    int[][] quant = {new int[64]};
    java.util.Arrays.fill(quant[0], 1);
    CoefficientImage img = new CoefficientImage(8 * 25, 8 * 20, new int[] {1}, new int[] {1},
        quant);
    short[] coef = img.coefficients[0];
    short[] extremes = {Short.MIN_VALUE, Short.MAX_VALUE, -1, 1, 2, -2};
    for (int i = 0; i < coef.length; i++) {
      int density = (i >> 6) % 9;
      if (rnd.nextInt(8) < density) {
        coef[i] = rnd.nextInt(4) == 0 ? extremes[rnd.nextInt(extremes.length)]
            : (short) (rnd.nextInt(65535) - 32767 | 1);
      }
    }
    BlockMasks masks = new BlockMasks(img);
    long[] m = masks.of(0);
    int[] starts = masks.starts(0);
    short[] values = masks.values(0);
    assertArrayEquals(BlockMasks.compute(coef), m);
    int at = 0;
    for (int b = 0; b < m.length; b++) {
      assertEquals(at, starts[b], "start of block " + b);
      assertEquals(coef[b * 64], masks.dc(0)[b], "DC of block " + b);
      for (int k = 1; k < 64; k++) {
        short v = coef[b * 64 + JpegSyntax.ZIGZAG[k]];
        if (v != 0) {
          assertEquals(v, values[at++], "block " + b + " position " + k);
        }
      }
    }
    assertTrue(at <= values.length); // room to spare: the array is grown as the blocks are read
    assertEquals(at, starts[m.length]);
    long[] levels = masks.levels(0);
    for (int b = 0; b < m.length; b++) {
      int l = b * BlockMasks.LEVEL_LONGS;
      long negative = 0;
      for (int k = 1; k < 64; k++) {
        negative |= coef[b * 64 + JpegSyntax.ZIGZAG[k]] < 0 ? Long.MIN_VALUE >>> k : 0;
      }
      assertEquals(negative, levels[l + BlockMasks.NEGATIVE], "signs of block " + b);
      for (int al = 0; al <= BlockMasks.MAX_REFINE_AL; al++) {
        long owed = 0;
        long bits = 0;
        for (int k = 1; k < 64; k++) {
          int a = Math.abs(coef[b * 64 + JpegSyntax.ZIGZAG[k]]);
          if (a >> (al + 1) != 0) {
            owed |= Long.MIN_VALUE >>> k;
            bits = (bits << 1) | ((a >> al) & 1);
          }
        }
        assertEquals(owed, levels[l + BlockMasks.AT_LEAST + al], "block " + b + " Al " + al);
        assertEquals(bits, levels[l + BlockMasks.CORRECTIONS + al], "block " + b + " Al " + al);
      }
    }
  }

  /**
   * The writer against a list of bits: random codes of 0-63 bits, many of them all ones (so
   * that 0xFF bytes and their stuffing fall at every place of the 64-bit word), segments padded
   * with ones or given bits, restart markers.
   */
  @Test
  void writerStuffsAndPadsAsAListOfBitsSays() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 300; trial++) {
      ByteSinkOut sink = new ByteSinkOut(16);
      EntropyWriter w = new EntropyWriter(sink);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      List<Integer> bits = new ArrayList<>();
      int segments = 1 + rnd.nextInt(4);
      for (int s = 0; s < segments; s++) {
        int puts = rnd.nextInt(200);
        for (int i = 0; i < puts; i++) {
          int length = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(17);
          long value = rnd.nextInt(3) == 0 ? -1L : rnd.nextLong();
          value = length == 0 ? 0 : value >>> (64 - length);
          w.put(value, length);
          for (int b = length - 1; b >= 0; b--) {
            bits.add((int) (value >>> b) & 1);
          }
        }
        int pad = rnd.nextBoolean() ? -1 : rnd.nextInt(128);
        w.finishSegment(pad);
        int padBits = (8 - bits.size() % 8) % 8;
        for (int b = padBits - 1; b >= 0; b--) {
          bits.add(pad < 0 ? 1 : (pad >> b) & 1);
        }
        for (int i = 0; i < bits.size(); i += 8) {
          int x = 0;
          for (int b = 0; b < 8; b++) {
            x = (x << 1) | bits.get(i + b);
          }
          expected.write(x);
          if (x == 0xFF) {
            expected.write(0);
          }
        }
        bits.clear();
        if (s + 1 < segments) {
          w.restart(s);
          expected.write(0xFF);
          expected.write(0xD0 + (s & 7));
        }
      }
      assertArrayEquals(expected.toByteArray(), sink.toByteArray(), "trial " + trial);
    }
  }
}
