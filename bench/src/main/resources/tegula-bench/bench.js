// Tegula against the peers, in one run, on the same images (images/manifest.json, written by
// `tegula bench --browser`): JPEG decode, PNG decode, .tgl vs WebP vs AVIF (speed, bits per pixel,
// PSNR/SSIM by Tegula's metrics), worker scaling through tegula.js's pool, module sizes, load
// times and memory, JPEG recompression (--jpeg-lossless) in Wasm, target size / SSIM searches in
// Wasm against the JVM's. Each codec runs in a bench worker of its own; runs of the codecs are
// interleaved so that a change of machine load hits all of them alike; figures are medians after a
// warm-up, and every output is checked against the reference before anything is timed.
// Results: window.benchResult (JSON) and window.benchText (Markdown tables).
import {CODECS} from './bench-codecs.js';
import {BenchWorker, diff, fetchBytes, fmt, gzipSize, kb, mb, median, sha256, table, workerMemory} from './bench-util.js';

const params = new URLSearchParams(location.search);
const quick = params.has('quick');
const runs = Number(params.get('runs') || (quick ? 1 : 7));
const largeRuns = Number(params.get('largeRuns') || (quick ? 1 : 3));
const encodeRuns = Number(params.get('encodeRuns') || (quick ? 1 : 3));
const searchRuns = Number(params.get('searchRuns') ?? (quick ? 0 : 3));
const qualities = (params.get('qualities') || '50,75,90').split(',').map(Number);
// untimed runs of each job first, for at least this long: V8 compiles a hot Wasm function's
// optimized code in the background while the first runs go on in its baseline code, and on two
// busy cores that took several runs of a small image (astronaut.png's PNG decode: 22-38 ms, then 16-18)
const warmupMs = Number(params.get('warmupMs') ?? (quick ? 0 : 400));
const wasm = params.get('wasm') || 'release';
// `tegula bench --baseline DIR`: another revision's build runs beside this one in the same rounds
const baseline = params.has('baseline');
const withBaseline = (names) => (baseline ? [names[0], 'tegula-baseline', ...names.slice(1)] : names);
const sections = (params.get('sections') || (quick ? 'jpeg,recompress,search' : 'jpeg,png,lossy,scaling,recompress,search,modules'))
    .split(',');

const result = {started: new Date().toISOString(), userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency, crossOriginIsolated: self.crossOriginIsolated,
  wasm, baseline, quick, warmupMs, runs, largeRuns, encodeRuns, searchRuns, loads: {}, resources: {}, memory: {}, sections: {}};
const text = [];

function status(s) {
  document.getElementById('status').textContent = s;
}

/** Starts a worker for each codec that loads; a peer that is not installed is skipped. */
async function start(names) {
  const started = [];
  for (const name of names) {
    const w = new BenchWorker(name);
    try {
      const r = await w.call({op: 'load', codec: name, options: {wasm}});
      (result.loads[name] ??= []).push(r.loadMs);
      result.resources[name] = r.resources;
      started.push(w);
    } catch (e) {
      w.terminate();
      if (!CODECS[name].peer) throw e;
      (result.skipped ??= {})[name] = String(e.message).split('\n')[0];
    }
  }
  return started;
}

/** Tegula's decode, checked against the JVM's (the manifest's SHA-256 of its RGBA). */
async function reference(tegula, image, bytes) {
  const r = await tegula.call({op: 'decode', bytes, type: image.type}, []);
  const hash = await sha256(r.data);
  if (hash !== image.sha256) {
    throw new Error(`${image.file}: Tegula Wasm decode differs from the JVM decode (${hash})`);
  }
  return r;
}

/** Runs {@code msg} on each worker, untimed, until warmupMs has passed for it (at least once). */
async function warmUp(workers, msg) {
  if (!warmupMs) return;
  for (const w of workers) {
    const end = performance.now() + warmupMs;
    do {
      await w.call(msg);
    } while (performance.now() < end);
  }
}

/**
 * The codecs of timing round i, each round starting one further along: no codec always runs
 * right after the same other (whose garbage or caches it might pay for) or always first.
 */
function turn(list, i) {
  const k = i % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

const MIME = {jpeg: 'image/jpeg', png: 'image/png'};

/**
 * What each codec's worker holds at the end of a section: the peak of its Wasm linear memory
 * (which never shrinks; a WasmGC module like Tegula's keeps its Java objects on the JS heap
 * instead), and the worker's whole memory after a GC, which counts only what is still alive.
 */
async function recordMemory(section, workers, rows) {
  const mem = await workerMemory();
  for (const w of workers) {
    const peak = rows.filter((r) => r.codec === w.codec).reduce((m, r) => Math.max(m, r.linearMemory ?? 0), 0);
    (result.memory[section] ??= {})[w.codec] = {linearMemoryPeak: peak, workerBytesAfterGc: mem ? mem[w.codec] : null};
  }
}

async function decodeSection(kind, names, tolerance) {
  const images = result.manifest[kind].slice(0, quick ? 1 : undefined);
  const workers = await start(names);
  const rows = [];
  for (const image of images) {
    status(`${kind} decode: ${image.file}`);
    const bytes = await fetchBytes(`/images/${image.file}`);
    const type = MIME[kind];
    const mp = image.width * image.height / 1e6;
    const ref = await reference(workers[0], {...image, type}, bytes);
    const ok = [];
    for (const w of workers) {
      const out = w === workers[0] ? ref : await w.call({op: 'decode', bytes, type});
      const d = diff(ref.data, out.data);
      const row = {section: `${kind}-decode`, image: image.file, width: image.width, height: image.height,
        codec: w.codec, maxDiff: d.max, meanDiff: d.mean, linearMemory: out.linearMemory,
        correct: out.width === image.width && out.height === image.height && d.mean <= tolerance.mean && d.max <= tolerance.max};
      rows.push(row);
      if (row.correct) ok.push([w, row]);
    }
    const times = new Map(ok.map(([w]) => [w, []]));
    const n = mp > 4 ? largeRuns : runs;
    await warmUp(ok.map(([w]) => w), {op: 'timeDecode', type});
    for (let i = 0; i < n; i++) {
      for (const [w] of turn(ok, i)) {
        times.get(w).push((await w.call({op: 'timeDecode', type})).ms);
      }
    }
    for (const [w, row] of ok) {
      row.ms = median(times.get(w));
      row.samples = times.get(w);
      row.megapixelsPerSecond = mp / (row.ms / 1000);
    }
  }
  if (!quick) await recordMemory(`${kind}-decode`, workers, rows);
  workers.forEach((w) => w.terminate());
  result.sections[`${kind}-decode`] = rows;
  text.push(`### ${kind.toUpperCase()} decode (MP/s, median; ratio = Tegula's speed / the codec's)\n`);
  text.push(decodeTable(rows, names));
}

function decodeTable(rows, names) {
  const present = names.filter((n) => rows.some((r) => r.codec === n));
  const head = ['image', 'size', ...present.map((n) => `${n} MP/s`), ...present.slice(1).map((n) => `Tegula / ${n}`), 'max diff vs reference'];
  const byImage = [...new Set(rows.map((r) => r.image))];
  return table(head, byImage.map((image) => {
    const rs = rows.filter((r) => r.image === image);
    const get = (n) => rs.find((r) => r.codec === n);
    const t = get('tegula');
    return [image, `${t.width}x${t.height}`,
      ...present.map((n) => (get(n)?.correct ? fmt(get(n).megapixelsPerSecond) : 'WRONG')),
      ...present.slice(1).map((n) => (get(n)?.ms ? `${fmt(get(n).ms / t.ms, 2)}x` : '-')),
      present.map((n) => `${n} ${get(n)?.maxDiff}`).join(', ')];
  }));
}

async function lossySection() {
  const names = withBaseline(['tegula', 'webp', 'avif']);
  const workers = await start(names);
  const tegula = workers[0];
  const rows = [];
  for (const photo of result.manifest.photos) {
    const src = await reference(tegula, {...photo, type: 'image/png'}, await fetchBytes(`/images/${photo.file}`));
    const pixels = {width: src.width, height: src.height, data: src.data};
    const pixelCount = src.width * src.height;
    for (const q of qualities) {
      status(`lossy: ${photo.file} q${q}`);
      const ok = [];
      for (const w of workers) {
        const enc = await w.call({op: 'encode', pixels, quality: q});
        const dec = await w.call({op: 'decode', bytes: enc.bytes.buffer.slice(0)});
        const m = (await tegula.call({op: 'compare', a: pixels, b: {width: dec.width, height: dec.height, data: dec.data}})).result;
        const row = {section: 'lossy', image: photo.file, width: src.width, height: src.height, codec: w.codec,
          quality: q, bytes: enc.bytes.length, bitsPerPixel: enc.bytes.length * 8 / pixelCount,
          psnr: m.psnr, ssim: m.ssim, msSsim: m.msSsim, linearMemory: dec.linearMemory,
          correct: dec.width === src.width && dec.height === src.height && m.psnr >= 20};
        rows.push(row);
        if (row.correct) ok.push([w, row]); // its last decode is the file timeDecode works on
      }
      const enc = new Map(ok.map(([w]) => [w, []]));
      const dec = new Map(ok.map(([w]) => [w, []]));
      await warmUp(ok.map(([w]) => w), {op: 'timeEncode', pixels, quality: q});
      for (let i = 0; i < encodeRuns; i++) {
        for (const [w] of turn(ok, i)) enc.get(w).push((await w.call({op: 'timeEncode', pixels, quality: q})).ms);
      }
      await warmUp(ok.map(([w]) => w), {op: 'timeDecode'});
      for (let i = 0; i < runs; i++) {
        for (const [w] of turn(ok, i)) dec.get(w).push((await w.call({op: 'timeDecode'})).ms);
      }
      for (const [w, row] of ok) {
        row.encodeMs = median(enc.get(w));
        row.decodeMs = median(dec.get(w));
        row.encodeSamples = enc.get(w);
        row.decodeSamples = dec.get(w);
        row.encodeMegapixelsPerSecond = pixelCount / 1e3 / row.encodeMs;
        row.decodeMegapixelsPerSecond = pixelCount / 1e3 / row.decodeMs;
      }
    }
  }
  await recordMemory('lossy', workers, rows);
  workers.forEach((w) => w.terminate());
  result.sections.lossy = rows;
  text.push('### Lossy: .tgl vs WebP vs AVIF (one thread each; quality metrics by Tegula)\n');
  text.push(table(['image', 'codec', 'q', 'bpp', 'PSNR dB', 'SSIM', 'MS-SSIM', 'encode MP/s', 'decode MP/s', 'Tegula enc / dec speed ratio'],
      rows.map((r) => {
        const t = rows.find((x) => x.image === r.image && x.quality === r.quality && x.codec === 'tegula');
        const ratio = r.codec !== 'tegula' && r.encodeMs && t?.encodeMs
          ? `${fmt(r.encodeMs / t.encodeMs, 2)}x / ${fmt(r.decodeMs / t.decodeMs, 2)}x` : '';
        return [r.image, r.codec, r.quality, fmt(r.bitsPerPixel, 3), fmt(r.psnr, 2), fmt(r.ssim, 4), fmt(r.msSsim, 4),
          r.correct ? fmt(r.encodeMegapixelsPerSecond, 2) : 'WRONG', fmt(r.decodeMegapixelsPerSecond, 1), ratio];
      })));
}

/**
 * JPEG recompression in Wasm, one thread: compress (--jpeg-lossless) and restore of the original
 * file, in MB of input JPEG per second, with Tegula's own Wasm decode of the same JPEG to pixels
 * in the same rounds as the baseline (the JVM's table reads the same way). Every file is first
 * checked: the JPEG restored from its .tgl has the input's SHA-256.
 */
async function recompressSection() {
  const images = result.manifest.jpeg.slice(0, quick ? 1 : undefined);
  const workers = await start(withBaseline(['tegula']));
  const rows = [];
  for (const image of images) {
    status(`recompress: ${image.file}`);
    const bytes = await fetchBytes(`/images/${image.file}`);
    const ok = [];
    for (const w of workers) {
      // also the file timeDecode repeats; only this build's decode must equal the JVM's
      if (w === workers[0]) await reference(w, {...image, type: 'image/jpeg'}, bytes);
      else await w.call({op: 'decode', bytes, type: 'image/jpeg'});
      const made = await w.call({op: 'recompress', bytes});
      const row = {section: 'recompress', image: image.file, width: image.width, height: image.height, codec: w.codec,
        jpegBytes: bytes.byteLength, tglBytes: made.tglBytes, saving: 1 - made.tglBytes / bytes.byteLength,
        correct: made.restoredSha256 === await sha256(bytes)};
      rows.push(row);
      if (row.correct) ok.push([w, row, {decode: [], compress: [], restore: []}]);
    }
    const n = image.width * image.height > 4e6 ? largeRuns : runs;
    await warmUp(ok.map(([w]) => w), {op: 'timeDecode', type: 'image/jpeg'});
    for (const job of ['compress', 'restore']) {
      await warmUp(ok.map(([w]) => w), {op: 'timeRecompress', job});
    }
    for (let i = 0; i < n; i++) {
      for (const [w, , times] of turn(ok, i)) {
        times.decode.push((await w.call({op: 'timeDecode', type: 'image/jpeg'})).ms);
        times.compress.push((await w.call({op: 'timeRecompress', job: 'compress'})).ms);
        times.restore.push((await w.call({op: 'timeRecompress', job: 'restore'})).ms);
      }
    }
    for (const [, row, times] of ok) {
      for (const [job, ms] of Object.entries(times)) {
        row[`${job}Ms`] = median(ms);
        row[`${job}Samples`] = ms;
        row[`${job}MegabytesPerSecond`] = bytes.byteLength / 1e3 / median(ms);
      }
    }
  }
  workers.forEach((w) => w.terminate());
  result.sections.recompress = rows;
  text.push('### JPEG recompression in Wasm (one worker; MB of input JPEG per second, median; ratio = job / Tegula\'s Wasm JPEG decode of the same file, same rounds)\n');
  text.push(table(['image', 'size', ...(baseline ? ['build'] : []), 'JPEG KB', '.tgl saving', 'compress MB/s', 'restore MB/s', 'JPEG decode MB/s',
    'compress / decode', 'restore / decode', 'restored bit-exact'],
  rows.map((r) => [r.image, `${r.width}x${r.height}`, ...(baseline ? [r.codec] : []), kb(r.jpegBytes), `${fmt(100 * r.saving, 1)}%`,
    fmt(r.compressMegabytesPerSecond, 2), fmt(r.restoreMegabytesPerSecond, 2), fmt(r.decodeMegabytesPerSecond, 2),
    r.correct ? `${fmt(r.decodeMs / r.compressMs, 2)}x` : '-', r.correct ? `${fmt(r.decodeMs / r.restoreMs, 2)}x` : '-',
    r.correct ? 'yes' : 'NO'])));
}

/**
 * With --baseline: this build's speed over the baseline's (its time / this build's, so > 1 is
 * faster) per section and job, over the rows, which were timed in the same rounds: the geometric
 * mean of the rows' ratios of medians, and of their ratios of fastest runs (the steadier figure
 * on a shared machine, whose other load only ever adds time), with the least and most of the
 * medians' ratios.
 */
function baselineSummary() {
  const jobs = {'jpeg-decode': ['ms'], 'png-decode': ['ms'], lossy: ['encodeMs', 'decodeMs'],
    recompress: ['decodeMs', 'compressMs', 'restoreMs']};
  const key = (r) => `${r.image} ${r.quality ?? ''}`;
  const geometricMean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  const out = [];
  for (const [section, fields] of Object.entries(jobs)) {
    const rows = result.sections[section] ?? [];
    const base = new Map(rows.filter((r) => r.codec === 'tegula-baseline').map((r) => [key(r), r]));
    for (const field of fields) {
      const pairs = rows.filter((r) => r.codec === 'tegula' && r[field] && base.get(key(r))?.[field])
          .map((r) => [base.get(key(r)), r]);
      if (!pairs.length) continue;
      const samples = field === 'ms' ? 'samples' : field.replace(/Ms$/, 'Samples');
      const ratios = pairs.map(([b, r]) => b[field] / r[field]);
      const fastest = pairs.map(([b, r]) => Math.min(...b[samples]) / Math.min(...r[samples]));
      out.push({section, job: field === 'ms' ? 'decode' : field.replace(/Ms$/, ''), rows: pairs.length,
        geometricMean: geometricMean(ratios), fastestGeometricMean: geometricMean(fastest),
        min: Math.min(...ratios), max: Math.max(...ratios)});
    }
  }
  result.baselineSummary = out;
  text.push('### This build against the baseline (its time / this build\'s: > 1 is faster; same rounds)\n');
  text.push(table(['section', 'job', 'rows', 'medians, geometric mean', 'fastest runs, geometric mean', 'medians, least', 'medians, most'],
      out.map((r) => [r.section, r.job, r.rows, `${fmt(r.geometricMean, 3)}x`, `${fmt(r.fastestGeometricMean, 3)}x`,
        `${fmt(r.min, 3)}x`, `${fmt(r.max, 3)}x`])));
}

/** What a search chose, as the Wasm encoder's facts and the JVM's reference both state it. */
const CHOICE = ['quality', 'qualityHundredths', 'chroma', 'lambdaHundredths', 'encodes', 'ssim', 'bytes', 'sha256'];

/**
 * Issue 6's target searches (compress() with targetSsim or maxSizeBytes) in Tegula's worker, as
 * tegula-worker.js runs them, on the images of searches.json (written by `tegula bench` with the
 * JVM's result of each search). The Wasm search must choose what the JVM chose (quality, chroma,
 * lambda, encodes, SSIM, the file's SHA-256) before it is timed; then the search and one plain
 * encode at the quality it chose alternate, each in Wasm and on the bench's JVM in turns (the
 * server runs the JVM's when asked), and search / encode sits beside the JVM's ratio.
 */
async function searchSection() {
  const {images: known, searches} = await (await fetch('/images/searches.json')).json();
  const [tegula] = await start(['tegula']);
  const sources = new Map();
  const rows = [];
  const jvm = async (job, i) => (await (await fetch(`/jvm/${job}-${i}.json`, {cache: 'no-store'})).json()).ms;
  for (const [index, s] of searches.entries()) {
    status(`search: ${s.file} ${s.format} ${s.target}`);
    if (!sources.has(s.file)) {
      const image = known.find((i) => i.file === s.file);
      const type = /\.png$/.test(s.file) ? 'image/png' : 'image/jpeg';
      const src = await reference(tegula, {...image, type}, await fetchBytes(`/images/${s.file}`));
      sources.set(s.file, {width: src.width, height: src.height, data: src.data});
    }
    const pixels = sources.get(s.file);
    const made = await tegula.call({op: 'search', pixels, request: s.request});
    const wasm = {...made.facts, sha256: made.sha256};
    const differ = CHOICE.filter((k) => wasm[k] !== s.jvm[k]);
    const row = {section: 'search', image: s.file, width: pixels.width, height: pixels.height,
      format: s.format, target: s.target, wasm, jvm: s.jvm, linearMemory: made.linearMemory,
      correct: differ.length === 0};
    if (differ.length) {
      row.problem = `Wasm search differs from the JVM's in ${differ.map((k) => `${k} ${wasm[k]} (JVM ${s.jvm[k]})`).join(', ')}`;
    }
    rows.push(row);
    const n = pixels.width * pixels.height > 4e6 ? largeRuns : searchRuns;
    if (!row.correct || !s.timed || n === 0) continue; // a parity check only
    const plain = `format=${s.format}&quality=${wasm.quality}`;
    await tegula.call({op: 'timeCompress', pixels, request: plain}); // its warm-up
    // Wasm and the JVM (asked through the bench server) in turns, each first every other round,
    // so that a change of the shared machine's load falls on both alike
    const times = {search: [], encode: [], jvmSearch: [], jvmEncode: []};
    for (let i = 0; i < n; i++) {
      for (const job of ['search', 'encode']) {
        const request = job === 'search' ? s.request : plain;
        const key = `jvm${job[0].toUpperCase()}${job.slice(1)}`;
        if (i % 2) times[key].push(await jvm(job, index));
        times[job].push((await tegula.call({op: 'timeCompress', pixels, request})).ms);
        if (!(i % 2)) times[key].push(await jvm(job, index));
      }
    }
    for (const [k, v] of Object.entries(times)) row[`${k}Ms`] = median(v);
  }
  tegula.terminate();
  result.sections.search = rows;
  text.push('### Target searches in Wasm (Tegula\'s worker; search / one plain encode at the chosen quality, median; the JVM\'s the same way, in turns with Wasm\'s)\n');
  const setting = (r) => `q${fmt(r.qualityHundredths / 100, 2)} ${r.chroma}${r.lambdaHundredths > 0 && r.lambdaHundredths !== 100 ? ` lambda x${fmt(r.lambdaHundredths / 100, 2)}` : ''}`;
  const ratio = (a, b) => (a && b ? `${fmt(a / b, 2)}` : '-');
  const wrong = rows.filter((r) => !r.correct);
  const shown = rows.length <= 20 ? rows : wrong;
  if (shown !== rows) {
    text.push(`${rows.length} searches on ${sources.size} images, ${rows.length - wrong.length} chose the JVM's file${wrong.length ? '; those that did not:' : '.'}`);
  }
  if (shown.length) text.push(table(['image', 'size', 'format', 'target', 'chosen', 'encodes', 'KB', 'SSIM', 'same as JVM',
    'Wasm search ms', 'Wasm encode ms', 'Wasm search / encode', 'JVM search ms', 'JVM encode ms', 'JVM search / encode', 'Wasm / JVM search'],
  shown.map((r) => [r.image, `${r.width}x${r.height}`, r.format, r.target, setting(r.wasm), r.wasm.encodes, kb(r.wasm.bytes),
    fmt(r.wasm.ssim, 4), r.correct ? 'yes' : `NO: ${r.problem}`, fmt(r.searchMs, 0), fmt(r.encodeMs, 0), ratio(r.searchMs, r.encodeMs),
    fmt(r.jvmSearchMs, 0), fmt(r.jvmEncodeMs, 0), ratio(r.jvmSearchMs, r.jvmEncodeMs), ratio(r.searchMs, r.jvmSearchMs)])));
  if (wrong.length) {
    throw new Error(`search: ${wrong.map((r) => `${r.image} ${r.format} ${r.target}: ${r.problem}`).join('; ')}`);
  }
}

/**
 * tegula.js's own pool: 1, 2 and N workers on one 12 MP image (its pixels, and its JPEG file as
 * the app gets it, to .tgl) and on a batch of small files.
 */
async function scalingSection() {
  const api = await import('../tegula.js');
  const large = result.manifest.large;
  const largeJpeg = await fetchBytes(`/images/${large.file.replace(/\.png$/, '_q85.jpg')}`);
  const hw = navigator.hardwareConcurrency || 2;
  const counts = [...new Set([1, 2, hw, Math.max(4, hw)])].sort((a, b) => a - b);
  const largePng = await fetchBytes(`/images/${large.file}`);
  const batch = await Promise.all(result.manifest.jpeg.filter((j) => j.width * j.height < 4e6)
      .map((j) => fetchBytes(`/images/${j.file}`)));
  const rows = [];
  let reference = null;
  for (const n of counts) {
    status(`scaling: ${n} workers`);
    api.terminate();
    await api.init({workers: n});
    const pixels = await api.decode(largePng);
    if (await sha256(pixels.data) !== large.sha256) throw new Error('pool decode of the large PNG differs from the JVM');
    const tgl = await api.compress(pixels, {quality: 75});
    const back = await api.decode(tgl);
    // tiles coded by any number of workers give the same file and the same pixels
    const hash = await sha256(back.data);
    reference ??= hash;
    // the app's path: a JPEG file, prepared by a worker and tiled
    const fromFile = await api.decode(await api.compress(largeJpeg.slice(0), {quality: 75}));
    const correct = hash === reference && back.width === large.width && fromFile.width === large.width;
    const times = {compress: [], compressFile: [], decode: [], batch: []};
    for (let i = 0; i < largeRuns; i++) {
      let t0 = performance.now();
      await api.compress(pixels, {quality: 75});
      times.compress.push(performance.now() - t0);
      t0 = performance.now();
      await api.compress(largeJpeg.slice(0), {quality: 75});
      times.compressFile.push(performance.now() - t0);
      t0 = performance.now();
      await api.decode(tgl);
      times.decode.push(performance.now() - t0);
      t0 = performance.now();
      await Promise.all([...batch, ...batch].map((b) => api.decode(b)));
      times.batch.push(performance.now() - t0);
    }
    rows.push({section: 'scaling', workers: n, correct, compressMs: median(times.compress),
      compressFileMs: median(times.compressFile), decodeMs: median(times.decode), batchMs: median(times.batch), batchFiles: 2 * batch.length,
      jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null});
  }
  api.terminate();
  result.sections.scaling = rows;
  const one = rows[0];
  text.push(`### Worker scaling through tegula.js (${large.width}x${large.height}; ${hw} hardware threads; speed-up vs 1 worker)\n`);
  text.push(table(['workers', '12 MP .tgl q75 compress ms', 'speed-up', 'the same from its JPEG file, ms', 'speed-up',
    '12 MP .tgl decode ms', 'speed-up', `batch of ${one.batchFiles} JPEGs ms`, 'speed-up', 'same pixels'],
  rows.map((r) => [r.workers + (r.workers > hw ? ' (more than cores)' : ''), fmt(r.compressMs, 0), `${fmt(one.compressMs / r.compressMs, 2)}x`,
    fmt(r.compressFileMs, 0), `${fmt(one.compressFileMs / r.compressFileMs, 2)}x`, fmt(r.decodeMs, 0), `${fmt(one.decodeMs / r.decodeMs, 2)}x`, fmt(r.batchMs, 0), `${fmt(one.batchMs / r.batchMs, 2)}x`, r.correct])));
}

const APP_JS = ['tegula.js', 'tegula-pool.js', 'tegula-worker.js', 'tegula-tiles.js', 'tegula-errors.js', 'tegula-codecs.js'];

async function modulesSection() {
  // every codec not seen yet is loaded once more, so that each has a load time
  for (const name of Object.keys(CODECS).filter((n) => baseline || n !== 'tegula-baseline')) {
    for (let i = (result.loads[name]?.length ?? 0); i < 3; i++) {
      (await start([name])).forEach((w) => w.terminate());
    }
  }
  const rows = [];
  const sizes = async (urls) => {
    let raw = 0;
    let gz = 0;
    for (const u of urls) {
      const b = await fetchBytes(u);
      raw += b.byteLength;
      gz += await gzipSize(b);
    }
    return {raw, gz};
  };
  for (const [name, urls] of Object.entries(result.resources)) {
    const code = urls.filter((u) => /\.(m?js|wasm)$/.test(new URL(u).pathname));
    const s = await sizes(code);
    rows.push({codec: name, files: code.map((u) => new URL(u).pathname), raw: s.raw, gzip: s.gz,
      loadMs: median(result.loads[name] ?? []), loads: (result.loads[name] ?? []).length,
      memory: Object.fromEntries(Object.entries(result.memory).filter(([, m]) => m[name]).map(([k, m]) => [k, m[name]]))});
  }
  const app = await sizes(APP_JS.map((f) => `/${f}`));
  rows.push({codec: 'tegula.js API + pool + worker (JS)', files: APP_JS, raw: app.raw, gzip: app.gz});
  const t = rows.find((r) => r.codec === 'tegula');
  rows.push({codec: 'Tegula total (Wasm + runtime + JS)', raw: t.raw + app.raw, gzip: t.gzip + app.gz});
  const d = rows.find((r) => r.codec === 'tegula-decode');
  if (d) {
    rows.push({codec: 'Tegula decode-only total (Wasm + runtime + JS)', raw: d.raw + app.raw, gzip: d.gzip + app.gz});
  }
  result.sections.modules = rows;
  text.push('### Modules: size, load time (import + fetch + compile + instantiate + first use on an 8x8 image, in a fresh worker, median), memory\n');
  text.push(table(['codec', 'raw KB', 'gzip KB', 'load ms', 'peak Wasm linear memory per section (12 MP decodes; lossy: <= 0.9 MP), MB', 'worker memory at the end of the section, after GC, MB'],
      rows.map((r) => {
        const mem = Object.entries(r.memory ?? {});
        return [r.codec, kb(r.raw), kb(r.gzip), r.loadMs === undefined ? '' : fmt(r.loadMs, 0),
          mem.map(([k, m]) => `${k}: ${mb(m.linearMemoryPeak)}`).join(', '),
          mem.map(([k, m]) => `${k}: ${mb(m.workerBytesAfterGc)}`).join(', ')];
      })));
}

async function run() {
  result.manifest = await (await fetch('/images/manifest.json')).json();
  const jpegCodecs = quick ? ['tegula', 'browser'] : ['tegula', 'jpeg-js', 'mozjpeg', 'browser'];
  if (sections.includes('jpeg')) await decodeSection('jpeg', withBaseline(jpegCodecs), {mean: 3, max: 255});
  if (sections.includes('png')) await decodeSection('png', withBaseline(['tegula', 'squoosh-png', 'fast-png', 'browser']), {mean: 0, max: 0});
  if (sections.includes('lossy')) await lossySection();
  if (sections.includes('scaling')) await scalingSection();
  if (sections.includes('recompress')) await recompressSection();
  if (sections.includes('search')) await searchSection();
  if (sections.includes('modules')) await modulesSection();
  if (baseline) baselineSummary();
  result.finished = new Date().toISOString();
  if (result.skipped) text.push(`\nSkipped (not installed or failed to load): ${JSON.stringify(result.skipped)}`);
}

run().then(() => {
  window.benchText = text.join('\n\n');
  window.benchResult = JSON.stringify(result);
  document.getElementById('out').textContent = window.benchText;
  document.getElementById('status').dataset.state = 'done';
  status('Done.');
}, (e) => {
  result.error = String(e && e.stack || e);
  window.benchText = `FAILED: ${result.error}\n\n${text.join('\n\n')}`;
  window.benchResult = JSON.stringify(result);
  document.getElementById('status').dataset.state = 'error';
  status(`Failed: ${e}`);
});
