// A web developer's app: imports tegula as a package and uses it with no Vite configuration, on
// the page and inside a module worker of its own (which then starts tegula's workers itself).
import {init, compress, decode, restore} from 'tegula';

const result = document.getElementById('result');

/** A 700 x 500 gradient: two tiles across at tileSize 256, so the worker pool splits it. */
function gradient() {
  const image = new ImageData(700, 500);
  for (let i = 0; i < image.data.length; i += 4) {
    const p = i / 4;
    image.data.set([p % 700 % 256, (p / 700) % 256, 128, 255], i);
  }
  return image;
}

/** A JPEG made by the browser, for decoding with tegula. */
async function browserJpeg(image) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d').putImageData(image, 0, 0);
  return canvas.convertToBlob({type: 'image/jpeg', quality: 0.9});
}

function inOwnWorker(jpeg) {
  const worker = new Worker(new URL('./user-worker.js', import.meta.url), {type: 'module'});
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.error) {
        reject(new Error(`in the worker: ${e.data.error}`));
      } else {
        resolve(e.data.text);
      }
    };
    worker.onerror = (e) => reject(new Error(`the worker failed: ${e.message}`));
    worker.postMessage(jpeg);
  });
}

async function run() {
  await init({workers: 2});
  const image = gradient();
  const tgl = await compress(image, {quality: 80, tileSize: 256});
  const back = await decode(tgl);
  const png = await restore(tgl);
  const jpeg = await browserJpeg(image);
  const decoded = await decode(jpeg);
  const ours = await compress(jpeg, {format: 'jpeg', quality: 70});
  const worker = await inOwnWorker(jpeg);
  return `ok page: ${tgl.type} ${back.width}x${back.height} ${png.type}`
    + ` jpeg ${decoded.info.format} ${decoded.width}x${decoded.height} ${ours.type}; worker: ${worker}`;
}

run().then((text) => {
  result.textContent = text;
  result.dataset.state = 'done';
}, (e) => {
  result.textContent = `failed: ${e.code || ''} ${e.message}`;
  result.dataset.state = 'failed';
});
