package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output's name and its bytes agree: compress takes the format from -o, the rest refuse. */
class OutputNamesTest {
  @TempDir
  Path dir;

  @Test
  void extensionsAreReadFromTheLastPathElement() {
    assertEquals("jpg", OutputNames.extension("a/b.c/photo.JPG"));
    assertEquals("", OutputNames.extension("a.d/photo"));
    assertEquals("", OutputNames.extension(".profile"));
    assertEquals("", OutputNames.extension("dir/.hidden"));
    assertEquals(ImageFormat.JPEG, OutputNames.formatOf("x.jpeg"));
    assertEquals(ImageFormat.JPEG, OutputNames.formatOf("x.jfif"));
    assertEquals(ImageFormat.PNG, OutputNames.formatOf("x.Png"));
    assertEquals(ImageFormat.TGL, OutputNames.formatOf("x.tgl"));
    assertNull(OutputNames.formatOf("x.webp"));
    assertNull(OutputNames.mismatch("x.bin", ImageFormat.TGL, "compress"), "no image name");
    assertNull(OutputNames.mismatch("x.jpe", ImageFormat.JPEG, "compress"));
    assertEquals("names a .tgl file, but --format jpeg writes JPEG",
        OutputNames.mismatch("x.tgl", ImageFormat.JPEG, "--format jpeg"));
    assertEquals("names a WebP file; Tegula writes .tgl, JPEG and PNG",
        OutputNames.mismatch("x.webp", ImageFormat.TGL, "compress"));
  }

  @Test
  void compressWritesTheFormatTheOutputIsNamedFor() throws IOException {
    Path in = copy("photos/astronaut.png", "in.png");
    for (String name : new String[] {"a.jpg", "b.JPEG", "c.png", "d.tgl", "e.bin"}) {
      Cli.Result r = Cli.run("compress", in.toString(), "-o", dir.resolve(name).toString());
      assertEquals(0, r.exit(), r.err());
      ImageFormat expected = OutputNames.formatOf(name) == null ? ImageFormat.TGL
          : OutputNames.formatOf(name);
      assertEquals(expected, Tegula.detect(Files.readAllBytes(dir.resolve(name))), name);
    }
  }

  @Test
  void aNameThatContradictsTheFormatIsAUsageErrorAndNothingIsWritten() throws IOException {
    Path in = copy("photos/astronaut.png", "in.png");
    Path jpegIn = copy("jpeg/baseline_420.jpg", "in.jpg");
    assertUsage("-o " + dir.resolve("x.tgl") + " names a .tgl file, but --format jpeg writes JPEG",
        "compress", "--format", "jpeg", in.toString(), "-o", dir.resolve("x.tgl").toString());
    assertUsage("-o " + dir.resolve("x.webp") + " names a WebP file; Tegula writes .tgl, JPEG"
        + " and PNG", "compress", in.toString(), "-o", dir.resolve("x.webp").toString());
    assertUsage("names a JPEG file, but --jpeg-lossless writes .tgl",
        "compress", "--jpeg-lossless", jpegIn.toString(), "-o", dir.resolve("y.jpg").toString());
    assertUsage("--lossless is not possible with -o " + dir.resolve("z.jpg"),
        "compress", "--lossless", in.toString(), "-o", dir.resolve("z.jpg").toString());
    assertUsage("--max-size is not possible with -o " + dir.resolve("z.png"),
        "compress", "--max-size", "10KB", in.toString(), "-o", dir.resolve("z.png").toString());
    assertUsage("names one image file; several inputs need a directory",
        "compress", in.toString(), jpegIn.toString(), "-o", dir.resolve("both.jpg").toString());
    assertUsage(dir.resolve("c.jpg") + " names a JPEG file, but convert writes PNG (tegula "
        + "compress " + in + " -o " + dir.resolve("c.jpg") + " writes one)",
        "convert", in.toString(), dir.resolve("c.jpg").toString());
    assertUsage("--heatmap " + dir.resolve("map.jpg") + " names a JPEG file, but --heatmap "
        + "writes PNG", "compare", in.toString(), in.toString(), "--heatmap",
        dir.resolve("map.jpg").toString());
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "only the two inputs");
    }
  }

  @Test
  void restoreWritesJpegOnlyWhereTheTglHoldsOne() throws IOException {
    Path lossy = dir.resolve("lossy.tgl");
    Files.copy(TestData.file("tgl/v1/grey16-alpha-metadata.tgl"), lossy);
    assertUsage("-o " + dir.resolve("r.jpg") + " names a JPEG file, but restore writes PNG",
        "restore", lossy.toString(), "-o", dir.resolve("r.jpg").toString());
    assertFalse(Files.exists(dir.resolve("r.jpg")));

    Path jpeg = copy("jpeg/baseline_420.jpg", "j.jpg");
    Path kept = dir.resolve("kept.tgl");
    assertEquals(0, Cli.run("compress", "--jpeg-lossless", jpeg.toString(), "-o",
        kept.toString()).exit());
    assertEquals(0, Cli.run("restore", kept.toString(), "-o",
        dir.resolve("back.jpeg").toString()).exit());
    assertArrayEquals(Files.readAllBytes(jpeg), Files.readAllBytes(dir.resolve("back.jpeg")));
    assertUsage("names a JPEG file, but --format png writes PNG", "restore", "--format", "png",
        kept.toString(), "-o", dir.resolve("px.jpg").toString());
    assertUsage("names a .tgl file, but restore writes JPEG", "restore", kept.toString(), "-o",
        dir.resolve("again.tgl").toString());
  }

  private void assertUsage(String message, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  private Path copy(String testFile, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(TestData.file(testFile), target);
    return target;
  }
}
