// A bench worker: loads one codec (bench-codecs.js) and runs what the page asks, one job at a
// time, timing inside the worker so that no message passing is counted. Its name ends in
// -worker.js because the server gives such scripts the policy TeaVM's runtime needs (eval).
import {CODECS} from './bench-codecs.js';
import {sha256} from './bench-util.js';

// Every WebAssembly.Memory a codec creates or is given: its size after a job is the peak of the
// codec's linear memory, which never shrinks.
const memories = new Set();
function remember(result, imports) {
  const instance = result.instance ?? result;
  for (const v of Object.values(instance.exports ?? {})) {
    if (v instanceof WebAssembly.Memory) memories.add(v);
  }
  for (const ns of Object.values(imports ?? {})) {
    for (const v of Object.values(ns ?? {})) {
      if (v instanceof WebAssembly.Memory) memories.add(v);
    }
  }
  return result;
}
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = (source, imports) => original.call(WebAssembly, source, imports)
      .then((r) => remember(r, imports));
}
const linearMemory = () => [...memories].reduce((sum, m) => sum + m.buffer.byteLength, 0);

let codec = null;
let last = null;
/** The JPEG and its .tgl of the last 'recompress' job, which the timed jobs repeat. */
let lastJpeg = null;
let lastTgl = null;

async function handle(msg) {
  switch (msg.op) {
    case 'load': {
      const t0 = performance.now();
      codec = await CODECS[msg.codec].load(msg.options ?? {});
      const loadMs = performance.now() - t0;
      const resources = performance.getEntriesByType('resource').map((e) => e.name)
          .filter((u) => new URL(u).origin === location.origin);
      return {loadMs, resources, linearMemory: linearMemory()};
    }
    case 'decode': {
      // once, for the check: the pixels go back to the page
      const t0 = performance.now();
      const r = await codec.decode(msg.bytes, msg.type);
      const ms = performance.now() - t0;
      last = msg.bytes;
      const data = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.length).slice();
      return {width: r.width, height: r.height, data, ms, linearMemory: linearMemory(), transfer: [data.buffer]};
    }
    case 'timeDecode': {
      const bytes = msg.bytes ?? last;
      const run = codec.decodeNative ?? codec.decode;
      const t0 = performance.now();
      await run(bytes, msg.type);
      return {ms: performance.now() - t0};
    }
    case 'encode': {
      const t0 = performance.now();
      const out = msg.lossless ? await codec.encodeLossless(msg.pixels) : await codec.encode(msg.pixels, msg.quality);
      const ms = performance.now() - t0;
      const copy = out.slice();
      return {bytes: copy, ms, transfer: [copy.buffer]};
    }
    case 'timeEncode': {
      const t0 = performance.now();
      await codec.encode(msg.pixels, msg.quality);
      return {ms: performance.now() - t0};
    }
    case 'search': {
      // once, for the check against the JVM: what the search chose, and its file's SHA-256
      const t0 = performance.now();
      const {facts, bytes} = await codec.compressWith(msg.pixels, msg.request);
      const ms = performance.now() - t0;
      return {facts, sha256: await sha256(bytes.slice()), ms, linearMemory: linearMemory()};
    }
    case 'timeCompress': {
      const t0 = performance.now();
      await codec.compressWith(msg.pixels, msg.request);
      return {ms: performance.now() - t0};
    }
    case 'recompress': {
      // once, for the check: the .tgl's size and the SHA-256 of the JPEG restored from it
      lastJpeg = msg.bytes;
      lastTgl = (await codec.jpegLossless(lastJpeg)).slice().buffer;
      const restored = await codec.restoreOriginal(lastTgl);
      return {tglBytes: lastTgl.byteLength, restoredSha256: await sha256(restored.slice())};
    }
    case 'timeRecompress': {
      const t0 = performance.now();
      if (msg.job === 'compress') {
        await codec.jpegLossless(lastJpeg);
      } else {
        await codec.restoreOriginal(lastTgl);
      }
      return {ms: performance.now() - t0};
    }
    case 'compare':
      return {result: codec.compare(msg.a, msg.b)};
    case 'memory':
      return {linearMemory: linearMemory()};
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

self.onmessage = async ({data: msg}) => {
  try {
    const {transfer, ...reply} = await handle(msg);
    self.postMessage({id: msg.id, ...reply}, transfer ?? []);
  } catch (e) {
    self.postMessage({id: msg.id, error: String(e && e.stack || e)});
  }
};
