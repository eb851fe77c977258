// A user's own module worker that uses tegula.js (which then starts its workers from here).
import * as tegula from '../tegula.js';
import {sha256} from './helpers.js';

self.onmessage = async (event) => {
  try {
    await tegula.init({workers: 2});
    const file = event.data;
    const decoded = await tegula.decode(file);
    const tgl = await tegula.compress(file, {quality: 50, tileSize: 128});
    const back = await tegula.decode(tgl);
    const png = await tegula.restore(tgl);
    self.postMessage({
      decoded: `${decoded.width}x${decoded.height}`,
      tgl: `${tgl.type} ${tgl.size} ${await sha256(tgl)}`,
      back: `${back.width}x${back.height} ${back.complete} ${await sha256(back.data)}`,
      png: png.type,
      inWorker: typeof document === 'undefined',
    });
  } catch (e) {
    self.postMessage({error: `${e.code} ${e.message}`});
  }
};
