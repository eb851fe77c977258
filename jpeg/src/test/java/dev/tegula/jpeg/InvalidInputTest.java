package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** testdata/invalid: each file throws a TegulaException naming what and where, or decodes partially. */
class InvalidInputTest {

  static List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(TestFiles.root().resolve("invalid"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("jpeg_") || n.equals("skimage_truncated.jpg"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static DecodedImage decodeOrThrow(byte[] data) {
    return JpegDecoder.decode(data, DecodeOptions.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void throwsTegulaExceptionOrDecodesPartially(String name) {
    byte[] data = TestFiles.read(TestFiles.root().resolve("invalid").resolve(name));
    try {
      DecodedImage d = decodeOrThrow(data);
      assertNotNull(d.image());
      if (!d.complete()) {
        assertNotNull(d.warning(), "an incomplete image says why");
      }
      System.out.println(name + ": image " + d.image().width() + "x" + d.image().height()
          + " complete=" + d.complete() + " warning=" + d.warning());
    } catch (TegulaException e) {
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().contains("internal decoder error"), e.getMessage());
      System.out.println(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Test
  void emptyAndNotJpeg() {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> decodeOrThrow(TestFiles.read(TestFiles.root().resolve("invalid/jpeg_empty.jpg"))));
    assertTrue(e.getMessage().startsWith("not a JPEG file"), e.getMessage());
    e = assertThrows(MalformedInputException.class, () -> decodeOrThrow(
        TestFiles.read(TestFiles.root().resolve("invalid/jpeg_not_a_jpeg.jpg"))));
    assertTrue(e.getMessage().startsWith("not a JPEG file: starts with 0x74 0x68"), e.getMessage());
    assertEquals(0, e.offset());
    // One byte of SOI is a JPEG cut short.
    assertThrows(TruncatedInputException.class,
        () -> JpegDecoder.readInfo(new byte[] {(byte) 0xFF}, Limits.DEFAULT));
  }

  @Test
  void missingEoiIsCompleteWithWarning() {
    DecodedImage d = decodeOrThrow(TestFiles.read(TestFiles.root().resolve("invalid/jpeg_no_eoi.jpg")));
    assertTrue(d.complete());
    assertNotNull(d.warning());
    assertTrue(d.warning().contains("EOI"), d.warning());
  }

  @Test
  void truncatedScansArePartial() {
    for (String n : new String[] {"jpeg_truncated_half.jpg", "jpeg_truncated_progressive.jpg"}) {
      DecodedImage d = decodeOrThrow(TestFiles.read(TestFiles.root().resolve("invalid/" + n)));
      assertFalse(d.complete(), n);
      assertTrue(d.warning().startsWith("data ends early"), d.warning());
    }
  }

  @Test
  void truncatedHeaderIsTruncatedWithOffset() {
    TruncatedInputException e = assertThrows(TruncatedInputException.class, () -> decodeOrThrow(
        TestFiles.read(TestFiles.root().resolve("invalid/jpeg_truncated_header.jpg"))));
    assertTrue(e.offset() >= 0, e.getMessage());
  }

  @Test
  void unsupportedProcesses() {
    byte[] base = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    int sof = indexOf(base, (byte) 0xC0);
    for (int m : new int[] {0xC3, 0xC5, 0xC6, 0xC7, 0xCB, 0xCD, 0xCE, 0xCF}) {
      byte[] d = base.clone();
      d[sof] = (byte) m;
      UnsupportedFeatureException e =
          assertThrows(UnsupportedFeatureException.class, () -> decodeOrThrow(d));
      assertTrue(e.getMessage().contains("lossless") || e.getMessage().contains("hierarchical"),
          e.getMessage());
    }
    byte[] twelve = base.clone();
    twelve[sof + 3] = 12;
    assertTrue(assertThrows(UnsupportedFeatureException.class, () -> decodeOrThrow(twelve))
        .getMessage().contains("12-bit"));
    byte[] dnl = base.clone();
    dnl[sof + 4] = 0;
    dnl[sof + 5] = 0;
    assertTrue(assertThrows(UnsupportedFeatureException.class, () -> decodeOrThrow(dnl))
        .getMessage().contains("DNL"));
  }

  @Test
  void badHeadersAreMalformed() {
    byte[] base = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    int sof = indexOf(base, (byte) 0xC0);
    // Sampling factor 0 and 5.
    for (int hv : new int[] {0x02, 0x52}) {
      byte[] d = base.clone();
      d[sof + 10] = (byte) hv;
      assertMalformed(d, "sampling factors");
    }
    // Quantization table index 4.
    byte[] q = base.clone();
    q[sof + 11] = 4;
    assertMalformed(q, "quantization table 4");
    // Undefined quantization table 3.
    byte[] q3 = base.clone();
    q3[sof + 11] = 3;
    assertMalformed(q3, "not defined");
    // Scan component not in the frame.
    int sos = indexOf(base, (byte) 0xDA);
    byte[] c = base.clone();
    c[sos + 4] = 9;
    assertMalformed(c, "not in the frame");
    // SOS before SOF.
    byte[] noSof = base.clone();
    noSof[sof] = (byte) 0xE5; // turn SOF0 into an APP5 segment
    assertMalformed(noSof, "SOS before any frame header");
  }

  @Test
  void badProgressiveScanParameters() {
    byte[] base = TestFiles.read(TestFiles.jpeg("progressive_420.jpg"));
    int sos = indexOf(base, (byte) 0xDA);
    int ns = base[sos + 3];
    int ss = sos + 4 + 2 * ns;
    byte[] d = base.clone();
    d[ss + 1] = 5; // DC scan with Se = 5
    assertMalformed(d, "progressive scan parameters");
    byte[] al = base.clone();
    al[ss + 2] = 14; // Al = 14
    assertMalformed(al, "progressive scan parameters");
  }

  @Test
  void oversubscribedHuffmanTable() {
    byte[] base = TestFiles.read(TestFiles.jpeg("baseline_420.jpg"));
    int dht = indexOf(base, (byte) 0xC4);
    byte[] d = base.clone();
    d[dht + 4] = 3; // three codes of length 1
    assertThrows(TegulaException.class, () -> decodeOrThrow(d));
  }

  private static void assertMalformed(byte[] d, String what) {
    MalformedInputException e = assertThrows(MalformedInputException.class, () -> decodeOrThrow(d));
    assertTrue(e.getMessage().contains(what), e.getMessage());
    assertTrue(e.offset() >= 0, "offset in " + e.getMessage());
  }

  /** Offset of the marker code byte of the first 0xFF m marker. */
  static int indexOf(byte[] d, byte m) {
    for (int i = 0; i + 1 < d.length; i++) {
      if (d[i] == (byte) 0xFF && d[i + 1] == m) {
        return i + 1;
      }
    }
    throw new AssertionError("marker not found");
  }
}
