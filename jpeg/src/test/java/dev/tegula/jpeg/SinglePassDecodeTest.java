package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-pass case (libjpeg's: a sequential image whose first scan holds every component):
 * rendered as it is decoded, from one iMCU row of coefficients, so that the memory a decode takes
 * follows its output, not its coefficients; and a second scan after it leaves the image as the
 * first made it, as djpeg does.
 */
class SinglePassDecodeTest {
  private static final DecodeOptions WHOLE = DecodeOptions.DEFAULT;

  /**
   * Bytes allocated by this thread while decoding (HotSpot's count), after a warm-up decode. The
   * coefficient store of a whole image was 2 bytes per coefficient: for 4:2:0, 3 bytes per pixel
   * beside the output's 4.
   */
  private static long allocatedBy(byte[] jpeg, DecodeOptions options) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    JpegDecoder.decode(jpeg, options);
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      JpegDecoder.decode(jpeg, options);
      least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    return least;
  }

  @Test
  void aBaselineDecodeAllocatesLittleBesidesItsOutput() {
    byte[] jpeg = TestFiles.read(TestFiles.jpeg("size_1023x769_420.jpg"));
    long output = 1023L * 769 * 4;
    long whole = allocatedBy(jpeg, WHOLE);
    long eighth = allocatedBy(jpeg, WHOLE.withJpegShrink(8));
    System.out.printf("single pass, 1023x769 4:2:0: whole decode allocates %,d bytes (output %,d);"
        + " at 1/8 %,d (output %,d)%n", whole, output, eighth, 128L * 97 * 4);
    // the store of every coefficient alone would be 1024 x 784 x 1.5 x 2 = 2.4 MB
    assertTrue(whole < output + 400_000, whole + " bytes");
    assertTrue(eighth < 400_000, eighth + " bytes");
  }

  /**
   * Every conformance file that is one sequential Huffman-coded scan, at every shrink: what the
   * decode allocates is its output and at most 300 KB besides (parser, tables, three iMCU rows of
   * samples per component), whatever the size of its coefficients.
   */
  @Test
  void everySinglePassConformanceFileAllocatesAboutItsOutput() {
    int checked = 0;
    for (String name : TestFiles.conformanceFiles()) {
      byte[] jpeg = TestFiles.read(TestFiles.jpeg(name));
      dev.tegula.core.ImageInfo info = JpegDecoder.readInfo(jpeg, dev.tegula.core.Limits.DEFAULT);
      DecodedImage whole = JpegDecoder.decode(jpeg, WHOLE);
      if (info.progressive() || info.variant().contains("arithmetic") || whole.info().scans() != 1) {
        continue;
      }
      for (int shrink : new int[] {1, 2, 4, 8}) {
        DecodeOptions o = WHOLE.withJpegShrink(shrink);
        long output = JpegDecoder.decode(jpeg, o).image().rgba().length;
        long allocated = allocatedBy(jpeg, o);
        assertTrue(allocated < output + 300_000,
            name + " at 1/" + shrink + ": " + allocated + " bytes for " + output + " of output");
      }
      checked++;
    }
    assertTrue(checked >= 25, checked + " files");
  }

  @Test
  void aProgressiveDecodeStillKeepsEveryCoefficient() {
    byte[] jpeg = TestFiles.read(TestFiles.jpeg("size_1023x769_progressive_444.jpg"));
    long whole = allocatedBy(jpeg, WHOLE);
    long coefficients = 1024L * 776 * 3 * 2;
    assertTrue(whole > 1023L * 769 * 4 + coefficients, whole + " bytes");
  }

  /**
   * A file whose single-pass image is followed by the scan of another image (its Huffman tables
   * before it): djpeg writes the first image and stops with "Didn't expect more than one scan";
   * the decoder gives the first image, complete, with a warning.
   */
  @Test
  void aSecondScanAfterASinglePassImageIsIgnored(@TempDir Path dir) throws Exception {
    Image a = gradient(false);
    Image b = gradient(true);
    JpegEncodeOptions o = JpegEncodeOptions.ofQuality(80).withProgressive(false);
    byte[] first = JpegEncoder.encode(a, Metadata.EMPTY, o);
    byte[] second = JpegEncoder.encode(b, Metadata.EMPTY, o);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first, 0, first.length - 2);
    // the other file's tables and scan, up to its EOI
    int dht = indexOf(second, 0xC4);
    out.write(second, dht - 2, second.length - 2 - (dht - 2));
    out.write(0xFF);
    out.write(0xD9);
    byte[] both = out.toByteArray();

    DecodedImage alone = JpegDecoder.decode(first, WHOLE);
    DecodedImage d = JpegDecoder.decode(both, WHOLE);
    assertArrayEquals(alone.image().rgba(), d.image().rgba());
    assertTrue(d.complete());
    assertTrue(d.warning().contains("a second scan"), d.warning());
    assertEquals(1, d.info().scans());
    // the second image alone decodes to other pixels: the test file tells them apart
    assertFalse(java.util.Arrays.equals(alone.image().rgba(),
        JpegDecoder.decode(second, WHOLE).image().rgba()));

    assumeTrue(Djpeg.available(), "djpeg (libjpeg-turbo-progs) not installed");
    Path file = dir.resolve("two-scans.jpg");
    Files.write(file, both);
    Path ppm = dir.resolve("two-scans.ppm");
    Djpeg.Run run = Djpeg.run(file, ppm, 1);
    assertTrue(run.messages().contains("more than one scan"), run.messages());
    int[] size = new int[2];
    int[] reference = Pnm.read(ppm, size);
    byte[] rgba = d.image().rgba();
    assertEquals(reference.length, rgba.length);
    for (int i = 0; i < rgba.length; i++) {
      assertEquals(reference[i], rgba[i] & 0xFF, "sample " + i);
    }
  }

  /**
   * An unsupported marker (JPG, SOF3, LSE) after a single-pass image: djpeg has written the image
   * when it meets it; the decoder keeps the image, complete, and says what it ignored.
   */
  @Test
  void anUnsupportedMarkerAfterASinglePassImageLeavesTheImage() {
    byte[] first = JpegEncoder.encode(gradient(false), Metadata.EMPTY,
        JpegEncodeOptions.ofQuality(80).withProgressive(false));
    DecodedImage alone = JpegDecoder.decode(first, WHOLE);
    for (int marker : new int[] {0xC8, 0xC3, 0xF8}) {
      byte[] file = java.util.Arrays.copyOf(first, first.length + 4);
      int end = first.length - 2;
      byte[] tail = {(byte) 0xFF, (byte) marker, 0, 2, (byte) 0xFF, (byte) 0xD9};
      System.arraycopy(tail, 0, file, end, tail.length);
      DecodedImage d = JpegDecoder.decode(file, WHOLE);
      assertArrayEquals(alone.image().rgba(), d.image().rgba(), Integer.toHexString(marker));
      assertTrue(d.complete());
      assertTrue(d.warning().contains("after the image's only scan: ignored"), d.warning());
    }
  }

  private static Image gradient(boolean inverted) {
    int w = 100;
    int h = 60;
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 4;
        int v = inverted ? 255 - x * 2 : x * 2;
        rgba[i] = (byte) v;
        rgba[i + 1] = (byte) (y * 4);
        rgba[i + 2] = (byte) (inverted ? 40 : 200);
        rgba[i + 3] = (byte) 255;
      }
    }
    return new Image(w, h, rgba);
  }

  /** Offset of the first marker FF m. */
  private static int indexOf(byte[] d, int m) {
    for (int i = 0; i + 1 < d.length; i++) {
      if ((d[i] & 0xFF) == 0xFF && (d[i + 1] & 0xFF) == m) {
        return i + 2;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(m));
  }
}
