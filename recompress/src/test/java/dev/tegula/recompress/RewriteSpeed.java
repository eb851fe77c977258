package dev.tegula.recompress;

import dev.tegula.core.Limits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: MB/s of input JPEG (thread CPU) of rebuilding the JPEG from its coefficients with
 * {@link ScanEncoder} and with the encoder it replaced ({@link LegacyScanEncoder}), alternating in
 * each round, beside parsing the JPEG (its Huffman decode) and SHA-256 as references of the same
 * rounds. {@code java -cp ... RewriteSpeed DIR [ROUNDS]}.
 */
public final class RewriteSpeed {
  private RewriteSpeed() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> files = TestFiles.jpegBytesIn(Paths.get(args[0]));
    List<JpegModel> models = new ArrayList<>();
    for (byte[] f : files) {
      models.add(JpegModel.parse(f, Limits.DEFAULT));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String[] names = {"parse", "rewrite", "legacyRewrite", "sha256"};
    for (int round = 0; round < rounds; round++) {
      long[] ns = new long[names.length];
      long bytes = 0;
      for (int i = 0; i < files.size(); i++) {
        byte[] jpeg = files.get(i);
        JpegModel m = models.get(i);
        bytes += jpeg.length;
        long t0 = cpu.getCurrentThreadCpuTime();
        JpegModel.parse(jpeg, Limits.DEFAULT);
        long t1 = cpu.getCurrentThreadCpuTime();
        JpegRewriter.rewrite(m.layout, m.image, jpeg.length, Limits.DEFAULT);
        long t2 = cpu.getCurrentThreadCpuTime();
        JpegRewriter.rewrite(m.layout, m.image, jpeg.length, Limits.DEFAULT,
            LegacyScanEncoder::encode);
        long t3 = cpu.getCurrentThreadCpuTime();
        Sha256.digest(jpeg, jpeg.length);
        long t4 = cpu.getCurrentThreadCpuTime();
        ns[0] += t1 - t0;
        ns[1] += t2 - t1;
        ns[2] += t3 - t2;
        ns[3] += t4 - t3;
      }
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int i = 0; i < names.length; i++) {
        sb.append(' ').append(names[i]).append(' ')
            .append(Math.round(bytes / 1e6 / (ns[i] / 1e9) * 10) / 10.0);
      }
      System.out.println(sb.append(" MB/s"));
    }
  }
}
