// The Tegula app page: shows the bundled sample, then any JPEG/PNG dropped or chosen, each decoded
// by the Wasm codec in a worker (tegula.js). Only presentation lives here.
import {init, decode} from './tegula.js';

const status = document.getElementById('status');
const results = document.getElementById('results');
const template = document.getElementById('result-template');
const drop = document.getElementById('drop');
const fileInput = document.getElementById('file');
const orient = document.getElementById('orient');

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function fact(dl, name, key, value) {
  const dt = document.createElement('dt');
  dt.textContent = name;
  const dd = document.createElement('dd');
  dd.dataset.fact = key;
  dd.textContent = value;
  dl.append(dt, dd);
}

function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`;
}

async function show(name, blob, prepend = true) {
  const node = template.content.firstElementChild.cloneNode(true);
  node.querySelector('.name').textContent = name;
  const dl = node.querySelector('dl');
  if (prepend) {
    results.prepend(node);
  } else {
    results.append(node);
  }
  const started = performance.now();
  try {
    const r = await decode(blob, {autoOrient: orient.checked});
    const totalMs = performance.now() - started;
    const canvas = node.querySelector('canvas');
    canvas.width = r.width;
    canvas.height = r.height;
    canvas.getContext('2d').putImageData(new ImageData(r.data, r.width, r.height), 0, 0);
    const i = r.info;
    fact(dl, 'size', 'size', `${r.width} × ${r.height}` + (r.width !== i.width ? ` (stored ${i.width} × ${i.height})` : ''));
    fact(dl, 'format', 'format', i.format.toUpperCase());
    fact(dl, 'variant', 'variant', i.variant);
    fact(dl, 'progressive', 'progressive', i.progressive ? 'yes' : 'no');
    if (i.subsampling) {
      fact(dl, 'subsampling', 'subsampling', i.subsampling);
    }
    fact(dl, 'colour', 'colorSpace', i.colorSpace);
    fact(dl, 'bit depth', 'bitDepth', String(i.bitDepth));
    fact(dl, 'alpha', 'alpha', i.hasAlpha ? 'yes' : 'no');
    fact(dl, 'orientation', 'orientation', String(i.orientation));
    fact(dl, 'file size', 'fileSize', formatBytes(blob.size));
    fact(dl, 'decode', 'decodeMs', `${r.decodeMs.toFixed(1)} ms`);
    fact(dl, 'round trip', 'totalMs', `${totalMs.toFixed(1)} ms`);
    const m = r.metadata;
    const kept = [m.iccBytes && `ICC ${formatBytes(m.iccBytes)}`, m.exifBytes && `EXIF ${formatBytes(m.exifBytes)}`,
      m.xmpBytes && `XMP ${formatBytes(m.xmpBytes)}`, ...Object.keys(m.text)].filter(Boolean);
    fact(dl, 'metadata', 'metadata', kept.length ? kept.join(', ') : 'none');
    if (!r.complete) {
      const w = node.querySelector('.warning');
      w.hidden = false;
      w.textContent = `Incomplete: ${r.warning}`;
    }
    node.dataset.state = 'decoded';
  } catch (e) {
    node.dataset.state = 'error';
    const p = document.createElement('p');
    p.className = 'error';
    p.dataset.errorCode = e.code || 'internal';
    p.textContent = `Cannot decode: ${e.message}`;
    node.querySelector('.facts').append(p);
  }
  return node;
}

async function showFiles(files) {
  for (const f of files) {
    await show(f.name, f);
  }
}

drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  showFiles([...e.dataTransfer.files]);
});
fileInput.addEventListener('change', () => showFiles([...fileInput.files]));

try {
  await init();
  setStatus('ready', 'Decoder ready.');
  const sample = await fetch('sample.jpg');
  await show('sample.jpg (bundled sample)', await sample.blob(), false);
  setStatus('ready', 'Decoder ready. Showing the bundled sample.');
} catch (e) {
  setStatus('error', `The decoder failed to load: ${e.message}`);
}
