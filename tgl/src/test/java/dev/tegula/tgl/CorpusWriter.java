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
      "file\twidth\theight\tcolour\talpha\tbitDepth\tmode\tquality\ttiles\tcomplete\tcovers\n");

  private CorpusWriter(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    new CorpusWriter(dir).writeContainerFiles();
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
        lossless, "grey, constant planes only, a 44-pixel-wide edge tile");
    byte[] plain = TglEncoder.encode(TestImages.rgb(24, 24, 5, false), null, lossless.withTileSize(16));
    byte[] extra = TglBytes.chunk("zzFu", "optional chunk of a later version".getBytes(
        StandardCharsets.US_ASCII));
    byte[] withBefore = TglBytes.insert(plain, TglBytes.first(plain, "TIDX").offset(), extra);
    byte[] both = TglBytes.insert(withBefore, TglBytes.first(withBefore, "TEND").offset(), extra);
    writeBytes("rgb8-unknown-optional-chunks", both,
        "unknown optional chunks before TIDX and after the tiles, to be skipped");
    Files.writeString(dir.resolve("MANIFEST.tsv"), manifest.toString());
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
    writeBytes(name, TglEncoder.encode(image, metadata, options), covers);
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
        .append(decoded.complete()).append('\t').append(covers).append('\n');
  }
}
