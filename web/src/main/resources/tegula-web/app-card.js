// One image on the app page: its original, its compressed result with the controls that make it,
// sizes, quality and times, and its download. A card's failure is shown on the card alone.
import {decode, compress, compare, restore, TegulaError} from './tegula.js';
import {Viewer} from './app-viewer.js';

const FORMATS = {
  tgl: {label: '.tgl lossy', ext: 'tgl', options: (q) => ({format: 'tgl', quality: q})},
  'tgl-lossless': {label: '.tgl lossless', ext: 'tgl', options: () => ({format: 'tgl', lossless: true})},
  png: {label: 'PNG', ext: 'png', options: () => ({format: 'png'})},
};

export function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`;
}

function baseName(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export class ImageCard {
  /**
   * @param {HTMLTemplateElement} template
   * @param {string} name
   * @param {Blob} file the input as given
   * @param {{compressed?: Blob}} [preset] a result made in advance (the bundled sample's .tgl)
   */
  constructor(template, name, file, preset = {}) {
    this.name = name;
    this.file = file;
    this.preset = preset.compressed ?? null;
    this.node = template.content.firstElementChild.cloneNode(true);
    this.node.querySelector('.name').textContent = name;
    this.$ = (selector) => this.node.querySelector(selector);
    this.viewer = new Viewer(this.$('.viewer'));
    this.format = this.$('select.format');
    for (const [value, f] of Object.entries(FORMATS)) {
      this.format.append(new Option(f.label, value));
    }
    this.quality = this.$('input.quality');
    this.qualityOut = this.$('output.quality-value');
    this.progress = this.$('progress');
    this.download = this.$('a.download');
    this.result = null;
    this.run = null;
    const live = () => {
      this.qualityOut.textContent = this.quality.value;
      this.quality.disabled = this.format.value !== 'tgl';
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.encode(), 200);
    };
    this.quality.addEventListener('input', live);
    this.format.addEventListener('change', live);
    this.$('button.remove').addEventListener('click', () => {
      this.run?.abort();
      this.node.dispatchEvent(new CustomEvent('card-removed', {bubbles: true, detail: this}));
      this.node.remove();
    });
  }

  fact(key, value) {
    const dd = this.node.querySelector(`[data-fact="${key}"]`);
    if (dd) {
      dd.textContent = value;
      dd.parentElement.hidden = false;
    }
  }

  setState(state) {
    this.node.dataset.state = state;
  }

  showError(e, what) {
    this.setState('error');
    const p = this.$('.error');
    p.hidden = false;
    p.dataset.errorCode = e.code || 'internal';
    p.textContent = `${what}: ${e.message}`;
    this.progress.hidden = true;
  }

  onProgress = (f) => {
    this.progress.hidden = false;
    this.progress.value = f;
  };

  /** Decodes the input, then compresses it (or, for a .tgl, restores it). */
  async start() {
    this.setState('working');
    const started = performance.now();
    try {
      this.original = await decode(this.file, {onProgress: this.onProgress});
    } catch (e) {
      // nothing to show or to compress: the card keeps only its name and the reason
      this.node.classList.add('unreadable');
      this.showError(e, 'Cannot decode');
      return;
    }
    const decodeMs = performance.now() - started;
    const o = this.original;
    const info = o.info;
    this.viewer.showOriginal(o);
    this.fact('size', `${o.width} × ${o.height}`);
    this.fact('format', info.format === 'tgl' ? `.tgl ${info.variant}` : info.format.toUpperCase());
    this.fact('variant', info.variant);
    this.fact('originalBytes', formatBytes(this.file.size));
    this.fact('originalBpp', (8 * this.file.size / (o.width * o.height)).toFixed(2));
    if (!o.complete) {
      const w = this.$('.warning');
      w.hidden = false;
      w.textContent = `Incomplete: ${o.warning}`;
    }
    if (info.format === 'tgl') {
      // a .tgl given to the app is restored: shown whole, downloadable as PNG
      this.viewer.singleImage();
      this.$('.controls').hidden = true;
      this.fact('decodeMs', `${decodeMs.toFixed(0)} ms`);
      try {
        const png = await restore(this.file);
        this.setResult(png, `${baseName(this.name)}.png`);
        this.fact('resultBytes', formatBytes(png.size));
        this.setState('restored');
      } catch (e) {
        this.showError(e, 'Cannot restore');
      }
      this.progress.hidden = true;
      return;
    }
    await this.encode(this.preset);
    if (this.preset && this.node.dataset.state === 'error') {
      // a file made in advance by another codec build: make it again with this one
      this.preset = null;
      await this.encode();
    }
  }

  /** Makes the compressed result for the current controls and measures it. */
  async encode(preset = null) {
    if (!this.original) {
      return;
    }
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    this.setState('working');
    this.$('.error').hidden = true;
    const format = FORMATS[this.format.value];
    try {
      let blob = preset;
      let encodeMs = null;
      if (!blob) {
        const started = performance.now();
        blob = await compress(this.file, {...format.options(Number(this.quality.value)),
          signal: run.signal, onProgress: this.onProgress});
        encodeMs = performance.now() - started;
      }
      const decodeStart = performance.now();
      const back = await decode(blob, {signal: run.signal});
      const decodeMs = performance.now() - decodeStart;
      const quality = await compare(this.original, back, {heatmap: true, signal: run.signal});
      if (run.signal.aborted) {
        return;
      }
      this.viewer.showResult(back);
      this.viewer.showHeatmap(quality.heatmap);
      const pixels = back.width * back.height;
      this.fact('resultBytes', formatBytes(blob.size));
      this.fact('bpp', (8 * blob.size / pixels).toFixed(2));
      this.fact('saving', `${(100 * (1 - blob.size / this.file.size)).toFixed(1)} %`);
      this.fact('psnr', Number.isFinite(quality.psnr) ? `${quality.psnr.toFixed(2)} dB` : '∞ (identical)');
      this.fact('ssim', Number.isNaN(quality.ssim) ? 'n/a' : quality.ssim.toFixed(4));
      this.fact('encodeMs', encodeMs === null ? 'made in advance' : `${encodeMs.toFixed(0)} ms`);
      this.fact('decodeMs', `${decodeMs.toFixed(0)} ms`);
      this.setResult(blob, `${baseName(this.name)}.${format.ext}`);
      this.progress.hidden = true;
      this.setState('done');
    } catch (e) {
      if (e instanceof TegulaError && e.code === 'aborted' && this.run !== run) {
        return; // superseded by a newer setting
      }
      this.showError(e, 'Cannot compress');
    }
  }

  setResult(blob, fileName) {
    if (this.download.href) {
      URL.revokeObjectURL(this.download.href);
    }
    this.result = {blob, fileName};
    this.download.href = URL.createObjectURL(blob);
    this.download.download = fileName;
    this.download.textContent = `Download ${fileName}`;
    this.download.hidden = false;
  }
}
