// The before/after viewer of one image: the original under the compressed result, split by a
// handle that pointer and keyboard move, a zoom from fit-to-width to 8 pixels per pixel, and the
// SSIM heatmap as an optional overlay.

const ZOOMS = [['fit', 'Fit'], ['1', '100%'], ['2', '200%'], ['4', '400%'], ['8', '800%']];

export class Viewer {
  /** @param {HTMLElement} root an element of the template's .viewer */
  constructor(root) {
    this.root = root;
    this.stage = root.querySelector('.stage');
    this.before = root.querySelector('canvas.before');
    this.after = root.querySelector('canvas.after');
    this.heat = root.querySelector('canvas.heat');
    this.handle = root.querySelector('.split-handle');
    this.splitInput = root.querySelector('input.split');
    this.zoomSelect = root.querySelector('select.zoom');
    this.heatToggle = root.querySelector('input.heat-toggle');
    for (const [value, label] of ZOOMS) {
      this.zoomSelect.append(new Option(label, value));
    }
    this.splitInput.addEventListener('input', () => this.setSplit(Number(this.splitInput.value)));
    this.zoomSelect.addEventListener('change', () => this.setZoom(this.zoomSelect.value));
    this.heatToggle.addEventListener('change', () => {
      this.heat.hidden = !this.heatToggle.checked;
    });
    this.stage.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) {
        return;
      }
      this.stage.setPointerCapture(e.pointerId);
      this.dragTo(e);
    });
    this.stage.addEventListener('pointermove', (e) => {
      if (this.stage.hasPointerCapture(e.pointerId)) {
        this.dragTo(e);
      }
    });
    this.setSplit(50);
    this.setZoom('fit');
  }

  dragTo(event) {
    const box = this.stage.getBoundingClientRect();
    if (box.width > 0) {
      this.setSplit(Math.round(1000 * (event.clientX - box.left) / box.width) / 10);
    }
  }

  /** @param {number} percent of the width that shows the original, 0-100 */
  setSplit(percent) {
    const p = Math.max(0, Math.min(100, percent));
    this.split = p;
    this.splitInput.value = String(p);
    this.stage.style.setProperty('--split', `${p}%`);
  }

  setZoom(value) {
    this.zoom = value;
    this.zoomSelect.value = value;
    this.root.classList.toggle('zoomed', value !== 'fit');
    this.layout();
  }

  layout() {
    const w = this.before.width;
    const h = this.before.height;
    if (this.zoom === 'fit' || !w) {
      this.stage.style.width = '';
      this.stage.style.height = '';
    } else {
      this.stage.style.width = `${w * Number(this.zoom)}px`;
      this.stage.style.height = `${h * Number(this.zoom)}px`;
    }
  }

  /** @param {{width, height, data}} pixels */
  static paint(canvas, pixels) {
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.getContext('2d').putImageData(
        new ImageData(new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset,
            pixels.width * pixels.height * 4), pixels.width, pixels.height), 0, 0);
  }

  showOriginal(pixels) {
    Viewer.paint(this.before, pixels);
    this.stage.style.aspectRatio = `${pixels.width} / ${pixels.height}`;
    this.layout();
  }

  showResult(pixels) {
    Viewer.paint(this.after, pixels);
    this.after.hidden = false;
  }

  showHeatmap(pixels) {
    if (pixels) {
      Viewer.paint(this.heat, pixels);
      this.heatToggle.disabled = false;
    } else {
      this.heatToggle.disabled = true;
      this.heatToggle.checked = false;
      this.heat.hidden = true;
    }
  }

  /** A single image (a restored .tgl): no split. */
  singleImage() {
    this.root.classList.add('single');
  }
}
