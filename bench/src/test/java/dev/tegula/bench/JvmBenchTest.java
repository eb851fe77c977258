package dev.tegula.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmBenchTest {
  @Test
  void tableGivesMegapixelsPerSecondRatiosAndTargets() {
    // 1.714 MP: 171.4 ms is 10 MP/s; 42.85 ms is 40 MP/s
    String table = JvmBench.table(Map.of(
        "jpegDecodeImageIo", new double[] {50, 40, 60},
        "tglDecodeLossyQ75", new double[] {100, 90, 110},
        "jpegEncodeImageIoQ75", new double[] {100, 90, 110},
        "tglEncodeLossyQ75", new double[] {150, 140, 160}));
    assertTrue(table.contains("| .tgl lossy q75 decode | 100.0 (90.0-110.0) | 17.1 | 0.50x ImageIO JPEG decode"
        + " | >= 40 MP/s: not met |"), table);
    assertTrue(table.contains("| .tgl lossy q75 encode | 150.0 (140.0-160.0) | 11.4 | 0.67x ImageIO JPEG encode"
        + " | >= 10 MP/s: met |"), table);
    assertTrue(!table.contains("PNG decode"), "rows without results are left out:\n" + table);
  }
}
