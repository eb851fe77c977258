package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  @TempDir
  Path dir;

  private static final byte[] ORIGINAL = "not to be touched".getBytes(StandardCharsets.US_ASCII);

  @Test
  void writesAPngWithTheJpegsPixels() throws IOException {
    Path in = TestData.file("jpeg/baseline_420.jpg");
    Path out = dir.resolve("out.png");
    Cli.Result r = Cli.run("convert", in.toString(), out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(List.of("out.png"), names());

    byte[] png = Files.readAllBytes(out);
    assertEquals(ImageFormat.PNG, Tegula.detect(png));
    Image expected = Tegula.decode(Files.readAllBytes(in)).image();
    Image written = Tegula.decode(png).image();
    assertEquals(expected.width(), written.width());
    assertEquals(expected.height(), written.height());
    assertArrayEquals(expected.rgba(), written.rgba());
    assertArrayEquals(expected.rgba(), readWithImageIo(png));
  }

  @Test
  void keepsTheIccProfile() throws IOException {
    Path in = TestData.file("jpeg/icc_profile.jpg");
    Path out = dir.resolve("icc.png");
    assertEquals(0, Cli.run("convert", in.toString(), out.toString()).exit());
    byte[] icc = Tegula.decode(Files.readAllBytes(in)).metadata().icc();
    assertNotNull(icc);
    assertArrayEquals(icc, Tegula.decode(Files.readAllBytes(out)).metadata().icc());
  }

  @Test
  void autoOrientTurnsTheImageUpright() throws IOException {
    Path in = TestData.file("jpeg/exif_orientation_6.jpg");
    Path out = dir.resolve("upright.png");
    Cli.Result r = Cli.run("convert", "--auto-orient", in.toString(), out.toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage written = Tegula.decode(Files.readAllBytes(out));
    assertEquals(93, written.image().width());
    assertEquals(123, written.image().height());
    assertEquals(1, written.info().orientation(), "EXIF kept but marked upright");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Path out = dir.resolve("existing.png");
    Files.write(out, ORIGINAL);
    Cli.Result r = Cli.run("convert", TestData.file("jpeg/baseline_420.jpg").toString(),
        out.toString());
    assertEquals(3, r.exit());
    assertEquals("tegula: " + out + ": exists (use --force to overwrite)\n", r.err());
    assertArrayEquals(ORIGINAL, Files.readAllBytes(out));
    assertEquals(List.of("existing.png"), names());
  }

  @Test
  void overwritesWithForce() throws IOException {
    Path in = TestData.file("png/rgba8.png");
    Path out = dir.resolve("existing.png");
    Files.write(out, ORIGINAL);
    Cli.Result r = Cli.run("convert", "--force", in.toString(), out.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(Tegula.decode(Files.readAllBytes(in)).image().rgba(),
        Tegula.decode(Files.readAllBytes(out)).image().rgba());
    assertEquals(List.of("existing.png"), names());
  }

  @Test
  void badInputIsOneLineExitOneAndNoOutput() throws IOException {
    Path in = TestData.file("invalid/png_bad_signature.png");
    Path out = dir.resolve("out.png");
    Cli.Result r = Cli.run("convert", in.toString(), out.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("tegula: " + in + ": "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(List.of(), names());
  }

  @Test
  void verboseShowsTheStackTraceOfAFailure() throws IOException {
    Path in = TestData.file("invalid/jpeg_not_a_jpeg.jpg");
    Cli.Result r = Cli.run("convert", "--verbose", in.toString(), dir.resolve("o.png").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("tegula: " + in + ": "), r.err());
    assertTrue(r.err().contains("MalformedInputException"), r.err());
    assertTrue(r.err().contains("\tat "), r.err());
    assertEquals(List.of(), names());
  }

  @Test
  void verboseSaysWhatWasDone() throws IOException {
    Path out = dir.resolve("v.png");
    Cli.Result r = Cli.run("convert", "-v", TestData.file("jpeg/baseline_420.jpg").toString(),
        out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("256x192 decoded in"), r.err());
    assertTrue(r.err().contains(Files.size(out) + " bytes written"), r.err());
  }

  @Test
  void incompleteImageIsWrittenWithAWarning() throws IOException {
    Path in = TestData.file("invalid/jpeg_truncated_half.jpg");
    Path out = dir.resolve("partial.png");
    Cli.Result r = Cli.run("convert", in.toString(), out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().startsWith("tegula: " + in + ": warning: "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(ImageFormat.PNG, Tegula.detect(Files.readAllBytes(out)));
    assertEquals(List.of("partial.png"), names());
  }

  @Test
  void missingInputIsAnIoError() throws IOException {
    Cli.Result r = Cli.run("convert", dir.resolve("nope.jpg").toString(),
        dir.resolve("o.png").toString());
    assertEquals(3, r.exit());
    assertTrue(r.err().endsWith("nope.jpg: no such file or directory\n"), r.err());
    assertEquals(List.of(), names());
  }

  @Test
  void unwritableOutputIsAnIoErrorAndLeavesNothing() throws IOException {
    Path out = dir.resolve("missing-dir").resolve("o.png");
    Cli.Result r = Cli.run("convert", TestData.file("jpeg/baseline_420.jpg").toString(),
        out.toString());
    assertEquals(3, r.exit());
    assertTrue(r.err().startsWith("tegula: " + out + ": "), r.err());
    assertEquals(List.of(), names());
  }

  @Test
  void directoryAsOutputIsRefusedEvenWithForce() throws IOException {
    Path out = Files.createDirectory(dir.resolve("d.png"));
    Cli.Result r = Cli.run("convert", "--force", TestData.file("jpeg/baseline_420.jpg").toString(),
        out.toString());
    assertEquals(3, r.exit());
    assertEquals("tegula: " + out + ": is a directory\n", r.err());
    assertTrue(Files.isDirectory(out));
  }

  @Test
  void missingOutputArgumentIsAUsageError() {
    Cli.Result r = Cli.run("convert", "in.jpg");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("OUT.png"), r.err());
  }

  @Test
  void keepsSixteenBitSamples() throws IOException {
    Path in = TestData.file("png/rgba16.png");
    Path out = dir.resolve("deep.png");
    Cli.Result r = Cli.run("convert", in.toString(), out.toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage source = Tegula.decode(Files.readAllBytes(in));
    DecodedImage written = Tegula.decode(Files.readAllBytes(out));
    assertEquals(16, written.info().bitDepth());
    assertArrayEquals(source.image().rgba16(), written.image().rgba16());
    assertArrayEquals(source.image().rgba(), written.image().rgba());
  }

  @Test
  void levelChoosesTheDeflateLevel() throws IOException {
    Path in = TestData.file("jpeg/baseline_420.jpg");
    Path stored = dir.resolve("stored.png");
    Path small = dir.resolve("small.png");
    Cli.Result r = Cli.run("convert", "--level", "0", in.toString(), stored.toString());
    assertEquals(0, r.exit(), r.err());
    r = Cli.run("convert", "--level", "9", "--effort", "1", in.toString(), small.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.size(stored) > 256 * 192 * 3, "level 0 stores: " + Files.size(stored));
    assertTrue(Files.size(stored) > Files.size(small) * 3 / 2,
        Files.size(stored) + " vs " + Files.size(small));
    byte[] expected = Tegula.decode(Files.readAllBytes(in)).image().rgba();
    assertArrayEquals(expected, Tegula.decode(Files.readAllBytes(stored)).image().rgba());
    assertArrayEquals(expected, Tegula.decode(Files.readAllBytes(small)).image().rgba());
  }

  @Test
  void badLevelOrEffortIsAUsageErrorBeforeAnyWork() throws IOException {
    String in = TestData.file("png/rgb8.png").toString();
    Cli.Result r = Cli.run("convert", "--level", "10", in, dir.resolve("o.png").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("compressionLevel must be 0-9"), r.err());
    r = Cli.run("convert", "--effort", "-1", in, dir.resolve("o.png").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("effort must be"), r.err());
    assertEquals(List.of(), names());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The raw samples as RGBA, read by an independent decoder (no colour management applied). */
  private static byte[] readWithImageIo(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    Raster raster = image.getRaster();
    int w = image.getWidth();
    int h = image.getHeight();
    int bands = raster.getNumBands();
    byte[] rgba = new byte[w * h * 4];
    int[] pixel = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.getPixel(x, y, pixel);
        int i = (y * w + x) * 4;
        boolean gray = bands <= 2;
        rgba[i] = (byte) pixel[0];
        rgba[i + 1] = (byte) pixel[gray ? 0 : 1];
        rgba[i + 2] = (byte) pixel[gray ? 0 : 2];
        rgba[i + 3] = (byte) (bands == 2 ? pixel[1] : bands == 4 ? pixel[3] : 255);
      }
    }
    return rgba;
  }
}
