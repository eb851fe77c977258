package dev.tegula.jpeg;

import dev.tegula.core.Exif;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ICC, EXIF, XMP and comments carried from the file. */
class MetadataTest {

  private static Metadata metadata(String file) {
    return JpegDecoder.decode(TestFiles.read(TestFiles.jpeg(file)), DecodeOptions.DEFAULT)
        .metadata();
  }

  @Test
  void iccProfileIsJoined() {
    Metadata m = metadata("icc_profile.jpg");
    assertNotNull(m.icc());
    assertEquals(3144, m.icc().length);
    // An ICC profile starts with its own size (big-endian) and has "acsp" at byte 36.
    int size = ((m.icc()[0] & 0xFF) << 24) | ((m.icc()[1] & 0xFF) << 16)
        | ((m.icc()[2] & 0xFF) << 8) | (m.icc()[3] & 0xFF);
    assertEquals(3144, size);
    assertEquals("acsp", new String(m.icc(), 36, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void iccChunksOutOfOrderAreJoinedBySequenceNumber() {
    byte[] a = "first-".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "second".getBytes(StandardCharsets.US_ASCII);
    byte[] jpeg = SyntheticJpeg.withSegments(
        SyntheticJpeg.iccChunk(2, 2, b), SyntheticJpeg.iccChunk(1, 2, a));
    Metadata m = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT).metadata();
    assertEquals("first-second", new String(m.icc(), StandardCharsets.US_ASCII));
    byte[] missing = SyntheticJpeg.withSegments(SyntheticJpeg.iccChunk(2, 2, b));
    assertNull(JpegDecoder.decode(missing, DecodeOptions.DEFAULT).metadata().icc());
  }

  @Test
  void commentText() {
    Metadata m = metadata("markers_com_app15_fill.jpg");
    String c = m.text().get("comment");
    assertNotNull(c);
    assertTrue(!c.isEmpty());
    System.out.println("COM of markers_com_app15_fill.jpg: " + c);
  }

  @Test
  void exifStartsAtTheTiffHeader() {
    Metadata le = metadata("exif_orientation_3.jpg");
    Metadata be = metadata("exif_orientation_4.jpg");
    assertEquals("II", new String(le.exif(), 0, 2, StandardCharsets.US_ASCII));
    assertEquals("MM", new String(be.exif(), 0, 2, StandardCharsets.US_ASCII));
    assertEquals(3, Exif.orientation(le.exif()));
    assertEquals(4, Exif.orientation(be.exif()));
  }

  @Test
  void xmpPacket() {
    byte[] xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(StandardCharsets.UTF_8);
    byte[] jpeg = SyntheticJpeg.withSegments(SyntheticJpeg.app(1,
        SyntheticJpeg.concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
            xmp)));
    Metadata m = JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT).metadata();
    assertEquals(new String(xmp, StandardCharsets.UTF_8),
        new String(m.xmp(), StandardCharsets.UTF_8));
  }

  @Test
  void noMetadata() {
    Metadata m = metadata("baseline_420.jpg");
    assertNull(m.icc());
    assertNull(m.exif());
    assertNull(m.xmp());
  }

  @Test
  void metadataLimit() {
    byte[] data = TestFiles.read(TestFiles.jpeg("icc_profile.jpg"));
    org.junit.jupiter.api.Assertions.assertThrows(LimitExceededException.class,
        () -> JpegDecoder.decode(data,
            DecodeOptions.DEFAULT.withLimits(Limits.DEFAULT.withMaxMetadataBytes(1000))));
  }
}
