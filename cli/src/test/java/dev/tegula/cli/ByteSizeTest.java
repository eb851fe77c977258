package dev.tegula.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({"200000, 200000", "200KB, 200000", "200kb, 200000", "200 KB, 200000",
      "200K, 200000", "200KiB, 204800", "1.5MB, 1500000", "2MiB, 2097152", "1M, 1000000",
      "512B, 512", "0.5KB, 500", "1GB, 1000000000"})
  void parsesDecimalAndBinaryUnits(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KB", "-5KB", "0", "0KB", "0.0001KB", "12XB", "1..2MB", "abc",
      "1e3"})
  void refusesWhatIsNotAPositiveSize(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ByteSize.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void hugeSizesAreRefusedNotWrapped() {
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999GiB"));
  }
}
