package dev.tegula.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The parser's messages write bytes in hex without String.format (TeaVM's Formatter, with
 * DecimalFormat and BigDecimal, weighed about 70 KB gzip of the Wasm module): the same text.
 */
class MessageHexTest {
  @Test
  void hex2IsWhatStringFormatWrote() {
    for (int b = 0; b < 256; b++) {
      assertEquals(String.format("%02x", b), JpegParser.hex2(b, false));
      assertEquals(String.format("%02X", b), JpegParser.hex2(b, true));
    }
  }

  @Test
  void notJpegNamesTheFirstTwoBytes() {
    assertEquals("not a JPEG file: starts with 0x89 0x50",
        JpegParser.notJpeg(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    assertEquals("not a JPEG file: starts with 0x0a", JpegParser.notJpeg(new byte[] {10}));
  }
}
