// The worker pool behind tegula.js: a queue of jobs, each pinned to a codec version, handed to
// whichever worker is free. A worker gets a version's module (bytes already checked) before its
// first job on that version; an aborted job's worker is replaced, since Wasm cannot be stopped,
// and so is a worker whose WebAssembly memory has grown past a limit, since it cannot shrink, and
// one whose codec trapped.
import {TegulaError} from './tegula-errors.js';

// Plain asset URLs: bundlers (Vite, webpack) copy both files as they are and give their hashed
// names here; the worker imports nothing itself (see tegula-worker.js).
const WORKER_URL = new URL('./tegula-worker.js', import.meta.url);
const RUNTIME_URL = new URL('./wasm/tegula-runtime.js', import.meta.url);

/**
 * A worker's linear memory holds the RGBA of the largest image it decoded (a reused buffer,
 * tegula-worker.js), and a WebAssembly memory never shrinks: 256 MiB keeps a worker through a
 * batch of 60 MP photos and replaces it after anything larger, at the cost of loading the module
 * again (34-35 ms in a fresh worker on the bench, session 51).
 */
export const DEFAULT_MEMORY_LIMIT = 256 * 1024 * 1024;

function spawnWorker() {
  return new Worker(WORKER_URL, {type: 'module'});
}

export class WorkerPool {
  /**
   * @param {number} size workers
   * @param {{version: string, bytes: ArrayBuffer}} codec the first codec module
   * @param {number} memoryLimit bytes of linear memory a worker may keep after a job
   */
  constructor(size, codec, memoryLimit = DEFAULT_MEMORY_LIMIT) {
    this.memoryLimit = memoryLimit;
    this.queue = [];
    this.nextId = 1;
    /** version -> {bytes, leases} */
    this.codecs = new Map([[codec.version, {bytes: codec.bytes, leases: 0}]]);
    this.current = codec.version;
    this.slots = [];
    for (let i = 0; i < size; i++) {
      this.slots.push(this.startSlot(i));
    }
    this.ready = Promise.all(this.slots.map((s) => s.loads.get(codec.version)));
  }

  get size() {
    return this.slots.length;
  }

  startSlot(index, versions = [this.current]) {
    const slot = {index, worker: spawnWorker(), job: null, loads: new Map(), waiters: new Map(),
      memoryBytes: 0};
    slot.worker.onmessage = (e) => this.onMessage(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault?.();
      const error = new TegulaError('internal', `worker failed: ${e.message || 'cannot start'}`);
      const running = slot.job;
      this.failSlot(slot, error);
      // a worker that died under a job is replaced; one that cannot even start fails init()
      if (running && this.slots[slot.index] === slot) {
        this.replace(slot);
      }
    };
    for (const v of versions) {
      this.load(slot, v);
    }
    return slot;
  }

  /** Sends a version's module to one worker; the promise settles when it is instantiated. */
  load(slot, version) {
    if (!slot.loads.has(version)) {
      const promise = new Promise((resolve, reject) => slot.waiters.set(version, {resolve, reject}));
      promise.catch(() => {});
      slot.loads.set(version, promise);
      // a structured-clone copy per worker: the page keeps its bytes for workers started later
      slot.worker.postMessage({op: 'load', version, bytes: this.codecs.get(version).bytes,
        runtimeUrl: RUNTIME_URL.href});
    }
    return slot.loads.get(version);
  }

  /** Loads a further codec version in every worker; resolves when all have it. */
  async addCodec(version, bytes) {
    if (!this.codecs.has(version)) {
      this.codecs.set(version, {bytes, leases: 0});
    }
    try {
      await Promise.all(this.slots.map((s) => this.load(s, version)));
    } catch (e) {
      this.dropCodec(version);
      throw e;
    }
  }

  /** Makes new work use {@code version}; work already started finishes on its own version. */
  switchTo(version) {
    const old = this.current;
    this.current = version;
    if (old !== version) {
      this.retireIfUnused(old);
    }
  }

  /**
   * Pins the current codec version for one operation (all the jobs of one image), so that a switch
   * in the middle never mixes versions within an image. Call release() when the operation ends.
   */
  lease() {
    const version = this.current;
    this.codecs.get(version).leases++;
    let released = false;
    return {
      version,
      release: () => {
        if (!released) {
          released = true;
          this.codecs.get(version).leases--;
          this.retireIfUnused(version);
        }
      },
    };
  }

  retireIfUnused(version) {
    const codec = this.codecs.get(version);
    if (version !== this.current && codec && codec.leases === 0) {
      this.dropCodec(version);
    }
  }

  dropCodec(version) {
    if (version === this.current) {
      return;
    }
    this.codecs.delete(version);
    for (const slot of this.slots) {
      if (slot.loads.delete(version)) {
        slot.waiters.delete(version);
        slot.worker.postMessage({op: 'unload', version});
      }
    }
  }

  /** Versions each worker holds now, for tests and the app's status line. */
  versions() {
    return this.slots.map((s) => [...s.loads.keys()]);
  }

  /** Bytes of linear memory each worker reported after its last job (0 for a fresh one). */
  memory() {
    return this.slots.map((s) => s.memoryBytes);
  }

  /**
   * Queues one job. The promise resolves with the worker's reply or rejects with a TegulaError.
   * @param {object} message
   * @param {Transferable[]} transfer
   * @param {AbortSignal} [signal]
   * @param {string} [codec] the version; the current one when absent
   */
  run(message, transfer, signal, codec = this.current) {
    return new Promise((resolve, reject) => {
      if (signal && signal.aborted) {
        reject(new TegulaError('aborted', 'aborted'));
        return;
      }
      if (!this.codecs.has(codec)) {
        reject(new TegulaError('internal', `codec version ${codec} is not available`));
        return;
      }
      const job = {id: this.nextId++, message, transfer, resolve, reject, signal, codec};
      if (signal) {
        job.onAbort = () => this.abort(job);
        signal.addEventListener('abort', job.onAbort, {once: true});
      }
      this.queue.push(job);
      this.pump();
    });
  }

  pump() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) {
        return;
      }
      if (!slot.job) {
        const job = this.queue.shift();
        slot.job = job;
        // the worker waits for the module itself if it is still compiling
        this.load(slot, job.codec);
        slot.worker.postMessage({...job.message, id: job.id, codec: job.codec}, job.transfer);
      }
    }
  }

  onMessage(slot, data) {
    if (data.op === 'loaded' || data.op === 'loadFailed') {
      const waiter = slot.waiters.get(data.version);
      slot.waiters.delete(data.version);
      if (data.op === 'loaded') {
        waiter?.resolve();
      } else {
        slot.loads.delete(data.version);
        waiter?.reject(new TegulaError('unsupported',
            `the codec module ${data.version} does not load: ${data.message}`));
      }
      return;
    }
    const job = slot.job;
    if (!job || job.id !== data.id) {
      return; // the answer to a job that was aborted meanwhile
    }
    slot.job = null;
    slot.memoryBytes = data.memoryBytes ?? 0;
    const trapped = data.trapped;
    delete data.memoryBytes;
    delete data.trapped;
    this.settle(job, data);
    if (trapped || slot.memoryBytes > this.memoryLimit) {
      this.replace(slot);
    } else {
      this.pump();
    }
  }

  settle(job, data) {
    if (job.signal) {
      job.signal.removeEventListener('abort', job.onAbort);
    }
    if (data.error) {
      job.reject(new TegulaError(data.error.code, data.error.message, data.error.offset));
    } else {
      job.resolve(data);
    }
  }

  // A queued job is dropped; a running one cannot be interrupted inside Wasm, so its worker is
  // replaced and the result discarded.
  abort(job) {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
    } else {
      const i = this.slots.findIndex((s) => s.job === job);
      if (i >= 0) {
        this.replace(this.slots[i]);
      }
    }
    job.reject(new TegulaError('aborted', 'aborted'));
  }

  replace(slot) {
    slot.worker.terminate();
    const fresh = this.startSlot(slot.index, [...this.codecs.keys()]);
    this.slots[slot.index] = fresh;
    this.pump();
  }

  failSlot(slot, error) {
    for (const w of slot.waiters.values()) {
      w.reject(error);
    }
    slot.waiters.clear();
    if (slot.job) {
      const job = slot.job;
      slot.job = null;
      job.reject(error);
    }
  }

  terminate() {
    for (const slot of this.slots) {
      slot.worker.terminate();
      this.failSlot(slot, new TegulaError('aborted', 'terminated'));
    }
    for (const job of this.queue) {
      job.reject(new TegulaError('aborted', 'terminated'));
    }
    this.queue = [];
  }
}
