// Types for tegula.js, the browser API of Tegula. TypeScript 5.7 or later (typed arrays name
// their buffer's type: decoded pixels go straight into `new ImageData`).

export type ErrorCode = 'malformed' | 'truncated' | 'unsupported' | 'limit' | 'internal' | 'aborted'
  /** compare(): the two images differ in size. */
  | 'mismatch'
  /** A codec module whose SHA-256 does not match its manifest (it was refused). */
  | 'integrity'
  /** Options that cannot work ("invalid options: ..."), or that the codec refuses. */
  | 'argument';

export declare class TegulaError extends Error {
  readonly code: ErrorCode;
  /** Byte offset in the input where the problem was found, or -1. */
  readonly offset: number;
}

export interface InitOptions {
  /** Worker count; defaults to navigator.hardwareConcurrency. */
  workers?: number;
  /** Where the Wasm module is; defaults to ./wasm/tegula.wasm next to tegula.js. */
  wasmUrl?: string | URL;
  /** 'sha256-<base64>' of the module at wasmUrl; a module that does not match is refused. */
  integrity?: string;
  /** A codec manifest (URL, relative to the page, or the object); the module then comes from it. */
  manifest?: string | URL | CodecManifest;
  /** The codec version to start with; the manifest's current one by default. */
  codec?: string;
  /** Use a SharedArrayBuffer for large images when the page is cross-origin isolated (default true). */
  shared?: boolean;
  /**
   * Load the decode-only module (./wasm/tegula-decode.wasm, about half the download) when no
   * wasmUrl is given: decode(), decodeToBitmap() and info() work, everything else rejects with
   * code 'unsupported'. Not with a manifest (code 'argument').
   */
  decodeOnly?: boolean;
  /**
   * Bytes of WebAssembly memory a worker may keep after a job (default 256 MiB). A worker's memory
   * grows to the largest image it decoded and never shrinks, so one that grew past this is
   * replaced by a fresh worker once its job is done.
   */
  workerMemoryLimit?: number;
}

/** codecs.json: the codec builds a page may use, each with its SHA-256. */
export interface CodecManifest {
  current?: string;
  versions: Array<{version: string; wasm: string; integrity?: string; size?: number}>;
}

export interface PoolStatus {
  workers: number;
  /** The codec version new work uses. */
  codec: string;
  /** The versions each worker holds (two while a switch finishes old work). */
  loaded: string[][];
  /** Bytes of WebAssembly memory each worker reported after its last job (0 for a fresh one). */
  memory: number[];
}

export interface ImageInfo {
  format: 'jpeg' | 'png' | 'tgl';
  width: number;
  height: number;
  components: number;
  bitDepth: number;
  colorSpace: string;
  variant: string;
  /** JPEG's chroma subsampling ('4:2:0', '4:4:4', ..., '4:0:0' grey) or a lossy colour .tgl's ('4:2:0', '4:4:4'); else null. */
  subsampling: string | null;
  progressive: boolean;
  hasAlpha: boolean;
  /** EXIF orientation 1-8. */
  orientation: number;
  scans: number;
}

export interface MetadataSummary {
  iccBytes: number;
  /** The ICC profile's data colour space ("RGB", "GRAY", ...); "" without a readable profile. */
  iccColorSpace: string;
  /** The ICC profile's description, e.g. "sRGB IEC61966-2.1"; "" when it has none. */
  iccDescription: string;
  exifBytes: number;
  xmpBytes: number;
  text: Record<string, string>;
}

/** ImageData-compatible: `new ImageData(r.data, r.width, r.height)` works. */
export interface DecodeResult {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
  info: ImageInfo;
  metadata: MetadataSummary;
  /** False when the file was cut short or damaged and only part of it could be decoded. */
  complete: boolean;
  warning: string | null;
  /** Time spent decoding inside the worker, in milliseconds. */
  decodeMs: number;
}

export interface DecodeOptions {
  /** Apply the EXIF orientation so the image comes out upright. */
  autoOrient?: boolean;
  /** Refuse images with more pixels than this (0 or absent: the library default, 100 MP). */
  maxPixels?: number;
  /**
   * 2, 4 or 8: a JPEG (or a .tgl that keeps one) decodes to ceil(width / n) x ceil(height / n)
   * pixels through its reduced inverse DCT, the pixels of djpeg -scale 1/n, in a fraction of the
   * time (thumbnails). Other images decode whole. 1 or absent: whole. Anything else rejects
   * with code 'argument'.
   */
  jpegShrink?: 1 | 2 | 4 | 8;
  signal?: AbortSignal;
  /** Called with 0..1 as tiles of a large .tgl are decoded. */
  onProgress?: (fraction: number) => void;
}

/**
 * compress()'s options. Wrong ones (an unknown name, a value of the wrong type or range, or a
 * combination that cannot work) reject at once with code 'argument' ("invalid options: ...").
 */
export interface CompressOptions {
  /** 'tgl' (default), 'jpeg' or 'png'. */
  format?: 'tgl' | 'png' | 'jpeg';
  /** Lossy quality 0-100 (default 75) for .tgl and JPEG; higher is better and larger. */
  quality?: number;
  /** .tgl: every pixel kept exactly (alpha and 16-bit PNG samples too). Not with 'jpeg'. */
  lossless?: boolean;
  /** PNG: how hard to look for a small file, 0-4 (default 3); 1 is faster and mostly 3-14 % larger, 4 smallest and slowest. */
  pngEffort?: number;
  /**
   * A target size in bytes (lossy .tgl and JPEG): the best quality whose file fits, found in a few
   * encodes in one worker; compressWithFacts() tells the quality chosen and the encodes used.
   * Rejects with code 'limit' when even quality 0 does not fit.
   */
  maxSizeBytes?: number;
  /**
   * A target SSIM in (0, 1) (lossy .tgl and JPEG): the smallest file that reaches it; code
   * 'limit' when even quality 100 does not.
   */
  targetSsim?: number;
  /** Scale down (never up) so that neither side exceeds this many pixels; before tiling. */
  maxWidthOrHeight?: number;
  /** Resize in linear light rather than on the sRGB values (with maxWidthOrHeight). */
  gammaCorrect?: boolean;
  /** Write grey (Rec. 709 luma). */
  grayscale?: boolean;
  /** Write no metadata at all (EXIF, ICC, XMP, text); by default a file's metadata is kept. */
  strip?: boolean;
  /** Remove only the location (the EXIF GPS data, XMP with GPS). */
  stripGps?: boolean;
  /**
   * Keep the pixels as stored and the EXIF orientation tag as it is. By default a file's EXIF
   * orientation is applied: the output is upright and its tag says 1.
   */
  keepOrientation?: boolean;
  /**
   * Lossy JPEG and .tgl output: the chroma resolution at any quality. By default 4:2:0 below
   * quality 97 and 4:4:4 from 97 on (a maxSizeBytes or targetSsim search may also use 4:4:4 just
   * below 97). '4:2:2' is JPEG's only (rejected with code 'argument' for .tgl).
   */
  chroma?: '4:4:4' | '4:2:2' | '4:2:0';
  /** JPEG output: baseline sequential instead of progressive (a few percent larger). */
  baseline?: boolean;
  /** JPEG output: a restart marker every this many MCUs, 0-65535 (default 0, none). */
  restartInterval?: number;
  /** .tgl tile side, 16-4096 (default 512): the unit of parallel work. */
  tileSize?: number;
  /**
   * A JPEG file kept bit for bit in .tgl (docs/format-jpeg.md): restoreOriginal() gives the same
   * bytes back. Only with jpegCoding, maxPixels, signal and onProgress; compressWithFacts() adds
   * `modelled`, `reason` (why a JPEG was stored as it is) and `coding`.
   */
  jpegLossless?: boolean;
  /**
   * With jpegLossless: how the coefficients are coded. 'fast' (the default;
   * docs/format-jpeg-coefficients-fast.md) or 'adaptive' (about half a point more saving on
   * photos, 3-4x slower to compress and restore; docs/format-jpeg-coefficients.md). Either
   * restores the same JPEG.
   */
  jpegCoding?: 'fast' | 'adaptive';
  /** For file inputs: refuse images with more pixels than this. */
  maxPixels?: number;
  /** Aborting rejects with code 'aborted' and stops the work in the workers. */
  signal?: AbortSignal;
  /** Called with 0..1 as tiles are coded. */
  onProgress?: (fraction: number) => void;
}

/** What compressWithFacts() made. */
export interface CompressResult {
  /** The file: image/x-tegula, image/jpeg or image/png. */
  blob: Blob;
  format: 'tgl' | 'png' | 'jpeg';
  /** The output's size (after orientation and resizing). */
  width: number;
  height: number;
  /** The quality used: chosen by the search with maxSizeBytes or targetSsim; 100 when lossless. */
  quality: number;
  /** The same quality in hundredths (0-10000): size and SSIM searches move between whole ones. */
  qualityHundredths: number;
  /**
   * The chroma subsampling of lossy JPEG and .tgl: the `chroma` option when given; else '4:2:0'
   * below quality 97, '4:4:4' from 97 on, or '4:4:4' below 97 when a maxSizeBytes or targetSsim
   * target fell inside the jump at 97; 'grey' with grayscale, and for a grey image (.tgl: no
   * chroma planes; JPEG: one component, unless `chroma` is given), except for a JPEG carrying a
   * colour ICC profile (three components, grey pixels); null for PNG and lossless output.
   */
  chroma: '4:2:0' | '4:2:2' | '4:4:4' | 'grey' | null;
  /**
   * JPEG's trellis lambda in hundredths of the encoder's own: 100 unless a maxSizeBytes or
   * targetSsim search moved this second knob (where one hundredth of quality changes the
   * quantization tables too much to land); -1 for .tgl, PNG and lossless output.
   */
  lambdaHundredths: number;
  /**
   * Whether a maxSizeBytes search (JPEG or .tgl) fitted the file to the target by dropping its
   * least valuable coefficients: the encode at the quality and lambda was over it by a little (at
   * most 3.5 %); or whether a targetSsim search (JPEG or .tgl) lowered a file over the target's
   * band into it by dropping coefficients (the trimmed file counts as an encode); false
   * otherwise. A .tgl size trim codes the tiles again, and `encodes` counts each such coding.
   */
  trimmed: boolean;
  lossless: boolean;
  /** How many encodes it took (1 without a target). */
  encodes: number;
  /** With targetSsim: the SSIM the output reached against the (resized) source; else null. */
  ssim: number | null;
  /** With jpegLossless: whether the coefficients were modelled (else the JPEG is kept as is). */
  modelled?: boolean;
  /** With jpegLossless: why the JPEG was stored as it is, or null. */
  reason?: string | null;
  /** With jpegLossless: the coefficient coding, e.g. 'content 2 (fast rANS coding)'. */
  coding?: string;
}

/** Pixels, an ImageBitmap, or an encoded JPEG, PNG or .tgl file. */
export type CompressInput = Pixels | ImageData | ImageBitmap | Input;

export type Input = ArrayBuffer | ArrayBufferView | Blob;

/** Decoded RGBA8 pixels: ImageData, a DecodeResult, or any object of this shape. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export interface CompareOptions {
  /** Also return the per-pixel SSIM as a heatmap image (inferno colours, black = no error). */
  heatmap?: boolean;
  /** For file inputs: refuse images with more pixels than this (0 or absent: 100 MP). */
  maxPixels?: number;
  signal?: AbortSignal;
}

/**
 * Quality of a test image against a reference. Transparent images are composited over grey 128
 * for the colour metrics; alpha is compared on its own.
 */
export interface CompareResult {
  width: number;
  height: number;
  /** PSNR over R, G, B in dB; Infinity when identical. */
  psnr: number;
  /** PSNR of BT.601 luma (0.299 R + 0.587 G + 0.114 B) in dB. */
  psnrLuma: number;
  /** SSIM as scikit-image computes it by default (7x7 window, mean of R, G, B); NaN under 7x7. */
  ssim: number;
  /** Wang et al.'s Gaussian SSIM (11x11, sigma 1.5) of luma; NaN under 11x11. */
  ssimLuma: number;
  /** MS-SSIM of luma (5 scales); NaN when a side is under 161 pixels. */
  msSsim: number;
  /** Whether either image has transparency. */
  alpha: boolean;
  psnrAlpha: number | null;
  ssimAlpha: number | null;
  /** The images look the same: every compared channel is equal. */
  identical: boolean;
  /** Time spent in the worker, in milliseconds. */
  compareMs: number;
  /** With the heatmap option: ImageData-compatible, like a DecodeResult. */
  heatmap?: {width: number; height: number; data: Uint8ClampedArray<ArrayBuffer>};
}

export declare function init(options?: InitOptions): Promise<void>;
/** Decodes .tgl, JPEG or PNG; a .tgl of several tiles is decoded by every worker. */
export declare function decode(input: Input, options?: DecodeOptions): Promise<DecodeResult>;
/** Decodes to an ImageBitmap made in a worker (OffscreenCanvas.transferToImageBitmap). */
export declare function decodeToBitmap(input: Input, options?: DecodeOptions): Promise<ImageBitmap>;
/** Compresses to a Blob of type image/x-tegula (.tgl), image/jpeg or image/png. */
export declare function compress(input: CompressInput, options?: CompressOptions): Promise<Blob>;
/** compress(), with what was made: the quality chosen, the encodes used, the output's size. */
export declare function compressWithFacts(input: CompressInput,
  options?: CompressOptions): Promise<CompressResult>;
/** restore()'s options: the file is restored as stored, whole and with its orientation tag. */
export type RestoreOptions = Omit<DecodeOptions, 'autoOrient' | 'jpegShrink'>;
/** Restores a .tgl file to a PNG Blob (ICC and EXIF kept). */
export declare function restore(input: Input, options?: RestoreOptions): Promise<Blob>;
/** The original JPEG (image/jpeg) of a .tgl made with jpegLossless, byte for byte. */
export declare function restoreOriginal(input: Input,
  options?: {maxPixels?: number, signal?: AbortSignal}): Promise<Blob>;
/**
 * Switches to another codec version of the manifest: checks its SHA-256, loads it in every
 * worker; work already started finishes on the old version. Resolves with the version.
 */
export declare function useCodec(version: string, options?: {manifest?: string | URL | CodecManifest}): Promise<string>;
export declare function status(): PoolStatus | null;
export declare function info(input: Input, options?: {signal?: AbortSignal}): Promise<ImageInfo>;
export declare function compare(reference: Pixels | Input, test: Pixels | Input,
  options?: CompareOptions): Promise<CompareResult>;
export declare function version(): Promise<string>;
export declare function terminate(): void;
