package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
  private static String jpeg(String name) {
    return TestData.file("jpeg/" + name).toString();
  }

  private static String png(String name) {
    return TestData.file("png/" + name).toString();
  }

  @Test
  void describesAJpeg() {
    String file = jpeg("icc_profile.jpg");
    Cli.Result r = Cli.run("info", file);
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith(file + "\n"), r.out());
    assertTrue(r.out().contains("  format:       jpeg (baseline)\n"), r.out());
    assertTrue(r.out().contains("  size:         256x192\n"), r.out());
    assertTrue(r.out().contains("  orientation:  1 (normal)\n"), r.out());
    assertTrue(r.out().contains("  subsampling:  4:2:0\n"), r.out());
    assertTrue(r.out().contains("  bit depth:    8\n"), r.out());
    assertTrue(r.out().contains("  progressive:  no\n"), r.out());
    assertTrue(r.out().contains("  ICC profile:  3144 bytes, RGB, sRGB IEC61966-2.1\n"), r.out());
    assertTrue(r.out().contains("  status:       decodes completely\n"), r.out());
  }

  @Test
  void describesAPng() {
    Cli.Result r = Cli.run("info", png("rgba16_adam7.png"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  format:       png (Adam7)\n"), r.out());
    assertTrue(r.out().contains("  size:         45x37\n"), r.out());
    assertTrue(r.out().contains("  bit depth:    16\n"), r.out());
    assertTrue(r.out().contains("  progressive:  yes\n"), r.out());
    assertTrue(r.out().contains("  alpha:        yes\n"), r.out());
    assertFalse(r.out().contains("subsampling"), r.out());
  }

  @Test
  void showsTheDisplayedSizeOfARotatedJpeg() {
    Cli.Result r = Cli.run("info", jpeg("exif_orientation_6.jpg"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  size:         123x93\n"), r.out());
    assertTrue(r.out().contains(
        "  orientation:  6 (rotated 90° clockwise), displayed 93x123\n"), r.out());
    assertFalse(r.out().contains("  EXIF:         none"), r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void writesJsonForSeveralFiles() {
    Cli.Result r = Cli.run("info", "--json", jpeg("icc_profile.jpg"), png("rgba8.png"));
    assertEquals(0, r.exit(), r.err());
    List<Object> files = (List<Object>) MiniJson.parse(r.out());
    assertEquals(2, files.size());

    Map<String, Object> jpeg = (Map<String, Object>) files.get(0);
    assertEquals(jpeg("icc_profile.jpg"), jpeg.get("file"));
    assertEquals("jpeg", jpeg.get("format"));
    assertEquals("baseline", jpeg.get("variant"));
    assertEquals(256L, jpeg.get("width"));
    assertEquals(192L, jpeg.get("height"));
    assertEquals("4:2:0", jpeg.get("subsampling"));
    assertEquals(8L, jpeg.get("bitDepth"));
    assertEquals(false, jpeg.get("progressive"));
    assertEquals(1L, jpeg.get("orientation"));
    assertEquals(true, jpeg.get("complete"));
    Map<String, Object> metadata = (Map<String, Object>) jpeg.get("metadata");
    assertEquals(3144L, metadata.get("iccBytes"));
    assertEquals("RGB", metadata.get("iccColorSpace"));
    assertEquals("sRGB IEC61966-2.1", metadata.get("iccDescription"));
    assertTrue(metadata.get("textKeys") instanceof List);

    Map<String, Object> png = (Map<String, Object>) files.get(1);
    assertEquals("png", png.get("format"));
    assertEquals(45L, png.get("width"));
    assertEquals(37L, png.get("height"));
    assertEquals(true, png.get("alpha"));
    assertNull(png.get("subsampling"));
    assertTrue(png.containsKey("subsampling"), "absent values are written as null");
    assertFalse(png.containsKey("error"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonReportsAFailedFileAndStillExitsNonZero() {
    String bad = TestData.file("invalid/jpeg_not_a_jpeg.jpg").toString();
    Cli.Result r = Cli.run("info", "--json", bad, png("gray8.png"));
    assertEquals(1, r.exit());
    List<Object> files = (List<Object>) MiniJson.parse(r.out());
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) files.get(0)).get("error");
    assertEquals("malformed", error.get("code"));
    assertEquals(0L, error.get("offset"));
    assertEquals("png", ((Map<String, Object>) files.get(1)).get("format"));
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void badFileGivesOneLineAndExitOneWhileOthersAreStillShown() {
    String bad = TestData.file("invalid/jpeg_not_a_jpeg.jpg").toString();
    Cli.Result r = Cli.run("info", bad, png("gray8.png"));
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("  format:       png (non-interlaced)\n"), r.out());
    assertTrue(r.err().startsWith("tegula: " + bad + ": "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void missingFileIsAnIoErrorWithExitThree() {
    Cli.Result r = Cli.run("info", "no/such/file.jpg");
    assertEquals(3, r.exit());
    assertEquals("tegula: no/such/file.jpg: no such file or directory\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void pixelLimitRefusesLargeImages() {
    Cli.Result r = Cli.run("info", "--max-pixels", "1000", jpeg("baseline_420.jpg"));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("1000"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void nonPositiveLimitIsAUsageError() {
    Cli.Result r = Cli.run("info", "--max-pixels", "0", jpeg("baseline_420.jpg"));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--max-pixels must be at least 1"), r.err());
  }

  @Test
  void verboseShowsTheStackTrace() {
    String bad = TestData.file("invalid/jpeg_empty.jpg").toString();
    Cli.Result quiet = Cli.run("info", bad);
    Cli.Result verbose = Cli.run("info", "--verbose", bad);
    assertEquals(1, quiet.exit());
    assertEquals(1, verbose.exit());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    assertTrue(verbose.err().startsWith(quiet.err()), verbose.err());
    assertTrue(verbose.err().contains("\tat "), verbose.err());
  }

  @Test
  void noFileIsAUsageError() {
    Cli.Result r = Cli.run("info");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("FILE"), r.err());
  }
}
