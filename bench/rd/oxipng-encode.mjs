// rd.py's OxiPNG row as Squoosh and jSquash users get it: @jsquash/oxipng's optimise (OxiPNG in
// Wasm, one thread) with its default options (level 2, no interlacing, alpha kept as it is), on
// the PNG file itself. Development only.
//   node bench/rd/oxipng-encode.mjs IN.png OUT.png [REPS]
// With REPS, the optimisation runs REPS more times and the median of their times (ms, the call
// alone: no start-up, no Wasm compile) goes to stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import optimise, { init } from '@jsquash/oxipng/optimise.js';

const [input, output, reps] = process.argv.slice(2);
if (!input || !output || (reps && !(Number(reps) > 0))) {
  console.error('usage: node oxipng-encode.mjs IN.png OUT.png [REPS]');
  process.exit(2);
}
const wasmPath = join(dirname(fileURLToPath(import.meta.resolve('@jsquash/oxipng/optimise.js'))),
    'codec/pkg/squoosh_oxipng_bg.wasm');
await init(await WebAssembly.compile(readFileSync(wasmPath)));
const png = readFileSync(input);
writeFileSync(output, new Uint8Array(await optimise(png)));
if (reps) {
  const times = [];
  for (let i = 0; i < Number(reps); i++) {
    const t0 = performance.now();
    await optimise(png);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.error(`${input}: median ${times[times.length >> 1].toFixed(1)} ms of ${reps}`);
}
