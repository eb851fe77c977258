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

  @Test
  void recompressionRowsGiveMegabytesPerSecondAgainstTheDecodeOfTheSameFile() {
    String table = JvmBench.recompressTable(Map.of(
        "jpegDecode:baseline", new double[] {20, 19, 21},
        "restoreJpeg:baseline", new double[] {16, 15, 17},
        "compress:progressive", new double[] {2, 1.9, 2.1},
        "jpegDecode:progressive", new double[] {10, 9, 11},
        "jxlRestore:baseline", new double[] {4, 3.5, 4.5}));
    assertTrue(table.contains("| restore the JPEG file | baseline | 16.00 (15.00-17.00) | 0.80x"
        + " | >= 15 MB/s: met |"), table);
    assertTrue(table.contains("| compress (--jpeg-lossless, content 2) | progressive"
        + " | 2.00 (1.90-2.10) | 0.20x | >= 5 MB/s: not met |"), table);
    assertTrue(table.contains("| JPEG XL: djxl restores the JPEG file (peer, one thread) | baseline"
        + " | 4.00 (3.50-4.50) | 0.20x |  |"), "the peer's row, no target:\n" + table);
    assertTrue(!table.contains("restore straight to pixels"), table);
  }
}
