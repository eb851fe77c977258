// One adapter per codec of the bench. A bench worker loads exactly one, so its load time, module
// files and memory are that codec's alone. Each adapter: load(options), and as it supports them
// decode(bytes: ArrayBuffer) -> {width, height, data: RGBA bytes}, encode(pixels, quality) ->
// Uint8Array. Peers come from /peers/ (bench/node_modules, development dependencies).

/**
 * The exports of one of Tegula's Wasm builds (tegula.wasm, or tegula-decode.wasm): the shipped
 * one, the debug build, or another revision's (`tegula bench --baseline DIR`).
 */
const WASM_BASE = {release: '/wasm/', debug: '/wasm-debug/', baseline: '/wasm-baseline/'};
async function tegulaExports(options, file) {
  const base = WASM_BASE[options.wasm ?? 'release'];
  const teavm = await import(`${base}tegula-runtime.js`);
  return (await teavm.load(`${base}${file}`)).exports;
}

function parse(json) {
  const r = JSON.parse(json);
  if (r.error) {
    throw new Error(`${r.error.code}: ${r.error.message}`);
  }
  return r;
}

function bytes(int8) {
  return new Uint8Array(int8.buffer, int8.byteOffset, int8.length);
}

/** decode() as tegula-worker.js calls it, in either build. */
function tegulaDecode(x) {
  return (buffer) => {
    const r = parse(x.decode(new Int8Array(buffer), false, 0, 1));
    const linear = typeof x.takeDecodedPixels === 'function' ? x.takeDecodedPixels() : null;
    const data = linear
        ? new Uint8Array(linear.slice(0, r.width * r.height * 4).buffer) : bytes(x.takePixels());
    return {width: r.width, height: r.height, data};
  };
}

/**
 * The decode-only build (init({decodeOnly: true})), for its size and load time in the modules
 * section: always the shipped one (the debug build has no decode-only module).
 */
async function tegulaDecodeOnly() {
  return {decode: tegulaDecode(await tegulaExports({}, 'tegula-decode.wasm'))};
}

/** Tegula's own Wasm build, called exactly as tegula-worker.js calls it. */
async function tegula(options) {
  const x = await tegulaExports(options, 'tegula.wasm');
  return {
    decode: tegulaDecode(x),
    encode({width, height, data}, quality) {
      const pixels = new Int8Array(data.buffer, data.byteOffset, data.length);
      parse(x.compress(pixels, width, height, quality, false, 0, 0));
      return bytes(x.takeBytes());
    },
    encodeLossless({width, height, data}) {
      const pixels = new Int8Array(data.buffer, data.byteOffset, data.length);
      parse(x.compress(pixels, width, height, 100, true, 0, 0));
      return bytes(x.takeBytes());
    },
    /**
     * compress() with every option, as tegula-worker.js runs a whole-image job (a target size or
     * SSIM searches here): {@code request} is its EncodeRequest string, e.g. format=jpeg&targetSsim=0.95.
     */
    compressWith({width, height, data}, request) {
      const pixels = new Int8Array(data.buffer, data.byteOffset, data.length);
      const e = x.encoder();
      const facts = parse(e.encode(pixels, width, height, new Int8Array(0), request));
      return {facts, bytes: bytes(e.takeBytes())};
    },
    /** PSNR, SSIM, MS-SSIM by Tegula's metrics (the same code as `tegula compare`). */
    compare(a, b) {
      const i8 = (p) => new Int8Array(p.data.buffer, p.data.byteOffset, p.data.length);
      return parse(x.compare(i8(a), a.width, a.height, i8(b), b.width, b.height, 0, false));
    },
    /** JPEG recompression (`--jpeg-lossless`, content 2): the .tgl of a JPEG, as tegula-worker.js makes it. */
    jpegLossless(buffer) {
      const j = x.jpegLossless();
      parse(j.compress(new Int8Array(buffer), 0, false));
      return bytes(j.takeBytes());
    },
    /** The original JPEG back from such a .tgl, byte for byte. */
    restoreOriginal(buffer) {
      const j = x.jpegLossless();
      parse(j.restoreOriginal(new Int8Array(buffer), 0));
      return bytes(j.takeBytes());
    },
    version: () => x.version(),
  };
}

async function jpegJs() {
  // CommonJS with a window fallback; the worker's CSP allows eval (TeaVM's runtime needs it).
  const source = await (await fetch('/peers/jpeg-js/lib/decoder.js')).text();
  const scope = {};
  new Function('window', source)(scope);
  const decode = scope['jpeg-js'].decode;
  return {
    decode(buffer) {
      return decode(new Uint8Array(buffer), {useTArray: true, formatAsRGBA: true,
        maxResolutionInMP: 200, maxMemoryUsageInMB: 2048});
    },
  };
}

function imageData(r) {
  return {width: r.width, height: r.height, data: r.data};
}

async function mozjpeg() {
  const m = await import('/peers/@jsquash/jpeg/decode.js');
  await m.init();
  return {decode: async (buffer) => imageData(await m.default(buffer))};
}

async function squooshPng() {
  const m = await import('/peers/@jsquash/png/decode.js');
  await m.init();
  return {decode: async (buffer) => imageData(await m.default(buffer))};
}

async function fastPng() {
  const m = await import('/peers/fast-png/lib/index.js');
  return {
    // fast-png returns the file's own channels (RGB for most photos): that is what is timed;
    // the conversion to RGBA below is for the correctness check only.
    decodeNative: (buffer) => m.decode(new Uint8Array(buffer)),
    decode(buffer) {
      return toRgba(m.decode(new Uint8Array(buffer)));
    },
  };
}

function toRgba(png) {
  if (png.depth !== 8 || png.palette) {
    throw new Error(`fast-png: depth ${png.depth}${png.palette ? ', palette' : ''} not compared here`);
  }
  const n = png.width * png.height;
  if (png.channels === 4) {
    return {width: png.width, height: png.height, data: png.data};
  }
  const out = new Uint8Array(n * 4);
  const c = png.channels;
  for (let i = 0; i < n; i++) {
    const g = c < 3;
    out[4 * i] = png.data[c * i];
    out[4 * i + 1] = png.data[c * i + (g ? 0 : 1)];
    out[4 * i + 2] = png.data[c * i + (g ? 0 : 2)];
    out[4 * i + 3] = c === 2 || c === 4 ? png.data[c * i + c - 1] : 255;
  }
  return {width: png.width, height: png.height, data: out};
}

async function webp() {
  const d = await import('/peers/@jsquash/webp/decode.js');
  const e = await import('/peers/@jsquash/webp/encode.js');
  await d.init();
  await e.init();
  return {
    decode: async (buffer) => imageData(await d.default(buffer)),
    encode: async (pixels, quality) => new Uint8Array(await e.default(pixels, {quality})),
  };
}

async function avif() {
  const d = await import('/peers/@jsquash/avif/decode.js');
  const e = await import('/peers/@jsquash/avif/encode.js');
  await d.init();
  await e.init();
  return {
    decode: async (buffer) => imageData(await d.default(buffer)),
    encode: async (pixels, quality) => new Uint8Array(await e.default(pixels, {quality})),
  };
}

/** The browser's own decoders: createImageBitmap, then the pixels read back from a canvas. */
async function browser() {
  return {
    async decode(buffer, type) {
      const blob = new Blob([buffer], {type});
      const bitmap = await createImageBitmap(blob,
          {colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none'});
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d', {willReadFrequently: true});
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      return {width: canvas.width, height: canvas.height, data};
    },
  };
}

// 8x8 files (cjpeg; a minimal PNG) that every codec decodes once as part of its load: some peers
// instantiate their Wasm only on first use, and a load time without it would flatter them.
const TINY_JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAZEAEAAgMAAAAAAAAAAAAAAAAABQYjMqH/xAAVAQEBAAAAAAAAAAAAAAAAAAADBP/EABwRAAEDBQAAAAAAAAAAAAAAAAQAAQUCExQhIv/aAAwDAQACEQMRAD8AhgqNri4AgKkSLj7TQUsVh09L/9k=';
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAbElEQVR42hXNQRUAUQhCUaMYhShGeVGIQhSizB+XXA7ODDtouIHBQ4YOM8suWm5h8ZKl+0CskDiBsIioHhx76LiDw0eO3oN/4FVf+J8h0PduzBqZ8x/bxNQPwgaFy192SGgelC0q13/CJaXlA8Z7WAFXOTbyAAAAAElFTkSuQmCC';
const bytesOf = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;

/** The first use each codec gets inside its load time. */
async function probe(codec, kind) {
  if (kind === 'jpeg' || kind === 'png') {
    await codec.decode(bytesOf(kind === 'jpeg' ? TINY_JPEG : TINY_PNG), `image/${kind}`);
  } else {
    const data = new Uint8ClampedArray(64 * 4).fill(128);
    await codec.decode((await codec.encode({width: 8, height: 8, data}, 75)).buffer);
  }
}

const CODEC_LIST = {
  'tegula': {label: 'Tegula (Wasm)', load: tegula, probe: 'encode'},
  // the same adapter on another revision's build, so that both run in the same rounds
  'tegula-baseline': {label: 'Tegula baseline (Wasm, --baseline)', load: (o) => tegula({...o, wasm: 'baseline'}), probe: 'encode'},
  'tegula-decode': {label: 'Tegula decode-only (Wasm)', load: tegulaDecodeOnly, probe: 'jpeg'},
  'jpeg-js': {label: 'jpeg-js', load: jpegJs, probe: 'jpeg', peer: true},
  'mozjpeg': {label: '@jsquash/jpeg (MozJPEG Wasm)', load: mozjpeg, probe: 'jpeg', peer: true},
  'squoosh-png': {label: '@jsquash/png (Wasm)', load: squooshPng, probe: 'png', peer: true},
  'fast-png': {label: 'fast-png', load: fastPng, probe: 'png', peer: true},
  'webp': {label: '@jsquash/webp (libwebp Wasm)', load: webp, probe: 'encode', peer: true},
  'avif': {label: '@jsquash/avif (libavif Wasm)', load: avif, probe: 'encode', peer: true},
  'browser': {label: 'browser (createImageBitmap + getImageData)', load: browser, probe: 'jpeg'},
};

/** name -> {label, peer, load(options): the codec after its first use} */
export const CODECS = Object.fromEntries(Object.entries(CODEC_LIST).map(([name, c]) => [name, {
  ...c,
  async load(options) {
    const codec = await c.load(options);
    await probe(codec, c.probe);
    return codec;
  },
}]));
