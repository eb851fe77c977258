package dev.tegula.tgl;

import dev.tegula.core.Image;
import dev.tegula.core.Limits;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the version-1 corpus (testdata/tgl/v1/): each file, its expected pixels as PNG, and a
 * line of MANIFEST.tsv. Run once per format version; files of a released version are never
 * rewritten (see testdata/tgl/README.md). Usage: {@code CorpusWriter DIR}.
 */
final class CorpusWriter {
  private final Path dir;
  private final StringBuilder manifest = new StringBuilder(
      "file\twidth\theight\tcolour\talpha\tbitDepth\tmode\tquality\ttiles\tcomplete\tstatus"
          + "\tcovers\n");

  private CorpusWriter(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    CorpusWriter writer = new CorpusWriter(dir);
    writer.writeContainerFiles();
    writer.writeCodecFiles(TestData.dir().resolve("photos"));
    Files.writeString(dir.resolve("MANIFEST.tsv"), writer.manifest.toString());
  }

  private void writeContainerFiles() throws IOException {
    TglEncodeOptions lossless = TglEncodeOptions.lossless().withContainerCodecsOnly();
    write("rgb8-stored", TestImages.rgb(40, 24, 1, false), null, lossless.withTileSize(16),
        "RGB 8-bit, stored planes, 3x2 tiles with partial right and bottom tiles");
    write("rgb16-stored", TestImages.sixteen(20, 18, 2, false, false), null,
        lossless.withTileSize(16), "RGB 16-bit, big-endian stored samples");
    write("grey16-alpha-metadata", TestImages.sixteen(33, 20, 3, true, true), metadata(),
        lossless.withTileSize(16), "grey+alpha 16-bit; exif (orientation 6), iccp, xmpd, text");
    write("rgba8-lossy-mode", TestImages.rgb(50, 20, 4, true), null,
        TglEncodeOptions.lossy(60).withContainerCodecsOnly().withTileSize(16),
        "lossy-mode header (q60) with stored colour; alpha planes constant 0, 255 and stored");
    write("grey8-constant", TestImages.flat(300, 20, 77, 77, 77, 255), null,
        lossless.withTileSize(256), "grey, constant planes only, a 44-pixel-wide edge tile");
    byte[] plain = TglEncoder.encode(TestImages.rgb(24, 24, 5, false), null, lossless.withTileSize(16));
    byte[] extra = TglBytes.chunk("zzFu", "optional chunk of a later version".getBytes(
        StandardCharsets.US_ASCII));
    byte[] withBefore = TglBytes.insert(plain, TglBytes.first(plain, "TIDX").offset(), extra);
    byte[] both = TglBytes.insert(withBefore, TglBytes.first(withBefore, "TEND").offset(), extra);
    writeBytes("rgb8-unknown-optional-chunks", both,
        "unknown optional chunks before TIDX and after the tiles, to be skipped");
  }

  /** Files made by the pixel codecs (codec 2 lossless, codec 3 lossy), from the sample photos. */
  private void writeCodecFiles(Path photos) throws IOException {
    Image astronaut = ContainerSpeed.read(photos.resolve("astronaut.png").toFile());
    Image flower = ContainerSpeed.read(photos.resolve("flower.png").toFile());
    write("photo-lossless", crop(astronaut, 150, 80, 200, 150, false), null,
        TglEncodeOptions.lossless().withTileSize(64).withEffort(4),
        "lossless codec method 1 (effort 4), RGB photo crop, 4x3 tiles");
    write("photo-lossless-fast", crop(astronaut, 150, 80, 200, 150, false), null,
        TglEncodeOptions.lossless().withTileSize(64),
        "lossless codec method 2 (fast, default effort), RGB photo crop, 4x3 tiles");
    write("photo-lossy-q75", crop(flower, 400, 300, 200, 150, false), null,
        TglEncodeOptions.lossy(75).withTileSize(64), "lossy codec q75, RGB photo crop, 4x3 tiles");
    write("photo-lossy-q40.25", crop(flower, 100, 200, 120, 90, false), null,
        TglEncodeOptions.lossyHundredths(4025).withTileSize(64),
        "lossy codec at quality 40.25 (steps between 40's and 41's), 2x2 tiles");
    write("photo-lossy-q98-full-chroma", crop(flower, 250, 150, 101, 75, false), null,
        TglEncodeOptions.lossy(98).withTileSize(64),
        "lossy codec q98: full-resolution chroma (FULL_CHROMA, the encoder's choice from 97), odd"
            + " size, 2x2 tiles with partial ones");
    write("grey-lossy-q20", grey(crop(astronaut, 180, 60, 120, 90, false)), null,
        TglEncodeOptions.lossy(20).withTileSize(64), "lossy codec q20 on a grey image, 2x2 tiles");
    write("alpha-lossy-q50", crop(flower, 300, 200, 160, 100, true), null,
        TglEncodeOptions.lossy(50).withTileSize(64).withEffort(4),
        "lossy colour with alpha planes by the lossless codec (and constant)");
    write("alpha16-lossless", TestImages.sixteen(60, 40, 7, false, true), null,
        TglEncodeOptions.lossless().withTileSize(32).withEffort(4),
        "lossless codec method 1 (effort 4), 16-bit RGBA");
    write("alpha16-lossless-fast", sixteen(crop(astronaut, 200, 100, 64, 48, true)), null,
        TglEncodeOptions.lossless().withTileSize(32),
        "lossless codec method 2 (fast, default effort), 16-bit RGBA photo crop, 2x2 tiles");
  }

  /** A crop; with {@code alpha} the ramp of {@link TestImages#alphaAt} (clear, ramp, opaque). */
  static Image crop(Image source, int x0, int y0, int w, int h, boolean alpha) {
    byte[] rgba = new byte[w * h * 4];
    for (int y = 0; y < h; y++) {
      System.arraycopy(source.rgba(), ((y0 + y) * source.width() + x0) * 4, rgba, y * w * 4, w * 4);
      if (alpha) {
        for (int x = 0; x < w; x++) {
          rgba[(y * w + x) * 4 + 3] = (byte) TestImages.alphaAt(x, y, w);
        }
      }
    }
    return new Image(w, h, rgba);
  }

  /**
   * "frozen" for files of the frozen container alone (codecs 0 and 1); "draft" for files that use
   * a pixel codec, whose bitstream may still change until version 1 is released.
   */
  static String status(TglFile f) {
    for (int t = 0; t < f.tileCount(); t++) {
      byte[] data = f.data();
      int at = f.tile(t).offset() + 8 + TglFormat.TILE_PREFIX;
      int end = f.tile(t).offset() + f.tile(t).size() - 4;
      while (at < end) {
        if (data[at] == TglFormat.CODEC_LOSSLESS || data[at] == TglFormat.CODEC_LOSSY) {
          return "draft";
        }
        at += TglFormat.PLANE_PREFIX + (int) Bytes.u32(data, at + 2);
      }
    }
    return "frozen";
  }

  /** 16-bit samples from 8-bit ones: v·256 plus a deterministic low byte, alpha v·257. */
  static Image sixteen(Image image) {
    byte[] rgba = image.rgba();
    short[] rgba16 = new short[rgba.length];
    for (int p = 0; p < rgba.length; p++) {
      int v = rgba[p] & 0xFF;
      rgba16[p] = (short) (p % 4 == 3 ? v * 257 : v * 256 + ((p * 37) & 0xFF));
    }
    byte[] eight = new byte[rgba.length];
    for (int p = 0; p < rgba.length; p++) {
      int v = rgba16[p] & 0xFFFF;
      eight[p] = (byte) (p % 4 == 3 ? (v + 256) / 257 : v / 257);
    }
    return new Image(image.width(), image.height(), eight, rgba16);
  }

  /** BT.601 luma, integer. */
  static Image grey(Image image) {
    byte[] rgba = image.rgba().clone();
    for (int p = 0; p < rgba.length; p += 4) {
      int v = ((rgba[p] & 0xFF) * 77 + (rgba[p + 1] & 0xFF) * 150 + (rgba[p + 2] & 0xFF) * 29
          + 128) >> 8;
      rgba[p] = (byte) v;
      rgba[p + 1] = (byte) v;
      rgba[p + 2] = (byte) v;
    }
    return new Image(image.width(), image.height(), rgba);
  }

  static Metadata metadata() {
    // big-endian TIFF, one IFD entry: Orientation (0x0112) SHORT 1 = 6
    byte[] exif = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 1, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0,
        0, 0, 0, 0, 0};
    byte[] icc = new byte[132];
    for (int i = 0; i < icc.length; i++) {
      icc[i] = (byte) (i * 13 + 1);
    }
    Map<String, String> text = new LinkedHashMap<>();
    text.put("comment", "version-1 corpus");
    text.put("Title", "Grüße");
    return new Metadata(icc, exif,
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(StandardCharsets.UTF_8), text);
  }

  private void write(String name, Image image, Metadata metadata, TglEncodeOptions options,
      String covers) throws IOException {
    byte[] file = TglEncoder.encode(image, metadata, options);
    if (options.isLossless() && !java.util.Arrays.equals(image.rgba(),
        TglDecoder.decode(file, Limits.DEFAULT).image().rgba())) {
      throw new IllegalStateException(name + ": lossless coding changed the pixels");
    }
    writeBytes(name, file, covers);
  }

  private void writeBytes(String name, byte[] file, String covers) throws IOException {
    var decoded = TglDecoder.decode(file, Limits.DEFAULT);
    TglFile f = TglDecoder.open(file, Limits.DEFAULT);
    TglHeader h = f.header();
    Files.write(dir.resolve(name + ".tgl"), file);
    ReferencePng.write8(decoded.image(), dir.resolve(name + ".ref.png"));
    if (decoded.image().has16BitSamples()) {
      ReferencePng.write16(decoded.image(), dir.resolve(name + ".ref16.png"));
    }
    manifest.append(name).append(".tgl\t").append(h.width()).append('\t').append(h.height())
        .append('\t').append(h.colour()).append('\t').append(h.alpha() ? 1 : 0).append('\t')
        .append(h.bitDepth()).append('\t').append(h.lossy() ? "lossy" : "lossless").append('\t')
        .append(h.quality()).append('\t').append(f.tileCount()).append('\t')
        .append(decoded.complete()).append('\t').append(status(f)).append('\t').append(covers)
        .append('\n');
  }
}
