package dev.tegula.recompress;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.Limits;
import dev.tegula.jpeg.JpegDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Not a test: MB/s of JPEG input for each stage of compress and restore, one thread, the JPEG
 * decoder's full decode to pixels timed in the same rounds as the baseline (this machine is
 * shared, so only the ratios mean much). {@code java -cp ... StageSpeed DIR [ROUNDS]}.
 */
public final class StageSpeed {
  private StageSpeed() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> files;
    try (Stream<Path> s = Files.list(Paths.get(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().map(p -> {
        try {
          return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.toList());
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String[] names = {"parse", "code", "decode", "rewrite", "sha256", "layout", "compress",
        "restore", "jpegDecode"};
    for (int round = 0; round < rounds; round++) {
      long[] ns = new long[names.length];
      long bytes = 0;
      for (byte[] jpeg : files) {
        bytes += jpeg.length;
        long t0 = System.nanoTime();
        JpegModel m = JpegModel.parse(jpeg, Limits.DEFAULT);
        long t1 = System.nanoTime();
        BandPlan plan = BandPlan.of(m.image);
        byte[][] tiles = new byte[plan.bands()][];
        for (int t = 0; t < tiles.length; t++) {
          tiles[t] = CoefficientCoder.encode(m.image, plan.rowStart(t), plan.rowEnd(t));
        }
        long t2 = System.nanoTime();
        CoefficientImage img = m.image;
        CoefficientImage back = new CoefficientImage(img.width, img.height, img.h, img.v,
            img.quant);
        for (int t = 0; t < tiles.length; t++) {
          CoefficientCoder.decode(tiles[t], 0, tiles[t].length, back, plan.rowStart(t),
              plan.rowEnd(t));
        }
        long t3 = System.nanoTime();
        JpegRewriter.rewrite(m.layout, back, jpeg.length, Limits.DEFAULT);
        long t4 = System.nanoTime();
        Sha256.digest(jpeg, jpeg.length);
        long t5 = System.nanoTime();
        LayoutCodec.read(LayoutCodec.write(m.layout), Limits.DEFAULT, 0);
        long t6 = System.nanoTime();
        byte[] tgl = JpegRecompression.compress(jpeg, Limits.DEFAULT);
        long t7 = System.nanoTime();
        JpegRecompression.restoreJpeg(tgl, Limits.DEFAULT);
        long t8 = System.nanoTime();
        JpegDecoder.decode(jpeg, DecodeOptions.DEFAULT);
        long t9 = System.nanoTime();
        long[] d = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7,
            t9 - t8};
        for (int i = 0; i < d.length; i++) {
          ns[i] += d[i];
        }
      }
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int i = 0; i < names.length; i++) {
        sb.append(' ').append(names[i]).append(' ')
            .append(Math.round(bytes / 1e6 / (ns[i] / 1e9) * 10) / 10.0).append(" MB/s");
      }
      System.out.println(sb);
    }
  }
}
