// One image on the app page: its original, its compressed result with the controls that make it,
// sizes, quality and times, and its download. A card's failure is shown on the card alone.
import {decode, info as readInfo, compressWithFacts, compare, restore, restoreOriginal, TegulaError}
  from './tegula.js';
import {Viewer} from './app-viewer.js';

/**
 * The output formats a card offers; `ext` names the download. `exact` keeps a JPEG input bit for
 * bit in .tgl (compress with jpegLossless, docs/format-jpeg.md): only JPEG inputs offer it.
 */
const FORMATS = {
  tgl: {label: '.tgl', ext: 'tgl', lossy: true, lossless: true},
  jpeg: {label: 'JPEG', ext: 'jpg', lossy: true, lossless: false},
  png: {label: 'PNG', ext: 'png', lossy: false, lossless: true},
  exact: {label: '.tgl, JPEG kept exactly', ext: 'tgl', lossy: false, lossless: true, exact: true},
};

/** The controls that change pixels or metadata: none applies to a JPEG kept exactly. */
const PIXEL_CONTROLS = ['lossless', 'quality', 'maxSize', 'targetSsim', 'maxDimension', 'gammaCorrect',
  'grayscale', 'chroma', 'baseline', 'strip', 'stripGps'];

export function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`;
}

/**
 * The quality a lossy compress used: hundredths when a size or SSIM search chose between whole
 * ones, JPEG's trellis lambda when the search moved that second knob, and whether a size search
 * trimmed the file to fit or an SSIM search (the facts carry its SSIM) trimmed it to the target.
 */
function qualityText(facts) {
  const h = facts.qualityHundredths ?? facts.quality * 100;
  const q = h % 100 === 0 ? String(h / 100) : (h / 100).toFixed(2);
  const lambda = facts.lambdaHundredths ?? 100;
  const knob = lambda >= 0 && lambda !== 100 ? `${q}, trellis lambda ×${(lambda / 100).toFixed(2)}` : q;
  if (!facts.trimmed) {
    return knob;
  }
  return facts.ssim > 0 ? `${knob}, trimmed to the target SSIM` : `${knob}, trimmed to fit`;
}

/**
 * Formats Tegula does not decode but browsers do, by their signatures: the app hands these to the
 * browser's own decoder and compresses its pixels (without their metadata), as other tools do.
 */
const BROWSER_FORMATS = [
  {name: 'WebP', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')},
  // HEIF-family brands: mif1 and msf1 files may be AVIF (or HEIC, which Chromium cannot decode)
  {name: 'AVIF', test: (b) => ascii(b, 4, 'ftyp') && ['avif', 'avis', 'mif1', 'msf1'].some((brand) => ascii(b, 8, brand))},
  {name: 'GIF', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')},
  {name: 'BMP', test: (b) => ascii(b, 0, 'BM')},
];

function ascii(bytes, at, text) {
  return bytes.length >= at + text.length
    && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));
}

/**
 * A WebP, AVIF, GIF (first frame) or BMP file decoded by the browser as straight RGBA in the
 * shape of decode()'s result; null when the file is none of these or the browser cannot read it.
 */
async function browserDecode(file) {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const format = BROWSER_FORMATS.find((f) => f.test(head));
  if (!format) {
    return null;
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, {premultiplyAlpha: 'none', imageOrientation: 'from-image'});
  } catch {
    return null;
  }
  const {width, height} = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', {willReadFrequently: true});
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = context.getImageData(0, 0, width, height).data;
  return {
    width, height, data, complete: true, warning: null,
    info: {format: format.name, variant: 'decoded by the browser'},
    metadata: {iccBytes: 0, exifBytes: 0, xmpBytes: 0, text: {}},
  };
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
    // until the input is known to be a JPEG
    this.exactOption = this.format.querySelector('option[value=exact]');
    this.exactOption.disabled = true;
    this.quality = this.$('input.quality');
    this.qualityOut = this.$('output.quality-value');
    this.lossless = this.$('input.lossless');
    this.maxSize = this.$('input.max-size');
    this.targetSsim = this.$('input.target-ssim');
    this.maxDimension = this.$('input.max-dimension');
    this.gammaCorrect = this.$('input.gamma-correct');
    this.grayscale = this.$('input.grayscale');
    this.chroma = this.$('select.chroma');
    this.baseline = this.$('input.baseline');
    this.strip = this.$('input.strip');
    this.stripGps = this.$('input.strip-gps');
    this.progress = this.$('progress');
    this.download = this.$('a.download');
    this.result = null;
    this.run = null;
    const live = () => {
      this.syncControls();
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.encode(), 250);
    };
    for (const control of [this.quality, this.maxSize, this.targetSsim, this.maxDimension]) {
      control.addEventListener('input', live);
    }
    for (const control of [this.format, this.lossless, this.strip, this.stripGps, this.grayscale,
      this.gammaCorrect, this.chroma, this.baseline]) {
      control.addEventListener('change', live);
    }
    this.syncControls();
    this.$('button.remove').addEventListener('click', () => {
      this.run?.abort();
      this.node.dispatchEvent(new CustomEvent('card-removed', {bubbles: true, detail: this}));
      this.node.remove();
    });
  }

  /**
   * Enables what the chosen format can use: quality, chroma and the two targets (one at a time)
   * for lossy coding (4:2:2 for JPEG only, which .tgl's format lacks), baseline for JPEG, linear
   * light with a resize, location with metadata; a JPEG kept exactly uses none of them.
   */
  syncControls() {
    const f = FORMATS[this.format.value];
    if (f.exact) {
      for (const name of PIXEL_CONTROLS) {
        this[name].disabled = true;
      }
      this.qualityOut.textContent = 'exact';
      return;
    }
    this.maxDimension.disabled = false;
    this.grayscale.disabled = false;
    this.strip.disabled = false;
    this.lossless.disabled = !f.lossy || !f.lossless;
    const lossy = f.lossy && !(f.lossless && this.lossless.checked);
    const target = this.maxSize.value !== '' || this.targetSsim.value !== '';
    this.quality.disabled = !lossy || target;
    this.maxSize.disabled = !lossy || this.targetSsim.value !== '';
    this.targetSsim.disabled = !lossy || this.maxSize.value !== '';
    this.qualityOut.textContent = this.quality.disabled && target && lossy ? 'auto' : this.quality.value;
    const jpeg = this.format.value === 'jpeg';
    this.chroma.disabled = !lossy || this.grayscale.checked;
    const halfWidth = this.chroma.querySelector('option[value="4:2:2"]');
    halfWidth.disabled = !jpeg;
    halfWidth.hidden = !jpeg;
    if (!jpeg && this.chroma.value === '4:2:2') {
      this.chroma.value = '';
    }
    this.baseline.disabled = !jpeg;
    this.gammaCorrect.disabled = this.maxDimension.value === '';
    this.stripGps.disabled = this.strip.checked;
  }

  /** compress() options from the controls; empty or invalid number fields mean "none". */
  options() {
    const f = FORMATS[this.format.value];
    if (f.exact) {
      return {jpegLossless: true};
    }
    const o = {format: this.format.value, strip: this.strip.checked,
      stripGps: this.stripGps.checked && !this.strip.checked, grayscale: this.grayscale.checked};
    const lossy = f.lossy && !(f.lossless && this.lossless.checked);
    if (!lossy) {
      o.lossless = this.format.value === 'tgl';
    } else {
      o.quality = Number(this.quality.value);
      const kb = Number(this.maxSize.value);
      const ssim = Number(this.targetSsim.value);
      if (this.maxSize.value !== '' && Number.isFinite(kb) && kb > 0) {
        o.maxSizeBytes = Math.round(kb * 1024);
        delete o.quality;
      } else if (this.targetSsim.value !== '' && ssim > 0 && ssim < 1) {
        o.targetSsim = ssim;
        delete o.quality;
      }
    }
    if (lossy && this.chroma.value !== '' && !this.grayscale.checked) {
      o.chroma = this.chroma.value;
    }
    if (this.format.value === 'jpeg') {
      o.baseline = this.baseline.checked;
    }
    const side = Number(this.maxDimension.value);
    if (this.maxDimension.value !== '' && Number.isInteger(side) && side > 0) {
      o.maxWidthOrHeight = side;
      o.gammaCorrect = this.gammaCorrect.checked;
    }
    return o;
  }

  fact(key, value) {
    const dd = this.node.querySelector(`[data-fact="${key}"]`);
    if (dd) {
      dd.textContent = value;
      dd.parentElement.hidden = false;
    }
  }

  hideFact(key) {
    this.node.querySelector(`[data-fact="${key}"]`).parentElement.hidden = true;
  }

  note(text) {
    const p = this.$('.note');
    p.hidden = text === null;
    p.textContent = text ?? '';
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
      // upright, as compress() writes it by default, so that before and after line up
      this.original = await decode(this.file, {autoOrient: true, onProgress: this.onProgress});
    } catch (e) {
      // not Tegula's format: a WebP, AVIF, GIF or BMP goes to the browser's decoder
      this.original = e.code === 'malformed' ? await browserDecode(this.file) : null;
      if (!this.original) {
        // nothing to show or to compress: the card keeps only its name and the reason
        this.node.classList.add('unreadable');
        this.showError(e, 'Cannot decode');
        return;
      }
      this.browserDecoded = true;
    }
    const decodeMs = performance.now() - started;
    const o = this.original;
    // a .tgl holding a JPEG decodes as that JPEG: only its header says it is a .tgl
    const info = o.info.format === 'jpeg' ? await this.header(o.info) : o.info;
    const jpegInTgl = info.format === 'tgl' && info.variant === 'jpeg';
    this.viewer.showOriginal(o);
    this.fact('size', `${o.width} × ${o.height}`);
    this.fact('format', jpegInTgl ? '.tgl holding a JPEG' : info.format === 'tgl' ? `.tgl ${info.variant}`
      : info.format.toUpperCase());
    this.fact('variant', jpegInTgl ? o.info.variant : info.variant);
    if (o.metadata.iccBytes > 0) {
      const m = o.metadata;
      this.fact('profile', m.iccDescription ? `${m.iccDescription} (${m.iccColorSpace})`
        : m.iccColorSpace || `${m.iccBytes} bytes, unreadable`);
    }
    this.fact('originalBytes', formatBytes(this.file.size));
    this.fact('originalBpp', (8 * this.file.size / (o.width * o.height)).toFixed(2));
    if (!o.complete) {
      const w = this.$('.warning');
      w.hidden = false;
      w.textContent = `Incomplete: ${o.warning}`;
    }
    if (info.format === 'tgl') {
      await this.restoreTgl(info, decodeMs);
      return;
    }
    this.exactOption.disabled = info.format !== 'jpeg';
    await this.encode(this.preset);
    if (this.preset && this.node.dataset.state === 'error') {
      // a file made in advance by another codec build: make it again with this one
      this.preset = null;
      await this.encode();
    }
  }

  /** The file's own header (info()), or `decoded` if it cannot be read. */
  async header(decoded) {
    try {
      return await readInfo(this.file);
    } catch {
      return decoded;
    }
  }

  /**
   * A .tgl given to the app is restored: shown whole, downloadable as PNG, or, when it holds a
   * JPEG kept exactly, as that JPEG file (its SHA-256 checked by restoreOriginal).
   */
  async restoreTgl(info, decodeMs) {
    this.viewer.singleImage();
    this.$('.controls').hidden = true;
    this.fact('decodeMs', `${decodeMs.toFixed(0)} ms`);
    try {
      const jpeg = info.variant === 'jpeg';
      const blob = jpeg ? await restoreOriginal(this.file) : await restore(this.file);
      this.setResult(blob, `${baseName(this.name)}.${jpeg ? 'jpg' : 'png'}`);
      this.fact('resultBytes', formatBytes(blob.size));
      if (jpeg) {
        this.note(`The original JPEG file, byte for byte (${formatBytes(blob.size)}, SHA-256 checked).`);
      }
      this.setState('restored');
    } catch (e) {
      this.showError(e, 'Cannot restore');
    }
    this.progress.hidden = true;
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
      let facts = null;
      if (!blob) {
        const started = performance.now();
        // the browser's decode is the source when Tegula cannot read the file itself
        facts = await compressWithFacts(this.browserDecoded ? this.original : this.file,
          {...this.options(), signal: run.signal, onProgress: this.onProgress});
        blob = facts.blob;
        encodeMs = performance.now() - started;
      }
      const decodeStart = performance.now();
      // a JPEG kept exactly keeps its EXIF orientation: turned upright like the original shown
      const back = await decode(blob, {signal: run.signal, autoOrient: !!format.exact});
      const decodeMs = performance.now() - decodeStart;
      // a resized result is compared with nothing: the sizes differ
      const sameSize = back.width === this.original.width && back.height === this.original.height;
      const quality = sameSize ? await compare(this.original, back, {heatmap: true, signal: run.signal})
        : {psnr: NaN, ssim: NaN, heatmap: null};
      if (run.signal.aborted) {
        return;
      }
      this.viewer.showResult(back);
      this.viewer.showHeatmap(quality.heatmap);
      const pixels = back.width * back.height;
      this.fact('resultBytes', formatBytes(blob.size));
      this.fact('bpp', (8 * blob.size / pixels).toFixed(2));
      this.fact('saving', `${(100 * (1 - blob.size / this.file.size)).toFixed(1)} %`);
      this.fact('resultSize', `${back.width} × ${back.height}`);
      this.fact('qualityUsed', facts ? (format.exact ? 'the JPEG kept bit for bit' : facts.lossless ? 'lossless'
        : `${qualityText(facts)}${facts.encodes > 1 ? ` (${facts.encodes} encodes)` : ''}`) : 'made in advance');
      if (format.exact) {
        // facts.modelled: coefficients coded by the model; else the file is stored as it is
        this.fact('jpegKept', facts.modelled ? `modelled, ${facts.coding}`
          : `stored verbatim: ${facts.reason}`);
        this.note('The .tgl gives back this JPEG file byte for byte (SHA-256 checked).'
          + (blob.size >= this.file.size ? ' It is not smaller than the JPEG: keep the JPEG itself.' : ''));
      } else {
        this.hideFact('jpegKept');
        this.note(null);
      }
      if (facts?.chroma) {
        this.fact('chroma', facts.chroma);
      } else {
        this.hideFact('chroma');
      }
      this.fact('psnr', Number.isNaN(quality.psnr) ? 'n/a (resized)'
        : Number.isFinite(quality.psnr) ? `${quality.psnr.toFixed(2)} dB` : '∞ (identical)');
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
    this.download.dataset.bytes = String(blob.size);
    this.download.textContent = `Download ${fileName}`;
    this.download.hidden = false;
  }
}
