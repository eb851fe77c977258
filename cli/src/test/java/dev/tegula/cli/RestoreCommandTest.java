package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {
  @TempDir
  Path dir;

  private Path corpus(String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(TestData.file("tgl/v1/" + name), target);
    return target;
  }

  @Test
  void restoresToAPngWithTheSamePixelsAndExif() throws IOException {
    Path in = corpus("grey16-alpha-metadata.tgl");
    Cli.Result r = Cli.run("restore", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    byte[] png = Files.readAllBytes(dir.resolve("grey16-alpha-metadata.png"));
    assertEquals(ImageFormat.PNG, Tegula.detect(png));
    DecodedImage expected = Tegula.decode(Files.readAllBytes(in));
    DecodedImage written = Tegula.decode(png);
    assertArrayEquals(expected.image().rgba(), written.image().rgba());
    assertArrayEquals(expected.metadata().exif(), written.metadata().exif());
    assertEquals(6, written.info().orientation());
  }

  @Test
  void aDamagedTileIsNamedTheRestIsWrittenAndTheExitSaysSo() throws IOException {
    Path in = corpus("rgb8-stored.tgl");
    byte[] data = Files.readAllBytes(in);
    data[data.length - 40] ^= 1; // inside the last tile's samples
    Files.write(in, data);
    Path out = dir.resolve("restored.png");
    Cli.Result r = Cli.run("restore", "-o", out.toString(), in.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains("warning: 1 of 6 tiles damaged"), r.err());
    assertTrue(r.err().contains("tile 5 (column 2, row 1; x 32-39, y 16-23): checksum mismatch"),
        r.err());
    assertTrue(r.err().contains("wrote " + out), r.err());
    assertTrue(Files.exists(out));
  }

  @Test
  void sixteenBitFilesRestoreToSixteenBitPngs() throws IOException {
    Path in = corpus("rgb16-stored.tgl");
    Cli.Result r = Cli.run("restore", in.toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage expected = Tegula.decode(Files.readAllBytes(in));
    DecodedImage written = Tegula.decode(Files.readAllBytes(dir.resolve("rgb16-stored.png")));
    assertEquals(16, written.info().bitDepth());
    assertArrayEquals(expected.image().rgba16(), written.image().rgba16());
  }

  @Test
  void theFastPngSettingsGiveTheSamePixels() throws IOException {
    Path in = corpus("rgb8-stored.tgl");
    Cli.Result r = Cli.run("restore", "--effort", "0", "--level", "1", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(Tegula.decode(Files.readAllBytes(in)).image().rgba(),
        Tegula.decode(Files.readAllBytes(dir.resolve("rgb8-stored.png"))).image().rgba());
    assertEquals(ExitCodes.USAGE, Cli.run("restore", "--effort", "9", in.toString()).exit());
  }

  @Test
  void onlyTglIsRestored() throws IOException {
    Path jpeg = dir.resolve("x.jpg");
    Files.copy(TestData.file("jpeg/baseline_420.jpg"), jpeg);
    Cli.Result r = Cli.run("restore", jpeg.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("not a .tgl file"), r.err());
    assertFalse(Files.exists(dir.resolve("x.png")));
  }

  @Test
  void compressThenRestoreInOneDirectory() throws IOException {
    Path in = dir.resolve("photo.png");
    Files.copy(TestData.file("photos/astronaut.png"), in);
    assertEquals(0, Cli.run("compress", "-q", "90", in.toString()).exit());
    Path restored = dir.resolve("back");
    Cli.Result r = Cli.run("restore", "-o", restored + "/", dir.resolve("photo.tgl").toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage d = Tegula.decode(Files.readAllBytes(restored.resolve("photo.png")));
    assertEquals(512, d.image().width());
    assertTrue(d.complete());
  }
}
