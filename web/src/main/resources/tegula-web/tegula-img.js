// <tegula-img src="photo.tgl" alt="…">: shows a .tgl (or JPEG/PNG) image on any page. The file
// is fetched and decoded by tegula.js's workers into an ImageBitmap, drawn on a canvas in the
// element's shadow root. Sized like an <img>: its natural size (upright by its EXIF orientation,
// as browsers show an <img>), shrunk to fit its container; or the width and/or height attributes,
// in CSS pixels. With either, a large JPEG (or a .tgl that keeps one) is decoded at 1/2, 1/4 or
// 1/8 of its size when that still covers the size shown at the screen's pixel density
// (jpegShrink): a gallery of photos decodes thumbnails, not the photos.
// loading="lazy", as on an <img>: nothing is fetched or decoded until the element comes within
// 200 pixels of the viewport.
// A page that only shows images can call init({decodeOnly: true}) first: the workers then load
// the decode-only module, about half the download.
import {decodeToBitmap, info} from './tegula.js';

/** A positive whole number of CSS pixels from an attribute, else 0. */
function pixels(value) {
  const n = Number.parseInt(value ?? '', 10);
  return n > 0 ? n : 0;
}

/**
 * The largest of 8, 4 and 2 that still gives at least the box's device pixels on each side it
 * names (an upright natural size; ceil as the shrunk decode rounds), else 1.
 */
function shrinkFor(natural, box) {
  for (const n of [8, 4, 2]) {
    if (Math.ceil(natural.width / n) >= box.width && Math.ceil(natural.height / n) >= box.height) {
      return n;
    }
  }
  return 1;
}

/** Starts the lazy elements' loads as they come near the viewport. */
let nearViewport = null;

function watch(element) {
  nearViewport ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        nearViewport.unobserve(e.target);
        e.target.seen = true;
        e.target.load();
      }
    }
  }, {rootMargin: '200px'});
  nearViewport.observe(element);
}

export class TegulaImg extends HTMLElement {
  static observedAttributes = ['src', 'alt', 'width', 'height'];

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

  /**
   * Resolves when the current src has been drawn (or failed: see the 'error' event); at once for
   * a lazy element that has not come near the viewport yet.
   */
  get complete() {
    return this.loading ?? Promise.resolve();
  }

  attributeChangedCallback(name) {
    if (name === 'alt') {
      this.canvas.setAttribute('aria-label', this.getAttribute('alt') ?? '');
    } else if (name === 'src') {
      if (this.isConnected) {
        this.load();
      }
    } else {
      this.applySize();
      // a larger box may need a larger decode
      if (this.isConnected && this.natural && shrinkFor(this.natural, this.box()) !== this.shrink) {
        this.load();
      }
    }
  }

  /** The width and height attributes as the canvas's CSS size (the other side follows). */
  applySize() {
    const width = pixels(this.getAttribute('width'));
    const height = pixels(this.getAttribute('height'));
    this.canvas.style.width = width ? `${width}px` : '';
    this.canvas.style.height = height ? `${height}px` : 'auto';
  }

  /** The size shown in device pixels, 0 for a side the attributes leave free. */
  box() {
    const ratio = globalThis.devicePixelRatio || 1;
    return {width: Math.ceil(pixels(this.getAttribute('width')) * ratio),
      height: Math.ceil(pixels(this.getAttribute('height')) * ratio)};
  }

  connectedCallback() {
    if (!this.loading) {
      this.load();
    }
  }

  disconnectedCallback() {
    nearViewport?.unobserve(this);
  }

  load() {
    const src = this.getAttribute('src');
    if (!src) {
      return;
    }
    if (this.getAttribute('loading') === 'lazy' && !this.seen) {
      watch(this);
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
        const blob = await response.blob();
        const box = this.box();
        let natural = null;
        let jpegShrink = 1;
        if (box.width || box.height) {
          const i = await info(blob, {signal: controller.signal});
          natural = i.orientation >= 5 ? {width: i.height, height: i.width}
            : {width: i.width, height: i.height};
          jpegShrink = shrinkFor(natural, box);
        }
        const bitmap = await decodeToBitmap(blob,
            {signal: controller.signal, autoOrient: true, jpegShrink});
        if (controller.signal.aborted) {
          return;
        }
        this.natural = natural ?? {width: bitmap.width, height: bitmap.height};
        this.shrink = jpegShrink;
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

  /** The image's upright size, also when a smaller decode is shown (0 until loaded). */
  get naturalWidth() {
    return this.dataset.state === 'loaded' ? this.natural.width : 0;
  }

  get naturalHeight() {
    return this.dataset.state === 'loaded' ? this.natural.height : 0;
  }
}

if (!customElements.get('tegula-img')) {
  customElements.define('tegula-img', TegulaImg);
}
