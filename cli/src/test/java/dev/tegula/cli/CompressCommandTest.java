package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {
  @TempDir
  Path dir;

  private Path copy(String testFile, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(TestData.file(testFile), target);
    return target;
  }

  @Test
  void compressesBesideTheInputAndRestoresBack() throws IOException {
    Path in = copy("jpeg/icc_profile.jpg", "photo.jpg");
    Cli.Result r = Cli.run("compress", "--quality", "60", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    Path tgl = dir.resolve("photo.tgl");
    byte[] file = Files.readAllBytes(tgl);
    assertEquals(ImageFormat.TGL, Tegula.detect(file));
    ImageInfo info = Tegula.readInfo(file);
    assertEquals("lossy", info.variant());
    assertEquals(256, info.width());
    DecodedImage original = Tegula.decode(Files.readAllBytes(in));
    DecodedImage restored = Tegula.decode(file);
    assertArrayEquals(original.metadata().icc(), restored.metadata().icc(), "ICC kept verbatim");
    assertEquals(Tegula.inspectTgl(file, dev.tegula.core.Limits.DEFAULT).header().quality(), 60);
  }

  @Test
  void manyInputsGoToTheDirectoryAndABadOneDoesNotStopTheOthers() throws IOException {
    Path a = copy("photos/astronaut.png", "a.png");
    Path b = copy("jpeg/baseline_420.jpg", "b.jpg");
    Path bad = dir.resolve("bad.png");
    Files.write(bad, "not an image".getBytes(StandardCharsets.US_ASCII));
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("compress", "-q", "40", "-o", out.toString() + "/", a.toString(),
        bad.toString(), b.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains("tegula: " + bad + ": not a JPEG, PNG or .tgl file"), r.err());
    assertEquals(List.of("a.tgl", "b.tgl"), names(out));
    for (String name : List.of("a.tgl", "b.tgl")) {
      assertTrue(Tegula.decode(Files.readAllBytes(out.resolve(name))).complete());
    }
  }

  @Test
  void neverOverwritesWithoutForce() throws IOException {
    Path in = copy("jpeg/baseline_420.jpg", "x.jpg");
    Path out = dir.resolve("x.tgl");
    Files.write(out, new byte[] {1, 2, 3});
    Cli.Result r = Cli.run("compress", in.toString());
    assertEquals(ExitCodes.IO, r.exit());
    assertEquals("tegula: " + out + ": " + ErrorReporter.OUTPUT_EXISTS, r.err().strip(),
        "names the file in the way, not the input");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
    assertEquals(0, Cli.run("compress", "--force", in.toString()).exit());
    assertEquals(ImageFormat.TGL, Tegula.detect(Files.readAllBytes(out)));
    assertEquals(List.of("x.jpg", "x.tgl"), names(dir), "no temporary file left behind");
  }

  @Test
  void twoInputsWritingOneFileAreCaughtBeforeWork() throws IOException {
    Path png = copy("photos/astronaut.png", "same.png");
    Path jpg = copy("jpeg/baseline_420.jpg", "same.jpg");
    Cli.Result r = Cli.run("compress", png.toString(), jpg.toString());
    assertEquals(ExitCodes.IO, r.exit(), r.err());
    assertTrue(r.err().contains(jpg + ": would write"), r.err());
    assertTrue(Files.exists(dir.resolve("same.tgl")));
  }

  @Test
  void theResultDoesNotDependOnTheThreadCount() throws IOException {
    Path in = copy("photos/flower.png", "f.png");
    assertEquals(0, Cli.run("compress", "-j", "1", "-o", dir.resolve("one.tgl").toString(),
        in.toString()).exit());
    assertEquals(0, Cli.run("compress", "-j", "4", "-o", dir.resolve("four.tgl").toString(),
        in.toString()).exit());
    assertArrayEquals(Files.readAllBytes(dir.resolve("one.tgl")),
        Files.readAllBytes(dir.resolve("four.tgl")));
  }

  @Test
  void losslessIsExact() throws IOException {
    Path in = copy("png/rgba8.png", "alpha.png");
    Cli.Result r = Cli.run("compress", "--lossless", in.toString());
    Path out = dir.resolve("alpha.tgl");
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(Tegula.decode(Files.readAllBytes(in)).image().rgba(),
        Tegula.decode(Files.readAllBytes(out)).image().rgba());
  }

  /** --effort picks the lossless method: 1 the fast one, 4 the strongest; both are exact. */
  @Test
  void losslessEffortsAreExactAndDiffer() throws IOException {
    Path in = copy("photos/astronaut.png", "e.png");
    byte[] pixels = Tegula.decode(Files.readAllBytes(in)).image().rgba();
    long[] sizes = new long[2];
    int k = 0;
    for (String effort : new String[] {"1", "4"}) {
      Path out = dir.resolve("e" + effort + ".tgl");
      Cli.Result r = Cli.run("compress", "--lossless", "--effort", effort, "-o", out.toString(),
          in.toString());
      assertEquals(0, r.exit(), r.err());
      assertArrayEquals(pixels, Tegula.decode(Files.readAllBytes(out)).image().rgba());
      sizes[k++] = Files.size(out);
    }
    assertTrue(sizes[0] != sizes[1], "efforts 1 and 4 wrote the same size");
  }

  @Test
  void usageErrors() throws IOException {
    Path in = copy("jpeg/baseline_420.jpg", "u.jpg");
    assertEquals(ExitCodes.USAGE,
        Cli.run("compress", "--lossless", "--quality", "5", in.toString()).exit());
    assertEquals(ExitCodes.USAGE, Cli.run("compress", "--quality", "101", in.toString()).exit());
    assertEquals(ExitCodes.USAGE, Cli.run("compress", "--tile-size", "8", in.toString()).exit());
    assertEquals(ExitCodes.USAGE, Cli.run("compress", "-j", "0", in.toString()).exit());
    assertEquals(ExitCodes.USAGE, Cli.run("compress").exit());
    Path file = dir.resolve("existing.tgl");
    Files.write(file, new byte[1]);
    Cli.Result r = Cli.run("compress", "-o", file.toString(), in.toString(), in.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
  }

  @Test
  void verboseSaysWhatEachFileBecame() throws IOException {
    Path in = copy("jpeg/baseline_420.jpg", "v.jpg");
    Cli.Result r = Cli.run("compress", "-v", "--no-progress", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains(in + " -> " + dir.resolve("v.tgl") + ": "), r.err());
    assertTrue(r.err().contains(" bpp"), r.err());
  }

  @Test
  void theProgressBarGoesToStderrWhenAsked() throws IOException {
    Path in = copy("jpeg/baseline_420.jpg", "p.jpg");
    Cli.Result r = Cli.run("compress", "--progress", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("compress 1/1 file  [##############################] 100%"),
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void bitsPerPixelHasTwoDecimals() {
    assertEquals("1.00", CompressCommand.bitsPerPixel(1, 8));
    assertEquals("0.05", CompressCommand.bitsPerPixel(5, 800));
    assertEquals("12.34", CompressCommand.bitsPerPixel(1234, 800));
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
