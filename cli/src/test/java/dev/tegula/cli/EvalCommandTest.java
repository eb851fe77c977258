package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir
  Path dir;

  /** Two small images in a nested folder, and a file that only looks like one. */
  private Path corpus() throws IOException {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus.resolve("sub"));
    Files.copy(TestData.file("metrics/coffee.png"), corpus.resolve("coffee.png"));
    Files.copy(TestData.file("metrics/cutout.png"), corpus.resolve("sub/cutout.png"));
    Files.writeString(corpus.resolve("broken.jpg"), "not a jpeg");
    Files.writeString(corpus.resolve("notes.txt"), "ignored");
    return corpus;
  }

  @Test
  void writesResultsAndReportAndNeverOverwritesWithoutForce() throws IOException {
    Path corpus = corpus();
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("eval", "--corpus", corpus.toString(), "--codecs", "png",
        "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    // broken.jpg sorts first and is skipped before its step starts
    assertTrue(r.err().startsWith("[########................] 1/3 coffee.png png"), r.err());
    assertTrue(r.err().contains("[########################] 3/3 done"), r.err());
    assertTrue(r.err().contains("tegula: warning: broken.jpg: skipped, cannot be read: not a"
        + " JPEG"), r.err());

    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(3, csv.size());
    assertEquals(String.join(",", dev.tegula.cli.eval.ResultsCsv.COLUMNS), csv.get(0));
    assertTrue(csv.get(1).startsWith("coffee.png,176,168,png,,"), csv.get(1));
    assertTrue(csv.get(1).contains(",inf,inf,1.00000000,1.00000000,1.00000000,,,"), csv.get(1));
    assertTrue(csv.get(2).startsWith("sub/cutout.png,190,180,png,,"), csv.get(2));
    // lossless with alpha: alpha identical too
    assertTrue(csv.get(2).contains(",inf,1.00000000,"), csv.get(2));

    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertEquals(3, count(html, "<svg class=\"chart\""));
    assertTrue(html.contains("png (lossless, "));
    assertTrue(html.contains("Needs two lossy codecs"));
    assertTrue(html.contains("<section class=\"image\" data-image=\"sub/cutout.png\">"));
    assertTrue(!html.contains("<script"));
    assertTrue(noFetches(html));

    byte[] before = Files.readAllBytes(out.resolve("results.csv"));
    Cli.Result again = Cli.run("eval", "--corpus", corpus.toString(), "--codecs", "png",
        "--out", out.toString());
    assertEquals(ExitCodes.IO, again.exit());
    assertTrue(again.err().endsWith(ErrorReporter.OUTPUT_EXISTS + System.lineSeparator()),
        again.err());
    assertArrayEquals(before, Files.readAllBytes(out.resolve("results.csv")));
    assertEquals(0, Cli.run("eval", "--corpus", corpus.toString(), "--out", out.toString(),
        "--force").exit());
  }

  /** The only URL in the report is the SVG namespace, which is never fetched. */
  private static boolean noFetches(String html) {
    return html.replace("http://www.w3.org/2000/svg", "").indexOf("http") < 0;
  }

  @Test
  void unknownCodecsAndBadQualitiesAreUsageErrors() throws IOException {
    Path corpus = corpus();
    String out = dir.resolve("out").toString();
    Cli.Result r = Cli.run("eval", "--corpus", corpus.toString(), "--codecs", "png,webp",
        "--out", out);
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().startsWith("unknown codec 'webp': available are "), r.err());
    assertTrue(r.err().contains("png"), r.err());
    Cli.Result q = Cli.run("eval", "--corpus", corpus.toString(), "--qualities", "0,50",
        "--out", out);
    assertEquals(ExitCodes.USAGE, q.exit());
    assertTrue(q.err().startsWith("quality 0 is not in 1-100"), q.err());
    assertTrue(Files.notExists(dir.resolve("out")));
  }

  @Test
  void aCorpusWithoutImagesFails() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Result r = Cli.run("eval", "--corpus", empty.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit());
    assertEquals("tegula: " + empty + ": no JPEG or PNG files found", r.err().strip());
    Cli.Result missing = Cli.run("eval", "--corpus", dir.resolve("nope").toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(ExitCodes.IO, missing.exit());
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
