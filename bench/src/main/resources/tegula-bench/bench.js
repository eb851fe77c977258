// Decodes the same JPEGs with Tegula (Wasm, in one worker), jpeg-js (JS, main thread) and the
// browser (createImageBitmap + getImageData) in one run; medians after a warm-up. Every output is
// checked against Tegula's before it is timed. Results go to window.benchResult as JSON.
import {init, decode} from '../tegula.js';

const params = new URLSearchParams(location.search);
const images = (params.get('images') || '').split(',').filter(Boolean);
const runs = Number(params.get('runs') || 7);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function time(fn, n) {
  await fn();
  const ts = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function maxDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > m) m = d;
  }
  return m;
}

async function browserDecode(blob) {
  const bitmap = await createImageBitmap(blob, {colorSpaceConversion: 'none', imageOrientation: 'none'});
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

async function run() {
  await init({workers: 1});
  const rows = [];
  for (const url of images) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const blob = new Blob([bytes], {type: 'image/jpeg'});
    const ref = await decode(bytes);
    const mp = ref.width * ref.height / 1e6;
    const n = mp > 4 ? Math.max(3, runs >> 1) : runs;
    const jpegjs = window['jpeg-js'].decode(bytes, {useTArray: true, formatAsRGBA: true, maxResolutionInMP: 200, maxMemoryUsageInMB: 2048});
    const browserPixels = await browserDecode(blob);
    const row = {
      image: url.split('/').pop(), width: ref.width, height: ref.height, megapixels: mp,
      diffJpegJs: maxDiff(ref.data, jpegjs.data), diffBrowser: maxDiff(ref.data, browserPixels),
    };
    // Tegula: pure decode time inside the worker, and the whole round trip from the page.
    const inWorker = [];
    row.tegulaRoundTripMs = await time(async () => inWorker.push((await decode(bytes)).decodeMs), n);
    row.tegulaMs = median(inWorker.slice(1));
    row.jpegJsMs = await time(() => window['jpeg-js'].decode(bytes, {useTArray: true, formatAsRGBA: true, maxResolutionInMP: 200, maxMemoryUsageInMB: 2048}), n);
    row.browserMs = await time(() => browserDecode(blob), n);
    row.tegulaMPs = mp / (row.tegulaMs / 1000);
    row.jpegJsMPs = mp / (row.jpegJsMs / 1000);
    row.browserMPs = mp / (row.browserMs / 1000);
    row.tegulaVsJpegJs = row.jpegJsMs / row.tegulaMs;
    row.tegulaVsBrowser = row.browserMs / row.tegulaMs;
    rows.push(row);
    render(rows);
  }
  return rows;
}

function render(rows) {
  const cols = ['image', 'width', 'height', 'tegulaMPs', 'jpegJsMPs', 'browserMPs', 'tegulaVsJpegJs',
    'tegulaVsBrowser', 'tegulaRoundTripMs', 'diffJpegJs', 'diffBrowser'];
  const table = document.getElementById('table');
  table.replaceChildren();
  const head = table.insertRow();
  for (const c of cols) head.insertCell().textContent = c;
  for (const r of rows) {
    const tr = table.insertRow();
    for (const c of cols) tr.insertCell().textContent = typeof r[c] === 'number' && !Number.isInteger(r[c]) ? r[c].toFixed(2) : r[c];
  }
}

function textTable(rows) {
  const lines = ['image                                           size        Tegula MP/s  jpeg-js MP/s  browser MP/s  Tegula/jpeg-js  Tegula/browser  max diff (jpeg-js, browser)'];
  for (const r of rows) {
    lines.push(`${r.image.padEnd(46)}  ${(r.width + 'x' + r.height).padEnd(10)}  ${r.tegulaMPs.toFixed(1).padStart(11)}  ${r.jpegJsMPs.toFixed(1).padStart(12)}  ${r.browserMPs.toFixed(1).padStart(12)}  ${r.tegulaVsJpegJs.toFixed(2).padStart(13)}x  ${r.tegulaVsBrowser.toFixed(2).padStart(13)}x  ${r.diffJpegJs}, ${r.diffBrowser}`);
  }
  return lines.join('\n');
}

run().then((rows) => {
  window.benchText = textTable(rows);
  window.benchResult = JSON.stringify(rows);
  document.getElementById('status').dataset.state = 'done';
  document.getElementById('status').textContent = 'Done.';
}, (e) => {
  window.benchResult = JSON.stringify({error: String(e && e.stack || e)});
  document.getElementById('status').dataset.state = 'error';
  document.getElementById('status').textContent = `Failed: ${e}`;
});
