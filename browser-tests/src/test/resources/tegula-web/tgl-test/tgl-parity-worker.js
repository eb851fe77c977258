// Test-only worker: calls the .tgl exports directly and answers with SHA-256 digests of what
// they make (and restored PNGs whole), so TglParityTest can compare them with the JVM's.
import {load} from '../wasm/tegula-runtime.js';

const ready = load('../wasm/tegula.wasm').then((teavm) => teavm.exports);

async function sha256(bytes) {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return [...digest].map((x) => x.toString(16).padStart(2, '0')).join('');
}

self.onmessage = async (event) => {
  const exports = await ready;
  const out = [];
  for (const job of event.data) {
    const input = new Int8Array(job.bytes);
    const result = JSON.parse(job.op === 'compress'
      ? exports.compress(input, 0, 0, job.quality, job.lossless, job.tileSize, 0)
      : exports.restore(input, 0));
    if (result.error) {
      out.push(`error ${result.error.code}`);
      continue;
    }
    const bytes = exports.takeBytes();
    if (job.op === 'compress') {
      out.push(`${bytes.length} ${await sha256(bytes)}`);
      continue;
    }
    // the restored pixels, and the PNG itself for the JVM to decode (deflate output may differ)
    const decoded = JSON.parse(exports.decode(input, false, 0, 1));
    const pixels = exports.takeDecodedPixels().slice(0, decoded.width * decoded.height * 4);
    let png = '';
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = 0; i < view.length; i += 0x8000) {
      png += String.fromCharCode(...view.subarray(i, i + 0x8000));
    }
    out.push(`${result.complete} ${await sha256(pixels)} png:${btoa(png)}`);
  }
  self.postMessage(out);
};
