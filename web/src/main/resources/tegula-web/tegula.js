// Tegula: the browser API. Thin glue over the Wasm build: it moves bytes to workers and back and
// spreads large images over them by tiles; all image work happens in Java compiled to
// WebAssembly, inside the workers. Works in a page and inside a worker of your own; loads
// nothing but its own files.
import {TegulaError} from './tegula-errors.js';
import {DEFAULT_MEMORY_LIMIT, WorkerPool} from './tegula-pool.js';
import {readManifest, findVersion, fetchModule} from './tegula-codecs.js';
import {compressTiled, decodeTiled, copyPixels} from './tegula-tiles.js';

export {TegulaError};

const DEFAULT_WASM_URL = new URL('./wasm/tegula.wasm', import.meta.url);
/** The decode-only build: decode(), decodeToBitmap() and info() at about half the download. */
const DECODE_WASM_URL = new URL('./wasm/tegula-decode.wasm', import.meta.url);
const DEFAULT_TILE_SIZE = 512;
/** PNG effort 3, Tegula's deflate coder; 1 is faster, mostly 3-14 % larger (CompressOptions.DEFAULT_PNG_EFFORT). */
const DEFAULT_PNG_EFFORT = 3;
const MIME = {tgl: 'image/x-tegula', png: 'image/png', jpeg: 'image/jpeg'};

let pool = null;
let starting = null;
let settings = {shared: true, manifest: null};

/**
 * Starts the worker pool and loads the codec module once per worker.
 * @param {{workers?: number, wasmUrl?: string|URL, integrity?: string,
 *          manifest?: string|URL|object, codec?: string, shared?: boolean,
 *          decodeOnly?: boolean}} [options]
 *     decodeOnly: load the decode-only module (decode, decodeToBitmap, info; the rest then
 *     rejects with code 'unsupported') instead of the full one, when no wasmUrl is given
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
  if (options.decodeOnly && options.manifest) {
    throw new TegulaError('argument', 'decodeOnly and manifest do not go together: a manifest lists full codec modules');
  }
  const fallback = options.decodeOnly ? DECODE_WASM_URL : DEFAULT_WASM_URL;
  let url = new URL(options.wasmUrl ?? fallback, import.meta.url).href;
  let integrity = options.integrity;
  let version = options.codec ?? (options.decodeOnly ? 'bundled-decode' : 'bundled');
  let manifest = null;
  if (options.manifest) {
    manifest = await readManifest(options.manifest, globalThis.location?.href ?? import.meta.url);
    const entry = findVersion(manifest, options.codec ?? manifest.current);
    ({version, integrity} = entry);
    url = entry.wasm;
  }
  const memoryLimit = options.workerMemoryLimit ?? DEFAULT_MEMORY_LIMIT;
  if (!(memoryLimit > 0)) {
    throw invalid(`workerMemoryLimit must be a number of bytes above 0, not ${options.workerMemoryLimit}`);
  }
  const bytes = await fetchModule(url, integrity);
  const p = new WorkerPool(size, {version, bytes}, memoryLimit);
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

/**
 * The pool's size and codec versions: {workers, codec, loaded: versions per worker, memory: bytes
 * of WebAssembly memory per worker}.
 */
export function status() {
  return pool ? {workers: pool.size, codec: pool.current, loaded: pool.versions(), memory: pool.memory()} : null;
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
 * jpegShrink 2, 4 or 8 decodes a JPEG (or a .tgl that keeps one) at 1/n of its size, as
 * djpeg -scale 1/n does, for a fraction of the time: thumbnails. Other images decode whole.
 * @param {ArrayBuffer|ArrayBufferView|Blob} input
 * @param {{autoOrient?: boolean, maxPixels?: number, jpegShrink?: 1|2|4|8, signal?: AbortSignal,
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
  const jpegShrink = options.jpegShrink ?? 1;
  if (![1, 2, 4, 8].includes(jpegShrink)) {
    throw invalid(`jpegShrink must be 1, 2, 4 or 8, not ${jpegShrink}`);
  }
  const bytes = await toTransferableBytes(input);
  const progress = progressOf(options);
  return leased(async (p, codec) => {
    const start = performance.now();
    const message = {op: 'decode', autoOrient: !!options.autoOrient, maxPixels: options.maxPixels ?? 0,
      jpegShrink, bitmap: toBitmap};
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
 * Compresses an image. Large .tgl images are coded tile by tile by all workers.
 * @param {ImageData|{width, height, data}|ImageBitmap|Blob|ArrayBuffer|ArrayBufferView} input
 *     pixels, or a JPEG, PNG or .tgl file (its EXIF, ICC, XMP and text are kept unless stripped,
 *     and its EXIF orientation is applied unless keepOrientation)
 * @param {import('./tegula.d.ts').CompressOptions} [options]
 * @returns {Promise<Blob>} typed image/x-tegula, image/jpeg or image/png
 */
export async function compress(input, options = {}) {
  return (await compressWithFacts(input, options)).blob;
}

/**
 * compress(), with what was made: {blob, format, width, height, quality, qualityHundredths, chroma,
 * lambdaHundredths, trimmed, lossless, encodes, ssim}. `quality` is the one chosen when maxSizeBytes or
 * targetSsim was given (`qualityHundredths` the same on the search's fine scale), `chroma` the
 * chroma subsampling of lossy JPEG and .tgl ('4:2:0', '4:4:4', JPEG's '4:2:2', 'grey'; null for
 * PNG and lossless), `lambdaHundredths` JPEG's
 * trellis lambda in hundredths of the encoder's own (100 unless a search moved it; -1 for .tgl,
 * PNG and lossless), `trimmed` whether a maxSizeBytes search (JPEG or .tgl) fitted the file to
 * the target, or a targetSsim search (JPEG or .tgl) lowered a pass into its band, by dropping
 * its least valuable coefficients, `encodes` how many encodes the search
 * took (a trimmed file counts, and so does each of a .tgl size trim's codings of the tiles);
 * width and height are the output's (after resizing and orientation).
 */
export async function compressWithFacts(input, options = {}) {
  if (options !== null && typeof options === 'object' && options.jpegLossless === true) {
    return compressJpegLossless(input, options);
  }
  const encode = encodeOptions(options);
  const source = await toSource(input);
  const progress = progressOf(options);
  const result = await leased(async (p, codec) => {
    progress(0);
    if (encode.format === 'tgl' && !encode.maxSizeBytes && !encode.targetSsim) {
      return compressTiled(p, codec, source, {encode, shared: useShared()}, options.signal, progress);
    }
    // JPEG, PNG and target searches: one worker codes the whole image
    const message = {op: 'compress', encode};
    const transfer = [];
    if (source.pixels) {
      ({width: message.width, height: message.height} = source.pixels);
      message.pixels = await copyPixels(source.pixels);
      transfer.push(message.pixels);
    } else if (source.bitmap) {
      message.bitmap = source.bitmap;
    } else {
      message.bytes = source.bytes;
      transfer.push(source.bytes);
    }
    const reply = await p.run(message, transfer, options.signal, codec);
    return {bytes: reply.bytes, facts: reply.facts};
  });
  progress(1);
  const f = result.facts;
  return {
    blob: new Blob([result.bytes], {type: MIME[encode.format]}),
    format: encode.format,
    width: f.width,
    height: f.height,
    quality: encode.format === 'png' ? 100 : f.quality,
    qualityHundredths: encode.format === 'png' ? 10000 : (f.qualityHundredths ?? f.quality * 100),
    chroma: f.chroma ?? null,
    // codec modules before session 10 did not report it: their JPEGs used the encoder's own
    lambdaHundredths: f.lambdaHundredths ?? (encode.format === 'jpeg' && !f.lossless ? 100 : -1),
    // codec modules before session 34 never trimmed
    trimmed: f.trimmed ?? false,
    lossless: encode.format === 'png' || f.lossless,
    encodes: f.encodes,
    ssim: f.ssim ?? null,
  };
}

const COMPRESS_KEYS = new Set(['format', 'quality', 'lossless', 'tileSize', 'maxPixels', 'pngEffort',
  'maxSizeBytes', 'targetSsim', 'maxWidthOrHeight', 'gammaCorrect', 'grayscale', 'strip', 'stripGps',
  'keepOrientation', 'signal', 'onProgress', 'jpegLossless', 'jpegCoding', 'chroma', 'baseline',
  'restartInterval']);

function invalid(message) {
  return new TegulaError('argument', `invalid options: ${message}`);
}

function integerOption(options, key, fallback, min, max) {
  const v = options[key] ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw invalid(`${key} must be an integer ${min}-${max}, not ${v}`);
  }
  return v;
}

function flagOption(options, key) {
  const v = options[key] ?? false;
  if (typeof v !== 'boolean') {
    throw invalid(`${key} must be true or false, not ${v}`);
  }
  return v;
}

/**
 * compress()'s options checked and named as the codec reads them (EncodeRequest), so that a
 * mistake fails at once with code 'argument' instead of after a decode. The codec checks again.
 */
function encodeOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw invalid('options must be an object');
  }
  for (const key of Object.keys(options)) {
    if (!COMPRESS_KEYS.has(key)) {
      throw invalid(`unknown option ${key}`);
    }
  }
  if (options.jpegCoding !== undefined) {
    throw invalid('jpegCoding is a choice of JPEG-lossless storage (jpegLossless: true)');
  }
  const format = options.format ?? 'tgl';
  if (!(format in MIME)) {
    throw invalid(`format must be 'tgl', 'png' or 'jpeg', not ${format}`);
  }
  const o = {
    format,
    quality: integerOption(options, 'quality', 75, 0, 100),
    lossless: flagOption(options, 'lossless'),
    tileSize: integerOption(options, 'tileSize', DEFAULT_TILE_SIZE, 16, 4096),
    maxPixels: integerOption(options, 'maxPixels', 0, 0, Number.MAX_SAFE_INTEGER),
    pngEffort: integerOption(options, 'pngEffort', DEFAULT_PNG_EFFORT, 0, 4),
    maxSizeBytes: integerOption(options, 'maxSizeBytes', 0, 0, Number.MAX_SAFE_INTEGER),
    maxDimension: integerOption(options, 'maxWidthOrHeight', 0, 0, 1 << 20),
    gammaCorrect: flagOption(options, 'gammaCorrect'),
    grayscale: flagOption(options, 'grayscale'),
    strip: flagOption(options, 'strip'),
    stripGps: flagOption(options, 'stripGps'),
    keepOrientation: flagOption(options, 'keepOrientation'),
  };
  const ssim = options.targetSsim ?? 0;
  if (typeof ssim !== 'number' || !(ssim >= 0 && ssim < 1)) {
    throw invalid(`targetSsim must be a number between 0 and 1, not ${ssim}`);
  }
  o.targetSsim = ssim;
  if (options.maxSizeBytes !== undefined && o.maxSizeBytes === 0) {
    throw invalid('maxSizeBytes must be positive');
  }
  if (options.maxWidthOrHeight !== undefined && o.maxDimension === 0) {
    throw invalid('maxWidthOrHeight must be positive');
  }
  if (format === 'jpeg' && o.lossless) {
    throw invalid("JPEG is lossy: lossless needs format 'tgl' or 'png'");
  }
  if ((o.maxSizeBytes || o.targetSsim) && (format === 'png' || o.lossless)) {
    throw invalid('maxSizeBytes and targetSsim search a lossy quality: they need lossy tgl or jpeg');
  }
  if (o.maxSizeBytes && o.targetSsim) {
    throw invalid('give maxSizeBytes or targetSsim, not both');
  }
  if (o.gammaCorrect && !o.maxDimension) {
    throw invalid('gammaCorrect applies to resizing: give maxWidthOrHeight too');
  }
  const chroma = options.chroma ?? null;
  if (chroma !== null && !['4:4:4', '4:2:2', '4:2:0'].includes(chroma)) {
    throw invalid(`chroma must be '4:4:4', '4:2:2' or '4:2:0', not ${chroma}`);
  }
  o.chroma = chroma === null ? null : chroma.replaceAll(':', '');
  o.baseline = flagOption(options, 'baseline');
  o.restartInterval = integerOption(options, 'restartInterval', 0, 0, 65535);
  if ((o.baseline || o.restartInterval) && format !== 'jpeg') {
    throw invalid("baseline and restartInterval are options of JPEG output (format 'jpeg')");
  }
  if (o.chroma && (format === 'png' || o.lossless)) {
    throw invalid("chroma is a choice of lossy output (format 'jpeg', or 'tgl' without lossless)");
  }
  if (o.chroma === '422' && format === 'tgl') {
    throw invalid("chroma '4:2:2' is JPEG's only: .tgl takes '4:4:4' or '4:2:0'");
  }
  if (o.chroma && o.grayscale) {
    throw invalid('grey output has no chroma to subsample: give chroma or grayscale, not both');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw invalid('signal must be an AbortSignal');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalid('onProgress must be a function');
  }
  return o;
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

/**
 * compress(file, {jpegLossless: true}): a JPEG file kept bit for bit in .tgl (docs/format-jpeg.md),
 * about a fifth smaller; restoreOriginal() gives the same bytes back, decode() its pixels. A JPEG
 * that cannot be modelled is stored as it is ({modelled: false, reason}).
 */
async function compressJpegLossless(input, options) {
  for (const key of Object.keys(options)) {
    if (!['jpegLossless', 'jpegCoding', 'maxPixels', 'signal', 'onProgress'].includes(key)
        && !(key === 'format' && options.format === 'tgl')) {
      throw invalid(`jpegLossless keeps the JPEG as it is: ${key} does not apply`);
    }
  }
  const jpegCoding = options.jpegCoding ?? 'fast';
  if (!['fast', 'adaptive'].includes(jpegCoding)) {
    throw invalid(`jpegCoding must be 'fast' or 'adaptive', not ${jpegCoding}`);
  }
  const bytes = await toTransferableBytes(input);
  const progress = progressOf(options);
  progress(0);
  const reply = await leased((p, codec) => p.run({op: 'jpegLossless', bytes, jpegCoding,
    maxPixels: options.maxPixels ?? 0}, [bytes], options.signal, codec));
  progress(1);
  const f = reply.facts;
  return {blob: new Blob([reply.bytes], {type: MIME.tgl}), format: 'tgl', width: f.width,
    height: f.height, quality: 100, qualityHundredths: 10000, chroma: null, lossless: true,
    encodes: 1, ssim: null, modelled: f.modelled,
    reason: f.reason, coding: f.coding};
}

/**
 * The original JPEG file of a .tgl made with {jpegLossless: true}, byte for byte (its SHA-256 is
 * checked; a damaged file rejects with the damaged part named).
 * @returns {Promise<Blob>} image/jpeg
 */
export async function restoreOriginal(input, options = {}) {
  const bytes = await toTransferableBytes(input);
  const reply = await leased((p, codec) => p.run({op: 'restoreOriginal', bytes,
    maxPixels: options.maxPixels ?? 0}, [bytes], options.signal, codec));
  return new Blob([reply.bytes], {type: MIME.jpeg});
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
