package dev.tegula.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance file re-encoded decodes to the same pixels; metadata survives the trip. */
class PngReencodeTest {

  static List<String> files() {
    return TestData.conformanceFiles();
  }

  @ParameterizedTest
  @MethodSource("files")
  void conformanceFileReencodesExactly(String name) {
    DecodedImage original =
        PngDecoder.decode(TestData.bytes(TestData.png(name)), DecodeOptions.DEFAULT);
    Image image = original.image();
    for (int effort : new int[] {0, 2, PngEncodeOptions.DEFAULT_EFFORT}) {
      PngEncodeOptions options = PngEncodeOptions.DEFAULT.withEffort(effort);
      byte[] png = PngEncoder.encode(image, original.metadata(), options);
      DecodedImage again = PngDecoder.decode(png, DecodeOptions.DEFAULT);
      assertTrue(again.complete(), name);
      assertNull(again.warning(), name);
      assertArrayEquals(image.rgba(), again.image().rgba(), name + " effort " + effort);
      if (image.rgba16() != null && !ColorReduction.reducesTo8(image.rgba16())) {
        assertEquals(16, again.info().bitDepth(), name);
        assertArrayEquals(image.rgba16(), again.image().rgba16(), name + " 16-bit");
      }
      assertEquals(original.metadata().text(), again.metadata().text(), name + " text");
      assertArrayEquals(original.metadata().exif(), again.metadata().exif(), name + " EXIF");
    }
    byte[] eight = PngEncoder.encode(image, null, PngEncodeOptions.DEFAULT.withKeep16Bit(false));
    DecodedImage narrow = PngDecoder.decode(eight, DecodeOptions.DEFAULT);
    assertArrayEquals(image.rgba(), narrow.image().rgba(), name + " as 8-bit");
    assertNull(narrow.image().rgba16(), name + " as 8-bit");
  }

  @Test
  void metadataRoundTrips() {
    byte[] icc = new byte[5000];
    for (int i = 0; i < icc.length; i++) {
      icc[i] = (byte) (i % 251);
    }
    byte[] exif = PngDecoder.decode(TestData.bytes(TestData.png("pngsuite_exif2c08.png")),
        DecodeOptions.DEFAULT).metadata().exif();
    byte[] xmp = ("<?xpacket begin=\"\ufeff\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
        + "<dc:title>\u65e5\u672c</dc:title></x:xmpmeta><?xpacket end=\"w\"?>")
        .getBytes(StandardCharsets.UTF_8);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("Title", "caf\u00e9 au lait");
    text.put("Comment", "\u65e5\u672c\u8a9e, not Latin-1");
    text.put("Description", "long ".repeat(1000));
    text.put("Author", "\u00fcber ".repeat(400) + "\u2603");
    Metadata metadata = new Metadata(icc, exif, xmp, text);
    Image img = PngEncoderTest.image8((x, y) -> PngEncoderTest.rgb(x, y, x ^ y));

    byte[] png = PngEncoder.encode(img, metadata, PngEncodeOptions.DEFAULT);
    DecodedImage d = PngDecoder.decode(png, DecodeOptions.DEFAULT);
    assertNull(d.warning());
    assertArrayEquals(icc, d.metadata().icc());
    assertArrayEquals(exif, d.metadata().exif());
    assertArrayEquals(xmp, d.metadata().xmp());
    assertEquals(text, d.metadata().text());
    List<String> types = PngBuilder.parts(png).stream().map(PngBuilder.Part::type).toList();
    assertEquals(List.of("IHDR", "iCCP", "eXIf", "iTXt", "tEXt", "iTXt", "zTXt", "iTXt", "IDAT",
        "IEND"), types);
    assertTrue(png.length < 5000 + 5000, "long text is compressed: " + png.length);

    byte[] bare = PngEncoder.encode(img, metadata, PngEncodeOptions.DEFAULT.withKeepMetadata(false));
    assertTrue(PngDecoder.decode(bare, DecodeOptions.DEFAULT).metadata().isEmpty());
    assertEquals(List.of("IHDR", "IDAT", "IEND"),
        PngBuilder.parts(bare).stream().map(PngBuilder.Part::type).toList());
  }

  @Test
  void keywordsAreMadeValid() {
    assertEquals("Comment", MetadataWriter.keyword(""));
    assertEquals("a b", MetadataWriter.keyword("  a  b "));
    assertEquals("x_y", MetadataWriter.keyword("x\u2603y"));
    assertEquals(79, MetadataWriter.keyword("k".repeat(100)).length());
  }
}
