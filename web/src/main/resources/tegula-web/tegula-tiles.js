// Splitting one image's .tgl work over the pool by tiles. The page only schedules: workers
// decode, analyse, code and assemble; the page cuts ImageData into tiles (or copies it once into
// a SharedArrayBuffer when cross-origin isolated) in slices small enough to keep it responsive.

/** The tiles of a width x height image, row by row (format.md §7.1). */
export function tileGrid(width, height, tileWidth, tileHeight = tileWidth) {
  const grid = [];
  for (let y = 0; y < height; y += tileHeight) {
    for (let x = 0; x < width; x += tileWidth) {
      grid.push({x, y, width: Math.min(tileWidth, width - x), height: Math.min(tileHeight, height - y)});
    }
  }
  return grid;
}

/**
 * Lets the page's event loop run (input, paint, timers) between slices of page-side work. A
 * timer rather than scheduler.yield(), whose continuation goes before the page's own timers.
 */
export function yieldToPage() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Page-side copying per slice (a few ms), far below 50 ms; each yield costs a timer's delay. */
const SLICE_BYTES = 8 << 20;

/**
 * A private copy of an image's RGBA for a worker to take over, made a slice at a time between
 * timer ticks, so that copying a large image never blocks the page for long.
 * @param {{width: number, height: number, data: ArrayBufferView}} pixels
 * @returns {Promise<ArrayBuffer>}
 */
export async function copyPixels({width, height, data}) {
  const src = new Uint8Array(data.buffer, data.byteOffset, width * height * 4);
  const out = new Uint8Array(src.length);
  for (let at = 0; at < src.length; at += SLICE_BYTES) {
    if (at > 0) {
      await yieldToPage();
    }
    out.set(src.subarray(at, at + SLICE_BYTES), at);
  }
  return out.buffer;
}

/** An AbortController that follows `signal` and that a failing tile can trigger for its siblings. */
export function linkedController(signal) {
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) {
      controller.abort();
    } else {
      signal.addEventListener('abort', () => controller.abort(), {once: true});
    }
  }
  return controller;
}

/** Runs jobs together; the first failure cancels the rest and is what the caller sees. */
async function all(promises, controller) {
  try {
    return await Promise.all(promises);
  } catch (e) {
    controller.abort();
    throw e;
  }
}

function copyRect(src, width, r) {
  const out = new Uint8Array(r.width * r.height * 4);
  const row = r.width * 4;
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * width + r.x) * 4;
    out.set(src.subarray(from, from + row), y * row);
  }
  return out;
}

/**
 * Compresses to .tgl over the pool.
 * @param {import('./tegula-pool.js').WorkerPool} pool
 * @param {string} codec the leased codec version
 * @param {{pixels?: {width, height, data}, bytes?: ArrayBuffer, bitmap?: ImageBitmap}} source
 * @param {{encode: object, shared: boolean}} o compress()'s checked options for the codec
 *     (format tgl, quality, lossless, tileSize, maxPixels, the resize and metadata options)
 * @returns {Promise<{bytes: ArrayBuffer, facts: object}>} the .tgl file and what it is
 */
export async function compressTiled(pool, codec, source, o, signal, progress) {
  const controller = linkedController(signal);
  const run = (message, transfer) => pool.run(message, transfer, controller.signal, codec);
  const encode = o.encode;
  const side = encode.tileSize;
  let width;
  let height;
  let tiles = null;
  let shared = null;
  let metadata = new ArrayBuffer(0);
  let facts;
  // pixels that change size or colour are prepared by a worker, as files are
  const changes = encode.maxDimension > 0 || encode.grayscale;
  if (source.pixels && !changes) {
    ({width, height} = source.pixels);
    const data = new Uint8Array(source.pixels.data.buffer, source.pixels.data.byteOffset, width * height * 4);
    if (width <= side && height <= side) {
      const pixels = data.slice().buffer;
      const whole = await run({op: 'compress', encode, pixels, width, height}, [pixels]);
      return {bytes: whole.bytes, facts: whole.facts};
    }
    const grid = tileGrid(width, height, side);
    if (o.shared) {
      shared = new SharedArrayBuffer(data.length);
      const view = new Uint8Array(shared);
      // copied row band by row band; each band's tiles are analysed while the next is copied
      const rowBytes = width * 4;
      const bandRows = Math.max(side, Math.floor(SLICE_BYTES / rowBytes / side) * side);
      const analysed = [];
      for (let y = 0; y < height; y += bandRows) {
        const end = Math.min(height, y + bandRows);
        view.set(data.subarray(y * rowBytes, end * rowBytes), y * rowBytes);
        for (const rect of grid) {
          if (rect.y >= y && rect.y < end) {
            analysed.push(run({op: 'analyse', shared, width, rect}, []));
          }
        }
        if (end < height) {
          await yieldToPage();
        }
      }
      facts = await all(analysed, controller);
    } else {
      tiles = [];
      const analysed = [];
      let sliced = 0;
      for (const rect of grid) {
        const tile = copyRect(data, width, rect);
        analysed.push(run({op: 'analyse', pixels: tile.buffer}, [tile.buffer]));
        sliced += tile.length;
        if (sliced >= SLICE_BYTES) {
          sliced = 0;
          await yieldToPage();
        }
      }
      facts = await all(analysed, controller);
      // each tile came back with its facts
      tiles = facts.map((f) => f.pixels);
    }
  } else {
    const message = {op: 'prepare', encode, shared: o.shared};
    const transfer = [];
    if (source.bitmap) {
      message.bitmap = source.bitmap;
    } else if (source.pixels) {
      ({width: message.width, height: message.height} = source.pixels);
      message.pixels = await copyPixels(source.pixels);
      transfer.push(message.pixels);
    } else {
      message.bytes = source.bytes;
      transfer.push(source.bytes);
    }
    const prepared = await run(message, transfer);
    if (prepared.whole) {
      return {bytes: prepared.bytes, facts: prepared.facts};
    }
    ({width, height, metadata} = prepared);
    shared = prepared.shared || null;
    tiles = prepared.tiles || null;
    facts = [{grey: prepared.grey, opaque: prepared.opaque}];
  }
  progress(0.05);
  const header = {
    width, height, quality: encode.quality, lossless: encode.lossless, tileSize: side,
    chroma: encode.chroma, grey: facts.every((f) => f.grey), alpha: !facts.every((f) => f.opaque),
  };
  const grid = tileGrid(width, height, side);
  let done = 0;
  // what the tiles were coded with, as every tile reports it ('4:4:4', '4:2:0', 'grey', null)
  let chroma = null;
  const payloads = await all(grid.map((rect, index) => {
    const message = {op: 'encodeTile', header, index, rect};
    if (shared) {
      message.shared = shared;
    } else {
      message.pixels = tiles[index];
    }
    return run(message, shared ? [] : [tiles[index]]).then((reply) => {
      done++;
      progress(0.05 + 0.9 * done / grid.length);
      chroma = reply.chroma ?? null;
      return reply.payload;
    });
  }), controller);
  const file = await run({op: 'assemble', header, metadata, payloads}, [...payloads, metadata]);
  return {bytes: file.bytes, facts: {width, height, format: 'tgl', quality: encode.lossless ? 100 : encode.quality,
    chroma, lossless: encode.lossless, encodes: 1, bytes: file.bytes.byteLength, tiles: grid.length}};
}

/**
 * Decodes the tiles of a .tgl file over the pool into one RGBA image.
 * @param {object} structure what the worker's openTgl found (header fields and tile chunks)
 * @param {ArrayBuffer} bytes the file
 * @returns {Promise<Uint8ClampedArray|null>} the pixels, or null when a tile is damaged (the
 *     caller then decodes the file whole, which names the damage as the single-worker path does)
 */
export async function decodeTiled(pool, codec, structure, bytes, signal, progress) {
  const controller = linkedController(signal);
  const {width, height} = structure;
  const header = {
    width, height, colour: structure.colour, alpha: structure.alpha, bitDepth: structure.bitDepth,
    lossy: structure.lossy, quality: structure.quality, tileWidth: structure.tileWidth,
    tileHeight: structure.tileHeight,
  };
  if (structure.tiles.some(([offset]) => offset < 0)) {
    return null;
  }
  const grid = tileGrid(width, height, structure.tileWidth, structure.tileHeight);
  const out = new Uint8ClampedArray(width * height * 4);
  let damaged = false;
  let done = 0;
  await all(structure.tiles.map(([offset, size], index) => {
    const chunk = bytes.slice(offset, offset + size);
    return pool.run({op: 'restoreTile', header, index, chunk, offset}, [chunk], controller.signal, codec)
        .then((reply) => {
          if (reply.problem) {
            damaged = true;
            return;
          }
          const r = grid[index];
          const tile = new Uint8Array(reply.pixels);
          const row = r.width * 4;
          for (let y = 0; y < r.height; y++) {
            out.set(tile.subarray(y * row, (y + 1) * row), ((r.y + y) * width + r.x) * 4);
          }
          done++;
          progress(done / grid.length);
        });
  }), controller);
  return damaged ? null : out;
}
