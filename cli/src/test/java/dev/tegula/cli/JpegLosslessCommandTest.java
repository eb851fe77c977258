package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compress --jpeg-lossless, restore to .jpg (or .png), info's kind. */
class JpegLosslessCommandTest {
  @TempDir
  Path dir;

  private Path copy(String relative, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(TestData.file(relative), target);
    return target;
  }

  @Test
  void compressRestoreGivesTheSameBytesAndInfoSaysModelled() throws IOException {
    Path in = copy("jpeg/progressive_420.jpg", "photo.jpg");
    byte[] original = Files.readAllBytes(in);
    Cli.Result c = Cli.run("compress", "--jpeg-lossless", in.toString());
    assertEquals(0, c.exit(), c.err());
    Path tgl = dir.resolve("photo.tgl");
    assertTrue(Files.size(tgl) < original.length);
    Files.delete(in);
    Cli.Result r = Cli.run("restore", tgl.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(original, Files.readAllBytes(in));
    Cli.Result i = Cli.run("info", tgl.toString());
    assertEquals(0, i.exit(), i.err());
    assertTrue(i.out().contains("JPEG reconstruction: modelled, coefficients in content 2"),
        i.out());
    Cli.Result png = Cli.run("restore", "--format", "png", tgl.toString());
    assertEquals(0, png.exit(), png.err());
    byte[] pixels = Files.readAllBytes(dir.resolve("photo.png"));
    assertEquals(ImageFormat.PNG, Tegula.detect(pixels));
    assertArrayEquals(Tegula.decode(original).image().rgba(),
        Tegula.decode(pixels).image().rgba());
  }

  @Test
  void theAdaptiveCodingWritesContent0WhichRestoresTheSameBytes() throws IOException {
    Path in = copy("jpeg/progressive_420.jpg", "photo.jpg");
    byte[] original = Files.readAllBytes(in);
    Path fast = dir.resolve("fast.tgl");
    Path adaptive = dir.resolve("adaptive.tgl");
    assertEquals(0, Cli.run("compress", "--jpeg-lossless", "--jpeg-coding", "fast", "-o",
        fast.toString(), in.toString()).exit());
    assertEquals(0, Cli.run("compress", "--jpeg-lossless", "--jpeg-coding", "ADAPTIVE", "-o",
        adaptive.toString(), in.toString()).exit());
    assertTrue(Files.size(adaptive) < original.length);
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(fast), Files.readAllBytes(adaptive)));
    Path back = dir.resolve("back.jpg");
    Cli.Result r = Cli.run("restore", "-o", back.toString(), adaptive.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(original, Files.readAllBytes(back));
    Cli.Result i = Cli.run("info", "--json", adaptive.toString());
    assertTrue(i.out().contains("\"coding\": \"content 0 (adaptive binary coding)\""),
        i.out());
    Cli.Result f = Cli.run("info", "--json", fast.toString());
    assertTrue(f.out().contains("\"coding\": \"content 2 (fast rANS coding)\""), f.out());
    Cli.Result u = Cli.run("compress", "--jpeg-coding", "adaptive", in.toString());
    assertEquals(ExitCodes.USAGE, u.exit(), u.err());
    assertTrue(u.err().contains("--jpeg-coding applies to --jpeg-lossless only"), u.err());
    Cli.Result bad = Cli.run("compress", "--jpeg-lossless", "--jpeg-coding", "best",
        in.toString());
    assertEquals(ExitCodes.USAGE, bad.exit(), bad.err());
    assertTrue(bad.err().contains("--jpeg-coding must be fast or adaptive, not best"), bad.err());
    assertFalse(Files.exists(dir.resolve("photo.tgl")));
  }

  @Test
  void aDamagedJpegIsStoredVerbatimAndComesBack() throws IOException {
    Path in = copy("invalid/jpeg_truncated_half.jpg", "cut.jpg");
    byte[] original = Files.readAllBytes(in);
    Path tgl = dir.resolve("cut.tgl");
    Cli.Result c = Cli.run("compress", "--jpeg-lossless", "-o", tgl.toString(), in.toString());
    assertEquals(0, c.exit(), c.err());
    Path back = dir.resolve("back.jpg");
    Cli.Result r = Cli.run("restore", "-o", back.toString(), tgl.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(original, Files.readAllBytes(back));
    assertTrue(Cli.run("info", tgl.toString()).out().contains("stored verbatim"));
  }

  @Test
  void otherInputsAndPixelOptionsAreRefused() throws IOException {
    Path png = copy("photos/astronaut.png", "a.png");
    Cli.Result r = Cli.run("compress", "--jpeg-lossless", png.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains("--jpeg-lossless needs a JPEG file; this is a PNG file"), r.err());
    assertFalse(Files.exists(dir.resolve("a.tgl")));
    Cli.Result u = Cli.run("compress", "--jpeg-lossless", "--quality", "80", png.toString());
    assertEquals(ExitCodes.USAGE, u.exit(), u.err());
    assertTrue(u.err().contains("--quality does not apply"), u.err());
  }
}
