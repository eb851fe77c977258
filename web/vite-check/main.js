// A web developer's app: imports tegula as a package and uses it with no Vite configuration.
import {init, compress, decode, restore} from 'tegula';

const result = document.getElementById('result');

async function run() {
  await init({workers: 2});
  // a 700 x 500 gradient: two tiles across, so the worker pool splits it
  const image = new ImageData(700, 500);
  for (let i = 0; i < image.data.length; i += 4) {
    const p = i / 4;
    image.data.set([p % 700 % 256, (p / 700) % 256, 128, 255], i);
  }
  const tgl = await compress(image, {quality: 80, tileSize: 256});
  const back = await decode(tgl);
  const png = await restore(tgl);
  return `ok ${tgl.type} ${back.width}x${back.height} ${png.type}`;
}

run().then((text) => {
  result.textContent = text;
  result.dataset.state = 'done';
}, (e) => {
  result.textContent = `failed: ${e.code || ''} ${e.message}`;
  result.dataset.state = 'failed';
});
