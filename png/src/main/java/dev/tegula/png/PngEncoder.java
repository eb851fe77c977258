package dev.tegula.png;

import dev.tegula.core.GreyProfile;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.util.List;

/**
 * Writes PNG (PNG spec 3rd edition, non-interlaced) that decodes to exactly the given pixels, in
 * every colour type and bit depth of §11.2.2.
 *
 * <p>Stages: {@link ColorReduction} picks the smallest exact representation (16 to 8 bits,
 * greyscale, tRNS key, palette, low bit depths), {@link ScanlinePacker} lays out the rows,
 * {@link FilterSearch} filters ({@link RowFilter}) and deflates them ({@link ZlibCoder} or
 * {@link DeflateCoder}) as hard as {@link PngEncodeOptions#effort()} asks, {@link MetadataWriter}
 * and {@link ChunkWriter} write the chunks.
 */
public final class PngEncoder {
  /** IDAT chunks are cut at this size, a common choice that keeps every chunk small. */
  private static final int IDAT_SIZE = 1 << 16;

  private PngEncoder() {}

  public static byte[] encode(Image image) {
    return encode(image, Metadata.EMPTY, PngEncodeOptions.DEFAULT);
  }

  /**
   * @param metadata ICC, EXIF, XMP and text to embed when the options keep metadata (null for
   *     none)
   * @throws IllegalArgumentException when the image or the options are null, or the image's rows
   *     are too long for this encoder to hold in one array
   */
  public static byte[] encode(Image image, Metadata metadata, PngEncodeOptions options) {
    return start(image, metadata, options).runHere();
  }

  /**
   * The same encode cut into steps of independent jobs, for callers that run them on several
   * threads (the codec itself starts none): see {@link PngEncoding}. The bytes are those of
   * {@link #encode} however the jobs are run.
   *
   * @throws IllegalArgumentException as {@link #encode}
   */
  public static PngEncoding start(Image image, Metadata metadata, PngEncodeOptions options) {
    if (image == null || options == null) {
      throw new IllegalArgumentException("image and options must not be null");
    }
    int width = image.width();
    int height = image.height();
    short[] wide = options.keep16Bit() ? image.rgba16() : null;
    byte[] rgba8 = image.rgba();
    Metadata given = options.keepMetadata() && metadata != null ? metadata : Metadata.EMPTY;
    // scanned only with a profile, which decides the colour types (16-bit samples kept are grey
    // exactly where their 8-bit reduction is, when they reduce)
    boolean greyWithProfile = given.icc() != null && image.isGrey(wide != null);
    // kept one channel where the profile has an exact grey equivalent
    Metadata meta = greyWithProfile && given.hasColourProfile()
        ? GreyProfile.forGreyImage(given) : given;
    // §11.3.3.3: a colour ICC profile only on the colour types 2, 3 and 6, a grey one only on
    // the greyscale types 0 and 4 (so no palette for a grey image that carries one)
    boolean allowGrey = !meta.hasColourProfile();
    boolean allowPalette = !greyWithProfile || meta.hasColourProfile();
    List<EncodingPlan> plans;
    if (wide != null && !ColorReduction.reducesTo8(wide)) {
      plans = List.of(ColorReduction.plan16(wide, allowGrey));
    } else {
      if (wide != null) {
        // The 16-bit samples are the truth the caller asked to keep; they reduce exactly.
        rgba8 = ColorReduction.to8(wide);
        wide = null;
      }
      EncodingPlan first = ColorReduction.plan8(rgba8, allowPalette, true, allowGrey);
      plans = options.effort() == 0 ? List.of(first)
          : ColorReduction.alternatives8(rgba8, first, allowGrey);
    }
    for (EncodingPlan p : plans) {
      if ((p.rowBytes(width) + 1) * height > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException(
            "a " + width + "x" + height + " image is too large for this PNG encoder");
      }
    }

    FilterSearch.Steps steps =
        new FilterSearch(plans, width, height, rgba8, wide).steps(options);
    return new PngEncoding(steps, result -> chunks(width, height, result, meta));
  }

  /** §5.6 chunk order: IHDR, ICC/metadata, PLTE, tRNS, text, IDAT, IEND. */
  private static byte[] chunks(int width, int height, FilterSearch.Result result, Metadata meta) {
    EncodingPlan plan = result.plan();
    byte[] zlib = result.zlib();
    ChunkWriter out = new ChunkWriter(zlib.length + 1024);
    out.write(Chunk.IHDR, ihdr(width, height, plan));
    MetadataWriter.writeBeforePalette(out, meta);
    if (plan.plte() != null) {
      out.write(Chunk.PLTE, plan.plte());
    }
    if (plan.trns() != null) {
      out.write(Chunk.TRNS, plan.trns());
    }
    MetadataWriter.writeText(out, meta);
    for (int p = 0; p < zlib.length || p == 0; p += IDAT_SIZE) {
      out.write(Chunk.IDAT, zlib, p, Math.min(IDAT_SIZE, zlib.length - p));
    }
    out.write(Chunk.IEND, new byte[0]);
    return out.toByteArray();
  }

  /** §11.2.2: width, height, bit depth, colour type; compression, filter, interlace 0. */
  private static byte[] ihdr(int width, int height, EncodingPlan plan) {
    byte[] b = new byte[13];
    putInt(b, 0, width);
    putInt(b, 4, height);
    b[8] = (byte) plan.bitDepth();
    b[9] = (byte) plan.colorType();
    return b;
  }

  private static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }
}
