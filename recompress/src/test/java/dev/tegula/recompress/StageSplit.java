package dev.tegula.recompress;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.jpeg.JpegSegmentReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: where restore and compress spend their time outside the coefficient coder. MB of
 * input JPEG per second of thread CPU for each stage, with the jpeg module's Huffman scan decode
 * alone ({@code huffman}: every scan decoded into coefficient arrays, nothing else) and its full
 * decode to pixels ({@code jpegDecode}) in the same rounds as the baselines. The pipeline runs
 * with {@link KeptRows} in place of the coefficient coder (a copy of each band), so
 * {@code compress}, {@code restore} and {@code pixels} are the whole of compress, restore to the
 * JPEG and restore to pixels minus the coder. {@code java -cp ... StageSplit DIR... [-rounds N]}:
 * each directory's .jpg files are one group; prints each round and the median of the rounds after
 * the first third.
 */
public final class StageSplit {
  private StageSplit() {}

  /** A stand-in for the coefficient coder: each band a copy, its index the coded bytes. */
  static final class KeptRows implements RowCoder {
    private final List<short[][]> bands = new ArrayList<>();

    @Override
    public byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
      short[][] copy = new short[img.components][];
      for (int c = 0; c < img.components; c++) {
        copy[c] = Arrays.copyOfRange(img.coefficients[c], from(img, c, rowStart),
            from(img, c, rowEnd));
      }
      bands.add(copy);
      int i = bands.size() - 1;
      return new byte[] {(byte) (i >> 8), (byte) i};
    }

    @Override
    public void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
        int rowEnd) {
      short[][] copy = bands.get(((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF));
      for (int c = 0; c < img.components; c++) {
        System.arraycopy(copy[c], 0, img.coefficients[c], from(img, c, rowStart), copy[c].length);
      }
    }

    private static int from(CoefficientImage img, int c, int row) {
      return img.blockOffset(c, 0, Math.min(row * img.v[c], img.blocksHigh[c]));
    }
  }

  /** Every scan of the file Huffman-decoded into fresh coefficient arrays, no events. */
  static void huffmanDecode(byte[] jpeg, CoefficientImage shape) {
    JpegSegmentReader r = new JpegSegmentReader(jpeg, 0, Limits.DEFAULT, null);
    short[][] coef = new short[shape.components][];
    for (int c = 0; c < coef.length; c++) {
      coef[c] = new short[shape.coefficients[c].length];
    }
    while (r.nextScan()) {
      r.resumeAt(r.decodeScan(coef, shape.blocksWide, null));
    }
  }

  static final String[] NAMES = {"jpegDecode", "huffman", "parse", "rebuild", "sha256",
      "layout", "compress", "restore", "pixels"};

  public static void main(String[] args) throws Exception {
    int rounds = 9;
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-rounds")) {
        rounds = Integer.parseInt(args[++i]);
      } else {
        dirs.add(args[i]);
      }
    }
    List<List<byte[]>> groups = new ArrayList<>();
    List<List<KeptRows>> coders = new ArrayList<>();
    List<List<byte[]>> tgls = new ArrayList<>();
    List<List<JpegModel>> models = new ArrayList<>();
    for (String d : dirs) {
      List<byte[]> files = TestFiles.jpegBytesIn(Paths.get(d));
      groups.add(files);
      List<KeptRows> k = new ArrayList<>();
      List<byte[]> t = new ArrayList<>();
      List<JpegModel> m = new ArrayList<>();
      for (byte[] f : files) {
        KeptRows coder = new KeptRows();
        JpegCompression c = JpegRecompression.compressDetailed(f, Limits.DEFAULT, true, coder);
        if (!c.modelled()) {
          throw new IllegalStateException("not modelled: " + c.reason());
        }
        k.add(coder);
        t.add(c.tgl());
        m.add(JpegModel.parse(f, Limits.DEFAULT));
      }
      coders.add(k);
      tgls.add(t);
      models.add(m);
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[][][] mbs = new double[dirs.size()][NAMES.length][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int g = 0; g < dirs.size(); g++) {
        long[] ns = new long[NAMES.length];
        long bytes = 0;
        List<byte[]> files = groups.get(g);
        for (int i = 0; i < files.size(); i++) {
          byte[] jpeg = files.get(i);
          JpegModel m = models.get(g).get(i);
          KeptRows coder = coders.get(g).get(i);
          byte[] tgl = tgls.get(g).get(i);
          bytes += jpeg.length;
          long[] t = new long[NAMES.length + 1];
          t[0] = cpu.getCurrentThreadCpuTime();
          JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
          t[1] = cpu.getCurrentThreadCpuTime();
          huffmanDecode(jpeg, m.image);
          t[2] = cpu.getCurrentThreadCpuTime();
          JpegModel.parse(jpeg, Limits.DEFAULT);
          t[3] = cpu.getCurrentThreadCpuTime();
          JpegRewriter.rewrite(m.layout, m.image, jpeg.length, Limits.DEFAULT);
          t[4] = cpu.getCurrentThreadCpuTime();
          Sha256.digest(jpeg, jpeg.length);
          t[5] = cpu.getCurrentThreadCpuTime();
          LayoutCodec.read(LayoutCodec.write(m.layout), Limits.DEFAULT, 0);
          t[6] = cpu.getCurrentThreadCpuTime();
          KeptRows again = new KeptRows();
          JpegRecompression.compressDetailed(jpeg, Limits.DEFAULT, true, again);
          t[7] = cpu.getCurrentThreadCpuTime();
          JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT, coder);
          t[8] = cpu.getCurrentThreadCpuTime();
          JpegRecompression.restore(tgl, DecodeOptions.DEFAULT, coder);
          t[9] = cpu.getCurrentThreadCpuTime();
          for (int k = 0; k < NAMES.length; k++) {
            ns[k] += t[k + 1] - t[k];
          }
        }
        StringBuilder sb = new StringBuilder("round " + round + " " + dirs.get(g) + ":");
        for (int k = 0; k < NAMES.length; k++) {
          mbs[g][k][round] = bytes / 1e6 / (ns[k] / 1e9);
          sb.append(String.format(" %s %.1f", NAMES[k], mbs[g][k][round]));
        }
        System.out.println(sb);
      }
    }
    for (int g = 0; g < dirs.size(); g++) {
      StringBuilder sb = new StringBuilder("median " + dirs.get(g) + " (MB/s, x huffman):");
      double base = 0;
      for (int k = 0; k < NAMES.length; k++) {
        double[] warm = Arrays.copyOfRange(mbs[g][k], rounds / 3, rounds);
        Arrays.sort(warm);
        double m = warm[warm.length / 2];
        base = k == 1 ? m : base;
        sb.append(String.format("%n  %-10s %7.1f", NAMES[k], m));
        if (k >= 1) {
          sb.append(String.format(" %6.2fx", m / base));
        }
      }
      System.out.println(sb);
    }
  }
}
