// <tegula-img src="photo.tgl" alt="…">: shows a .tgl (or JPEG/PNG) image on any page. The file
// is fetched and decoded by tegula.js's workers into an ImageBitmap, drawn on a canvas in the
// element's shadow root. Sized like an <img>: its natural size, shrunk to fit its container.
// A page that only shows images can call init({decodeOnly: true}) first: the workers then load
// the decode-only module, about half the download.
import {decodeToBitmap} from './tegula.js';

export class TegulaImg extends HTMLElement {
  static observedAttributes = ['src', 'alt'];

  constructor() {
    super();
    this.canvas = document.createElement('canvas');
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'
    this.canvas.style.maxWidth = '100%';
    this.canvas.style.height = 'auto';
    this.canvas.style.display = 'block';
    this.canvas.setAttribute('role', 'img');
    this.attachShadow({mode: 'open'}).append(this.canvas);
    this.loading = null;
  }

  /** Resolves when the current src has been drawn (or failed: see the 'error' event). */
  get complete() {
    return this.loading ?? Promise.resolve();
  }

  attributeChangedCallback(name) {
    if (name === 'alt') {
      this.canvas.setAttribute('aria-label', this.getAttribute('alt') ?? '');
    } else if (this.isConnected) {
      this.load();
    }
  }

  connectedCallback() {
    if (!this.loading) {
      this.load();
    }
  }

  load() {
    const src = this.getAttribute('src');
    if (!src) {
      return;
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.dataset.state = 'loading';
    this.loading = (async () => {
      try {
        const response = await fetch(new URL(src, document.baseURI), {signal: controller.signal});
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        const bitmap = await decodeToBitmap(await response.blob(), {signal: controller.signal});
        if (controller.signal.aborted) {
          return;
        }
        this.canvas.width = bitmap.width;
        this.canvas.height = bitmap.height;
        this.canvas.getContext('bitmaprenderer').transferFromImageBitmap(bitmap);
        this.dataset.state = 'loaded';
        this.dispatchEvent(new Event('load'));
      } catch (e) {
        if (!controller.signal.aborted) {
          this.dataset.state = 'error';
          this.title = `cannot show ${src}: ${e.message}`;
          this.dispatchEvent(new CustomEvent('error', {detail: e}));
        }
      }
    })();
  }

  get naturalWidth() {
    return this.dataset.state === 'loaded' ? this.canvas.width : 0;
  }

  get naturalHeight() {
    return this.dataset.state === 'loaded' ? this.canvas.height : 0;
  }
}

if (!customElements.get('tegula-img')) {
  customElements.define('tegula-img', TegulaImg);
}
