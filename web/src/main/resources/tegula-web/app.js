// The Tegula app page: the bundled sample compressed in advance, then every image dropped,
// pasted or chosen, each on its own card (app-card.js). Only presentation lives here.
import {init, status as poolStatus} from './tegula.js';
import {ImageCard} from './app-card.js';
import {zip} from './zip.js';
import './tegula-img.js';

const status = document.getElementById('status');
const results = document.getElementById('results');
const template = document.getElementById('card-template');
const drop = document.getElementById('drop');
const fileInput = document.getElementById('file');
const downloadAll = document.getElementById('download-all');
const cards = new Set();

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/** Cards are started one after another, so a batch of files never holds every image at once. */
let queue = Promise.resolve();

function addCard(name, file, preset, first = true) {
  const card = new ImageCard(template, name, file, preset);
  cards.add(card);
  if (first) {
    results.prepend(card.node);
  } else {
    results.append(card.node);
  }
  downloadAll.disabled = false;
  queue = queue.then(() => card.start());
  return card;
}

function addFiles(files) {
  for (const f of files) {
    addCard(f.name || 'pasted image', f);
  }
}

results.addEventListener('card-removed', (e) => {
  cards.delete(e.detail);
  downloadAll.disabled = cards.size === 0;
});

downloadAll.addEventListener('click', async () => {
  const files = [...cards].filter((c) => c.result).map((c) => ({name: c.result.fileName, data: c.result.blob}));
  const blob = await zip(files);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'tegula.zip';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
});

drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  addFiles([...e.dataTransfer.files]);
});
drop.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && e.target === drop) {
    e.preventDefault();
    fileInput.click();
  }
});
fileInput.addEventListener('change', () => {
  addFiles([...fileInput.files]);
  fileInput.value = '';
});
document.addEventListener('paste', (e) => {
  const files = [...(e.clipboardData?.files ?? [])];
  if (files.length) {
    e.preventDefault();
    addFiles(files);
  }
});

async function startCodec() {
  try {
    // the codec versions this server offers, each with its SHA-256 (see sw.js and codecs.json)
    await init({manifest: 'codecs.json'});
  } catch (e) {
    if (e.code === 'integrity') {
      throw e;
    }
    await init();
  }
}

try {
  await startCodec();
  const s = poolStatus();
  setStatus('ready', `Codec ${s.codec} ready in ${s.workers} workers.`);
  // sample.tgl is made by the build with this codec; without it (a source tree served as it
  // is), the sample is compressed here
  const [original, compressed] = await Promise.all(['sample.jpg', 'sample.tgl'].map(async (name) => {
    const response = await fetch(name);
    return response.ok ? response.blob() : null;
  }));
  const sample = addCard('sample.jpg (bundled sample)', original, {compressed}, false);
  await queue;
  if (sample.node.dataset.state === 'done') {
    setStatus('ready', `Codec ${s.codec} ready in ${s.workers} workers. Showing the bundled sample, compressed in advance.`);
  }
} catch (e) {
  setStatus('error', `The codec failed to load: ${e.message}`);
}

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {
    // offline use is a bonus: the app works without it
  });
}
