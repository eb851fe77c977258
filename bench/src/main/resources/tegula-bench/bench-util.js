// Small helpers of the bench page: statistics, pixel checks, sizes, a worker wrapper.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
}

/** Largest and mean absolute difference of two RGBA buffers of the same size. */
export function diff(a, b) {
  if (a.length !== b.length) {
    return {max: Infinity, mean: Infinity};
  }
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    sum += d;
    if (d > max) max = d;
  }
  return {max, mean: sum / a.length};
}

export async function sha256(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function gzipSize(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

export async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) {
    throw new Error(`${url}: HTTP ${r.status}`);
  }
  return r.arrayBuffer();
}

/** One bench worker holding one codec; the codec name in the URL tells memory reports apart. */
export class BenchWorker {
  constructor(codec) {
    this.codec = codec;
    this.url = new URL(`bench-worker.js?codec=${codec}`, import.meta.url).href;
    this.worker = new Worker(this.url, {type: 'module'});
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = ({data}) => {
      const p = this.pending.get(data.id);
      if (!p) return; // timed out already
      this.pending.delete(data.id);
      if (data.error) p.reject(new Error(`${codec}: ${data.error}`));
      else p.resolve(data);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(`${codec}: worker failed: ${e.message}`));
      this.pending.clear();
    };
  }

  /** A job that has not answered in 10 minutes fails naming itself instead of hanging the run. */
  call(msg, transfer = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.codec}: ${msg.op} gave no answer in 10 minutes`));
      }, 600_000);
      const done = (f) => (v) => {
        clearTimeout(timer);
        f(v);
      };
      this.pending.set(id, {resolve: done(resolve), reject: done(reject)});
      this.worker.postMessage({...msg, id}, transfer);
    });
  }

  terminate() {
    // a profiler attached to the worker (tegula bench --profile) reads its profile at the end
    if (!new URLSearchParams(location.search).has('profile')) this.worker.terminate();
  }
}

/**
 * Bytes the agent uses per bench worker, after a garbage collection
 * (performance.measureUserAgentSpecificMemory: JS heap, Wasm GC objects, array buffers and Wasm
 * memories of each worker). Needs cross-origin isolation; null where it is missing.
 */
export async function workerMemory() {
  if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) {
    return null;
  }
  const m = await performance.measureUserAgentSpecificMemory();
  const byCodec = {};
  for (const entry of m.breakdown) {
    for (const a of entry.attribution) {
      const codec = a.url && new URL(a.url).searchParams.get('codec');
      if (codec) byCodec[codec] = (byCodec[codec] ?? 0) + entry.bytes;
    }
  }
  return byCodec;
}

export function fmt(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (x === Infinity) return 'inf';
  return typeof x === 'number' ? x.toFixed(digits) : String(x);
}

export function kb(bytes) {
  return bytes === null || bytes === undefined ? '-' : `${(bytes / 1024).toFixed(1)}`;
}

export function mb(bytes) {
  return bytes === null || bytes === undefined ? '-' : `${(bytes / 1048576).toFixed(1)}`;
}

/** A Markdown table. */
export function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
