// One Tegula codec worker. Messages in: {op, id, codec, ...}; every reply carries the same id.
// The worker holds one instance per codec version it was given (usually one; two while the page
// switches versions), so jobs started on the old version finish on it. Pixels and files go back
// by transfer, so nothing is copied on the way to the page. All image work happens in the Java
// codec compiled to WebAssembly; this file only moves bytes and cuts images into tiles.
//
// The worker has no static import: the page sends the URL of TeaVM's runtime (its own asset), so
// that bundlers can copy this file as it is instead of bundling it, and the runtime's dynamic
// imports (Node's fs, which it never takes in a browser) cannot break a bundler's worker build.

/** What the decode-only module (tegula-decode.wasm) answers; it refuses the rest. */
const DECODE_OPS = new Set(['decode', 'info', 'version', 'restoreTile', 'bitmap']);

/** version -> Promise of the module's exports */
const codecs = new Map();
/** runtime URL -> Promise of the TeaVM runtime module */
const runtimes = new Map();
/**
 * version -> bytes of the module's linear memory, as last seen by a decode into it. Linear memory
 * only grows, so the pool replaces a worker once the sum is over its limit (tegula-pool.js).
 */
const linearMemory = new Map();

function runtime(url) {
  if (!runtimes.has(url)) {
    runtimes.set(url, import(/* @vite-ignore */ /* webpackIgnore: true */ url));
  }
  return runtimes.get(url);
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.op === 'load') {
    // The page checked the module's SHA-256 before sending its bytes.
    const loading = runtime(msg.runtimeUrl)
        .then((teavm) => teavm.load(msg.bytes))
        .then((instance) => instance.exports);
    codecs.set(msg.version, loading);
    try {
      await loading;
      self.postMessage({op: 'loaded', version: msg.version});
    } catch (e) {
      codecs.delete(msg.version);
      self.postMessage({op: 'loadFailed', version: msg.version, message: String(e.message || e)});
    }
    return;
  }
  if (msg.op === 'unload') {
    codecs.delete(msg.version);
    linearMemory.delete(msg.version);
    return;
  }
  try {
    const exports = await codecs.get(msg.codec);
    if (!exports) {
      throw new Error(`codec version ${msg.codec} is not loaded in this worker`);
    }
    if (typeof exports.decodeOnly === 'function' && !DECODE_OPS.has(msg.op)) {
      self.postMessage({id: msg.id, error: {code: 'unsupported', offset: -1,
        message: `${msg.op} needs the full codec module (tegula.wasm); this page loaded the decode-only one`}});
      return;
    }
    const [reply, transfer] = await handle(exports, msg);
    self.postMessage({id: msg.id, ...reply, memoryBytes: memoryBytes()}, transfer || []);
  } catch (e) {
    // A codec bug: a Wasm trap (an out-of-bounds access or a null dereference in the shipped,
    // non-strict module) or a Java exception no export caught. Reported, never fatal here; after
    // a trap the pool replaces this worker, since the trap cut a Java method off half way.
    const trapped = e instanceof WebAssembly.RuntimeError;
    const message = trapped ? `internal codec error (Wasm trap: ${e.message})` : String(e.message || e);
    self.postMessage({id: msg.id, error: {code: 'internal', message, offset: -1}, trapped});
  }
};

function memoryBytes() {
  let sum = 0;
  for (const bytes of linearMemory.values()) {
    sum += bytes;
  }
  return sum;
}

/** A reply {error} when the export answered with one, else null. */
function failed(result) {
  return result.error ? [{error: result.error}] : null;
}

function bytesOf(int8) {
  return int8.buffer.byteLength === int8.length ? int8.buffer : int8.slice().buffer;
}

async function handle(exports, msg) {
  switch (msg.op) {
    case 'decode':
      return decode(exports, msg);
    case 'info': {
      const result = JSON.parse(exports.info(new Int8Array(msg.bytes)));
      return failed(result) || [{info: result}];
    }
    case 'compare':
      return compare(exports, msg);
    case 'version':
      return [{version: exports.version()}];
    case 'compress':
      return compressWhole(exports, msg);
    case 'restore':
      return restore(exports, msg);
    case 'prepare':
      return prepare(exports, msg);
    case 'analyse':
      return analyse(msg);
    case 'encodeTile':
      return encodeTile(exports, msg);
    case 'assemble':
      return assemble(exports, msg);
    case 'restoreTile':
      return restoreTile(exports, msg);
    case 'encodePng': {
      const t = exports.tiles();
      const result = JSON.parse(t.encodePng(new Int8Array(msg.pixels), msg.width, msg.height,
          new Int8Array(msg.metadata || 0), msg.maxPixels || 0));
      return failed(result) || file(t.takeBytes());
    }
    case 'bitmap':
      return bitmap(new Uint8ClampedArray(msg.pixels), msg.width, msg.height);
    case 'jpegLossless':
    case 'restoreOriginal': {
      // a JPEG kept bit for bit in .tgl, and given back (docs/format-jpeg.md)
      const j = exports.jpegLossless();
      const input = new Int8Array(msg.bytes);
      const result = JSON.parse(msg.op === 'jpegLossless' ? j.compress(input, msg.maxPixels || 0, msg.jpegCoding === 'adaptive')
          : j.restoreOriginal(input, msg.maxPixels || 0));
      if (result.error) {
        return [{error: result.error}];
      }
      const buffer = bytesOf(j.takeBytes());
      return [{facts: result, bytes: buffer}, [buffer]];
    }
    default:
      return [{error: {code: 'internal', message: `unknown operation ${msg.op}`, offset: -1}}];
  }
}

function file(int8) {
  const buffer = bytesOf(int8);
  return [{bytes: buffer}, [buffer]];
}

/**
 * Decodes a file whole, or, when the page asks for tiles and the file is a .tgl of several
 * tiles that needs no rotation, answers with its structure so that the page can spread the tiles
 * over the pool (the file goes back by transfer).
 */
function decode(exports, msg) {
  const start = performance.now();
  const input = new Int8Array(msg.bytes);
  if (msg.tiles) {
    const structure = tileStructure(exports, input, msg);
    if (structure) {
      return [{tiled: structure, bytes: msg.bytes}, [msg.bytes]];
    }
  }
  const result = JSON.parse(exports.decode(input, msg.autoOrient, msg.maxPixels, msg.jpegShrink ?? 1));
  if (result.error) {
    return [{error: result.error}];
  }
  const length = result.width * result.height * 4;
  if (msg.bitmap) {
    // putImageData copies synchronously, so a view of linear memory needs no copy of its own
    const linear = linearPixels(exports, msg.codec);
    const rgba = linear ? new Uint8ClampedArray(linear.buffer, linear.byteOffset, length)
      : new Uint8ClampedArray(bytesOf(exports.takePixels()));
    const decodeMs = performance.now() - start;
    const [reply, transfer] = bitmap(rgba, result.width, result.height);
    return [{...result, ...reply, decodeMs}, transfer];
  }
  const buffer = pixelsOf(exports, msg.codec, length);
  return [{...result, pixels: buffer, decodeMs: performance.now() - start}, [buffer]];
}

/** The pixels just made by `from` (see linearPixels) in an ArrayBuffer of their own. */
function pixelsOf(from, version, length) {
  const linear = linearPixels(from, version);
  return linear ? linear.slice(0, length).buffer : bytesOf(from.takePixels());
}

/**
 * The view of linear memory that holds the pixels of the decode just made by `from` (the
 * module's exports, or its tiles()), valid until the module next runs; or null when they wait as
 * a Java byte[] for takePixels, as in older module versions (codec versions can be swapped at run
 * time): every decode's before takeDecodedPixels (session 50), a .tgl's and a tile's until
 * session 51.
 */
function linearPixels(from, version) {
  const linear = typeof from.takeDecodedPixels === 'function' ? from.takeDecodedPixels() : null;
  if (linear) {
    linearMemory.set(version, linear.buffer.byteLength);
  }
  return linear;
}

/** The .tgl structure when tiling pays (several 8-bit tiles, no rotation to apply), else null. */
function tileStructure(exports, input, msg) {
  const info = JSON.parse(exports.info(input));
  if (info.error || info.format !== 'tgl' || info.bitDepth !== 8
      || (msg.autoOrient && info.orientation !== 1)) {
    return null;
  }
  const t = exports.tiles();
  const structure = JSON.parse(t.openTgl(input, msg.maxPixels || 0));
  if (structure.error || structure.tiles.length < 2) {
    return null;
  }
  const metadata = t.takeMetadata();
  structure.packedMetadata = bytesOf(metadata);
  return structure;
}

function restore(exports, msg) {
  const input = new Int8Array(msg.bytes);
  if (msg.tiles) {
    const structure = tileStructure(exports, input, msg);
    if (structure) {
      return [{tiled: structure, bytes: msg.bytes}, [msg.bytes]];
    }
  }
  const result = JSON.parse(exports.restore(input, msg.maxPixels || 0));
  if (result.error) {
    return [{error: result.error}];
  }
  const png = bytesOf(exports.takeBytes());
  return [{...result, bytes: png}, [png]];
}

function restoreTile(exports, msg) {
  const h = msg.header;
  const t = exports.tiles();
  const result = JSON.parse(t.restoreTile(h.width, h.height, h.colour, h.alpha, h.bitDepth, h.lossy,
      h.quality, h.tileWidth, h.tileHeight, msg.index, new Int8Array(msg.chunk), msg.offset));
  if (result.error) {
    return [{error: result.error}];
  }
  const pixels = pixelsOf(t, msg.codec, result.width * result.height * 4);
  return [{problem: result.problem, pixels}, [pixels]];
}

function compare(exports, msg) {
  const start = performance.now();
  const {a, b} = msg;
  let reply;
  if (typeof exports.compareStaged === 'function') {
    // both images into linear memory with one copy each; a byte[] crosses an element at a time
    // (older codec versions have only that route)
    const aLength = a.bytes.byteLength;
    const view = exports.stageInput(aLength + b.bytes.byteLength);
    view.set(new Int8Array(a.bytes), 0);
    view.set(new Int8Array(b.bytes), aLength);
    linearMemory.set(msg.codec, view.buffer.byteLength);
    reply = exports.compareStaged(aLength, a.width, a.height, b.bytes.byteLength, b.width,
        b.height, msg.maxPixels, msg.heatmap);
  } else {
    reply = exports.compare(new Int8Array(a.bytes), a.width, a.height, new Int8Array(b.bytes),
        b.width, b.height, msg.maxPixels, msg.heatmap);
  }
  const result = JSON.parse(reply);
  if (result.error) {
    return [{error: result.error}];
  }
  // the heatmap waits in linear memory, or (older codec versions) as a byte[] for takePixels;
  // images under 7x7 have none
  const linear = msg.heatmap ? linearPixels(exports, msg.codec) : null;
  const held = msg.heatmap && !linear && typeof exports.takePixels === 'function' ? exports.takePixels() : null;
  const buffer = linear ? linear.slice(0, result.width * result.height * 4).buffer : held ? bytesOf(held) : null;
  const compareMs = performance.now() - start;
  if (!buffer) {
    return [{...result, compareMs}];
  }
  return [{...result, heatmap: buffer, compareMs}, [buffer]];
}

/** RGBA8 pixels of an ImageBitmap, read through an OffscreenCanvas. */
function bitmapPixels(image) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  image.close();
  return {width: canvas.width, height: canvas.height, pixels: data.buffer};
}

function bitmap(rgba, width, height) {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
  const image = canvas.transferToImageBitmap();
  return [{width, height, bitmap: image}, [image]];
}

/**
 * Writes a job's input (an Int8Array) into the module's linear memory with one copy, for an
 * export's staged form; its length. A byte[] argument crosses an element at a time; older codec
 * versions have only that route (the callers check for the staged export).
 */
function staged(exports, data, version) {
  const view = exports.stageInput(data.length);
  view.set(data);
  linearMemory.set(version, view.buffer.byteLength);
  return data.length;
}

/** The source of a compress job as bytes for the exports: a file (width 0) or RGBA pixels. */
function sourceOf(msg) {
  if (msg.bitmap) {
    const p = bitmapPixels(msg.bitmap);
    return {data: new Int8Array(p.pixels), width: p.width, height: p.height};
  }
  if (msg.pixels) {
    return {data: new Int8Array(msg.pixels), width: msg.width, height: msg.height};
  }
  return {data: new Int8Array(msg.bytes), width: 0, height: 0};
}

/**
 * compress()'s options as the codec reads them (EncodeRequest: key=value pairs joined by &);
 * tegula.js has checked them, and every value is a number, a boolean or a plain word.
 */
function requestOf(options) {
  return Object.entries(options)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
}

/** Whether the pixels change size or colour before coding (then they are made before tiling). */
function transforming(o) {
  return o.maxDimension > 0 || o.grayscale;
}

/**
 * Compresses one image in this worker alone, in any format and with every option (a target size
 * or SSIM searches over several encodes here): small images, JPEG and PNG output, targets, and
 * 16-bit lossless. Replies {whole, bytes, facts}.
 */
function compressWhole(exports, msg, metadata = new ArrayBuffer(0)) {
  const start = performance.now();
  const src = sourceOf(msg);
  const e = exports.encoder();
  const packed = new Int8Array(metadata);
  const request = requestOf(msg.encode);
  const facts = JSON.parse(typeof e.encodeStaged === 'function'
    ? e.encodeStaged(staged(exports, src.data, msg.codec), src.width, src.height, packed, request)
    : e.encode(src.data, src.width, src.height, packed, request));
  if (facts.error) {
    return [{error: facts.error}];
  }
  const buffer = bytesOf(e.takeBytes());
  return [{whole: true, bytes: buffer, facts, encodeMs: performance.now() - start}, [buffer]];
}

/**
 * First step of a tiled .tgl compress of a file, a bitmap or pixels that change before coding:
 * decodes, turns upright, resizes and greys as asked (EncodeRequest), then either compresses the
 * result whole (one tile, or 16-bit lossless) or cuts it into tiles (or into one
 * SharedArrayBuffer when the page asks for it) with the facts the header needs: all grey, all
 * opaque. The resize happens before tiling, so the tiles are those of the output size.
 */
function prepare(exports, msg) {
  const o = msg.encode;
  const small = (w, h) => w <= o.tileSize && h <= o.tileSize;
  if (msg.bytes) {
    const info = JSON.parse(exports.info(new Int8Array(msg.bytes)));
    if (info.error) {
      return [{error: info.error}];
    }
    if ((small(info.width, info.height) && !transforming(o)) || (info.bitDepth === 16 && o.lossless)) {
      return compressWhole(exports, msg);
    }
  }
  const src = sourceOf(msg);
  const e = exports.encoder();
  const none = new Int8Array(0);
  const result = JSON.parse(typeof e.prepareStaged === 'function'
    ? e.prepareStaged(staged(exports, src.data, msg.codec), src.width, src.height, none, requestOf(o))
    : e.prepare(src.data, src.width, src.height, none, requestOf(o)));
  if (result.error) {
    return [{error: result.error}];
  }
  if (result.sixteen && o.lossless) {
    return compressWhole(exports, msg);
  }
  const {width, height} = result;
  // a file the options only turn upright was decoded straight into linear memory
  const pixels = pixelsOf(e, msg.codec, width * height * 4);
  const metadata = bytesOf(e.takeMetadata());
  if (small(width, height)) {
    // made small by the resize: the pixels are final (upright, resized, metadata as kept)
    const final = {...o, maxDimension: 0, grayscale: false, keepOrientation: true, strip: false, stripGps: false};
    return compressWhole(exports, {encode: final, pixels, width, height}, metadata);
  }
  const rgba = new Uint8Array(pixels);
  const grid = tileGrid(width, height, o.tileSize);
  if (msg.shared && self.crossOriginIsolated) {
    const shared = new SharedArrayBuffer(rgba.length);
    new Uint8Array(shared).set(rgba);
    const facts = pixelFacts(rgba);
    return [{width, height, shared, ...facts, metadata}, [metadata]];
  }
  const tiles = [];
  let grey = true;
  let opaque = true;
  for (const r of grid) {
    const tile = cut(rgba, width, r);
    const facts = pixelFacts(tile);
    grey = grey && facts.grey;
    opaque = opaque && facts.opaque;
    tiles.push(tile.buffer);
  }
  return [{width, height, tiles, grey, opaque, metadata}, [...tiles, metadata]];
}

/** Whether the tile's pixels are all grey and all opaque; the tile goes back to the page. */
function analyse(msg) {
  if (msg.shared) {
    return [pixelFacts(cut(new Uint8Array(msg.shared), msg.width, msg.rect))];
  }
  return [{...pixelFacts(new Uint8Array(msg.pixels)), pixels: msg.pixels}, [msg.pixels]];
}

function encodeTile(exports, msg) {
  const h = msg.header;
  const rgba = msg.shared ? cut(new Uint8Array(msg.shared), h.width, msg.rect)
    : new Uint8Array(msg.pixels);
  const t = exports.tiles();
  const input = new Int8Array(rgba.buffer, rgba.byteOffset, rgba.length);
  let reply;
  if (typeof t.compressTileStaged === 'function') {
    reply = t.compressTileStaged(h.width, h.height, h.grey, h.alpha, h.quality, h.lossless,
        h.tileSize, msg.index, staged(exports, input, msg.codec), h.chroma);
  } else {
    // the chroma goes last: a codec module from before it takes one argument less
    reply = t.compressTile(h.width, h.height, h.grey, h.alpha, h.quality, h.lossless,
        h.tileSize, msg.index, input, h.chroma);
  }
  const result = JSON.parse(reply);
  if (result.error) {
    return [{error: result.error}];
  }
  const payload = bytesOf(t.takeBytes());
  return [{payload, chroma: result.chroma ?? null}, [payload]];
}

function assemble(exports, msg) {
  const h = msg.header;
  let total = 0;
  for (const p of msg.payloads) {
    total += 4 + p.byteLength;
  }
  const all = new Uint8Array(total);
  const view = new DataView(all.buffer);
  let at = 0;
  for (const p of msg.payloads) {
    view.setUint32(at, p.byteLength);
    all.set(new Uint8Array(p), at + 4);
    at += 4 + p.byteLength;
  }
  const t = exports.tiles();
  const result = JSON.parse(t.assemble(h.width, h.height, h.grey, h.alpha, h.quality, h.lossless,
      h.tileSize, new Int8Array(msg.metadata || 0), new Int8Array(all.buffer)));
  return failed(result) || file(t.takeBytes());
}

/** The tiles of a width x height image in tiles of side x side, row by row (format.md §7.1). */
function tileGrid(width, height, side) {
  const grid = [];
  for (let y = 0; y < height; y += side) {
    for (let x = 0; x < width; x += side) {
      grid.push({x, y, width: Math.min(side, width - x), height: Math.min(side, height - y)});
    }
  }
  return grid;
}

/** A copy of rectangle r of an RGBA image whose rows are width pixels long. */
function cut(rgba, width, r) {
  const out = new Uint8Array(r.width * r.height * 4);
  const row = r.width * 4;
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * width + r.x) * 4;
    out.set(rgba.subarray(from, from + row), y * row);
  }
  return out;
}

function pixelFacts(rgba) {
  let grey = true;
  let opaque = true;
  for (let i = 0; i < rgba.length && (grey || opaque); i += 4) {
    grey = grey && rgba[i] === rgba[i + 1] && rgba[i] === rgba[i + 2];
    opaque = opaque && rgba[i + 3] === 255;
  }
  return {grey, opaque};
}
