package dev.tegula.recompress;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import dev.tegula.jpeg.JpegDecoder;
import dev.tegula.tgl.ChunkInfo;
import dev.tegula.tgl.TglDecoder;
import dev.tegula.tgl.TglFile;
import dev.tegula.tgl.TglHeader;
import dev.tegula.tgl.TileEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * JPEG files stored losslessly in .tgl (mode 2, docs/format-jpeg.md) and rebuilt byte for byte.
 *
 * <p>{@link #compress} models the JPEG ({@link JpegModel}), codes its coefficients in bands, then
 * decodes those bands again and rebuilds the file; only if that gives the input back exactly is
 * the model kept, else the JPEG is stored verbatim. {@link #restoreJpeg} checks the original's
 * SHA-256 before returning anything, so a wrong JPEG is never returned.
 */
public final class JpegRecompression {
  /** The coefficient coder of format-jpeg-coefficients.md. */
  static final RowCoder MODEL = new RowCoder() {
    @Override
    public byte[] encode(CoefficientImage img, int rowStart, int rowEnd) {
      return CoefficientCoder.encode(img, rowStart, rowEnd);
    }

    @Override
    public void decode(byte[] data, int offset, int length, CoefficientImage img, int rowStart,
        int rowEnd) {
      CoefficientCoder.decode(data, offset, length, img, rowStart, rowEnd);
    }
  };
  /** Signature, version, THDR, JREC framing and prefix, TIDX and one empty TILE, TEND. */
  private static final int VERBATIM_OVERHEAD = 10 + 32 + 12 + JpegContainer.RECORD_PREFIX + 20
      + 17 + 12;

  /**
   * The coefficient coding of format-jpeg-coefficients.md (adaptive binary): on photos about
   * half a point more saving, 3-4 times slower both ways.
   */
  public static final int CODING_ADAPTIVE = TileContent.ADAPTIVE;
  /** The coefficient coding of format-jpeg-coefficients-fast.md (rANS; the default). */
  public static final int CODING_FAST = TileContent.FAST;

  private JpegRecompression() {}

  /** Compresses a JPEG; never fails for a damaged or unusual JPEG (that is stored verbatim). */
  public static byte[] compress(byte[] jpeg, Limits limits) {
    return compressDetailed(jpeg, limits).tgl();
  }

  public static JpegCompression compressDetailed(byte[] jpeg, Limits limits) {
    return compressDetailed(jpeg, limits, TileContent.DEFAULT);
  }

  /**
   * @param content the coefficient coding of the tiles: {@link #CODING_FAST} (2, the default)
   *     or {@link #CODING_ADAPTIVE} (0)
   */
  public static JpegCompression compressDetailed(byte[] jpeg, Limits limits, int content) {
    if (content != TileContent.ADAPTIVE && content != TileContent.FAST) {
      throw new IllegalArgumentException("coefficient content " + content + " (0 or 2)");
    }
    return compressDetailed(jpeg, limits, false,
        content == TileContent.FAST ? TileContent.FAST_CODER : MODEL);
  }

  /**
   * @param keepModel keep a working model even when verbatim storage would be smaller (tests)
   * @param coder the coefficient coder (tests use a plain one)
   */
  static JpegCompression compressDetailed(byte[] jpeg, Limits limits, boolean keepModel,
      RowCoder coder) {
    if (jpeg == null || limits == null) {
      throw new IllegalArgumentException("jpeg and limits must not be null");
    }
    byte[] sha = Sha256.digest(jpeg, jpeg.length);
    String reason;
    try {
      JpegModel model = JpegModel.parse(jpeg, limits);
      byte[] tgl = modelled(jpeg, sha, model, limits, coder);
      // a verbatim file costs the JPEG plus its framing (format-jpeg.md §8)
      if (keepModel || tgl.length < jpeg.length + VERBATIM_OVERHEAD) {
        return new JpegCompression(tgl, true, model.cutReason);
      }
      return new JpegCompression(verbatim(jpeg, sha, limits), false, "modelling saved nothing");
    } catch (NotModellable | TegulaException e) {
      reason = e.getMessage();
    } catch (RuntimeException e) {
      // a bug in the model or coder must not lose the user's file: keep it as it is
      reason = "internal error while modelling (" + e + ")";
    }
    return new JpegCompression(verbatim(jpeg, sha, limits), false, reason);
  }

  /**
   * Codes the bands and proves that the file restores: the check does what {@link #restoreJpeg}
   * will do, from what it will read. The layout is read back from its stored bytes, the frame
   * that piece 0 of it gives must be this image's (size, sampling, quantization tables: what the
   * coder's contexts see), every band is decoded from its coded bytes in band order into the
   * image cleared of its coefficients (as restore decodes into a new one; in place, so that a
   * large image is held once), or, for a progressive frame in content 2, straight into the
   * rebuild's dense form as restore does ({@link #allFast}), and the JPEG is rebuilt from those
   * and compared with the input
   * byte for byte. Only the SHA-256 check of restore is left out, as it holds for equal bytes.
   *
   * <p>What the check costs (format-jpeg.md §10.1): the decode of every band, as long as their
   * coding, and one rebuild; about half of compress. Cheaper checks were weighed and not taken:
   * comparing the decoded coefficients with the parsed ones band by band while coding (and
   * rebuilding from the parsed coefficients) does the same decode and the same rebuild, and
   * would decode each band beside the other bands' original coefficients where restore has
   * zeros, so a coder that read outside its band would pass it and fail restore; leaving the
   * decode out would trust the coder's decoder to mirror its encoder, which is the bug the check
   * is for.
   */
  private static byte[] modelled(byte[] jpeg, byte[] sha, JpegModel model, Limits limits,
      RowCoder coder) {
    CoefficientImage img = model.image;
    BandPlan plan = BandPlan.of(img);
    int bands = plan.bands();
    limits.checkTiles(bands, 0);
    byte[] layout = LayoutCodec.write(model.layout);
    JpegLayout stored = LayoutCodec.read(layout, limits, 0);
    JpegSyntax frame = frameOf(stored, limits, 0);
    if (!JpegModel.isImageOf(img, frame)) {
      throw new NotModellable("the stored layout's frame does not give this coefficient image");
    }
    byte[][] tiles = new byte[bands][];
    for (int t = 0; t < bands; t++) {
      tiles[t] = coder.encode(img, plan.rowStart(t), plan.rowEnd(t));
    }
    // as restore will decode: straight into the dense form (allFast), or into the image
    BlockMasks dense = frame.progressive && coder == TileContent.FAST_CODER
        ? BlockMasks.fromDecoder(img) : null;
    if (dense == null) {
      for (short[] coef : img.coefficients) {
        Arrays.fill(coef, (short) 0);
      }
    }
    for (int t = 0; t < bands; t++) {
      if (dense != null) {
        FastCoefficientCoder.decode(tiles[t], 0, tiles[t].length, img, plan.rowStart(t),
            plan.rowEnd(t), dense);
      } else {
        coder.decode(tiles[t], 0, tiles[t].length, img, plan.rowStart(t), plan.rowEnd(t));
      }
    }
    byte[] rebuilt = JpegRewriter.rewrite(stored, img, jpeg.length, limits, dense);
    if (!Arrays.equals(rebuilt, jpeg)) {
      throw new NotModellable("the rebuilt file differs from the original"
          + firstDifference(rebuilt, jpeg));
    }
    byte[] record = packRecord(JpegContainer.KIND_MODELLED, jpeg.length, sha, layout);
    return JpegContainer.write(img.width, img.height, img.components == 1 ? 1 : 3,
        clampSide(img.width), plan.tileHeight(), record, tiles, bands,
        coder == TileContent.FAST_CODER ? TileContent.FAST : TileContent.ADAPTIVE);
  }

  private static String firstDifference(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return " at byte " + i;
      }
    }
    return " in length (" + a.length + " instead of " + b.length + ")";
  }

  private static byte[] verbatim(byte[] jpeg, byte[] sha, Limits limits) {
    int width = 1;
    int height = 1;
    int colour = 3;
    try {
      dev.tegula.core.ImageInfo info = JpegDecoder.readInfo(jpeg, limits);
      width = info.width();
      height = info.height();
      colour = info.components() == 1 ? 1 : 3;
    } catch (RuntimeException e) {
      // the frame header is unreadable: the size stays unknown (1x1)
    }
    byte[] record = packRecord(JpegContainer.KIND_VERBATIM, jpeg.length, sha, jpeg);
    int tileHeight = 4096;
    int tiles = (height + tileHeight - 1) / tileHeight;
    return JpegContainer.write(width, height, colour, clampSide(width), tileHeight, record, null,
        tiles, JpegContainer.CONTENT_EMPTY);
  }

  private static int clampSide(int side) {
    return Math.max(16, Math.min(4096, side));
  }

  /** The smallest of zlib with the preset dictionary, plain zlib and stored. */
  private static byte[] packRecord(int kind, int jpegLength, byte[] sha, byte[] raw) {
    byte[] withDictionary = deflate(raw, true);
    byte[] plain = deflate(raw, false);
    int method = JpegContainer.METHOD_STORED;
    byte[] payload = raw;
    if (withDictionary != null && withDictionary.length < payload.length) {
      method = JpegContainer.METHOD_ZLIB_DICTIONARY;
      payload = withDictionary;
    }
    if (plain != null && plain.length < payload.length) {
      method = JpegContainer.METHOD_ZLIB;
      payload = plain;
    }
    return JpegContainer.record(kind, method, jpegLength, sha, raw.length, payload);
  }

  /** zlib (RFC 1950) at level 9, or null when it does not fit in the input's size plus a bit. */
  private static byte[] deflate(byte[] raw, boolean dictionary) {
    Deflater deflater = new Deflater(9);
    try {
      if (dictionary) {
        deflater.setDictionary(LayoutDictionary.BYTES);
      }
      deflater.setInput(raw);
      deflater.finish();
      byte[] buf = new byte[raw.length + raw.length / 1000 + 64];
      int n = 0;
      while (!deflater.finished() && n < buf.length) {
        n += deflater.deflate(buf, n, buf.length - n);
      }
      return deflater.finished() ? Arrays.copyOf(buf, n) : null;
    } finally {
      deflater.end();
    }
  }

  /** Whether {@code tgl} is a .tgl file of mode 2 (reads only its header). */
  public static boolean isJpegReconstruction(TglFile file) {
    return file.header().jpeg();
  }

  public static JpegTglInfo inspect(byte[] tgl, Limits limits) {
    Opened o = open(tgl, limits);
    TglHeader h = o.file.header();
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      hex.append(Character.forDigit((o.tgl[o.recordAt + 6 + i] >> 4) & 15, 16))
          .append(Character.forDigit(o.tgl[o.recordAt + 6 + i] & 15, 16));
    }
    int content = JpegContainer.CONTENT_EMPTY;
    if (o.kind == JpegContainer.KIND_MODELLED && o.file.tileCount() > 0) {
      int first = tileContent(o.file.tile(0), tgl);
      if (first >= 0) {
        content = first;
      }
    }
    return new JpegTglInfo(o.kind == JpegContainer.KIND_MODELLED, o.jpegLength, hex.toString(),
        h.width(), h.height(), o.file.tileCount(), TileContent.describe(content));
  }

  /**
   * Rebuilds the original JPEG, byte for byte.
   *
   * @throws MalformedInputException when the file is damaged (naming the damaged tile or chunk)
   *     or the rebuilt bytes do not match the original's checksum
   */
  public static byte[] restoreJpeg(byte[] tgl, Limits limits) {
    return restoreJpeg(tgl, limits, MODEL);
  }

  static byte[] restoreJpeg(byte[] tgl, Limits limits, RowCoder coder) {
    if (tgl == null || limits == null) {
      throw new IllegalArgumentException("tgl and limits must not be null");
    }
    try {
      return restoreChecked(tgl, limits, coder, null);
    } catch (TegulaException e) {
      throw e;
    } catch (NotModellable e) {
      throw new MalformedInputException("the JPEG cannot be rebuilt: " + e.getMessage(), -1);
    } catch (RuntimeException e) {
      throw new MalformedInputException(
          "internal decoder error while rebuilding the JPEG (" + e + ")", -1);
    }
  }

  /**
   * Decodes to the pixels of the original JPEG ({@link JpegDecoder}, the same pixels as djpeg):
   * a modelled file straight from its coefficients ({@link JpegDecoder#decodeCoefficients}, the
   * JPEG is not rebuilt), a verbatim one from the JPEG it holds.
   */
  public static DecodedImage restore(byte[] tgl, DecodeOptions options) {
    return restore(tgl, options, MODEL);
  }

  static DecodedImage restore(byte[] tgl, DecodeOptions options, RowCoder coder) {
    if (tgl == null || options == null) {
      throw new IllegalArgumentException("tgl and options must not be null");
    }
    List<String> damaged = new ArrayList<>();
    DecodedImage d;
    try {
      Opened o = open(tgl, options.limits());
      if (o.kind == JpegContainer.KIND_VERBATIM) {
        d = JpegDecoder.decode(restoreChecked(tgl, options.limits(), coder, null), options);
      } else {
        Bands b = decodeBands(o, o.payload(options.limits()), options.limits(), coder, damaged,
            false);
        d = pixels(o, b, options, damaged);
      }
    } catch (TegulaException e) {
      throw e;
    } catch (NotModellable e) {
      throw new MalformedInputException("the JPEG cannot be rebuilt: " + e.getMessage(), -1);
    } catch (RuntimeException e) {
      throw new MalformedInputException(
          "internal decoder error while rebuilding the JPEG (" + e + ")", -1);
    }
    if (damaged.isEmpty()) {
      return d;
    }
    // as format.md §11.2 for damaged tiles: the rest of the image, the damage named
    StringBuilder warning = new StringBuilder().append(damaged.size())
        .append(damaged.size() == 1 ? " band" : " bands").append(" of the JPEG damaged, left grey");
    for (String d1 : damaged) {
      warning.append("; ").append(d1);
    }
    return new DecodedImage(d.image(), d.info(), d.metadata(), false, warning.toString());
  }

  /**
   * The pixels of a modelled file: straight from its coefficients when the model holds every scan
   * of the file (its tail starts with EOI); else those of the rebuilt JPEG (checked as {@link
   * #restoreJpeg} checks it unless bands are damaged), as the coefficients then hold what the
   * model read of the first scan it left in the tail, which the decoder reads again from there.
   */
  private static DecodedImage pixels(Opened o, Bands b, DecodeOptions options,
      List<String> damaged) {
    long length = Math.min(o.jpegLength, plausibleLength(o));
    if (JpegRewriter.tailStartsWithEoi(b.layout)) {
      int[] resumeAt = new int[b.layout.scans()];
      byte[] skeleton = JpegRewriter.skeleton(b.layout, length, resumeAt);
      return JpegDecoder.decodeCoefficients(skeleton, resumeAt, b.image.coefficients,
          b.image.blocksWide, options);
    }
    byte[] jpeg = JpegRewriter.rewrite(b.layout, b.image, (int) length, options.limits());
    if (damaged.isEmpty()) {
      checkOriginal(o, jpeg);
    }
    return JpegDecoder.decode(jpeg, options);
  }

  /**
   * What a restore may allocate for the original: its stated length when plausible, so that
   * the rebuilt file is neither grown nor copied; a damaged length costs at most a few times the
   * .tgl file before the checksum catches it.
   */
  private static long plausibleLength(Opened o) {
    return Math.min(o.jpegLength, 8L * o.tgl.length + (1 << 20));
  }

  /**
   * @param damaged null to fail on a damaged tile; else damaged tiles are named here, their bands
   *     rebuilt with zero coefficients (grey), and the checksum is not checked
   */
  private static byte[] restoreChecked(byte[] tgl, Limits limits, RowCoder coder,
      List<String> damaged) {
    Opened o = open(tgl, limits);
    byte[] raw = o.payload(limits);
    byte[] jpeg;
    if (o.kind == JpegContainer.KIND_VERBATIM) {
      jpeg = raw;
    } else {
      jpeg = rebuild(o, raw, limits, coder, damaged);
      if (damaged != null && !damaged.isEmpty()) {
        return jpeg;
      }
    }
    checkOriginal(o, jpeg);
    return jpeg;
  }

  private static void checkOriginal(Opened o, byte[] jpeg) {
    if (jpeg.length != o.jpegLength
        || !Arrays.equals(Sha256.digest(jpeg, jpeg.length),
            Arrays.copyOfRange(o.tgl, o.recordAt + 6, o.recordAt + 38))) {
      throw new MalformedInputException("the rebuilt JPEG does not match the SHA-256 of the "
          + "original stored in the JREC chunk (at byte " + o.recordChunk + "): the file is damaged",
          o.recordChunk);
    }
  }

  private static byte[] rebuild(Opened o, byte[] raw, Limits limits, RowCoder coder,
      List<String> damaged) {
    Bands b = decodeBands(o, raw, limits, coder, damaged, damaged == null);
    return JpegRewriter.rewrite(b.layout, b.image, (int) plausibleLength(o), limits, b.dense);
  }

  /**
   * The layout and the coefficient image of a modelled file; or, when dense is not null, the
   * image's geometry and the dense form its scans are rebuilt from.
   */
  private record Bands(JpegLayout layout, CoefficientImage image, BlockMasks dense) {}

  /**
   * Reads the layout and decodes every band (damaged ones as {@link #restoreChecked} says).
   *
   * @param denseAllowed whether the bands may go straight into the rebuild's dense form
   *     ({@link #allFast}) instead of a coefficient image: only for a rebuild that fails
   *     on a damaged band, as a band left grey has no dense form
   */
  private static Bands decodeBands(Opened o, byte[] raw, Limits limits, RowCoder coder,
      List<String> damaged, boolean denseAllowed) {
    JpegLayout layout = LayoutCodec.read(raw, limits, o.recordChunk);
    JpegSyntax syn = frameOf(layout, limits, o.recordChunk);
    TglHeader h = o.file.header();
    if (syn.width != h.width() || syn.height != h.height()) {
      throw new MalformedInputException("the JPEG frame is " + syn.width + "x" + syn.height
          + " but THDR says " + h.width() + "x" + h.height(), o.recordChunk);
    }
    boolean dense = denseAllowed && syn.progressive && allFast(o.file, o.tgl);
    CoefficientImage img = JpegModel.imageFor(syn, limits, !dense);
    BlockMasks masks = dense ? BlockMasks.fromDecoder(img) : null;
    BandPlan plan = BandPlan.of(img);
    if (plan.bands() != o.file.tileCount() || plan.tileHeight() != h.tileHeight()) {
      throw new MalformedInputException("THDR's tile grid (" + o.file.tileCount() + " tiles of "
          + h.tileHeight() + " rows) does not match the JPEG's bands of MCU rows ("
          + plan.bands() + " of " + plan.tileHeight() + ")", 18);
    }
    TegulaException firstDamage = null;
    for (int t = 0; t < plan.bands(); t++) {
      try {
        decodeTile(o.file, o.tgl, t, img, plan, coder, masks);
      } catch (TegulaException e) {
        if (damaged == null) {
          throw e;
        }
        firstDamage = firstDamage == null ? e : firstDamage;
        damaged.add(e.getMessage());
        clearBand(img, plan.rowStart(t), plan.rowEnd(t));
      }
    }
    if (firstDamage != null && damaged.size() == plan.bands()) {
      throw firstDamage; // nothing left to show
    }
    return new Bands(layout, img, masks);
  }

  /**
   * Whether the rebuild of a progressive frame decodes its bands straight into the dense form
   * its scans read ({@link BlockMasks#fromDecoder}): when every tile is of content 2, whose
   * decoder hands on each block row as it decodes it. The coefficient image is then never made
   * (no 128 bytes per block to allocate, clear, write and read back).
   */
  private static boolean allFast(TglFile file, byte[] tgl) {
    for (int t = 0; t < file.tileCount(); t++) {
      // a damaged tile fails in decodeTile the same either way
      if (tileContent(file.tile(t), tgl) != TileContent.FAST) {
        return false;
      }
    }
    return true;
  }

  /** A coefficient tile's content byte, or -1 where its entry cannot hold one. */
  private static int tileContent(TileEntry e, byte[] tgl) {
    return e.problem() == null && e.offset() >= 0 && e.size() >= 17
        && contentAt(e) < tgl.length ? tgl[contentAt(e)] & 0xFF : -1;
  }

  /** format-jpeg.md §7: the content byte follows the chunk head (8 bytes) and the tile index. */
  private static int contentAt(TileEntry e) {
    return e.offset() + 12;
  }

  /** Piece 0 of the layout read up to its scan header: the frame and tables of the image. */
  private static JpegSyntax frameOf(JpegLayout layout, Limits limits, long recordChunk) {
    JpegSyntax syn = new JpegSyntax(layout.pieces()[0], limits);
    if (syn.nextScan() < 0) {
      throw new MalformedInputException("the JPEG layout in the JREC chunk has no frame and scan "
          + "header", recordChunk);
    }
    return syn;
  }

  /** Zero coefficients: the band decodes to flat mid-grey. */
  private static void clearBand(CoefficientImage img, int rowStart, int rowEnd) {
    img.dropMasks(); // the band's may be half made, and are not of the zeros
    for (int c = 0; c < img.components; c++) {
      int from = img.blockOffset(c, 0, Math.min(rowStart * img.v[c], img.blocksHigh[c]));
      int to = img.blockOffset(c, 0, Math.min(rowEnd * img.v[c], img.blocksHigh[c]));
      Arrays.fill(img.coefficients[c], from, to, (short) 0);
    }
  }

  /** @param dense null, or the dense form a content-2 tile decodes into ({@link #allFast}) */
  private static void decodeTile(TglFile file, byte[] tgl, int t, CoefficientImage img,
      BandPlan plan, RowCoder coder, BlockMasks dense) {
    TileEntry e = file.tile(t);
    String where = "tile " + t + " (MCU rows " + plan.rowStart(t) + "-" + (plan.rowEnd(t) - 1)
        + ", image rows " + e.rect().y() + "-" + (e.rect().y() + e.rect().height() - 1) + ")";
    String problem = file.verifyTile(t);
    if (problem != null) {
      if (e.cut()) {
        throw new TruncatedInputException(where + " is missing: " + problem, tgl.length);
      }
      throw new MalformedInputException(where + " is damaged: " + problem, e.offset());
    }
    int data = e.offset() + 8;
    int length = e.size() - 12;
    int content = tgl[contentAt(e)] & 0xFF;
    if (content != TileContent.ADAPTIVE && content != TileContent.FAST) {
      throw new MalformedInputException(where + " has content " + content
          + " where coefficient rows (0 or 2) belong", contentAt(e));
    }
    try {
      if (dense != null) {
        FastCoefficientCoder.decode(tgl, data + 5, length - 5, img, plan.rowStart(t),
            plan.rowEnd(t), dense);
      } else {
        RowCoder c = content == TileContent.FAST ? TileContent.FAST_CODER : coder;
        c.decode(tgl, data + 5, length - 5, img, plan.rowStart(t), plan.rowEnd(t));
      }
    } catch (TegulaException ex) {
      throw new MalformedInputException(where + " does not decode: " + ex.getMessage(),
          e.offset());
    } catch (RuntimeException ex) {
      throw new MalformedInputException(where + " does not decode (" + ex + ")", e.offset());
    }
  }

  /** The parsed container and its JREC chunk. */
  private static final class Opened {
    TglFile file;
    byte[] tgl;
    int recordAt;
    int recordLength;
    long recordChunk;
    int kind;
    int method;
    long jpegLength;
    long rawLength;

    byte[] payload(Limits limits) {
      int at = recordAt + JpegContainer.RECORD_PREFIX;
      int length = recordLength - JpegContainer.RECORD_PREFIX;
      if (method == JpegContainer.METHOD_STORED) {
        if (rawLength != length) {
          throw bad("its stored payload holds " + length + " bytes, not " + rawLength);
        }
        return Arrays.copyOfRange(tgl, at, at + length);
      }
      // deflate expands at most 1032:1 (RFC 1951 §3.2.5 lengths); more is a damaged length
      if (rawLength > 1032L * length + 64 || rawLength > Integer.MAX_VALUE - 16) {
        throw bad("it claims " + rawLength + " bytes from " + length + " compressed ones");
      }
      byte[] out = new byte[(int) rawLength];
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(tgl, at, length);
        int n = 0;
        boolean dictionarySet = false;
        while (n < out.length && !inflater.finished()) {
          int got = inflater.inflate(out, n, out.length - n);
          if (got == 0 && inflater.needsDictionary()) {
            if (method != JpegContainer.METHOD_ZLIB_DICTIONARY || dictionarySet) {
              throw bad("its zlib payload asks for a dictionary that method " + method
                  + " does not give");
            }
            try {
              inflater.setDictionary(LayoutDictionary.BYTES);
            } catch (IllegalArgumentException e) {
              // the stream names another dictionary (its Adler-32 differs): found by fuzzing
              throw bad("its zlib payload asks for a dictionary other than the layout's");
            }
            dictionarySet = true;
            continue;
          }
          if (got == 0) {
            break; // needs more input than the payload holds
          }
          n += got;
        }
        if (n != out.length || !inflater.finished()) {
          throw bad("its zlib payload does not inflate to " + rawLength + " bytes");
        }
      } catch (DataFormatException e) {
        throw bad("its zlib payload is damaged (" + e.getMessage() + ")");
      } finally {
        inflater.end();
      }
      return out;
    }

    MalformedInputException bad(String what) {
      return new MalformedInputException("the JREC chunk at byte " + recordChunk
          + " is damaged: " + what, recordChunk);
    }
  }

  private static Opened open(byte[] tgl, Limits limits) {
    if (tgl == null || limits == null) {
      throw new IllegalArgumentException("tgl and limits must not be null");
    }
    // The frame size is checked when the coefficients are allocated (modelled files only): a
    // verbatim file allocates no pixels, and a JPEG too large to model is still given back.
    TglFile file = TglDecoder.open(tgl,
        limits.withMaxDimensions(Integer.MAX_VALUE, Integer.MAX_VALUE).withMaxPixels(Long.MAX_VALUE));
    if (!file.header().jpeg()) {
      throw new UnsupportedFeatureException("this .tgl file holds an image (mode "
          + file.header().mode() + "), not a JPEG file: restore it to pixels instead", 29);
    }
    ChunkInfo rec = null;
    for (ChunkInfo c : file.chunks()) {
      if (c.type().equals("JREC")) {
        if (rec != null) {
          throw new MalformedInputException("two JREC chunks (format-jpeg.md §4 allows one)",
              c.offset());
        }
        rec = c;
      }
    }
    if (rec == null) {
      throw new MalformedInputException("no JREC chunk before the tile index: a mode-2 file "
          + "needs one (format-jpeg.md §4)", 10);
    }
    Opened o = new Opened();
    o.file = file;
    o.tgl = tgl;
    o.recordChunk = rec.offset();
    o.recordAt = (int) rec.offset() + 8;
    o.recordLength = (int) rec.length();
    if (!rec.crcOk()) {
      throw o.bad("checksum mismatch (CRC-32)");
    }
    if (o.recordLength < JpegContainer.RECORD_PREFIX) {
      throw o.bad("it holds " + o.recordLength + " bytes, at least "
          + JpegContainer.RECORD_PREFIX + " are needed");
    }
    o.kind = tgl[o.recordAt] & 0xFF;
    o.method = tgl[o.recordAt + 1] & 0xFF;
    o.jpegLength = JpegContainer.u32(tgl, o.recordAt + 2);
    o.rawLength = JpegContainer.u32(tgl, o.recordAt + 38);
    if (o.kind > 1 || o.method > 2) {
      throw o.bad("kind " + o.kind + " / method " + o.method
          + " (format-jpeg.md §4 defines kinds 0-1, methods 0-2)");
    }
    if (o.jpegLength > Integer.MAX_VALUE - 16) {
      throw o.bad("an original of " + o.jpegLength + " bytes");
    }
    if (o.kind == JpegContainer.KIND_VERBATIM && o.rawLength != o.jpegLength) {
      throw o.bad("a verbatim payload of " + o.rawLength + " bytes for an original of "
          + o.jpegLength);
    }
    return o;
  }
}
