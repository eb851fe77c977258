package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Header facts from readInfo against testdata/png/MANIFEST.tsv, and the metadata chunks. */
class PngReadInfoTest {

  static List<String> manifest() throws IOException {
    return Files.readAllLines(TestData.png("MANIFEST.tsv")).stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @MethodSource("manifest")
  void headerFactsMatchTheManifest(String line) {
    String[] row = line.split("\t", -1);
    String name = row[0];
    String[] size = row[1].split("x");
    int colorType = Integer.parseInt(row[2]);
    int depth = Integer.parseInt(row[3]);
    boolean adam7 = row[4].equals("adam7");
    boolean trns = row[5].equals("yes");

    byte[] data = TestData.bytes(TestData.png(name));
    assertTrue(PngDecoder.looksLikePng(data));
    ImageInfo info = PngDecoder.readInfo(data, Limits.DEFAULT);
    assertEquals("png", info.format());
    assertEquals(Integer.parseInt(size[0]), info.width(), name);
    assertEquals(Integer.parseInt(size[1]), info.height(), name);
    assertEquals(depth, info.bitDepth(), name);
    String[] spaces = {"grayscale", null, "RGB", "palette", "grayscale+alpha", null, "RGBA"};
    int[] components = {1, 0, 3, 1, 2, 0, 4};
    assertEquals(spaces[colorType], info.colorSpace(), name);
    assertEquals(components[colorType], info.components(), name);
    assertEquals(adam7 ? "Adam7" : "non-interlaced", info.variant(), name);
    assertEquals(adam7, info.progressive(), name);
    assertEquals(trns || colorType == 4 || colorType == 6, info.hasAlpha(), name);
    assertNull(info.subsampling());
    assertEquals(1, info.orientation(), name);
    // The decoder reports the same facts.
    assertEquals(info, PngDecoder.decode(data, DecodeOptions.DEFAULT).info(), name);
  }

  @Test
  void emptyAdam7PassesAreNotCounted() {
    assertEquals(1, PngDecoder.readInfo(bytes("rgb8_1x1_adam7.png"), Limits.DEFAULT).scans());
    assertEquals(7, PngDecoder.readInfo(bytes("rgb8_adam7.png"), Limits.DEFAULT).scans());
    assertEquals(1, PngDecoder.readInfo(bytes("rgb8.png"), Limits.DEFAULT).scans());
  }

  @Test
  void readInfoNeedsOnlyTheHeader() {
    byte[] data = bytes("rgba8_adam7.png");
    ImageInfo info = PngDecoder.readInfo(Arrays.copyOf(data, 33), Limits.DEFAULT);
    assertEquals(45, info.width());
    assertEquals("Adam7", info.variant());
  }

  @Test
  void textChunksOfEveryKindAreKept() {
    DecodedImage d = PngDecoder.decode(bytes("gray8_ancillary.png"), DecodeOptions.DEFAULT);
    Metadata m = d.metadata();
    assertEquals("conformance test", m.text().get("Comment"));
    assertEquals("Grüße", m.text().get("Author"), "iTXt after IDAT, UTF-8");
    assertNotNull(m.text().get("Title"), "zTXt");
    assertEquals(List.of("Comment", "Title", "Author"), List.copyOf(m.text().keySet()));
    assertNull(m.icc());
    assertNull(m.exif());
  }

  @Test
  void compressedTextIsInflated() {
    Metadata z = decode("pngsuite_ctzn0g04.png").metadata();
    assertEquals("Freeware.", z.text().get("Disclaimer"));
    assertTrue(z.text().get("Copyright").startsWith("Copyright Willem van Schaik"));
    Metadata j = decode("pngsuite_ctjn0g04.png").metadata();
    assertEquals(6, j.text().size());
    assertTrue(j.text().get("Author").contains("Willem van Schaik"));
  }

  @Test
  void exifIsKeptFromTheTiffHeader() {
    DecodedImage d = decode("pngsuite_exif2c08.png");
    byte[] exif = d.metadata().exif();
    assertNotNull(exif);
    assertArrayEquals(new byte[] {'M', 'M', 0, 42}, Arrays.copyOf(exif, 4));
    assertEquals(1, d.info().orientation());
  }

  @Test
  void iccAndXmpAreRead() {
    byte[] profile = new byte[3000];
    for (int i = 0; i < profile.length; i++) {
      profile[i] = (byte) (i * 7);
    }
    byte[] xmp = PngBuilder.latin1("<x:xmpmeta xmlns:x='adobe:ns:meta/'/>");
    byte[] png = new PngBuilder()
        .ihdr(1, 1, 8, 0, 0)
        .chunk("iCCP", PngBuilder.concat(PngBuilder.latin1("ICC profile\0\0"),
            PngBuilder.zlib(profile)))
        .chunk("iTXt", PngBuilder.concat(PngBuilder.latin1("XML:com.adobe.xmp\0\0\0\0\0"), xmp))
        .idat(new byte[] {0, 9})
        .iend()
        .build();
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertArrayEquals(profile, d.metadata().icc());
    assertArrayEquals(xmp, d.metadata().xmp());
    assertTrue(d.metadata().text().isEmpty(), "XMP is not duplicated as text");
    assertNull(d.warning());
  }

  @Test
  void damagedMetadataIsDroppedWithAWarning() {
    byte[] png = new PngBuilder()
        .ihdr(1, 1, 8, 0, 0)
        .chunk("zTXt", PngBuilder.latin1("Title\0\0not zlib"))
        .chunk("tEXt", PngBuilder.latin1("no separator"))
        .idat(new byte[] {0, 9})
        .iend()
        .build();
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertTrue(d.complete());
    assertTrue(d.metadata().text().isEmpty());
    assertTrue(d.warning().contains("zTXt") && d.warning().contains("tEXt"), d.warning());
    assertEquals(9, d.image().rgba()[0]);
  }

  @Test
  void nullArgumentsAreCallerErrors() {
    assertThrows(IllegalArgumentException.class, () -> PngDecoder.readInfo(null, Limits.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> PngDecoder.readInfo(bytes("rgb8.png"), null));
    assertThrows(IllegalArgumentException.class,
        () -> PngDecoder.decode(null, DecodeOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> PngDecoder.decode(bytes("rgb8.png"), null));
    assertFalse(PngDecoder.looksLikePng(null));
    assertFalse(PngDecoder.looksLikePng(new byte[0]));
  }

  private static DecodedImage decode(String name) {
    return PngDecoder.decode(bytes(name), DecodeOptions.DEFAULT);
  }

  private static byte[] bytes(String name) {
    return TestData.bytes(TestData.png(name));
  }
}
