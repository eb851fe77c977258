// Types for tegula.js, the browser API of Tegula.

export type ErrorCode = 'malformed' | 'truncated' | 'unsupported' | 'limit' | 'internal' | 'aborted';

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

export declare function init(options?: InitOptions): Promise<void>;
export declare function decode(input: Input, options?: DecodeOptions): Promise<DecodeResult>;
export declare function info(input: Input, options?: {signal?: AbortSignal}): Promise<ImageInfo>;
export declare function version(): Promise<string>;
export declare function terminate(): void;
