package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.api.CompressOptions;
import dev.tegula.api.CompressResult;
import dev.tegula.api.ImageFormat;
import dev.tegula.api.Tegula;
import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Exif;
import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import dev.tegula.jpeg.JpegEncodeOptions;
import dev.tegula.metrics.Metrics;
import dev.tegula.transform.LocationRemoval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tegula compress: --format, targets, resize, grey, metadata and orientation, end to end. */
class CompressFeaturesTest {
  @TempDir
  Path dir;

  private Path copy(String testFile, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(TestData.file(testFile), target);
    return target;
  }

  private static DecodedImage decode(Path p) throws IOException {
    return Tegula.decode(Files.readAllBytes(p));
  }

  private Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("compress", "--no-progress"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(new String[0]));
  }

  /**
   * An SSIM search on a decoded JPEG may move JPEG's second knob, the trellis lambda; the summary
   * then names it next to the quality (with both, the file can be made again), else leaves it out.
   */
  @Test
  void summaryNamesTheTrellisLambdaASearchMoved() throws IOException {
    Image photo = decode(TestData.file("photos/astronaut.png")).image();
    Image crop = new Image(256, 256, new byte[256 * 256 * 4]);
    for (int y = 0; y < 256; y++) {
      System.arraycopy(photo.rgba(), ((96 + y) * photo.width() + 128) * 4, crop.rgba(), y * 256 * 4,
          256 * 4);
    }
    byte[] jpeg = Tegula.encodeJpeg(crop, null, JpegEncodeOptions.ofQuality(80)
        .withPsychovisual(false));
    Path in = dir.resolve("decoded.jpg");
    Files.write(in, jpeg);
    // one target whose search moves the lambda and one whose search does not, as the API finds
    String moved = null;
    String kept = null;
    for (int t = 0; t < 40 && (moved == null || kept == null); t++) {
      String target = String.valueOf((9000 + 23 * t) / 10000.0);
      CompressResult api = Tegula.compressFile(jpeg, CompressOptions.lossy(75)
          .withFormat(ImageFormat.JPEG).withTargetSsim(Double.parseDouble(target)), Limits.DEFAULT);
      if (api.lambdaHundredths() != 100 && moved == null) {
        moved = target;
        assertSummary(in, target, " 4:2:0 lambda x" + CompressCommand.lambda(api.lambdaHundredths())
            + " after ", true);
      } else if (api.lambdaHundredths() == 100 && kept == null) {
        kept = target;
        assertSummary(in, target, " lambda ", false);
      }
    }
    assertTrue(moved != null && kept != null, "the targets no longer cover both cases");
    assertEquals("1.15", CompressCommand.lambda(115));
    assertEquals("2.05", CompressCommand.lambda(205));
    assertEquals("1.00", CompressCommand.lambda(100));
  }

  /**
   * A JPEG size search that fitted its file to the target by dropping coefficients says so in
   * the summary; one that did not, does not. (On astronaut the first target trimmed lies near
   * 80 KB since session 35's size estimates on the real steps, 20-70 KB land without a trim.)
   */
  @Test
  void summarySaysWhenASizeSearchTrimmedTheFile() throws IOException {
    Path in = copy("photos/astronaut.png", "astronaut.png");
    DecodedImage source = decode(in);
    boolean said = false;
    boolean silent = false;
    for (int t = 0; t < 80 && !(said && silent); t++) {
      long target = 20_000 + 1_733L * t;
      CompressResult api = Tegula.compress(source, CompressOptions.lossy(75)
          .withFormat(ImageFormat.JPEG).withMaxSizeBytes(target));
      if (api.trimmed() ? said : silent) {
        continue; // this case is covered already
      }
      Cli.Result r = run("--format", "jpeg", "--max-size", String.valueOf(target), "-v",
          "--force", "-o", dir.resolve("out.jpg").toString(), in.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(api.trimmed(), r.err().contains(" trimmed to fit after "), target + ": "
          + r.err());
      said |= api.trimmed();
      silent |= !api.trimmed();
    }
    assertTrue(said && silent, "the targets no longer cover both cases");
  }

  private void assertSummary(Path in, String target, String part, boolean present) {
    Cli.Result r = run("--format", "jpeg", "--target-ssim", target, "-v", "--force", "-o",
        dir.resolve("out.jpg").toString(), in.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(present, r.err().contains(part), target + ": " + r.err());
  }

  @Test
  void formatPngIsLosslessAndUpright() throws IOException {
    Path in = copy("jpeg/exif_orientation_6.jpg", "six.jpg");
    Cli.Result r = run("--format", "png", in.toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage out = decode(dir.resolve("six.png"));
    assertEquals(ImageFormat.PNG, Tegula.detect(Files.readAllBytes(dir.resolve("six.png"))));
    DecodedImage upright = Tegula.decode(Files.readAllBytes(in),
        new DecodeOptions(Limits.DEFAULT, true));
    assertArrayEquals(upright.image().rgba(), out.image().rgba());
    assertEquals(1, Exif.orientation(out.metadata().exif()), "tag reset");
  }

  @Test
  void keepOrientationKeepsPixelsAndTag() throws IOException {
    Path in = copy("jpeg/exif_orientation_6.jpg", "six.jpg");
    Cli.Result r = run("--format", "png", "--keep-orientation", in.toString());
    assertEquals(0, r.exit(), r.err());
    DecodedImage out = decode(dir.resolve("six.png"));
    assertArrayEquals(decode(in).image().rgba(), out.image().rgba());
    assertEquals(6, Exif.orientation(out.metadata().exif()));
  }

  @ParameterizedTest
  @CsvSource({"jpeg, 30KB, 30000", "tgl, 29KiB, 29696", "jpeg, 0.02MB, 20000"})
  void maxSizeFitsAndSaysHowManyEncodes(String format, String size, long bytes)
      throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    Cli.Result r = run("--format", format, "--max-size", size, "-v", in.toString());
    assertEquals(0, r.exit(), r.err());
    Path out = dir.resolve("a." + (format.equals("jpeg") ? "jpg" : "tgl"));
    long written = Files.size(out);
    assertTrue(written <= bytes, written + " > " + bytes);
    assertTrue(written >= bytes * 0.85, written + " far below " + bytes);
    // the quality the search chose in hundredths, the chroma subsampling, the encodes used
    assertTrue(r.err().matches("(?s).*q\\d+(\\.\\d\\d)? 4:[024]:[024]"
        + (format.equals("jpeg") ? "( lambda x\\d\\.\\d\\d)?" : "")
        + " after [123] encodes?,.*"), r.err());
  }

  @Test
  void targetSsimIsReached() throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    Cli.Result r = run("--format", "jpeg", "--target-ssim", "0.96", "-v", in.toString());
    assertEquals(0, r.exit(), r.err());
    Image out = decode(dir.resolve("a.jpg")).image();
    double ssim = Metrics.ssim(decode(in).image(), out);
    assertTrue(ssim >= 0.96, "SSIM " + ssim);
    assertTrue(r.err().contains("SSIM 0.96"), r.err());
  }

  @Test
  void maxDimShrinksKeepingTheAspectRatio() throws IOException {
    Path in = copy("photos/flower.png", "f.png");
    assertEquals(0, run("--format", "jpeg", "--max-dim", "300", in.toString()).exit());
    Image jpeg = decode(dir.resolve("f.jpg")).image();
    assertEquals(300, jpeg.width());
    assertEquals(200, jpeg.height()); // 756 * 300 / 1134 = 200
    assertEquals(0, run("--max-dim", "567", "--gamma-correct", "--lossless", in.toString())
        .exit());
    Image tgl = decode(dir.resolve("f.tgl")).image();
    assertEquals(567, tgl.width());
    assertEquals(378, tgl.height());
  }

  @Test
  void grayscaleWritesGrey() throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    assertEquals(0, run("--format", "jpeg", "--grayscale", "-q", "80", in.toString()).exit());
    DecodedImage out = decode(dir.resolve("a.jpg"));
    assertEquals(1, out.info().components());
    byte[] p = out.image().rgba();
    for (int i = 0; i < p.length; i += 4) {
      assertEquals(p[i], p[i + 2]);
    }
  }

  /** A JPEG whose EXIF holds orientation 1, a GPS position, plus an ICC profile. */
  private Path jpegWithGps() throws IOException {
    Image im = decode(TestData.file("photos/astronaut.png")).image();
    byte[] exif = gpsExif();
    Metadata m = new Metadata(new byte[] {0, 0, 0, 0}, exif, null, Map.of());
    byte[] jpeg = Tegula.encodeJpeg(im, m, JpegEncodeOptions.ofQuality(70));
    assertTrue(LocationRemoval.hasGps(decode(write("gps.jpg", jpeg)).metadata().exif()));
    return dir.resolve("gps.jpg");
  }

  private Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  @Test
  void metadataIsKeptByDefaultStrippedOnRequestAndTheLocationAlone() throws IOException {
    Path in = jpegWithGps();
    byte[] exif = decode(in).metadata().exif();

    assertEquals(0, run("--lossless", "-o", dir.resolve("kept.tgl").toString(), in.toString())
        .exit());
    assertArrayEquals(exif, decode(dir.resolve("kept.tgl")).metadata().exif());

    assertEquals(0, run("--strip-gps", "--format", "png", "-o", dir.resolve("nogps.png")
        .toString(), in.toString()).exit());
    Metadata noGps = decode(dir.resolve("nogps.png")).metadata();
    assertNotNull(noGps.exif());
    assertFalse(LocationRemoval.hasGps(noGps.exif()));
    assertEquals(exif.length, noGps.exif().length, "edited in place");

    assertEquals(0, run("--strip", "--format", "jpeg", "-o", dir.resolve("bare.jpg")
        .toString(), in.toString()).exit());
    Metadata bare = decode(dir.resolve("bare.jpg")).metadata();
    assertNull(bare.exif());
    assertNull(bare.icc());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--lossless --max-size 100KB | --max-size and --lossless exclude each other",
      "--format png --max-size 100KB | --max-size is not possible with --format png",
      "--format png --target-ssim 0.9 | --target-ssim is not possible with --format png",
      "--format jpeg --lossless | --lossless is not possible with --format jpeg",
      "--max-size 100KB --target-ssim 0.9 | --max-size and --target-ssim exclude each other",
      "--max-size 100KB -q 50 | --max-size chooses the quality",
      "--max-size -5KB | --max-size: '-5KB' is not a size",
      "--max-size 0 | --max-size: the size must be at least 1 byte",
      "--max-size 12XB | --max-size: '12XB' is not a size",
      "--target-ssim 1.2 | --target-ssim must be above 0 and below 1",
      "--target-ssim 0 | --target-ssim must be above 0 and below 1",
      "--max-dim 0 | --max-dim must be at least 1",
      "--max-dim -3 | --max-dim must be at least 1",
      "--gamma-correct | --gamma-correct applies to resizing",
      "--format gif | --format must be tgl, jpeg or png, not gif",
      "--format png -q 50 | --quality does not apply to --format png",
      "--png-effort 2 | --png-effort applies to --format png only",
      "--format png --png-effort 9 | --png-effort must be 0-4",
      "--effort 2 | --effort applies to .tgl with --lossless only",
      "--lossless --effort 7 | --effort must be 1-4",
      "--strip --strip-gps | --strip already removes the location",
      "-q 101 | --quality must be 0-100",
      "--lossless --chroma 4:2:0 | --chroma applies to lossy output only",
      "--format png --chroma 444 | --chroma applies to lossy output only",
      "--chroma 4:2:2 | --chroma 4:2:2 is JPEG's only: .tgl takes 4:4:4 or 4:2:0",
      "--chroma 422 -q 90 | --chroma 4:2:2 is JPEG's only",
      "--grayscale --chroma 4:4:4 | --chroma and --grayscale exclude each other",
      "--baseline | --baseline applies to --format jpeg only",
      "--format png --restart-interval 4 | --restart-interval applies to --format jpeg only",
      "--format jpeg --chroma 4:1:1 | --chroma must be 4:4:4, 4:2:2 or 4:2:0",
      "--format jpeg --restart-interval 0 | --restart-interval must be 1-65535",
      "--format jpeg --grayscale --chroma 444 | --chroma and --grayscale exclude each other"})
  void refusesBadParametersBeforeAnyWork(String args, String message) {
    List<String> all = new ArrayList<>(List.of(args.trim().split(" ")));
    // the input does not exist: a usage error proves that nothing was read
    all.add(dir.resolve("missing.png").toString());
    Cli.Result r = run(all.toArray(new String[0]));
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  @ParameterizedTest
  @CsvSource({
      "'--chroma 4:2:2 --baseline --restart-interval 8', 0xC0, 0x21, 8",
      "'--chroma 444', 0xC2, 0x11, 0",
      "'--chroma 420 --restart-interval 1', 0xC2, 0x22, 1",
      "'-q 98 --baseline', 0xC0, 0x11, 0",
      "'-q 50', 0xC2, 0x22, 0"})
  void jpegEncoderOptionsShapeTheFile(String options, int sof, int lumaSampling, int restart)
      throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    List<String> args = new ArrayList<>(List.of("--format", "jpeg", "-o",
        dir.resolve("a.jpg").toString()));
    args.addAll(List.of(options.split(" ")));
    args.add(in.toString());
    Cli.Result r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    byte[] jpeg = Files.readAllBytes(dir.resolve("a.jpg"));
    Map<Integer, byte[]> segments = JpegMarkers.headerSegments(jpeg);
    byte[] frame = segments.get(sof);
    assertNotNull(frame, "SOF marker 0xFF" + Integer.toHexString(sof));
    assertEquals(3, frame[5], "components");
    assertEquals(lumaSampling, frame[7] & 0xFF, "luma sampling factors");
    assertEquals(0x11, frame[10] & 0xFF, "Cb sampling factors");
    byte[] dri = segments.get(0xDD);
    assertEquals(restart, dri == null ? 0 : ((dri[0] & 0xFF) << 8) | (dri[1] & 0xFF));
    DecodedImage out = Tegula.decode(jpeg);
    assertTrue(out.complete());
    assertTrue(Metrics.ssim(decode(in).image(), out.image()) > 0.85);
  }

  /**
   * .tgl takes --chroma too: the file has the pixels of the api's encode with the same chroma,
   * and the summary names the chroma used (the option's, or the encoder's choice by quality).
   */
  @ParameterizedTest
  @CsvSource({"'--chroma 4:4:4 -q 80', 80, S444, 4:4:4",
      "'--chroma 420 -q 99', 99, S420, 4:2:0",
      "'-q 98', 98, , 4:4:4",
      "'-q 96', 96, , 4:2:0"})
  void tglChromaIsChosenAndNamed(String options, int quality,
      JpegEncodeOptions.Subsampling chroma, String named) throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    List<String> args = new ArrayList<>(List.of("-v", "-o", dir.resolve("a.tgl").toString()));
    args.addAll(List.of(options.split(" ")));
    args.add(in.toString());
    Cli.Result r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains(", " + named + ", "), r.err());
    byte[] api = Tegula.compress(decode(in), CompressOptions.lossy(quality).withChroma(chroma))
        .bytes();
    assertArrayEquals(decode(dir.resolve("a.tgl")).image().rgba(),
        Tegula.decode(api).image().rgba());
  }

  @Test
  void aTglSizeSearchNamesTheChromaItUsed() throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    Cli.Result r = run("--max-size", "30KB", "--chroma", "4:4:4", "-v", in.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().matches("(?s).*TGL q\\d+(\\.\\d\\d)? 4:4:4 after [123] encodes?,.*"),
        r.err());
    assertTrue(Files.size(dir.resolve("a.tgl")) <= 30_000);
  }

  @Test
  void anUnreachableTargetFailsThatFileAndTheOthersGoOn() throws IOException {
    Path big = copy("photos/astronaut.png", "big.png");
    Path small = copy("jpeg/baseline_420.jpg", "small.jpg");
    Path bad = write("bad.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
    long smallSize = 0;
    Cli.Result r = run("--format", "jpeg", "--max-size", "2KB", "-o", dir.resolve("out/")
        .toString(), big.toString(), bad.toString(), small.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains(big + ": even quality 0 gives "), r.err());
    assertTrue(r.err().contains(bad.toString()), r.err());
    smallSize = Files.size(dir.resolve("out/small.jpg"));
    assertTrue(smallSize <= 2000, "the small file was compressed: " + smallSize);
    assertFalse(Files.exists(dir.resolve("out/big.jpg")));
  }

  @Test
  void withMaxDimATooSmallSizeShrinksTheImageInstead() throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    Cli.Result r = run("--format", "jpeg", "--max-size", "1500B", "--max-dim", "512", "-v",
        in.toString());
    assertEquals(0, r.exit(), r.err());
    Path out = dir.resolve("a.jpg");
    assertTrue(Files.size(out) <= 1500);
    assertTrue(decode(out).image().width() < 512);
  }

  @Test
  void helpShowsTheNewOptions() {
    Cli.Result compress = Cli.run("compress", "--help");
    assertEquals(0, compress.exit(), compress.err());
    for (String option : List.of("--max-size", "--target-ssim", "--max-dim", "--gamma-correct",
        "--grayscale", "--strip", "--strip-gps", "--keep-orientation", "--png-effort",
        "--chroma", "--baseline", "--restart-interval", "within 3% below SIZE")) {
      assertTrue(compress.out().contains(option), option);
    }
    Cli.Result restore = Cli.run("restore", "--help");
    assertEquals(0, restore.exit(), restore.err());
    assertTrue(restore.out().replaceAll("\\s+", " ").contains("3-14% larger"), restore.out());
  }

  @Test
  void aPngNeverReplacesItsInput() throws IOException {
    Path in = copy("photos/astronaut.png", "a.png");
    byte[] before = Files.readAllBytes(in);
    Cli.Result r = run("--format", "png", "--force", in.toString());
    assertEquals(ExitCodes.IO, r.exit(), r.err());
    assertTrue(r.err().contains("the output would replace the input"), r.err());
    assertArrayEquals(before, Files.readAllBytes(in));
  }

  /** Little-endian TIFF: IFD0 with Orientation 1 and a GPSInfo pointer; GPS IFD with latitude. */
  private static byte[] gpsExif() {
    byte[] d = new byte[120];
    int[][] writes = {
        {0, 'I'}, {1, 'I'}, {2, 42}, {4, 8}, {8, 2},
        {10, 0x12}, {11, 0x01}, {12, 3}, {14, 1}, {18, 1},
        {22, 0x25}, {23, 0x88}, {24, 4}, {26, 1}, {30, 40},
        {40, 1}, {42, 2}, {44, 5}, {46, 3}, {50, 60},
        {60, 48}, {64, 1}, {68, 51}, {72, 1}, {76, 0x94}, {77, 0x0B}, {80, 100}};
    for (int[] w : writes) {
      d[w[0]] = (byte) w[1];
    }
    return d;
  }
}
