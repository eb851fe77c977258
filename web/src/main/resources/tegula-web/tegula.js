// Tegula: the browser API. Thin glue over the Wasm build: it moves bytes to workers and back and
// spreads large images over them by tiles; all image work happens in Java compiled to
// WebAssembly, inside the workers. Works in a page and inside a worker of your own; loads
// nothing but its own files.
import {TegulaError} from './tegula-errors.js';
import {WorkerPool} from './tegula-pool.js';
import {readManifest, findVersion, fetchModule} from './tegula-codecs.js';
import {compressTiled, decodeTiled} from './tegula-tiles.js';

export {TegulaError};

const DEFAULT_WASM_URL = new URL('./wasm/tegula.wasm', import.meta.url);
const DEFAULT_TILE_SIZE = 512;
const MIME = {tgl: 'image/x-tegula', png: 'image/png', jpeg: 'image/jpeg'};

let pool = null;
let starting = null;
let settings = {shared: true, manifest: null};

/**
 * Starts the worker pool and loads the codec module once per worker.
 * @param {{workers?: number, wasmUrl?: string|URL, integrity?: string,
 *          manifest?: string|URL|object, codec?: string, shared?: boolean}} [options]
 */
export function init(options = {}) {
  if (pool) {
    return pool.ready;
  }
  if (!starting) {
    starting = start(options).then((p) => {
      pool = p;
    }, (e) => {
      starting = null;
      throw e;
    });
  }
  return starting;
}

async function start(options) {
  const hardware = (globalThis.navigator && navigator.hardwareConcurrency) || 2;
  const size = Math.max(1, Math.min(options.workers ?? hardware, 16));
  let url = new URL(options.wasmUrl ?? DEFAULT_WASM_URL, import.meta.url).href;
  let integrity = options.integrity;
  let version = options.codec ?? 'bundled';
  let manifest = null;
  if (options.manifest) {
    manifest = await readManifest(options.manifest, globalThis.location?.href ?? import.meta.url);
    const entry = findVersion(manifest, options.codec ?? manifest.current);
    ({version, integrity} = entry);
    url = entry.wasm;
  }
  const bytes = await fetchModule(url, integrity);
  const p = new WorkerPool(size, {version, bytes});
  try {
    await p.ready;
  } catch (e) {
    p.terminate();
    throw e;
  }
  settings = {shared: options.shared ?? true, manifest: options.manifest ? manifest : null,
    manifestSource: options.manifest ?? null};
  return p;
}

/** Stops every worker; queued and running work rejects with code 'aborted'. */
export function terminate() {
  if (pool) {
    pool.terminate();
    pool = null;
  }
  starting = null;
}

/** The pool's size and codec versions: {workers, codec, loaded: versions per worker}. */
export function status() {
  return pool ? {workers: pool.size, codec: pool.current, loaded: pool.versions()} : null;
}

/**
 * Switches to another codec version from the manifest: checks the module's SHA-256, loads it in
 * every worker, then sends new work to it. Work already started finishes on the old version.
 * A module whose hash does not match is refused (code 'integrity') and the old one stays.
 * @param {string} version
 * @param {{manifest?: string|URL|object}} [options] the manifest, if not the one given to init()
 */
export async function useCodec(version, options = {}) {
  const p = await ensurePool();
  const source = options.manifest ?? settings.manifestSource;
  if (!source) {
    throw new TegulaError('argument', 'useCodec needs a codec manifest (init({manifest}) or {manifest})');
  }
  const manifest = await readManifest(source, globalThis.location?.href ?? import.meta.url);
  const entry = findVersion(manifest, version);
  if (entry.version !== p.current) {
    const bytes = await fetchModule(entry.wasm, entry.integrity);
    await p.addCodec(entry.version, bytes);
    p.switchTo(entry.version);
  }
  return entry.version;
}

async function ensurePool() {
  if (!pool) {
    await init();
  }
  await pool.ready;
  return pool;
}

/** Runs fn(pool, codec version) with the codec version pinned for its whole duration. */
async function leased(fn) {
  const p = await ensurePool();
  const lease = p.lease();
  try {
    return await fn(p, lease.version);
  } finally {
    lease.release();
  }
}

function useShared() {
  return settings.shared && globalThis.crossOriginIsolated === true
    && typeof SharedArrayBuffer === 'function';
}

/**
 * Decodes a .tgl, JPEG or PNG file to RGBA8; a .tgl of several tiles is decoded by all workers.
 * @param {ArrayBuffer|ArrayBufferView|Blob} input
 * @param {{autoOrient?: boolean, maxPixels?: number, signal?: AbortSignal,
 *          onProgress?: (fraction: number) => void}} [options]
 */
export async function decode(input, options = {}) {
  const r = await decodeAny(input, options, false);
  return {
    width: r.width,
    height: r.height,
    data: r.data ?? new Uint8ClampedArray(r.pixels),
    info: r.info,
    metadata: r.metadata,
    complete: r.complete,
    warning: r.warning,
    decodeMs: r.decodeMs,
  };
}

/**
 * Decodes like decode(), to an ImageBitmap made in a worker (OffscreenCanvas
 * transferToImageBitmap), ready to draw; a tiled .tgl's pixels go to a worker to become one.
 * @returns {Promise<ImageBitmap>}
 */
export async function decodeToBitmap(input, options = {}) {
  const r = await decodeAny(input, options, true);
  let bitmap = r.bitmap;
  if (!bitmap) {
    const pixels = r.data.buffer;
    bitmap = (await leased((p, codec) => p.run({op: 'bitmap', pixels, width: r.width, height: r.height},
        [pixels], options.signal, codec))).bitmap;
  }
  return bitmap;
}

async function decodeAny(input, options, toBitmap) {
  const bytes = await toTransferableBytes(input);
  const progress = progressOf(options);
  return leased(async (p, codec) => {
    const start = performance.now();
    const message = {op: 'decode', autoOrient: !!options.autoOrient, maxPixels: options.maxPixels ?? 0,
      bitmap: toBitmap};
    let reply = await p.run({...message, bytes, tiles: p.size > 1}, [bytes], options.signal, codec);
    if (reply.tiled) {
      const s = reply.tiled;
      const data = await decodeTiled(p, codec, s, reply.bytes, options.signal, progress);
      if (data) {
        progress(1);
        return {width: s.width, height: s.height, data, info: s.info, metadata: s.metadata,
          complete: s.warning === null, warning: s.warning, decodeMs: performance.now() - start};
      }
      // a damaged tile: the whole-file decoder names the damage exactly as elsewhere
      reply = await p.run({...message, bytes: reply.bytes, tiles: false}, [reply.bytes], options.signal, codec);
    }
    progress(1);
    return reply;
  });
}

/** Reads only the headers: format, size, variant, subsampling, bit depth, orientation. */
export async function info(input, options = {}) {
  const bytes = await toTransferableBytes(input);
  const reply = await leased((p, codec) => p.run({op: 'info', bytes}, [bytes], options.signal, codec));
  return reply.info;
}

/**
 * Compresses an image. Large images are coded tile by tile by all workers.
 * @param {ImageData|{width, height, data}|ImageBitmap|Blob|ArrayBuffer|ArrayBufferView} input
 *     pixels, or a JPEG, PNG or .tgl file (its EXIF, ICC, XMP and text are kept in .tgl)
 * @param {{format?: 'tgl'|'png'|'jpeg', quality?: number, lossless?: boolean, tileSize?: number,
 *          maxPixels?: number, signal?: AbortSignal, onProgress?: (fraction: number) => void}} [options]
 * @returns {Promise<Blob>} typed image/x-tegula or image/png
 */
export async function compress(input, options = {}) {
  const format = options.format ?? 'tgl';
  if (!(format in MIME)) {
    throw new TegulaError('argument', `format must be 'tgl', 'png' or 'jpeg', not ${format}`);
  }
  if (format === 'jpeg') {
    throw new TegulaError('unsupported', 'this build of the codec has no JPEG encoder yet');
  }
  const quality = options.quality ?? 75;
  if (!Number.isInteger(quality) || quality < 0 || quality > 100) {
    throw new TegulaError('argument', `quality must be an integer 0-100, not ${quality}`);
  }
  const tileSize = options.tileSize ?? DEFAULT_TILE_SIZE;
  if (!Number.isInteger(tileSize) || tileSize < 16 || tileSize > 4096) {
    throw new TegulaError('argument', `tileSize must be an integer 16-4096, not ${tileSize}`);
  }
  const source = await toSource(input);
  const progress = progressOf(options);
  const bytes = await leased(async (p, codec) => {
    progress(0);
    if (format === 'png') {
      const message = {op: 'compress', format, maxPixels: options.maxPixels ?? 0};
      const transfer = [];
      if (source.pixels) {
        const {width, height, data} = source.pixels;
        message.pixels = new Uint8Array(data.buffer, data.byteOffset, width * height * 4).slice().buffer;
        message.width = width;
        message.height = height;
        transfer.push(message.pixels);
      } else if (source.bitmap) {
        message.bitmap = source.bitmap;
      } else {
        message.bytes = source.bytes;
        transfer.push(source.bytes);
      }
      return (await p.run(message, transfer, options.signal, codec)).bytes;
    }
    return compressTiled(p, codec, source,
        {quality, lossless: !!options.lossless, tileSize, maxPixels: options.maxPixels ?? 0, shared: useShared()},
        options.signal, progress);
  });
  progress(1);
  return new Blob([bytes], {type: MIME[format]});
}

/**
 * Restores a .tgl file to PNG (ICC and EXIF kept); large files are decoded by all workers.
 * @returns {Promise<Blob>} image/png
 */
export async function restore(input, options = {}) {
  const bytes = await toTransferableBytes(input);
  const progress = progressOf(options);
  const png = await leased(async (p, codec) => {
    const message = {op: 'restore', maxPixels: options.maxPixels ?? 0};
    let reply = await p.run({...message, bytes, tiles: p.size > 1}, [bytes], options.signal, codec);
    if (reply.tiled) {
      const s = reply.tiled;
      const data = await decodeTiled(p, codec, s, reply.bytes, options.signal, (f) => progress(0.8 * f));
      if (data) {
        const pixels = data.buffer;
        return (await p.run({op: 'encodePng', pixels, width: s.width, height: s.height,
          metadata: s.packedMetadata}, [pixels], options.signal, codec)).bytes;
      }
      reply = await p.run({...message, bytes: reply.bytes, tiles: false}, [reply.bytes], options.signal, codec);
    }
    return reply.bytes;
  });
  progress(1);
  return new Blob([png], {type: 'image/png'});
}

/**
 * Compares a test image with a reference in a worker, with Tegula's Java metrics: PSNR (RGB and
 * BT.601 luma), SSIM (scikit-image's default), the Gaussian SSIM of luma and MS-SSIM. Transparent
 * images are composited over grey 128 for these, and alpha is compared on its own.
 * Each input is decoded pixels ({width, height, data}: ImageData or a decode() result) or an
 * encoded .tgl, JPEG or PNG file (ArrayBuffer, typed array or Blob); the sizes must agree.
 * @param {{heatmap?: boolean, maxPixels?: number, signal?: AbortSignal}} [options]
 *     heatmap: also return the per-pixel SSIM as an inferno-coloured image of the same size
 */
export async function compare(reference, test, options = {}) {
  const a = await toCompareInput(reference);
  const b = await toCompareInput(test);
  const reply = await leased((p, codec) => p.run(
      {op: 'compare', a, b, heatmap: !!options.heatmap, maxPixels: options.maxPixels ?? 0},
      [a.bytes, b.bytes], options.signal, codec));
  // JSON has no Infinity or NaN: a null PSNR means identical, a null SSIM too small an image
  const psnr = (v) => (v === null ? Infinity : v);
  const ssim = (v) => (v === null ? NaN : v);
  const result = {
    width: reply.width,
    height: reply.height,
    psnr: psnr(reply.psnr),
    psnrLuma: psnr(reply.psnrLuma),
    ssim: ssim(reply.ssim),
    ssimLuma: ssim(reply.ssimLuma),
    msSsim: ssim(reply.msSsim),
    alpha: reply.alpha,
    psnrAlpha: reply.alpha ? psnr(reply.psnrAlpha) : null,
    ssimAlpha: reply.alpha ? ssim(reply.ssimAlpha) : null,
    identical: reply.identical,
    compareMs: reply.compareMs,
  };
  if (reply.heatmap) {
    result.heatmap = {width: reply.width, height: reply.height,
      data: new Uint8ClampedArray(reply.heatmap)};
  }
  return result;
}

/** The version string of the codec build in use. */
export async function version() {
  return (await leased((p, codec) => p.run({op: 'version'}, [], undefined, codec))).version;
}

function progressOf(options) {
  const f = options.onProgress;
  if (typeof f !== 'function') {
    return () => {};
  }
  let last = -1;
  return (fraction) => {
    if (fraction > last) {
      last = fraction;
      try {
        f(fraction);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  };
}

function isPixels(input) {
  return input && typeof input.width === 'number' && typeof input.height === 'number'
    && input.data && ArrayBuffer.isView(input.data);
}

function checkPixels({width, height, data}) {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)
      || data.byteLength !== width * height * 4) {
    throw new TypeError('decoded images need width*height*4 bytes of RGBA in data');
  }
}

/** What compress() works from: pixels (never detached), a bitmap (cloned), or a private copy of a file. */
async function toSource(input) {
  if (isPixels(input)) {
    checkPixels(input);
    return {pixels: input};
  }
  if (typeof ImageBitmap !== 'undefined' && input instanceof ImageBitmap) {
    return {bitmap: input};
  }
  return {bytes: await toTransferableBytes(input)};
}

// Decoded pixels travel with their size; files travel as bytes with width 0.
async function toCompareInput(input) {
  if (isPixels(input)) {
    checkPixels(input);
    const {width, height, data} = input;
    return {width, height, bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)};
  }
  return {width: 0, height: 0, bytes: await toTransferableBytes(input)};
}

// A private copy the worker may take over: the caller's own buffer is never detached.
async function toTransferableBytes(input) {
  if (input instanceof ArrayBuffer) {
    return input.slice(0);
  }
  if (ArrayBuffer.isView(input)) {
    return input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength);
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return input.arrayBuffer();
  }
  throw new TypeError('input must be an ArrayBuffer, a typed array or a Blob');
}
