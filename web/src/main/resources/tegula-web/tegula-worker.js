// One Tegula codec instance per worker. Messages in: {op, id, ...}; replies carry the same id.
// Pixels go back by transfer, so the page never copies them.
import {load} from './wasm/tegula-runtime.js';

let exports = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.op === 'load') {
    try {
      const teavm = await load(msg.wasmUrl);
      exports = teavm.exports;
      self.postMessage({op: 'ready'});
    } catch (e) {
      self.postMessage({op: 'failed', message: `cannot load ${msg.wasmUrl}: ${e.message || e}`});
    }
    return;
  }
  try {
    self.postMessage(...handle(msg));
  } catch (e) {
    // The strict build turns Java bugs into exceptions; report them instead of killing the worker.
    self.postMessage({id: msg.id, error: {code: 'internal', message: String(e.message || e), offset: -1}});
  }
};

function handle(msg) {
  switch (msg.op) {
    case 'decode': {
      const start = performance.now();
      const result = JSON.parse(exports.decode(new Int8Array(msg.bytes), msg.autoOrient, msg.maxPixels));
      if (result.error) {
        return [{id: msg.id, error: result.error}];
      }
      const pixels = exports.takePixels();
      const decodeMs = performance.now() - start;
      return [{id: msg.id, ...result, pixels: pixels.buffer, decodeMs}, [pixels.buffer]];
    }
    case 'info': {
      const result = JSON.parse(exports.info(new Int8Array(msg.bytes)));
      return result.error ? [{id: msg.id, error: result.error}] : [{id: msg.id, info: result}];
    }
    case 'compare': {
      const start = performance.now();
      const {a, b} = msg;
      const result = JSON.parse(exports.compare(new Int8Array(a.bytes), a.width, a.height,
          new Int8Array(b.bytes), b.width, b.height, msg.maxPixels, msg.heatmap));
      if (result.error) {
        return [{id: msg.id, error: result.error}];
      }
      const pixels = msg.heatmap ? exports.takePixels() : null;
      const compareMs = performance.now() - start;
      return pixels
        ? [{id: msg.id, ...result, heatmap: pixels.buffer, compareMs}, [pixels.buffer]]
        : [{id: msg.id, ...result, compareMs}];
    }
    case 'version':
      return [{id: msg.id, version: exports.version()}];
    default:
      return [{id: msg.id, error: {code: 'internal', message: `unknown operation ${msg.op}`, offset: -1}}];
  }
}
