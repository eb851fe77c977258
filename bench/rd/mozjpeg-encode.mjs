// rd.py's MozJPEG row as Squoosh and jSquash users get it: @jsquash/jpeg's encode (MozJPEG in Wasm)
// with its default options (progressive, optimized Huffman tables, trellis, quant table 3, 4:2:0),
// only the quality set. Reads a binary PPM (P6, 8-bit), writes the JPEG. Development only.
//   node bench/rd/mozjpeg-encode.mjs IN.ppm OUT.jpg QUALITY
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import encode, { init } from '@jsquash/jpeg/encode.js';

const [input, output, quality] = process.argv.slice(2);
if (!input || !output || !quality) {
  console.error('usage: node mozjpeg-encode.mjs IN.ppm OUT.jpg QUALITY');
  process.exit(2);
}

function readPpm(bytes) {
  let pos = 0;
  const token = () => {
    for (;;) {
      while (/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
      if (bytes[pos] !== 0x23) break;
      while (bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (!/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    return new TextDecoder().decode(bytes.subarray(start, pos));
  };
  if (token() !== 'P6') throw new Error('not a binary PPM (P6)');
  const width = Number(token()), height = Number(token()), max = Number(token());
  if (max !== 255) throw new Error('only 8-bit PPM');
  pos++;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = pos; i < width * height; i++, j += 3) {
    rgba[4 * i] = bytes[j]; rgba[4 * i + 1] = bytes[j + 1]; rgba[4 * i + 2] = bytes[j + 2];
    rgba[4 * i + 3] = 255;
  }
  return { data: rgba, width, height, colorSpace: 'srgb' };
}

const wasmPath = join(dirname(fileURLToPath(import.meta.resolve('@jsquash/jpeg/encode.js'))),
    'codec/enc/mozjpeg_enc.wasm');
await init(await WebAssembly.compile(readFileSync(wasmPath)));
const jpeg = await encode(readPpm(readFileSync(input)), { quality: Number(quality) });
writeFileSync(output, new Uint8Array(jpeg));
