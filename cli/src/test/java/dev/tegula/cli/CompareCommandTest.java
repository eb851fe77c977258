package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.Tegula;
import dev.tegula.core.Image;
import dev.tegula.metrics.Comparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir
  Path dir;

  private static String pair(String name) {
    return TestData.file("metrics/" + name).toString();
  }

  /** A member of the one-line JSON object: its raw text (a number, null, true, a string). */
  private static String member(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  @Test
  void printsTheMetricsOfAJpegDecode() {
    // the values of testdata/metrics/reference.tsv, which scikit-image computed
    Cli.Result r = Cli.run("compare", pair("astronaut.png"), pair("astronaut.jpeg-q20.png"));
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals("""
        PSNR       30.31 dB (RGB), 31.63 dB (luma)
        SSIM       0.8762 (7x7 window, mean of R, G, B)
        SSIM luma  0.8941 (Gaussian 11x11, sigma 1.5)
        MS-SSIM    0.9818 (luma, 5 scales)
        """, r.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void jsonCarriesFullPrecisionAndAlpha() {
    Cli.Result r = Cli.run("compare", "--json", pair("cutout.png"), pair("cutout.webp-q40.png"));
    assertEquals(0, r.exit(), r.err());
    String json = r.out().strip();
    assertFalse(json.contains("\n"));
    assertEquals(33.329506534303505, Double.parseDouble(member(json, "psnr")), 1e-9);
    assertEquals(0.9230894823848681, Double.parseDouble(member(json, "ssim")), 1e-9);
    assertEquals(0.9868827045683106, Double.parseDouble(member(json, "msSsim")), 1e-9);
    assertEquals("true", member(json, "alpha"));
    assertEquals(44.497213285533796, Double.parseDouble(member(json, "psnrAlpha")), 1e-9);
    assertEquals("false", member(json, "identical"));
    assertEquals("null", member(json, "heatmap"));
    assertEquals("190", member(json, "width"));
  }

  @Test
  void identicalImagesHaveNoFinitePsnr() {
    Cli.Result text = Cli.run("compare", pair("coffee.png"), pair("coffee.png"));
    assertTrue(text.out().startsWith("PSNR       inf dB (RGB), inf dB (luma): identical"
        + System.lineSeparator()), text.out());
    Cli.Result json = Cli.run("compare", "--json", pair("coffee.png"), pair("coffee.png"));
    assertEquals("null", member(json.out(), "psnr"));
    assertEquals("1.0", member(json.out(), "ssim"));
    assertEquals("true", member(json.out(), "identical"));
  }

  @Test
  void differentSizesAreOneLineAndExitOne() {
    Cli.Result r = Cli.run("compare", pair("cutout.png"), pair("astronaut.png"));
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertEquals("", r.out());
    assertEquals("tegula: " + pair("cutout.png") + " and " + pair("astronaut.png")
        + " differ in size: 190x180 and 197x173", r.err().strip());
  }

  @Test
  void anUndecodableInputNamesTheFile() throws IOException {
    Path bad = dir.resolve("bad.png");
    Files.writeString(bad, "not an image");
    Cli.Result r = Cli.run("compare", pair("coffee.png"), bad.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("tegula: " + bad + ": not a JPEG"), r.err());
  }

  @Test
  void writesTheHeatmapButNeverOverwritesWithoutForce() throws IOException {
    Path heat = dir.resolve("heat.png");
    Cli.Result r = Cli.run("compare", "--heatmap", heat.toString(), pair("flower.png"),
        pair("flower.webp-q75.png"));
    assertEquals(0, r.exit(), r.err());
    Image map = Tegula.decode(Files.readAllBytes(heat)).image();
    assertEquals(180, map.width());
    assertEquals(165, map.height());
    Image expected = Tegula.compare(Tegula.decode(Files.readAllBytes(Path.of(pair("flower.png"))))
        .image(), Tegula.decode(Files.readAllBytes(Path.of(pair("flower.webp-q75.png")))).image(),
        true).map().heatmap();
    assertArrayEquals(expected.rgba(), map.rgba());

    byte[] keep = "keep me".getBytes(StandardCharsets.US_ASCII);
    Files.write(heat, keep);
    Cli.Result again = Cli.run("compare", "--heatmap", heat.toString(), pair("flower.png"),
        pair("flower.webp-q75.png"));
    assertEquals(ExitCodes.IO, again.exit());
    assertEquals("tegula: " + heat + ": " + ErrorReporter.OUTPUT_EXISTS, again.err().strip());
    assertEquals("", again.out());
    assertArrayEquals(keep, Files.readAllBytes(heat));

    Cli.Result forced = Cli.run("compare", "--heatmap", heat.toString(), "--force",
        pair("flower.png"), pair("flower.webp-q75.png"));
    assertEquals(0, forced.exit(), forced.err());
    assertArrayEquals(expected.rgba(), Tegula.decode(Files.readAllBytes(heat)).image().rgba());
  }

  @Test
  void readsTglFiles() throws IOException {
    Image original = Tegula.decode(Files.readAllBytes(Path.of(pair("flower.png")))).image();
    Path tgl = dir.resolve("flower.tgl");
    Files.write(tgl, Tegula.compress(original, null, CompressOptions.lossy(60)));
    Cli.Result r = Cli.run("compare", "--json", pair("flower.png"), tgl.toString());
    assertEquals(0, r.exit(), r.err());
    Comparison expected = Tegula.compare(original,
        Tegula.decode(Files.readAllBytes(tgl)).image(), false);
    assertEquals(expected.psnr(), Double.parseDouble(member(r.out(), "psnr")), 1e-12);
    assertEquals(expected.msSsim(), Double.parseDouble(member(r.out(), "msSsim")), 1e-12);
    assertTrue(expected.psnr() > 25 && expected.psnr() < 60, r.out());
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertEquals(ExitCodes.USAGE, Cli.run("compare", pair("coffee.png")).exit());
  }
}
