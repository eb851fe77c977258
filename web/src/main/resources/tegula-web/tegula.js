// Tegula: the browser API. Thin glue over the Wasm build: it moves bytes to workers and back; all
// decoding happens in Java compiled to WebAssembly (wasm/tegula.wasm), inside the workers.

const DEFAULT_WASM_URL = new URL('./wasm/tegula.wasm', import.meta.url);
const WORKER_URL = new URL('./tegula-worker.js', import.meta.url);

/** An Error whose `code` is 'malformed', 'truncated', 'unsupported', 'limit', 'internal' or 'aborted'. */
export class TegulaError extends Error {
  constructor(code, message, offset = -1) {
    super(message);
    this.name = 'TegulaError';
    this.code = code;
    this.offset = offset;
  }
}

let pool = null;

/**
 * Starts the worker pool and loads the Wasm module once per worker.
 * @param {{workers?: number, wasmUrl?: string|URL}} [options]
 */
export async function init(options = {}) {
  if (pool) {
    return pool.ready;
  }
  const hardware = (globalThis.navigator && navigator.hardwareConcurrency) || 2;
  const size = Math.max(1, Math.min(options.workers ?? hardware, 16));
  const wasmUrl = new URL(options.wasmUrl ?? DEFAULT_WASM_URL, import.meta.url).href;
  pool = new WorkerPool(size, wasmUrl);
  try {
    await pool.ready;
  } catch (e) {
    pool.terminate();
    pool = null;
    throw e;
  }
  return pool.ready;
}

/** Stops every worker; `init` may be called again afterwards. */
export function terminate() {
  if (pool) {
    pool.terminate();
    pool = null;
  }
}

/**
 * Decodes a JPEG or PNG file to RGBA8.
 * @param {ArrayBuffer|ArrayBufferView|Blob} input
 * @param {{autoOrient?: boolean, maxPixels?: number, signal?: AbortSignal}} [options]
 */
export async function decode(input, options = {}) {
  const bytes = await toTransferableBytes(input);
  const reply = await (await ensurePool()).run(
      {op: 'decode', bytes, autoOrient: !!options.autoOrient, maxPixels: options.maxPixels ?? 0},
      [bytes], options.signal);
  return {
    width: reply.width,
    height: reply.height,
    data: new Uint8ClampedArray(reply.pixels),
    info: reply.info,
    metadata: reply.metadata,
    complete: reply.complete,
    warning: reply.warning,
    decodeMs: reply.decodeMs,
  };
}

/** Reads only the headers: format, size, variant, subsampling, bit depth, orientation. */
export async function info(input, options = {}) {
  const bytes = await toTransferableBytes(input);
  const reply = await (await ensurePool()).run({op: 'info', bytes}, [bytes], options.signal);
  return reply.info;
}

/**
 * Compares a test image with a reference in a worker, with Tegula's Java metrics: PSNR (RGB and
 * BT.601 luma), SSIM (scikit-image's default), the Gaussian SSIM of luma and MS-SSIM. Transparent
 * images are composited over grey 128 for these, and alpha is compared on its own.
 * Each input is decoded pixels ({width, height, data}: ImageData or a decode() result) or an
 * encoded JPEG/PNG file (ArrayBuffer, typed array or Blob); the sizes must agree.
 * @param {{heatmap?: boolean, maxPixels?: number, signal?: AbortSignal}} [options]
 *     heatmap: also return the per-pixel SSIM as an inferno-coloured image of the same size
 */
export async function compare(reference, test, options = {}) {
  const a = await toCompareInput(reference);
  const b = await toCompareInput(test);
  const reply = await (await ensurePool()).run(
      {op: 'compare', a, b, heatmap: !!options.heatmap, maxPixels: options.maxPixels ?? 0},
      [a.bytes, b.bytes], options.signal);
  // JSON has no Infinity or NaN: a null PSNR means identical, a null SSIM too small an image
  const psnr = (v) => (v === null ? Infinity : v);
  const ssim = (v) => (v === null ? NaN : v);
  const result = {
    width: reply.width,
    height: reply.height,
    psnr: psnr(reply.psnr),
    psnrLuma: psnr(reply.psnrLuma),
    ssim: ssim(reply.ssim),
    ssimLuma: ssim(reply.ssimLuma),
    msSsim: ssim(reply.msSsim),
    alpha: reply.alpha,
    psnrAlpha: reply.alpha ? psnr(reply.psnrAlpha) : null,
    ssimAlpha: reply.alpha ? ssim(reply.ssimAlpha) : null,
    identical: reply.identical,
    compareMs: reply.compareMs,
  };
  if (reply.heatmap) {
    result.heatmap = {width: reply.width, height: reply.height,
      data: new Uint8ClampedArray(reply.heatmap)};
  }
  return result;
}

// Decoded pixels travel with their size; files travel as bytes with width 0.
async function toCompareInput(input) {
  if (input && typeof input.width === 'number' && input.data && ArrayBuffer.isView(input.data)) {
    const {width, height, data} = input;
    if (!(width > 0 && height > 0) || data.byteLength !== width * height * 4) {
      throw new TypeError('decoded images need width*height*4 bytes of RGBA in data');
    }
    return {width, height, bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)};
  }
  return {width: 0, height: 0, bytes: await toTransferableBytes(input)};
}

/** The version string of the loaded codec module. */
export async function version() {
  return (await (await ensurePool()).run({op: 'version'}, [])).version;
}

async function ensurePool() {
  if (!pool) {
    await init();
  }
  await pool.ready;
  return pool;
}

// A private copy the worker may take over: the caller's own buffer is never detached.
async function toTransferableBytes(input) {
  if (input instanceof ArrayBuffer) {
    return input.slice(0);
  }
  if (ArrayBuffer.isView(input)) {
    return input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength);
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return input.arrayBuffer();
  }
  throw new TypeError('input must be an ArrayBuffer, a typed array or a Blob');
}

class WorkerPool {
  constructor(size, wasmUrl) {
    this.workers = [];
    this.queue = [];
    this.nextId = 1;
    this.wasmUrl = wasmUrl;
    const starts = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_URL, {type: 'module', name: `tegula-${i}`});
      const slot = {worker, busy: null};
      this.workers.push(slot);
      starts.push(new Promise((resolve, reject) => {
        worker.onmessage = (e) => {
          if (e.data.op === 'ready') {
            worker.onmessage = (m) => this.onReply(slot, m.data);
            resolve();
          } else {
            reject(new TegulaError('internal', e.data.message || 'worker failed to start'));
          }
        };
        worker.onerror = (e) => reject(new TegulaError('internal', `worker failed: ${e.message || e}`));
      }));
      worker.postMessage({op: 'load', wasmUrl});
    }
    this.ready = Promise.all(starts);
  }

  run(message, transfer, signal) {
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) {
        reject(new TegulaError('aborted', 'aborted'));
        return;
      }
      const job = {id: this.nextId++, message, transfer, resolve, reject, signal};
      if (signal) {
        job.onAbort = () => this.abort(job);
        signal.addEventListener('abort', job.onAbort, {once: true});
      }
      this.queue.push(job);
      this.pump();
    });
  }

  pump() {
    for (const slot of this.workers) {
      if (this.queue.length === 0) {
        return;
      }
      if (!slot.busy) {
        const job = this.queue.shift();
        slot.busy = job;
        slot.worker.postMessage({...job.message, id: job.id}, job.transfer);
      }
    }
  }

  onReply(slot, reply) {
    const job = slot.busy;
    slot.busy = null;
    if (job && job.id === reply.id) {
      if (job.signal) {
        job.signal.removeEventListener('abort', job.onAbort);
      }
      if (reply.error) {
        job.reject(new TegulaError(reply.error.code, reply.error.message, reply.error.offset));
      } else {
        job.resolve(reply);
      }
    }
    this.pump();
  }

  // A queued job is dropped; a running one cannot be interrupted inside Wasm, so its worker is
  // replaced and the result discarded.
  abort(job) {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else {
      const slot = this.workers.find((s) => s.busy === job);
      if (slot) {
        slot.worker.terminate();
        const worker = new Worker(WORKER_URL, {type: 'module', name: slot.worker.name});
        slot.worker = worker;
        slot.busy = {id: -1};
        worker.onmessage = (e) => {
          if (e.data.op === 'ready') {
            worker.onmessage = (m) => this.onReply(slot, m.data);
            slot.busy = null;
            this.pump();
          }
        };
        worker.postMessage({op: 'load', wasmUrl: this.wasmUrl});
      }
    }
    job.reject(new TegulaError('aborted', 'aborted'));
  }

  terminate() {
    for (const slot of this.workers) {
      slot.worker.terminate();
    }
    for (const job of this.queue) {
      job.reject(new TegulaError('aborted', 'terminated'));
    }
    this.queue = [];
  }
}
