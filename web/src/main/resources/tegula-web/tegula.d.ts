// Types for tegula.js, the browser API of Tegula.

export type ErrorCode = 'malformed' | 'truncated' | 'unsupported' | 'limit' | 'internal' | 'aborted'
  /** compare(): the two images differ in size. */
  | 'mismatch';

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
}

export interface ImageInfo {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  components: number;
  bitDepth: number;
  colorSpace: string;
  variant: string;
  subsampling: string | null;
  progressive: boolean;
  hasAlpha: boolean;
  /** EXIF orientation 1-8. */
  orientation: number;
  scans: number;
}

export interface MetadataSummary {
  iccBytes: number;
  exifBytes: number;
  xmpBytes: number;
  text: Record<string, string>;
}

/** ImageData-compatible: `new ImageData(r.data, r.width, r.height)` works. */
export interface DecodeResult {
  width: number;
  height: number;
  data: Uint8ClampedArray;
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
  signal?: AbortSignal;
}

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
  heatmap?: Pixels;
}

export declare function init(options?: InitOptions): Promise<void>;
export declare function decode(input: Input, options?: DecodeOptions): Promise<DecodeResult>;
export declare function info(input: Input, options?: {signal?: AbortSignal}): Promise<ImageInfo>;
export declare function compare(reference: Pixels | Input, test: Pixels | Input,
  options?: CompareOptions): Promise<CompareResult>;
export declare function version(): Promise<string>;
export declare function terminate(): void;
