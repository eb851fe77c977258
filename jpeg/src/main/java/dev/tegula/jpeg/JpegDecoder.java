package dev.tegula.jpeg;

import dev.tegula.core.DecodeOptions;
import dev.tegula.core.DecodeReport;
import dev.tegula.core.DecodedImage;
import dev.tegula.core.ImageTarget;
import dev.tegula.core.ImageInfo;
import dev.tegula.core.LimitExceededException;
import dev.tegula.core.Limits;
import dev.tegula.core.MalformedInputException;
import dev.tegula.core.Metadata;
import dev.tegula.core.RgbaTarget;
import dev.tegula.core.TegulaException;
import dev.tegula.core.TruncatedInputException;
import dev.tegula.core.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes JPEG (ITU-T T.81 | ISO/IEC 10918-1) files to RGBA8, giving the same pixels as
 * libjpeg-turbo's djpeg with its defaults (islow IDCT, fancy upsampling): baseline and extended
 * sequential and progressive processes, Huffman or arithmetic coded, 8-bit samples, 1, 3 or 4
 * components (grayscale, YCbCr, RGB, CMYK, YCCK).
 *
 * <p>The pipeline: {@link JpegParser} reads the segments; each scan is entropy-decoded into the
 * components' coefficient stores ({@link HuffmanScanDecoder}, {@link ArithmeticScanDecoder}); then
 * {@link Renderer}, per iMCU row, has {@link Idct} dequantize and transform the blocks into
 * {@link ComponentPlane}s, {@link Upsampler} bring each component to full resolution and {@link
 * ColorConverter} write RGBA. A single-pass image is rendered row by row as its scan is decoded.
 * Damaged data yields a partial image with {@code complete() == false}, as djpeg does.
 */
public final class JpegDecoder {
  private JpegDecoder() {}

  /** True when the data starts with SOI and the first byte of another marker (FF D8 FF). */
  public static boolean looksLikeJpeg(byte[] data) {
    return data != null && data.length >= 3 && (data[0] & 0xFF) == 0xFF
        && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
  }

  /** Reads the headers up to the first SOS (cheap: allocates nothing proportional to the image). */
  public static ImageInfo readInfo(byte[] data, Limits limits) {
    if (data == null || limits == null) {
      throw new IllegalArgumentException("data and limits must not be null");
    }
    try {
      JpegParser p = new JpegParser(data, limits, false);
      p.readSoi();
      Scan scan = p.nextScan();
      Frame f = requireFrameAndScan(p, scan);
      return info(p, f, colorSpace(p, f), 0);
    } catch (TegulaException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /** Decodes to RGBA8 (alpha 255). */
  public static DecodedImage decode(byte[] data, DecodeOptions options) {
    ImageTarget target = new ImageTarget();
    return withImage(target, decode(data, options, target));
  }

  /**
   * Decodes to RGBA8 (alpha 255) in {@code target}, which the decoder starts once the frame's size
   * passed the limits, with the EXIF orientation read before the image data when {@link
   * DecodeOptions#autoOrient()} asks for it.
   */
  public static DecodeReport decode(byte[] data, DecodeOptions options, RgbaTarget target) {
    if (data == null || options == null || target == null) {
      throw new IllegalArgumentException("data, options and target must not be null");
    }
    try {
      return new JpegDecoder.Run(data, options, target).decode();
    } catch (TegulaException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  private static DecodedImage withImage(ImageTarget target, DecodeReport r) {
    return new DecodedImage(target.image(), r.info(), r.metadata(), r.complete(), r.warning());
  }

  /**
   * Decodes a JPEG file of which the first {@code resumeAt.length} scans are given as
   * coefficients instead of entropy-coded data, to the same image, metadata and warnings as
   * {@link #decode} of the whole file. For JPEG recompression, which restores the coefficients
   * and need not write the file to show it.
   *
   * @param data the file's bytes outside the given scans' entropy-coded data: from SOI to the
   *     first given scan's SOS segment, then for each given scan k what follows its entropy-coded
   *     data (the marker that ended it, the next segments, ...) from {@code resumeAt[k]} on,
   *     the last of them running to the end of the file (later scans, EOI, trailing bytes); where
   *     the caller places them is its choice (offsets in warnings are offsets in {@code data})
   * @param resumeAt per given scan (Huffman-coded), where reading goes on after it: at or after
   *     the end of its SOS segment
   * @param coefficients per frame component, the quantized coefficients after the given scans as
   *     a decoder of the whole file holds them: 64 per block in natural order, blocks row-major,
   *     {@code blocksWide[c]} blocks per row, covering the component's blocks (T.81 §A.2); used
   *     in place (the arrays change when later scans refine them)
   */
  public static DecodedImage decodeCoefficients(byte[] data, int[] resumeAt,
      short[][] coefficients, int[] blocksWide, DecodeOptions options) {
    ImageTarget target = new ImageTarget();
    return withImage(target,
        decodeCoefficients(data, resumeAt, coefficients, blocksWide, options, target));
  }

  /**
   * {@link #decodeCoefficients(byte[], int[], short[][], int[], DecodeOptions)} into {@code
   * target}, which is started as {@link #decode(byte[], DecodeOptions, RgbaTarget)} says.
   */
  public static DecodeReport decodeCoefficients(byte[] data, int[] resumeAt,
      short[][] coefficients, int[] blocksWide, DecodeOptions options, RgbaTarget target) {
    if (data == null || resumeAt == null || coefficients == null || blocksWide == null
        || options == null || target == null || resumeAt.length == 0
        || coefficients.length != blocksWide.length) {
      throw new IllegalArgumentException("null input, no given scans, or arrays of two sizes");
    }
    try {
      Run run = new JpegDecoder.Run(data, options, target);
      run.resumeAt = resumeAt.clone();
      run.given = coefficients;
      run.givenWide = blocksWide;
      return run.decode();
    } catch (TegulaException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  private static MalformedInputException internal(RuntimeException e) {
    return new MalformedInputException("internal decoder error (" + e + ")", -1);
  }

  private static Frame requireFrameAndScan(JpegParser p, Scan scan) {
    if (p.frame == null) {
      if (!p.sawEoi) {
        throw new TruncatedInputException("no frame header (SOFn) before the end of the data",
            p.data.length);
      }
      throw new MalformedInputException("no frame header (SOFn) before EOI", p.markerOffset);
    }
    if (scan == null) {
      if (!p.sawEoi) {
        throw new TruncatedInputException("no scan (SOS) before the end of the data",
            p.data.length);
      }
      throw new MalformedInputException("no scan (SOS) before EOI", p.markerOffset);
    }
    return p.frame;
  }

  /**
   * The colour space as libjpeg's default_decompress_parms infers it (jdapimin.c): one component
   * is grayscale; three are YCbCr unless an Adobe marker without JFIF says transform 0 or, with
   * neither marker, the component ids are 'R', 'G', 'B'; four are CMYK unless an Adobe marker says
   * transform 2 (or anything but 0), YCCK. Returns -1 for other component counts.
   */
  static int colorSpace(JpegParser p, Frame f) {
    FrameComponent[] c = f.components;
    switch (c.length) {
      case 1:
        return ColorConverter.GRAY;
      case 3:
        if (p.sawJfif) {
          return ColorConverter.YCBCR;
        }
        if (p.sawAdobe) {
          if (p.adobeTransform == 0) {
            return ColorConverter.RGB;
          }
          if (p.adobeTransform != 1) {
            p.warnings.add("unknown Adobe colour transform " + p.adobeTransform
                + "; assuming YCbCr");
          }
          return ColorConverter.YCBCR;
        }
        if (c[0].id == 'R' && c[1].id == 'G' && c[2].id == 'B') {
          return ColorConverter.RGB;
        }
        return ColorConverter.YCBCR;
      case 4:
        if (p.sawAdobe) {
          if (p.adobeTransform == 0) {
            return ColorConverter.CMYK;
          }
          if (p.adobeTransform != 2) {
            p.warnings.add("unknown Adobe colour transform " + p.adobeTransform
                + "; assuming YCCK");
          }
          return ColorConverter.YCCK;
        }
        return ColorConverter.CMYK;
      default:
        return -1;
    }
  }

  private static String colorSpaceName(int space, int components) {
    switch (space) {
      case ColorConverter.GRAY:
        return "grayscale";
      case ColorConverter.YCBCR:
        return "YCbCr";
      case ColorConverter.RGB:
        return "RGB";
      case ColorConverter.CMYK:
        return "CMYK";
      case ColorConverter.YCCK:
        return "YCCK";
      default:
        return components + " components";
    }
  }

  private static String variant(Frame f) {
    switch (f.marker) {
      case 0xC0:
        return "baseline";
      case 0xC1:
        return "extended";
      case 0xC2:
        return "progressive";
      case 0xC9:
        return "arithmetic";
      case 0xCA:
        return "progressive arithmetic";
      default:
        return "SOF" + (f.marker - 0xC0);
    }
  }

  /**
   * "4:4:4", "4:2:2", "4:2:0", "4:4:0" or "4:1:1" when every component after the first has the
   * same factors and the first's are 1x1, 2x1, 2x2, 1x2 or 4x1 times theirs (a fourth component,
   * K of CMYK or YCCK, must match the first); "4:0:0" for grayscale; else the factors as
   * "2x2,1x1,1x1".
   */
  static String subsampling(Frame f) {
    FrameComponent[] c = f.components;
    if (c.length == 1) {
      return "4:0:0";
    }
    String name = null;
    if (c.length == 3 || c.length == 4) {
      FrameComponent y = c[0];
      FrameComponent cb = c[1];
      boolean same = c[2].h == cb.h && c[2].v == cb.v;
      if (c.length == 4) {
        same &= c[3].h == y.h && c[3].v == y.v;
      }
      if (same && y.h % cb.h == 0 && y.v % cb.v == 0) {
        int rh = y.h / cb.h;
        int rv = y.v / cb.v;
        if (rh == 1 && rv == 1) {
          name = "4:4:4";
        } else if (rh == 2 && rv == 1) {
          name = "4:2:2";
        } else if (rh == 2 && rv == 2) {
          name = "4:2:0";
        } else if (rh == 1 && rv == 2) {
          name = "4:4:0";
        } else if (rh == 4 && rv == 1) {
          name = "4:1:1";
        }
      }
    }
    if (name != null) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(c[i].h).append('x').append(c[i].v);
    }
    return sb.toString();
  }

  private static ImageInfo info(JpegParser p, Frame f, int space, int scans) {
    return new ImageInfo(
        "jpeg",
        f.width,
        f.height,
        f.components.length,
        f.precision,
        colorSpaceName(space, f.components.length),
        variant(f),
        subsampling(f),
        f.progressive,
        false,
        p.orientation,
        scans);
  }

  /** One decode: the parser, the frame's stores and what went wrong so far. */
  private static final class Run {
    private final byte[] data;
    private final DecodeOptions options;
    private final Limits limits;
    private final JpegParser parser;
    private final RgbaTarget target;
    /** The EXIF orientation the target turns the image by, fixed when rendering starts. */
    private int orientation = 1;
    private Frame frame;
    private int space;
    /** Quantizers latched per component at its first scan (jdinput.c latch_quant_tables). */
    private int[][] latched;
    /** Per component and coefficient, the Al of the last scan that coded it; -1 if none. */
    private int[][] coefBits;
    /** coefBits as they were before the last scan that touched each (jdphuff.c). */
    private int[][] prevCoefBits;
    /** libjpeg's last_good_iMCU_row after the scans decoded so far. */
    private int lastGoodImcuRow;
    private HuffmanScanDecoder huffman;
    private int scans;
    private final List<String> problems = new ArrayList<>();
    private boolean incomplete;
    private boolean arithmeticRanOut;
    /** Reading stopped at a scan that cannot change the image (a single-pass image's second). */
    private boolean endedEarly;
    /** A single-pass image rendered as its scan is decoded, from one iMCU row of store. */
    private boolean streamed;
    /** The output pass: made as the first scan starts when it renders as it decodes. */
    private Renderer renderer;
    /** decodeCoefficients: where to go on after each given scan, and their coefficients. */
    private int[] resumeAt = new int[0];
    private short[][] given;
    private int[] givenWide;

    Run(byte[] data, DecodeOptions options, RgbaTarget target) {
      this.data = data;
      this.options = options;
      this.target = target;
      this.limits = options.limits();
      this.parser = new JpegParser(data, limits, true);
    }

    DecodeReport decode() {
      JpegParser p = parser;
      p.readSoi();
      Scan scan = p.nextScan();
      int firstScanOffset = p.markerOffset;
      Frame f = requireFrameAndScan(p, scan);
      frame = f;
      limits.checkDimensions(f.width, f.height, p.frameOffset);
      space = colorSpace(p, f);
      if (space < 0) {
        throw new UnsupportedFeatureException(
            "JPEG with " + f.components.length + " components (only 1, 3 and 4 are supported)",
            firstScanOffset);
      }
      // Refuse non-integral sampling ratios before allocating anything.
      for (FrameComponent c : f.components) {
        if (f.hMax % c.h != 0 || f.vMax % c.v != 0) {
          throw new UnsupportedFeatureException(
              "non-integral sampling ratio of component " + c.id + " (" + c.h + "x" + c.v
                  + " with maximum " + f.hMax + "x" + f.vMax + ")", firstScanOffset);
        }
      }
      // libjpeg's single-pass case (jdinput.c: not progressive, the first scan holds every
      // component): that scan is the image, and a later one is an error that djpeg reports after
      // writing it. Huffman-coded, it is rendered as it is decoded, from one iMCU row of store.
      boolean singlePass = !f.progressive && scan.components.length == f.components.length;
      streamed = singlePass && !f.arithmetic && given == null;
      allocate(f, firstScanOffset, streamed);
      if (!f.progressive && !f.arithmetic) {
        StandardHuffmanTables.fillMissing(p.dcTables, p.acTables);
      }

      huffman = new HuffmanScanDecoder(data);
      boolean first = true;
      while (scan != null) {
        if (!first && singlePass) {
          problems.add("a second scan at byte " + p.markerOffset + " after the image's only scan,"
              + " which held every component: ignored, as libjpeg does");
          endedEarly = true;
          break;
        }
        try {
          decodeScan(scan, p.markerOffset);
          first = false;
          scan = p.nextScan();
        } catch (MalformedInputException | TruncatedInputException e) {
          if (first) {
            throw e;
          }
          // A damaged or cut segment after image data: keep what the earlier scans gave.
          incomplete = true;
          problems.add(e.getMessage());
          scan = null;
        } catch (UnsupportedFeatureException | LimitExceededException e) {
          if (first || !singlePass) {
            throw e;
          }
          // After a single-pass image, which djpeg has written before it reads on: keep it.
          problems.add(e.getMessage() + " after the image's only scan: ignored");
          endedEarly = true;
          scan = null;
        }
      }
      assess();
      if (renderer == null) {
        renderer = newRenderer(BlockSmoothing.create(
            f, latched, coefBits, prevCoefBits, scans, lastGoodImcuRow), false);
      }
      renderer.finish();
      if (options.autoOrient() && p.orientation != orientation) {
        // only an EXIF segment after a single-pass image's scan, which had been rendered
        problems.add("EXIF orientation " + p.orientation + " after the image data: not applied");
      }
      Map<String, String> text = new LinkedHashMap<>();
      String com = p.comments();
      if (com != null) {
        text.put("comment", com);
      }
      byte[] icc = p.iccProfile();
      Metadata metadata = new Metadata(icc, p.exif, p.xmp, text);
      problems.addAll(p.warnings);
      String warning = null;
      if (!problems.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(problems.size(), 4);
        for (int i = 0; i < shown; i++) {
          if (i > 0) {
            sb.append("; ");
          }
          sb.append(problems.get(i));
        }
        if (problems.size() > shown) {
          sb.append("; and ").append(problems.size() - shown).append(" more");
        }
        warning = sb.toString();
      }
      boolean swap = orientation >= 5;
      return new DecodeReport(swap ? renderer.height() : renderer.width(),
          swap ? renderer.width() : renderer.height(), info(p, f, space, scans), metadata,
          !incomplete, warning);
    }

    /**
     * The coefficient stores: the whole image's, or with {@code oneRow} one iMCU row's, which the
     * {@link Renderer} clears as the decoder refills it.
     */
    private void allocate(Frame f, int offset, boolean oneRow) {
      for (FrameComponent c : f.components) {
        long n = (long) c.blocksPerLineAlloc * c.blockRowsAlloc * 64;
        if (n > Integer.MAX_VALUE - 16) {
          throw new LimitExceededException(
              "component " + c.id + " needs " + n + " coefficients, more than one array holds",
              offset);
        }
      }
      if (given != null) {
        adoptGiven(f);
      } else {
        for (FrameComponent c : f.components) {
          if (oneRow) {
            c.storeRows = c.v;
          }
          c.coefficients = new short[c.blocksPerLineAlloc * c.storeRows * 64];
          if (!f.arithmetic) {
            c.blockLastK = new byte[c.blocksPerLineAlloc * c.storeRows];
          }
          if (f.progressive && !f.arithmetic) {
            c.acMask = new long[c.blocksPerLineAlloc * c.blockRowsAlloc];
          }
        }
      }
      latched = new int[f.components.length][];
      coefBits = new int[f.components.length][64];
      prevCoefBits = new int[f.components.length][64];
      for (int[] b : coefBits) {
        java.util.Arrays.fill(b, -1);
      }
    }

    /**
     * The given coefficients as the components' stores: the caller's arrays when their layout is
     * the decoder's, else copied into it. No blockLastK: the IDCT looks at each block.
     */
    private void adoptGiven(Frame f) {
      if (given.length != f.components.length) {
        throw new IllegalArgumentException(given.length + " coefficient arrays for "
            + f.components.length + " components");
      }
      if (f.arithmetic) {
        throw new IllegalArgumentException("coefficients given for an arithmetic-coded frame");
      }
      for (FrameComponent c : f.components) {
        short[] g = given[c.index];
        int wide = givenWide[c.index];
        if (wide < c.blocksPerLine || g == null
            || g.length / 64 / wide < c.blocksPerColumn) {
          throw new IllegalArgumentException("the coefficients of component " + c.index
              + " do not cover its blocks");
        }
        int need = c.blocksPerLineAlloc * c.blockRowsAlloc * 64;
        if (wide == c.blocksPerLineAlloc && g.length >= need) {
          c.coefficients = g;
        } else {
          c.coefficients = new short[need];
          int cols = Math.min(wide, c.blocksPerLineAlloc) * 64;
          int rows = Math.min(g.length / 64 / wide, c.blockRowsAlloc);
          for (int by = 0; by < rows; by++) {
            System.arraycopy(g, by * wide * 64, c.coefficients, c.blockOffset(0, by), cols);
          }
        }
        c.blockLastK = null;
        c.acMask = null; // made from the coefficients if an AC scan follows
      }
    }

    private void decodeScan(Scan scan, int sosOffset) {
      JpegParser p = parser;
      Frame f = frame;
      scans++;
      limits.checkScans(scans, sosOffset);
      latch(scan, sosOffset);
      if (streamed) {
        // the only scan: its rows are rendered as it decodes them, with the quantizers latched
        renderer = newRenderer(null, true);
        huffman.rows = renderer;
      }
      if (f.progressive) {
        trackProgression(scan);
      }
      if (scans <= resumeAt.length) {
        // the coefficients are given; an intact scan ends with its last MCU row good (as
        // HuffmanScanDecoder sets it)
        int at = resumeAt[scans - 1];
        if (at < p.pos || at > data.length) {
          throw new IllegalArgumentException("scan " + scans + " resumes at " + at
              + ", not after its header at " + p.pos + " and within the data");
        }
        p.pos = at;
        FrameComponent c = scan.components[0];
        lastGoodImcuRow = scan.components.length > 1 ? f.mcusPerColumn - 1
            : (c.blocksPerColumn - 1) / c.v;
        return;
      }
      if (given != null && !f.arithmetic) {
        for (FrameComponent c : scan.components) {
          if (c.blockLastK == null) {
            c.blockLastK = lastKBounds(c);
          }
        }
      }
      int end;
      if (f.arithmetic) {
        end = ArithmeticScanDecoder.decodeScan(data, p.pos, f, scan, p.conditioning);
        if (end >= data.length) {
          arithmeticRanOut = true;
        }
        // jdarith.c never flags insufficient data, so every MCU counts as good.
        lastGoodImcuRow = f.mcusPerColumn - 1;
      } else {
        int n = scan.components.length;
        HuffmanTable[] dc = new HuffmanTable[n];
        HuffmanTable[] ac = new HuffmanTable[n];
        HuffmanScanDecoder.tables(p, f, scan, dc, ac, sosOffset);
        end = huffman.decodeScan(p.pos, f, scan, dc, ac);
        lastGoodImcuRow = huffman.lastGoodImcuRow;
      }
      p.pos = end;
    }

    /** Latches the quantizers of the scan's components that have none yet (jdinput.c). */
    private void latch(Scan scan, int sosOffset) {
      for (FrameComponent c : scan.components) {
        if (latched[c.index] == null) {
          int[] q = parser.quantTables[c.quantTable];
          if (q == null) {
            throw new MalformedInputException(
                "component " + c.id + " uses quantization table " + c.quantTable
                    + ", which is not defined", sosOffset);
          }
          latched[c.index] = q.clone();
        }
      }
    }

    private Renderer newRenderer(BlockSmoothing smoothing, boolean streamed) {
      orientation = options.autoOrient() ? parser.orientation : 1;
      return new Renderer(frame, space, latched, smoothing, options.jpegShrink(), limits,
          streamed, target, orientation);
    }

    /**
     * For a Huffman scan after given coefficients: blockLastK as the scan decoder needs it, an
     * upper bound of each block's last nonzero zig-zag index (0 for DC only, else 63).
     */
    private static byte[] lastKBounds(FrameComponent c) {
      byte[] k = new byte[c.coefficients.length >> 6];
      for (int b = 0; b < k.length; b++) {
        k[b] = (byte) (Idct.classify(c.coefficients, b << 6) == 0 ? 0 : 63);
      }
      return k;
    }

    /**
     * Records which coefficient bits each progressive scan delivers, as jdphuff.c's
     * start_pass_phuff_decoder: first the previous state of coefficients min(Ss, 1) to
     * max(Se, 9) (0 before the first scan), then Al for Ss to Se.
     */
    private void trackProgression(Scan scan) {
      for (FrameComponent c : scan.components) {
        int[] bits = coefBits[c.index];
        int[] prev = prevCoefBits[c.index];
        for (int k = Math.min(scan.ss, 1); k <= Math.max(scan.se, 9); k++) {
          prev[k] = scans > 1 ? bits[k] : 0;
        }
        for (int k = scan.ss; k <= scan.se; k++) {
          bits[k] = scan.al;
        }
      }
    }

    /** Decides whether the image is complete and why not. */
    private void assess() {
      HuffmanScanDecoder h = huffman;
      JpegParser p = parser;
      if (h.dataEndedAt >= 0) {
        incomplete = true;
        problems.add("data ends early: the entropy-coded data stops at byte " + h.dataEndedAt
            + "; the rest of the image is missing");
      }
      if (h.badCodes > 0) {
        incomplete = true;
        problems.add("corrupt data: " + h.badCodes + " invalid Huffman code"
            + (h.badCodes > 1 ? "s" : "") + ", the first near byte " + h.firstBadCodeAt);
      }
      if (h.restartResyncs > 0) {
        incomplete = true;
        problems.add("corrupt data: " + h.restartResyncs + " restart marker"
            + (h.restartResyncs > 1 ? "s" : "") + " missing or out of order, the first at byte "
            + h.firstResyncAt);
      }
      boolean allCoded = true;
      if (frame.progressive) {
        for (int[] bits : coefBits) {
          for (int b : bits) {
            allCoded &= b == 0;
          }
        }
      } else {
        allCoded = sequentialCoverage();
      }
      if (!p.sawEoi && !endedEarly) {
        if (arithmeticRanOut && !incomplete) {
          incomplete = true;
          problems.add("data ends early: the arithmetic-coded data runs to the end of the file");
        } else if (!allCoded && !incomplete) {
          incomplete = true;
          problems.add("data ends early after " + scans + " scan" + (scans > 1 ? "s" : "")
              + "; the image is not fully coded");
        } else if (!incomplete) {
          problems.add("missing EOI marker at the end of the data");
        }
      }
    }

    /** Sequential: whether every component appeared in a scan (its quantizers were latched). */
    private boolean sequentialCoverage() {
      for (int[] q : latched) {
        if (q == null) {
          return false;
        }
      }
      return true;
    }
  }
}
