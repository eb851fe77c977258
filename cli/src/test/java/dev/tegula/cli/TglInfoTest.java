package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tegula info x.tgl}: version, mode, tiles, chunks, and every checksum checked. */
class TglInfoTest {
  @TempDir
  Path dir;

  @Test
  void describesTheContainer() {
    String file = TestData.file("tgl/v1/grey16-alpha-metadata.tgl").toString();
    Cli.Result r = Cli.run("info", file);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  format:       tgl (lossless)\n"), r.out());
    assertTrue(r.out().contains("  orientation:  6 (rotated 90° clockwise), displayed 20x33\n"),
        r.out());
    assertTrue(r.out().contains(
        "  container:    .tgl version 1, lossless, 16-bit grayscale+alpha\n"), r.out());
    assertTrue(r.out().contains("  tiles:        6 of 16x16 (3 across, 2 down)\n"), r.out());
    assertTrue(r.out().contains("  chunks:       THDR 20, exif 28, iccp 132, xmpd 37, text 24, "
        + "text 13, TIDX 28, TEND 0\n"), r.out());
    assertTrue(r.out().contains("  checksums:    all 14 match\n"), r.out());
    assertTrue(r.out().contains("  status:       decodes completely\n"), r.out());
  }

  @Test
  void aLossyFileShowsItsTilesQualityInHundredthsAndChroma() throws IOException {
    Path file = dir.resolve("searched.tgl");
    Files.write(file, dev.tegula.tgl.TglEncoder.encode(
        dev.tegula.api.Tegula.decode(Files.readAllBytes(TestData.file("photos/astronaut.png")))
            .image(), null, dev.tegula.tgl.TglEncodeOptions.lossyHundredths(7212)));
    Cli.Result r = Cli.run("info", file.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  subsampling:  4:2:0\n"), r.out());
    assertTrue(r.out().contains("  container:    .tgl version 1, lossy q72.12 4:2:0, 8-bit RGB\n"),
        r.out());
    Cli.Result json = Cli.run("info", "--json", file.toString());
    Map<?, ?> tgl = (Map<?, ?>) ((Map<?, ?>) ((List<?>) MiniJson.parse(json.out())).get(0))
        .get("tgl");
    assertEquals("4:2:0", tgl.get("chroma"), json.out());
    assertEquals(72L, ((Number) tgl.get("quality")).longValue());
    assertEquals(7212L, ((Number) tgl.get("qualityHundredths")).longValue());
  }

  @Test
  void aBadChecksumFailsTheCommand() throws IOException {
    Path file = dir.resolve("bad.tgl");
    byte[] data = Files.readAllBytes(TestData.file("tgl/v1/rgba8-lossy-mode.tgl"));
    int tile0 = dev.tegula.api.Tegula.inspectTgl(data, dev.tegula.core.Limits.DEFAULT).tile(0)
        .offset();
    data[tile0 + 30] ^= 1;
    Files.write(file, data);
    Cli.Result r = Cli.run("info", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.out().contains("  checksums:    1 of 11 fail; tile 0 (column 0, row 0; x 0-15, "
        + "y 0-15): checksum mismatch"), r.out());
    assertTrue(r.out().contains("  status:       incomplete: 1 of 8 tiles damaged"), r.out());
    assertTrue(r.err().contains("1 of 11 checksums fail"), r.err());
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasTheContainer() {
    String file = TestData.file("tgl/v1/rgb8-unknown-optional-chunks.tgl").toString();
    Cli.Result r = Cli.run("info", "--json", file);
    assertEquals(0, r.exit(), r.err());
    Map<String, Object> report = (Map<String, Object>) ((List<Object>) MiniJson.parse(r.out())).get(0);
    assertEquals("tgl", report.get("format"));
    Map<String, Object> tgl = (Map<String, Object>) report.get("tgl");
    assertEquals(1L, tgl.get("version"));
    assertEquals("lossless", tgl.get("mode"));
    assertEquals(4L, tgl.get("tiles"));
    assertEquals(0L, tgl.get("checksumFailures"));
    List<Object> chunks = (List<Object>) tgl.get("chunks");
    Map<String, Object> unknown = (Map<String, Object>) chunks.get(1);
    assertEquals("zzFu", unknown.get("type"));
    assertEquals(false, unknown.get("known"));
  }
}
